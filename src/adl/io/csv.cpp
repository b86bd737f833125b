#include "adl/io/csv.hpp"

#include "adl/io/read.hpp"
#include "adl/io/text.hpp"

#include <utility>

namespace adl::io::detail {
namespace {

bool blank(char ch) { return ch == ' ' || ch == '\t'; }

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string source)
    : text_(strip_bom(text)), source_(std::move(source)) {}

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

CsvHeader::CsvHeader(const CsvRecord& header, std::span<const ColumnSpec> columns,
                     std::string source)
    : line_(header.line), source_(std::move(source)) {
  std::string expected;
  for (const auto& column : columns) {
    if (!expected.empty()) expected += ", ";
    expected += std::string(column.name);
  }
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const CsvField& field = header.fields[i];
    if (field.text.empty()) {
      throw InputError(source_, line_, field.column, "", "empty column name");
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (names_[k] == field.text) {
        throw InputError(source_, line_, field.column, field.text,
                         "duplicate column '" + field.text + "' (first at column " +
                             std::to_string(header.fields[k].column) + ")");
      }
    }
    bool known = false;
    for (const auto& column : columns) known = known || column.name == field.text;
    if (!known) {
      throw InputError(source_, line_, field.column, field.text,
                       "unknown column '" + field.text + "' (expected columns: " + expected + ")");
    }
    names_.push_back(field.text);
  }
  for (const auto& column : columns) {
    if (column.required && !index(column.name)) {
      throw InputError(source_, line_, 1, std::string(column.name),
                       "missing required column '" + std::string(column.name) + "'");
    }
  }
}

std::optional<std::size_t> CsvHeader::index(std::string_view name) const {
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return i;
  }
  return std::nullopt;
}

void CsvHeader::check_width(const CsvRecord& record) const {
  const std::size_t found = record.fields.size();
  if (found == names_.size()) return;
  const std::string message = "expected " + std::to_string(names_.size()) +
                              " fields as in the header on line " + std::to_string(line_) +
                              ", found " + std::to_string(found);
  if (found < names_.size()) {
    throw InputError(source_, record.line, record.end_column, names_[found], message);
  }
  throw InputError(source_, record.line, record.fields[names_.size()].column, "", message);
}

}  // namespace adl::io::detail
