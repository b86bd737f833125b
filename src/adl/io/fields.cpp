#include "adl/io/fields.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>
#include <utility>

namespace adl::io {

using ref::Rational;
using Kind = JsonValue::Kind;

Cell csv_cell(const CsvRecord& row, const CsvTable& table, std::string_view name) {
  Cell cell;
  cell.name = std::string(name);
  cell.field = cell.name;
  cell.line = row.line;
  cell.empty_means_absent = true;
  cell.absent = "missing value (the column '" + cell.name + "' is required)";
  const auto index = table.index(name);
  if (!index) {
    cell.column = 1;
    return cell;
  }
  const CsvField& field = row.fields[*index];
  cell.column = field.column;
  cell.text = field.text;
  cell.given = true;
  return cell;
}

// ---------------------------------------------------------------------------
// Failing.

void Fields::fail(const Cell& cell, const std::string& message) const {
  throw InputError(source_, cell.line, cell.column, cell.field, message);
}

void Fields::fail(std::size_t line, std::size_t column, std::string field, const std::string& message) const {
  throw InputError(source_, line, column, std::move(field), message);
}

void Fields::fail(const JsonValue& value, const std::string& field, const std::string& message) const {
  throw InputError(source_, value.line, value.column, field, message);
}

// ---------------------------------------------------------------------------
// Values.

Rational Fields::number(const Cell& cell, Rule rule) const {
  if (cell.is_absent()) fail(cell, cell.absent);
  Rational value;
  try {
    value = ref::parse_rational(cell.text);
  } catch (const std::invalid_argument& e) {
    fail(cell, e.what());
  }
  switch (rule) {
    case Rule::Any: break;
    case Rule::NonNegative:
      if (value < 0) fail(cell, "negative " + cell.name + " " + ref::format_exact(value) + " (must be >= 0)");
      break;
    case Rule::Positive:
      if (value <= 0) fail(cell, cell.name + " must be > 0 (got " + ref::format_exact(value) + ")");
      break;
    case Rule::UnitInterval:
      if (value < 0 || value > 1) {
        fail(cell, cell.name + " must be in [0, 1] (got " + ref::format_exact(value) + ")");
      }
      break;
  }
  return value;
}

std::optional<Rational> Fields::optional_number(const Cell& cell, Rule rule) const {
  if (cell.is_absent()) return std::nullopt;
  return number(cell, rule);
}

std::string Fields::name(const Cell& cell) const {
  if (!cell.given) fail(cell, cell.absent);
  if (cell.text.empty()) fail(cell, "empty " + cell.name);
  return std::string(cell.text);
}

std::int64_t Fields::whole_number(const Cell& cell) const {
  if (cell.is_absent()) return 0;
  const Rational value = number(cell, Rule::Any);
  if (boost::multiprecision::denominator(value) != 1) {
    fail(cell, cell.name + " must be an integer (got " + ref::format_exact(value) + ")");
  }
  if (value < 0) fail(cell, "negative " + cell.name + " " + ref::format_exact(value) + " (must be an integer >= 0)");
  if (value > Rational(std::numeric_limits<std::int64_t>::max())) {
    fail(cell, cell.name + " " + ref::format_exact(value) + " is too large");
  }
  return boost::multiprecision::numerator(value).convert_to<std::int64_t>();
}

bool parse_digits(std::string_view text, const char* what, std::int64_t& value, std::string& message) {
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

std::optional<std::int64_t> json_int64(const JsonValue& value) {
  if (value.kind != Kind::Number) return std::nullopt;
  const std::string_view text = value.text;
  const bool negative = !text.empty() && text.front() == '-';
  const std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  // Accumulate the magnitude as unsigned: −2⁶³ fits int64 although 2⁶³ does not.
  const std::uint64_t limit = negative ? std::uint64_t{1} << 63U : (std::uint64_t{1} << 63U) - 1;
  std::uint64_t magnitude = 0;
  for (const char ch : digits) {
    const auto digit = static_cast<std::uint64_t>(ch - '0');
    if (magnitude > (limit - digit) / 10) return std::nullopt;
    magnitude = magnitude * 10 + digit;
  }
  if (!negative) return static_cast<std::int64_t>(magnitude);
  return magnitude == (std::uint64_t{1} << 63U) ? std::numeric_limits<std::int64_t>::min()
                                                : -static_cast<std::int64_t>(magnitude);
}

std::string json_excerpt(const JsonValue& value) {
  switch (value.kind) {
    case Kind::Null: return "null";
    case Kind::Boolean: return value.boolean ? "true" : "false";
    case Kind::Number: return value.text;
    case Kind::String: return "\"" + value.text + "\"";
    case Kind::Array: return "[…]";
    case Kind::Object: return "{…}";
  }
  return "?";
}

std::int64_t Fields::digits(const Cell& cell, const char* what) const {
  std::int64_t value = 0;
  std::string message;
  if (!parse_digits(cell.text, what, value, message)) fail(cell, message);
  return value;
}

std::int64_t Fields::timestamp_ms(const Cell& cell) const {
  try {
    return parse_timestamp_ms(cell.text);
  } catch (const ref::InvalidInput& e) {
    fail(cell, std::string("not a timestamp: ") + e.what());
  }
}

// ---------------------------------------------------------------------------
// JSON structure.

void Fields::expect(const JsonValue& value, Kind kind, const std::string& path) const {
  if (value.kind != kind) {
    fail(value, path, std::string("expected ") + describe(kind) + ", found " + describe(value.kind));
  }
}

void Fields::check_keys(const JsonValue& object, const std::string& path,
                        std::span<const std::string_view> allowed) const {
  for (const auto& member : object.members) {
    if (std::find(allowed.begin(), allowed.end(), member.key) != allowed.end()) continue;
    std::string list;
    for (const auto key : allowed) list += (list.empty() ? "" : ", ") + std::string(key);
    fail(member.line, member.column, json_path(path, member.key),
         "unknown key '" + member.key + "' (expected keys: " + list + ")");
  }
}

const JsonValue& Fields::required(const JsonValue& object, const std::string& path, std::string_view key) const {
  const JsonValue* value = object.find(key);
  const std::string field = json_path(path, key);
  if (value == nullptr) fail(object, field, "missing required key '" + std::string(key) + "'");
  if (value->kind == Kind::Null) fail(*value, field, "null where a value is required");
  return *value;
}

const JsonValue& Fields::member(const JsonValue& object, const std::string& path, std::string_view key) const {
  expect(object, Kind::Object, path);
  const JsonValue* value = object.find(key);
  if (value == nullptr) fail(object, json_path(path, key), "missing key '" + std::string(key) + "'");
  return *value;
}

const JsonValue* Fields::optional(const JsonValue& object, std::string_view key) {
  const JsonValue* value = object.find(key);
  if (value == nullptr || value->kind == Kind::Null) return nullptr;
  return value;
}

Cell Fields::value_cell(const JsonValue& value, const std::string& field, std::string_view name, Accept accept) const {
  Cell cell;
  cell.name = std::string(name);
  cell.field = field;
  cell.line = value.line;
  cell.column = value.column;
  if (value.kind == Kind::Null) {
    cell.absent = "null where a value is required";
    return cell;
  }
  const bool ok = value.kind == Kind::String || (value.kind == Kind::Number && accept != Accept::Text);
  if (!ok) {
    const char* wanted = accept == Accept::Number ? "a number (or a string holding one)"
                         : accept == Accept::Text ? "a string"
                                                  : "a string (or the number 1 or -1)";
    fail(cell, std::string("expected ") + wanted + ", found " + describe(value.kind));
  }
  cell.text = value.text;
  cell.given = true;
  return cell;
}

Cell Fields::member_cell(const JsonValue& object, const std::string& path, std::string_view key, Accept accept) const {
  const JsonValue* value = object.find(key);
  if (value == nullptr) {
    Cell cell;
    cell.name = std::string(key);
    cell.field = json_path(path, key);
    cell.line = object.line;
    cell.column = object.column;
    cell.absent = "missing required key '" + cell.name + "'";
    return cell;
  }
  return value_cell(*value, json_path(path, key), key, accept);
}

Rational Fields::json_number(const JsonValue& value, const std::string& path) const {
  expect(value, Kind::Number, path);
  try {
    return ref::parse_rational(value.text);
  } catch (const std::invalid_argument& e) {
    fail(value, path, e.what());  // unreachable for a number the JSON reader accepted
  }
}

std::int64_t Fields::json_count(const JsonValue& value, const std::string& path) const {
  expect(value, Kind::Number, path);
  std::int64_t out = 0;
  std::string message;
  if (!parse_digits(value.text, "a non-negative integer", out, message)) fail(value, path, message);
  return out;
}

// ---------------------------------------------------------------------------
// Timestamps.

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil algorithm, re-derived: shift the year to start in March so
// the leap day is last).
std::int64_t days_from_civil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (m + 9) % 12;  // March = 0
  const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

std::int64_t days_in_month(std::int64_t y, std::int64_t m) {
  static constexpr std::array<std::int64_t, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

/// Reads the fixed-width fields of a timestamp left to right.
class TimestampScanner {
 public:
  explicit TimestampScanner(std::string_view text)
      : text_(text), form_("expected YYYY-MM-DD HH:MM:SS[.ffffff]+HH:MM, found '" + std::string(text) + "'") {}

  std::int64_t digits(std::size_t n) {
    if (pos_ + n > text_.size()) bad();
    std::int64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char ch = text_[pos_ + i];
      if (ch < '0' || ch > '9') bad();
      v = v * 10 + (ch - '0');
    }
    pos_ += n;
    return v;
  }

  void expect(char ch) {
    if (pos_ >= text_.size() || text_[pos_] != ch) bad();
    ++pos_;
  }

  /// `.f…` (1 to 9 digits) in whole milliseconds, 0 when absent.
  std::int64_t millis() {
    if (pos_ >= text_.size() || text_[pos_] != '.') return 0;
    ++pos_;
    std::size_t n = 0;
    std::int64_t ms = 0;
    std::int64_t rest = 0;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
      const std::int64_t d = text_[pos_] - '0';
      if (n < 3) {
        ms = ms * 10 + d;
      } else {
        rest = rest * 10 + d;
      }
      ++n;
      ++pos_;
    }
    if (n == 0 || n > 9) bad();
    for (std::size_t i = n; i < 3; ++i) ms *= 10;
    if (rest != 0) throw ref::InvalidInput("'" + std::string(text_) + "' is not a whole millisecond");
    return ms;
  }

  /// +1 or −1 of the UTC offset.
  std::int64_t sign() {
    if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) bad();
    return text_[pos_++] == '-' ? -1 : 1;
  }

  void end() const {
    if (pos_ != text_.size()) bad();
  }

  [[noreturn]] void bad() const { throw ref::InvalidInput(form_); }

 private:
  std::string_view text_;
  std::string form_;
  std::size_t pos_ = 0;
};

}  // namespace

std::int64_t parse_timestamp_ms(std::string_view text) {
  TimestampScanner scan(text);
  const std::int64_t year = scan.digits(4);
  scan.expect('-');
  const std::int64_t month = scan.digits(2);
  scan.expect('-');
  const std::int64_t day = scan.digits(2);
  scan.expect(' ');
  const std::int64_t hour = scan.digits(2);
  scan.expect(':');
  const std::int64_t minute = scan.digits(2);
  scan.expect(':');
  const std::int64_t second = scan.digits(2);
  const std::int64_t millis = scan.millis();
  const std::int64_t sign = scan.sign();
  const std::int64_t off_h = scan.digits(2);
  scan.expect(':');
  const std::int64_t off_m = scan.digits(2);
  scan.end();
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 ||
      second > 59 || off_h > 23 || off_m > 59) {
    throw ref::InvalidInput("'" + std::string(text) + "' has a field out of range");
  }
  const std::int64_t seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                               sign * (off_h * 3600 + off_m * 60);
  const std::int64_t ms = seconds * 1000 + millis;
  if (ms < 0) throw ref::InvalidInput("'" + std::string(text) + "' is before 1970");
  return ms;
}

}  // namespace adl::io
