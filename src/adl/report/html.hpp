/// @file
/// A self-contained HTML report (spec/empirical.md, EMP-REPORT): headings,
/// paragraphs, tables and inline SVG figures in one file, no external assets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace adl::report {

/// Text with the five HTML special characters escaped.
/// @spec EMP-REPORT
std::string escape_html(std::string_view text);

/// Builds one HTML page in order; render() returns the whole document.
/// @spec EMP-REPORT
class HtmlReport {
 public:
  /// A page titled `title`.
  explicit HtmlReport(std::string title);
  /// A section heading (level 2 or 3).
  void heading(std::string_view text, int level = 2);
  /// A paragraph of plain text (escaped).
  void paragraph(std::string_view text);
  /// A highlighted note: what a number does and does not mean.
  void caveat(std::string_view text);
  /// A table; cells are plain text (escaped). Numeric-looking cells are right-aligned.
  void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
  /// An SVG figure (from render_svg) with a caption.
  void figure(std::string_view svg, std::string_view caption);
  /// The complete document.
  [[nodiscard]] std::string render() const;

 private:
  std::string title_;
  std::string body_;
};

}  // namespace adl::report
