/// @file
/// The one field reader of adl::io: positioned cells (a CSV field or a JSON
/// value with its file, line, column and field name) and the typed reads every
/// format shares — exact numbers under a domain rule, names, integers,
/// timestamps, JSON members and kinds — each rejection an InputError naming
/// file, line, column and field (spec/formats.md, FMT-ERRORS). Books, caps,
/// allocations, logs, vectors, replies and the pipeline's tables all read
/// through it.
#pragma once

#include "adl/io/csv.hpp"
#include "adl/io/error.hpp"
#include "adl/io/json.hpp"
#include "adl/ref/number.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace adl::io {

/// One input value to read: its text and where it came from.
/// @spec FMT-ERRORS
struct Cell {
  std::string_view text;            ///< CSV field, JSON number text or string contents.
  bool given = false;               ///< False: the column or key is missing, or the JSON value is null.
  bool empty_means_absent = false;  ///< CSV: an empty field is absent.
  std::size_t line = 0;             ///< 1-based line of the value (of its object when missing).
  std::size_t column = 0;           ///< 1-based column of the value (of its object when missing).
  std::string field;                ///< Column name or JSON key path, for the error's field.
  std::string name;                 ///< Column name or JSON key, for messages.
  std::string absent;               ///< The message when a required value is absent.

  /// Missing, null, or (CSV) empty.
  /// @spec FMT-ERRORS
  [[nodiscard]] bool is_absent() const { return !given || (empty_means_absent && text.empty()); }
};

/// The domain a number must lie in (spec/formats.md, each column's rule).
/// @spec FMT-NUMBER
enum class Rule {
  Any,           ///< Any rational.
  NonNegative,   ///< ≥ 0.
  Positive,      ///< > 0.
  UnitInterval,  ///< In [0, 1].
};

/// The JSON types a cell taken from a JSON member accepts (FMT-BOOK-JSON).
/// @spec FMT-BOOK-JSON
enum class Accept {
  Number,  ///< A number, or a string holding one.
  Text,    ///< A string.
  Side,    ///< A string, or the number 1 or -1.
};

/// The cell of column `name` in a row of `table` (FMT-CSV): an empty field is
/// absent, and absence reads "missing value (the column 'NAME' is required)".
/// A column the header lacks gives an absent cell at column 1.
/// @spec FMT-CSV
Cell csv_cell(const CsvRecord& row, const CsvTable& table, std::string_view name);

/// Reads typed values out of cells and JSON values of one source, throwing
/// InputError at the offending value. Holds only the source name.
/// @spec FMT-ERRORS
class Fields {
 public:
  /// Reads values of `source` (the file name in errors).
  explicit Fields(std::string source) : source_(std::move(source)) {}

  /// The file name used in errors.
  [[nodiscard]] const std::string& source() const { return source_; }

  /// Throws InputError at the cell.
  /// @spec FMT-ERRORS
  [[noreturn]] void fail(const Cell& cell, const std::string& message) const;
  /// Throws InputError at a position.
  /// @spec FMT-ERRORS
  [[noreturn]] void fail(std::size_t line, std::size_t column, std::string field, const std::string& message) const;
  /// Throws InputError at a JSON value, with the key path `field`.
  /// @spec FMT-ERRORS
  [[noreturn]] void fail(const JsonValue& value, const std::string& field, const std::string& message) const;

  // ---- Values.

  /// A required FMT-NUMBER obeying `rule`; an absent cell fails with its own message.
  /// @spec FMT-NUMBER
  [[nodiscard]] ref::Rational number(const Cell& cell, Rule rule) const;
  /// An optional FMT-NUMBER obeying `rule` (nothing when the cell is absent).
  /// @spec FMT-NUMBER
  [[nodiscard]] std::optional<ref::Rational> optional_number(const Cell& cell, Rule rule) const;
  /// A required non-empty name (an account, a market, a coin).
  /// @spec FMT-ERRORS
  [[nodiscard]] std::string name(const Cell& cell) const;
  /// An optional whole number ≥ 0 written in any FMT-NUMBER spelling (`12`, `1.2e1`),
  /// 0 when absent; fits int64.
  /// @spec FMT-POSITION-CSV
  [[nodiscard]] std::int64_t whole_number(const Cell& cell) const;
  /// A non-negative integer written with decimal digits only, fitting int64
  /// (the pipeline's ids, counts and millisecond times); `what` names the kind
  /// of value in messages ("a count", "an integer time in milliseconds").
  /// @spec EMP-PERWAVE-TABLES
  [[nodiscard]] std::int64_t digits(const Cell& cell, const char* what) const;
  /// A pipeline timestamp `YYYY-MM-DD HH:MM:SS[.ffffff]+HH:MM` in whole milliseconds since 1970.
  /// @spec EMP-PERWAVE-TABLES
  [[nodiscard]] std::int64_t timestamp_ms(const Cell& cell) const;

  // ---- JSON structure.

  /// Throws unless `value` is of `kind` ("expected an object, found a string").
  /// @spec FMT-BOOK-JSON
  void expect(const JsonValue& value, JsonValue::Kind kind, const std::string& path) const;
  /// Throws at the first member of `object` whose key is not in `allowed`.
  /// @spec FMT-BOOK-JSON
  void check_keys(const JsonValue& object, const std::string& path, std::span<const std::string_view> allowed) const;
  /// A member that must be present and not null ("missing required key 'K'",
  /// "null where a value is required").
  /// @spec FMT-BOOK-JSON
  [[nodiscard]] const JsonValue& required(const JsonValue& object, const std::string& path, std::string_view key) const;
  /// Visits the elements of the JSON array `array` (at `path`) in order, each
  /// first checked to be an object whose keys are among `allowed`:
  /// `visit(element, element_path)`. The rows of a book, a log or a reply.
  /// @spec FMT-BOOK-JSON
  template <class Visit>
  void for_each_object(const JsonValue& array, const std::string& path, std::span<const std::string_view> allowed,
                       Visit&& visit) const {
    for (std::size_t i = 0; i < array.items.size(); ++i) {
      const JsonValue& element = array.items[i];
      const std::string element_path = json_path(path, i);
      expect(element, JsonValue::Kind::Object, element_path);
      check_keys(element, element_path, allowed);
      visit(element, element_path);
    }
  }
  /// A member that must be present (null passes, to be rejected by its type):
  /// `object` must be an object; "missing key 'K'".
  /// @spec FMT-BOOK-JSON
  [[nodiscard]] const JsonValue& member(const JsonValue& object, const std::string& path, std::string_view key) const;
  /// An optional member: nullptr when missing or null.
  /// @spec FMT-BOOK-JSON
  [[nodiscard]] static const JsonValue* optional(const JsonValue& object, std::string_view key);
  /// The member `key` of `object` (at `path`) as a cell, its JSON type checked
  /// against `accept`; a missing key or null gives an absent cell.
  /// @spec FMT-BOOK-JSON
  [[nodiscard]] Cell member_cell(const JsonValue& object, const std::string& path, std::string_view key,
                                 Accept accept) const;
  /// A JSON value as a cell, its type checked against `accept`; `name` names it in messages.
  /// @spec FMT-BOOK-JSON
  [[nodiscard]] Cell value_cell(const JsonValue& value, const std::string& field, std::string_view name,
                                Accept accept) const;
  /// A JSON number (not a string) as an exact rational.
  /// @spec FMT-NUMBER
  [[nodiscard]] ref::Rational json_number(const JsonValue& value, const std::string& path) const;
  /// A JSON number (not a string) that is a digits-only integer ≥ 0.
  /// @spec FMT-NUMBER
  [[nodiscard]] std::int64_t json_count(const JsonValue& value, const std::string& path) const;

 private:
  std::string source_;
};

/// A JSON number written as an integer (an optional minus and digits: no
/// fraction, no exponent) within int64; nothing otherwise, so `2.5`, `1e3`
/// and `1e400` are not integers and nothing is ever rounded.
/// @spec CONF-VECTOR-FORMAT
std::optional<std::int64_t> json_int64(const JsonValue& value);

/// A short rendering of a JSON value for messages: a number's text, a string
/// quoted, `true`, `false`, `null`, `[…]` or `{…}`.
/// @spec FMT-ERRORS
std::string json_excerpt(const JsonValue& value);

/// Digits-only non-negative integer: true with `value` set, or false with
/// `message` saying why not (`what` names the kind of value). Keys of JSON
/// objects that are numbers (a half-life in milliseconds) use it directly.
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-EVENT-TABLE
bool parse_digits(std::string_view text, const char* what, std::int64_t& value, std::string& message);

/// Milliseconds since 1970-01-01 of a pipeline timestamp
/// `YYYY-MM-DD HH:MM:SS[.ffffff]+HH:MM` (the fraction whole milliseconds, the
/// offset applied, no date before 1970); throws ref::InvalidInput naming the
/// problem. Proleptic Gregorian calendar.
/// @spec EMP-PERWAVE-TABLES
std::int64_t parse_timestamp_ms(std::string_view text);

}  // namespace adl::io
