#include "adl/report/plot.hpp"

#include "adl/ref/error.hpp"
#include "adl/sys/process.hpp"

#include <chrono>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace adl::report {
namespace {

// A gnuplot double-quoted string: backslash and quote escaped.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string number(double v) {
  if (!std::isfinite(v)) return "NaN";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

void check_shape(const Chart& chart) {
  const std::size_t n = chart.kind == Chart::Kind::kLines ? chart.x.size() : chart.categories.size();
  if (n == 0) throw ref::InvalidInput("chart '" + chart.title + "' has no data points");
  if (chart.series.empty()) throw ref::InvalidInput("chart '" + chart.title + "' has no series");
  for (const Series& s : chart.series) {
    if (s.y.size() != n) {
      throw ref::InvalidInput("chart '" + chart.title + "': series '" + s.title + "' has " +
                              std::to_string(s.y.size()) + " values for " + std::to_string(n) + " points");
    }
  }
}

}  // namespace

std::string gnuplot_script(const Chart& chart) {
  check_shape(chart);
  std::ostringstream s;
  s << "set terminal svg size 880,420 dynamic noenhanced font \"sans,11\" background rgb \"white\"\n"
    << "set encoding utf8\n"
    << "set datafile missing \"NaN\"\n"
    << "set title " << quoted(chart.title) << "\n"
    << "set xlabel " << quoted(chart.x_label) << "\n"
    << "set ylabel " << quoted(chart.y_label) << "\n"
    << "set key outside right top vertical\n"
    << "set grid ytics lc rgb \"#dddddd\"\n"
    << "set format y \"%.3g\"\n";
  if (!chart.x_tick_labels.empty()) {
    if (chart.x_tick_labels.size() != chart.x.size()) {
      throw ref::InvalidInput("chart '" + chart.title + "': " + std::to_string(chart.x_tick_labels.size()) +
                              " tick labels for " + std::to_string(chart.x.size()) + " points");
    }
    s << "set xtics (";
    for (std::size_t i = 0; i < chart.x.size(); ++i) {
      s << (i ? ", " : "") << quoted(chart.x_tick_labels[i]) << " " << number(chart.x[i]);
    }
    s << ")\n";
  }
  if (chart.log_x) s << "set logscale x\n";
  if (chart.log_y) s << "set logscale y\n";
  if (chart.reference_line) {
    // Keep the reference line inside the plot: extend the y range to it.
    double top = *chart.reference_line;
    double bottom = *chart.reference_line;
    for (const Series& series : chart.series) {
      for (double v : series.y) {
        if (std::isfinite(v)) {
          top = std::max(top, v);
          bottom = std::min(bottom, v);
        }
      }
    }
    if (!chart.log_y) {
      const double low = std::min(0.0, bottom);
      s << "set yrange [" << number(low) << ":" << number(top + 0.08 * (top - low)) << "]\n";
    }
    s << "set arrow from graph 0, first " << number(*chart.reference_line) << " to graph 1, first "
      << number(*chart.reference_line) << " nohead dt 2 lw 2 lc rgb \"black\" front\n";
  }
  s << "$data << EOD\n";
  const bool bars = chart.kind == Chart::Kind::kBars;
  const std::size_t n = bars ? chart.categories.size() : chart.x.size();
  for (std::size_t i = 0; i < n; ++i) {
    s << (bars ? quoted(chart.categories[i]) : number(chart.x[i]));
    for (const Series& series : chart.series) s << ' ' << number(series.y[i]);
    s << '\n';
  }
  s << "EOD\n";
  if (bars) {
    s << "set style data histograms\nset style histogram clustered gap 1\n"
      << "set style fill solid 0.85 border -1\nset xtics rotate by -45 scale 0\n";
  }
  s << "plot ";
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const Series& series = chart.series[k];
    if (k > 0) s << ", ";
    const std::size_t column = k + 2;
    if (bars) {
      s << "$data using " << column << (k == 0 ? ":xtic(1)" : "") << " title " << quoted(series.title);
    } else {
      s << "$data using 1:" << column << " with linespoints pt 7 ps 0.5 lw 2" << (series.dashed ? " dt 2" : "")
        << " title " << quoted(series.title);
    }
  }
  if (chart.reference_line) {
    // An invisible point carrying the reference line's legend entry.
    s << ", NaN with lines dt 2 lw 2 lc rgb \"black\" title " << quoted(chart.reference_label);
  }
  s << "\n";
  return s.str();
}

std::string render_svg(const Chart& chart) {
  const std::string script = gnuplot_script(chart);
  const std::string what = "plot '" + chart.title + "': gnuplot ";
  sys::RunResult result;
  try {
    result = sys::run_capture({"gnuplot"}, script, std::chrono::seconds(30));
  } catch (const sys::SpawnError& e) {
    throw std::runtime_error(what + "could not be started (Debian: apt-get install gnuplot-nox): " + e.what());
  }
  if (result.timed_out) throw std::runtime_error(what + "did not finish within 30 s and was stopped");
  if (result.term_signal != 0) {
    throw std::runtime_error(what + "was killed by signal " + std::to_string(result.term_signal));
  }
  if (result.exit_code != 0) {
    throw std::runtime_error(what + "failed (exit " + std::to_string(result.exit_code) + "): " + result.err);
  }
  const std::size_t start = result.out.find("<svg");
  const std::size_t end = result.out.rfind("</svg>");
  if (start == std::string::npos || end == std::string::npos || end < start) {
    throw std::runtime_error(what + "printed no SVG document: " + result.err);
  }
  return result.out.substr(start, end + 6 - start);
}

}  // namespace adl::report
