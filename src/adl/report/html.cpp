#include "adl/report/html.hpp"

#include <cctype>

namespace adl::report {
namespace {

bool numeric_looking(const std::string& cell) {
  if (cell.empty()) return false;
  for (char c : cell) {
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == ',' || c == '.' || c == '-' || c == '+' || c == '%' ||
          c == ' ' || c == 'e' || c == '/')) {
      return false;
    }
  }
  return std::isdigit(static_cast<unsigned char>(cell.back())) || cell.back() == '%';
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

HtmlReport::HtmlReport(std::string title) : title_(std::move(title)) {}

void HtmlReport::heading(std::string_view text, int level) {
  const std::string tag = level <= 2 ? "h2" : "h3";
  body_ += "<" + tag + ">" + escape_html(text) + "</" + tag + ">\n";
}

void HtmlReport::paragraph(std::string_view text) { body_ += "<p>" + escape_html(text) + "</p>\n"; }

void HtmlReport::caveat(std::string_view text) { body_ += "<p class=\"caveat\">" + escape_html(text) + "</p>\n"; }

void HtmlReport::table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  body_ += "<table>\n<tr>";
  for (const std::string& h : header) body_ += "<th>" + escape_html(h) + "</th>";
  body_ += "</tr>\n";
  for (const auto& row : rows) {
    body_ += "<tr>";
    for (const std::string& cell : row) {
      body_ += numeric_looking(cell) ? "<td class=\"n\">" : "<td>";
      body_ += escape_html(cell) + "</td>";
    }
    body_ += "</tr>\n";
  }
  body_ += "</table>\n";
}

void HtmlReport::figure(std::string_view svg, std::string_view caption) {
  body_ += "<figure>\n";
  body_ += svg;
  body_ += "\n<figcaption>" + escape_html(caption) + "</figcaption>\n</figure>\n";
}

std::string HtmlReport::render() const {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape_html(title_) +
         "</title>\n<style>\n"
         "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}\n"
         "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em}\n"
         "th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
         ".caveat{border-left:4px solid #c90;background:#fff8e6;padding:.4em .8em}\n"
         "figure{margin:1.5em 0}figcaption{font-size:.9em;color:#555}svg{max-width:100%;height:auto}\n"
         "</style>\n</head>\n<body>\n<h1>" +
         escape_html(title_) + "</h1>\n" + body_ + "</body>\n</html>\n";
}

}  // namespace adl::report
