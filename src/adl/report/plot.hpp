/// @file
/// Plots for reports (spec/empirical.md, EMP-REPORT): line and bar charts
/// rendered to standalone SVG by gnuplot, so an HTML report embeds its
/// pictures inline and reads offline.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace adl::report {

/// One named series of a chart: y values at the chart's x positions.
/// @spec EMP-REPORT
struct Series {
  std::string title;      ///< Legend entry.
  std::vector<double> y;  ///< One value per x position (NaN = no point).
  bool dashed = false;    ///< Drawn dashed (reference lines, bounds).
};

/// A chart: lines over numeric x, or clustered bars over labelled categories.
/// @spec EMP-REPORT
struct Chart {
  /// How the series are drawn.
  enum class Kind {
    kLines,  ///< Lines with points over numeric x.
    kBars,   ///< Clustered bars over category labels.
  };
  Kind kind = Kind::kLines;                ///< How the series are drawn.
  std::string title;                       ///< Title above the plot.
  std::string x_label;                     ///< Label of the x axis.
  std::string y_label;                     ///< Label of the y axis.
  std::vector<double> x;                   ///< x positions (kLines).
  std::vector<std::string> x_tick_labels;  ///< Optional tick label per x position (kLines).
  std::vector<std::string> categories;     ///< Category labels (kBars), one per bar group.
  std::vector<Series> series;              ///< The data.
  bool log_x = false;                      ///< Logarithmic x axis.
  bool log_y = false;                      ///< Logarithmic y axis.
  std::optional<double> reference_line;    ///< A horizontal line (a bound), drawn dashed.
  std::string reference_label;             ///< Its legend entry.
};

/// The gnuplot script that draws `chart` as SVG on standard output, data inline.
/// Throws adl::ref::InvalidInput when the chart has no data points or no series,
/// or a series or the tick labels do not have one value per point.
/// @spec EMP-REPORT
std::string gnuplot_script(const Chart& chart);

/// Renders `chart` to an SVG document by running `gnuplot` (found on PATH) with a
/// time limit. Throws adl::ref::InvalidInput on a malformed chart (as
/// gnuplot_script) and std::runtime_error naming the problem when gnuplot is
/// missing, fails, times out or prints something that is not SVG.
/// @spec EMP-REPORT
std::string render_svg(const Chart& chart);

}  // namespace adl::report
