// EMP-REPORT: the HTML report and its gnuplot SVG plots.
#include "adl/report/html.hpp"
#include "adl/report/plot.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

namespace {

using adl::report::Chart;
using adl::report::HtmlReport;
using adl::report::Series;

Chart lines_chart() {
  Chart c;
  c.title = "cumulative \"overshoot\"";
  c.x_label = "wave";
  c.y_label = "USD";
  c.x = {1, 2, 3};
  c.x_tick_labels = {"w1", "w2", "w4"};
  c.series = {Series{"horizon 0 ms", {1.5, 2.5, NAN}, false}, Series{"bound", {3, 3, 3}, true}};
  c.reference_line = 2.75;
  c.reference_label = "B = 2.75";
  return c;
}

// EMP-REPORT: the script carries every data point (NaN as missing), quoted titles and the reference line.
TEST(report, ScriptCarriesDataTitlesAndReferenceLine) {
  const std::string s = adl::report::gnuplot_script(lines_chart());
  EXPECT_NE(s.find("set terminal svg"), std::string::npos);
  EXPECT_NE(s.find("set title \"cumulative \\\"overshoot\\\"\""), std::string::npos);
  EXPECT_NE(s.find("1 1.5 3\n2 2.5 3\n3 NaN 3\n"), std::string::npos) << s;
  EXPECT_NE(s.find("first 2.75"), std::string::npos);
  EXPECT_NE(s.find("title \"B = 2.75\""), std::string::npos);
  EXPECT_NE(s.find("dt 2 title \"bound\""), std::string::npos);
  EXPECT_NE(s.find("set xtics (\"w1\" 1, \"w2\" 2, \"w4\" 3)"), std::string::npos);
  // The y range reaches the reference line even when no data point does.
  EXPECT_NE(s.find("set yrange [0:"), std::string::npos);
}

// EMP-REPORT: a series of the wrong length is rejected before gnuplot runs.
TEST(report, MismatchedSeriesIsRejected) {
  Chart c = lines_chart();
  c.series[0].y.pop_back();
  EXPECT_THROW((void)adl::report::gnuplot_script(c), std::invalid_argument);
  c = lines_chart();
  c.x_tick_labels.pop_back();
  EXPECT_THROW((void)adl::report::gnuplot_script(c), std::invalid_argument);
  c.series.clear();
  EXPECT_THROW((void)adl::report::gnuplot_script(c), std::invalid_argument);
}

// EMP-REPORT: gnuplot renders both chart kinds to a standalone <svg> element that
// names its series in the legend.
TEST(report, RendersSvgWithLegend) {
  const std::string svg = adl::report::render_svg(lines_chart());
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(svg.substr(svg.size() - 6), "</svg>");
  EXPECT_NE(svg.find("horizon 0 ms"), std::string::npos);
  EXPECT_NE(svg.find("B = 2.75"), std::string::npos);

  Chart bars;
  bars.kind = Chart::Kind::kBars;
  bars.title = "loss per policy";
  bars.categories = {"production", "pro-rata"};
  bars.series = {Series{"L1 loss", {64.8, 2.7}, false}};
  const std::string svg2 = adl::report::render_svg(bars);
  EXPECT_NE(svg2.find("production"), std::string::npos);
  EXPECT_NE(svg2.find("pro-rata"), std::string::npos);
}

// EMP-REPORT: text is escaped; figures are inline; the page needs nothing external.
TEST(report, HtmlIsSelfContainedAndEscaped) {
  HtmlReport r("A & B <test>");
  r.heading("Totals");
  r.paragraph("x < y & \"z\"");
  r.caveat("not a bound");
  r.table({"name", "value"}, {{"a<b", "1,234.50"}});
  r.figure("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", "cap & tion");
  const std::string html = r.render();
  EXPECT_NE(html.find("<title>A &amp; B &lt;test&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<p>x &lt; y &amp; &quot;z&quot;</p>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"n\">1,234.50</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>a&lt;b</td>"), std::string::npos);
  EXPECT_NE(html.find("<figure>\n<svg"), std::string::npos);
  EXPECT_NE(html.find("<figcaption>cap &amp; tion</figcaption>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://", html.find("</svg>")), std::string::npos);
}

}  // namespace
