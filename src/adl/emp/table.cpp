#include "adl/emp/table.hpp"

#include "adl/io/read.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace adl::emp::detail {

using io::InputError;
using io::detail::CsvField;
using io::detail::CsvReader;
using io::detail::CsvRecord;
using io::detail::JsonValue;
using ref::Rational;

std::string read_text_file(const std::filesystem::path& path, const std::string& source) {
  return io::read_text_file(path.string(), source);
}

namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ",";
    out += name;
  }
  return out;
}

}  // namespace

CsvTable::CsvTable(std::string_view text, std::string source, std::vector<std::string> columns,
                   bool require_rows)
    : source_(std::move(source)), columns_(std::move(columns)) {
  CsvReader reader(text, source_);
  const auto header = reader.next();
  if (!header) {
    throw InputError(source_, reader.last_line() == 0 ? 1 : reader.last_line(), 1, "",
                     "empty file: expected the header " + joined(columns_));
  }
  // The header must be exactly the column list: report the first difference.
  const auto& fields = header->fields;
  for (std::size_t i = 0; i < columns_.size() || i < fields.size(); ++i) {
    if (i >= fields.size()) {
      throw InputError(source_, header->line, header->end_column, columns_[i],
                       "missing column '" + columns_[i] + "' (expected header: " +
                           joined(columns_) + ")");
    }
    if (i >= columns_.size()) {
      throw InputError(source_, header->line, fields[i].column, fields[i].text,
                       "unexpected column '" + fields[i].text + "' (expected header: " +
                           joined(columns_) + ")");
    }
    if (fields[i].text != columns_[i]) {
      throw InputError(source_, header->line, fields[i].column, columns_[i],
                       "expected column '" + columns_[i] + "' here, found '" + fields[i].text +
                           "' (expected header: " + joined(columns_) + ")");
    }
  }
  while (auto record = reader.next()) {
    if (record->fields.size() < columns_.size()) {
      const std::string& missing = columns_[record->fields.size()];
      throw InputError(source_, record->line, record->end_column, missing,
                       "row has " + std::to_string(record->fields.size()) + " fields, the header " +
                           std::to_string(columns_.size()) + " (missing '" + missing + "')");
    }
    if (record->fields.size() > columns_.size()) {
      throw InputError(source_, record->line, record->fields[columns_.size()].column, "",
                       "row has " + std::to_string(record->fields.size()) + " fields, the header " +
                           std::to_string(columns_.size()));
    }
    rows_.push_back(std::move(*record));
  }
  if (require_rows && rows_.empty()) {
    throw InputError(source_, header->line, 1, "", "no data rows after the header");
  }
}

std::size_t CsvTable::index(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i] == name) return i;
  }
  throw std::logic_error("CsvTable: no column '" + std::string(name) + "' in " + source_);
}

const CsvField& CsvTable::cell(const CsvRecord& row, std::string_view name) const {
  return row.fields.at(index(name));
}

const std::string& CsvTable::text(const CsvRecord& row, std::string_view name) const {
  return cell(row, name).text;
}

void CsvTable::fail(const CsvRecord& row, std::string_view name, const std::string& message) const {
  throw InputError(source_, row.line, cell(row, name).column, std::string(name), message);
}

Rational CsvTable::number(const CsvRecord& row, std::string_view name) const {
  const CsvField& field = cell(row, name);
  if (field.text.empty()) fail(row, name, "empty value: expected a number");
  try {
    return ref::parse_rational(field.text);
  } catch (const std::invalid_argument& e) {
    fail(row, name, "not a number: '" + field.text + "' (" + e.what() + ")");
  }
}

std::optional<Rational> CsvTable::optional_number(const CsvRecord& row, std::string_view name) const {
  if (text(row, name).empty()) return std::nullopt;
  return number(row, name);
}

Rational CsvTable::non_negative(const CsvRecord& row, std::string_view name) const {
  Rational value = number(row, name);
  if (value < 0) fail(row, name, "negative value " + text(row, name) + ": must be ≥ 0");
  return value;
}

Rational CsvTable::positive(const CsvRecord& row, std::string_view name) const {
  Rational value = number(row, name);
  if (value <= 0) fail(row, name, "value " + text(row, name) + " must be > 0");
  return value;
}

Rational CsvTable::unit_interval(const CsvRecord& row, std::string_view name) const {
  Rational value = number(row, name);
  if (value < 0 || value > 1) fail(row, name, "value " + text(row, name) + " is outside [0, 1]");
  return value;
}

bool parse_non_negative_integer(std::string_view text, const char* what, std::int64_t& value,
                                std::string& message) {
  if (text.empty()) {
    message = std::string("empty value: expected ") + what;
    return false;
  }
  if (text.front() == '-') {
    message = "negative value " + std::string(text) + ": expected " + what + " (≥ 0)";
    return false;
  }
  std::int64_t out = 0;
  for (const char ch : text) {
    if (ch < '0' || ch > '9') {
      message = "'" + std::string(text) + "' is not " + what + " (digits only)";
      return false;
    }
    const auto digit = static_cast<std::int64_t>(ch - '0');
    if (out > (std::numeric_limits<std::int64_t>::max() - digit) / 10) {
      message = "'" + std::string(text) + "' is too large for " + what;
      return false;
    }
    out = out * 10 + digit;
  }
  value = out;
  return true;
}

std::int64_t CsvTable::count(const CsvRecord& row, std::string_view name) const {
  std::int64_t value = 0;
  std::string message;
  if (!parse_non_negative_integer(text(row, name), "a non-negative integer", value, message)) {
    fail(row, name, message);
  }
  return value;
}

std::int64_t CsvTable::time_ms(const CsvRecord& row, std::string_view name) const {
  std::int64_t value = 0;
  std::string message;
  if (!parse_non_negative_integer(text(row, name), "an integer time in milliseconds", value,
                                  message)) {
    fail(row, name, message);
  }
  return value;
}

// ---------------------------------------------------------------------------
// JSON.

JsonDoc::JsonDoc(std::string_view text, std::string source)
    : source_(std::move(source)), root_(io::detail::parse_json(text, source_)) {
  static_cast<void>(object(root_, ""));
}

void JsonDoc::fail(const JsonValue& value, const std::string& path, const std::string& message) const {
  throw InputError(source_, value.line, value.column, path, message);
}

const JsonValue& JsonDoc::object(const JsonValue& value, const std::string& path) const {
  if (value.kind != JsonValue::Kind::Object) {
    fail(value, path, std::string("expected an object, found ") + io::detail::describe(value.kind));
  }
  return value;
}

const JsonValue& JsonDoc::member(const JsonValue& parent, const std::string& path,
                                 std::string_view key) const {
  const JsonValue* found = object(parent, path).find(key);
  if (found == nullptr) {
    fail(parent, io::detail::json_path(path, key), "missing key '" + std::string(key) + "'");
  }
  return *found;
}

Rational JsonDoc::number(const JsonValue& value, const std::string& path) const {
  if (value.kind != JsonValue::Kind::Number) {
    fail(value, path, std::string("expected a number, found ") + io::detail::describe(value.kind));
  }
  try {
    return ref::parse_rational(value.text);
  } catch (const std::invalid_argument& e) {
    fail(value, path, "not a number: '" + value.text + "' (" + e.what() + ")");
  }
}

std::int64_t JsonDoc::count(const JsonValue& value, const std::string& path) const {
  if (value.kind != JsonValue::Kind::Number) {
    fail(value, path, std::string("expected a number, found ") + io::detail::describe(value.kind));
  }
  std::int64_t out = 0;
  std::string message;
  if (!parse_non_negative_integer(value.text, "a non-negative integer", out, message)) {
    fail(value, path, message);
  }
  return out;
}

const std::string& JsonDoc::string(const JsonValue& value, const std::string& path) const {
  if (value.kind != JsonValue::Kind::String) {
    fail(value, path, std::string("expected a string, found ") + io::detail::describe(value.kind));
  }
  return value.text;
}

bool JsonDoc::boolean(const JsonValue& value, const std::string& path) const {
  if (value.kind != JsonValue::Kind::Boolean) {
    fail(value, path, std::string("expected a boolean, found ") + io::detail::describe(value.kind));
  }
  return value.boolean;
}

}  // namespace adl::emp::detail
