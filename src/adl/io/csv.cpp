#include "adl/io/csv.hpp"

#include "adl/io/error.hpp"
#include "adl/io/text.hpp"

#include <algorithm>
#include <utility>

namespace adl::io {
namespace {

using detail::code_points;
using detail::find_invalid_utf8;
using detail::strip_bom;

bool blank(char ch) { return ch == ' ' || ch == '\t'; }

/// `a, b, c` (ByName messages) or `a,b,c` (the exact headers of the pipeline's tables).
std::string joined(std::span<const ColumnSpec> columns, const char* separator) {
  std::string out;
  for (const auto& column : columns) {
    if (!out.empty()) out += separator;
    out += std::string(column.name);
  }
  return out;
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string source) : text_(strip_bom(text)), source_(std::move(source)) {}

std::optional<CsvRecord> CsvReader::next() {
  while (pos_ < text_.size()) {
    const std::size_t newline = text_.find('\n', pos_);
    const std::size_t end = newline == std::string_view::npos ? text_.size() : newline;
    std::string_view line = text_.substr(pos_, end - pos_);
    pos_ = newline == std::string_view::npos ? text_.size() : newline + 1;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

    const auto column_of = [&](std::size_t byte) { return code_points(line.substr(0, byte)) + 1; };
    const auto fail = [&](std::size_t byte, const std::string& message) {
      throw InputError(source_, line_, column_of(byte), "", message);
    };
    if (const auto bad = find_invalid_utf8(line); bad != std::string_view::npos) {
      fail(bad, "invalid UTF-8");
    }
    if (const auto cr = line.find('\r'); cr != std::string_view::npos) {
      fail(cr, "stray carriage return (lines must end in \\n or \\r\\n)");
    }

    std::size_t first = 0;
    while (first < line.size() && blank(line[first])) ++first;
    if (first == line.size() || line[first] == '#') continue;  // blank line or comment

    CsvRecord record;
    record.line = line_;
    record.end_column = column_of(line.size());
    std::size_t i = 0;
    while (true) {
      std::size_t start = i;
      while (start < line.size() && blank(line[start])) ++start;
      CsvField field;
      if (start < line.size() && line[start] == '"') {
        field.quoted = true;
        field.column = column_of(start);
        std::size_t j = start + 1;
        while (true) {
          if (j >= line.size()) {
            fail(start, "unterminated quoted field (quoted fields may not span lines)");
          }
          if (line[j] == '"') {
            if (j + 1 < line.size() && line[j + 1] == '"') {
              field.text.push_back('"');
              j += 2;
              continue;
            }
            ++j;
            break;
          }
          field.text.push_back(line[j]);
          ++j;
        }
        while (j < line.size() && blank(line[j])) ++j;
        if (j < line.size() && line[j] != ',') fail(j, "unexpected character after a closing quote");
        i = j;
      } else {
        std::size_t j = start;
        while (j < line.size() && line[j] != ',') {
          if (line[j] == '"') fail(j, "quote inside an unquoted field (quote the whole field)");
          ++j;
        }
        std::size_t stop = j;
        while (stop > start && blank(line[stop - 1])) --stop;
        field.text = std::string(line.substr(start, stop - start));
        // A value points at its first character; an empty field at where it starts.
        field.column = column_of(stop > start ? start : i);
        i = j;
      }
      record.fields.push_back(std::move(field));
      if (i >= line.size()) break;
      ++i;  // past the comma
    }
    return record;
  }
  return std::nullopt;
}

std::optional<std::size_t> find_column(const CsvRecord& header, std::string_view name) {
  for (const auto& field : header.fields) {
    if (field.text == name) return field.column;
  }
  return std::nullopt;
}

CsvTable::CsvTable(std::string_view text, std::string source, std::span<const ColumnSpec> columns, HeaderRule rule,
                   const std::string& empty_message)
    : reader_(text, source), source_(std::move(source)), rule_(rule) {
  auto header = reader_.next();
  if (!header) {
    const std::size_t line = rule == HeaderRule::Exact ? std::max<std::size_t>(reader_.last_line(), 1) : 1;
    throw InputError(source_, line, 1, "", empty_message);
  }
  header_ = std::move(*header);
  check(columns);
}

CsvTable::CsvTable(CsvReader reader, CsvRecord header, std::span<const ColumnSpec> columns, HeaderRule rule)
    : reader_(std::move(reader)), rule_(rule), header_(std::move(header)) {
  // The reader keeps its own copy of the source name; errors of the table use the same.
  source_ = reader_.source();
  check(columns);
}

void CsvTable::check(std::span<const ColumnSpec> columns) {
  if (rule_ == HeaderRule::Exact) {
    check_exact(columns);
    for (const auto& column : columns) names_.emplace_back(column.name);
    return;
  }
  check_by_name(columns);
  if (rule_ == HeaderRule::ByNameInOrder) check_order(columns);
}

void CsvTable::check_by_name(std::span<const ColumnSpec> columns) {
  const std::string expected = joined(columns, ", ");
  for (std::size_t i = 0; i < header_.fields.size(); ++i) {
    const CsvField& field = header_.fields[i];
    if (field.text.empty()) {
      throw InputError(source_, header_.line, field.column, "", "empty column name");
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (names_[k] == field.text) {
        throw InputError(
            source_, header_.line, field.column, field.text,
            "duplicate column '" + field.text + "' (first at column " + std::to_string(header_.fields[k].column) + ")");
      }
    }
    const bool known = std::any_of(columns.begin(), columns.end(),
                                   [&](const ColumnSpec& column) { return column.name == field.text; });
    if (!known) {
      throw InputError(source_, header_.line, field.column, field.text,
                       "unknown column '" + field.text + "' (expected columns: " + expected + ")");
    }
    names_.push_back(field.text);
  }
  for (const auto& column : columns) {
    if (column.required && !index(column.name)) {
      throw InputError(source_, header_.line, 1, std::string(column.name),
                       "missing required column '" + std::string(column.name) + "'");
    }
  }
}

void CsvTable::check_order(std::span<const ColumnSpec> columns) const {
  for (std::size_t i = 0; i < columns.size() && i < header_.fields.size(); ++i) {
    const CsvField& field = header_.fields[i];
    if (field.text != columns[i].name) {
      throw InputError(source_, header_.line, field.column, field.text,
                       "column " + std::to_string(i + 1) + " is '" + field.text + "', expected '" +
                           std::string(columns[i].name) + "' (the header must be exactly: " + joined(columns, ",") +
                           ")");
    }
  }
}

void CsvTable::check_exact(std::span<const ColumnSpec> columns) const {
  // The header must be exactly the column list: report the first difference.
  const auto& fields = header_.fields;
  const std::string expected = joined(columns, ",");
  for (std::size_t i = 0; i < columns.size() || i < fields.size(); ++i) {
    if (i >= fields.size()) {
      const std::string name(columns[i].name);
      throw InputError(source_, header_.line, header_.end_column, name,
                       "missing column '" + name + "' (expected header: " + expected + ")");
    }
    if (i >= columns.size()) {
      throw InputError(source_, header_.line, fields[i].column, fields[i].text,
                       "unexpected column '" + fields[i].text + "' (expected header: " + expected + ")");
    }
    if (fields[i].text != columns[i].name) {
      const std::string name(columns[i].name);
      throw InputError(
          source_, header_.line, fields[i].column, name,
          "expected column '" + name + "' here, found '" + fields[i].text + "' (expected header: " + expected + ")");
    }
  }
}

std::optional<CsvRecord> CsvTable::next() {
  auto record = reader_.next();
  if (record) check_width(*record);
  return record;
}

std::optional<std::size_t> CsvTable::index(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return i;
  }
  return std::nullopt;
}

void CsvTable::check_width(const CsvRecord& record) const {
  const std::size_t found = record.fields.size();
  const std::size_t width = names_.size();
  if (found == width) return;
  if (rule_ == HeaderRule::Exact) {
    const std::string counts = "row has " + std::to_string(found) + " fields, the header " + std::to_string(width);
    if (found < width) {
      throw InputError(source_, record.line, record.end_column, names_[found],
                       counts + " (missing '" + names_[found] + "')");
    }
    throw InputError(source_, record.line, record.fields[width].column, "", counts);
  }
  const std::string message = "expected " + std::to_string(width) + " fields as in the header on line " +
                              std::to_string(header_.line) + ", found " + std::to_string(found);
  if (found < width) {
    throw InputError(source_, record.line, record.end_column, names_[found], message);
  }
  throw InputError(source_, record.line, record.fields[width].column, "", message);
}

}  // namespace adl::io
