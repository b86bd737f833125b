/// @file
/// Internal typed CSV tables of the empirical loaders (spec/empirical.md,
/// EMP-PERWAVE-TABLES and EMP-FINDINGS): a file read whole, its header equal to
/// an exact column list (names and order), every row as wide as the header,
/// and cells read as exact rationals, non-negative integers or text, each
/// rejection an adl::io::InputError naming file, line, column and field.
#pragma once

#include "adl/io/csv.hpp"
#include "adl/io/json.hpp"
#include "adl/ref/number.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adl::emp::detail {

/// The whole content of a file; InputError (line 0) when it cannot be opened
/// or read, `source` naming it.
/// @spec EMP-FINDINGS
std::string read_text_file(const std::filesystem::path& path, const std::string& source);

/// A CSV file with an exact header. Construction reads every record and throws
/// InputError on: an empty file (no header), a header that differs from
/// `columns` (a missing, extra, misspelt or misplaced column: the first
/// difference is reported), no data row when `require_rows`, a row with more
/// or fewer fields than the header.
/// @spec EMP-PERWAVE-TABLES
class CsvTable {
 public:
  /// Reads `text`; `source` names it in errors.
  /// @spec EMP-PERWAVE-TABLES
  CsvTable(std::string_view text, std::string source, std::vector<std::string> columns,
           bool require_rows);

  /// The file name used in errors and findings.
  [[nodiscard]] const std::string& source() const { return source_; }
  /// The data records, in file order.
  [[nodiscard]] const std::vector<io::detail::CsvRecord>& rows() const { return rows_; }

  /// The cell of `row` in column `name` (a name of the column list; any other
  /// name is a programming error: std::logic_error).
  [[nodiscard]] const io::detail::CsvField& cell(const io::detail::CsvRecord& row,
                                                 std::string_view name) const;
  /// The text of a cell.
  [[nodiscard]] const std::string& text(const io::detail::CsvRecord& row, std::string_view name) const;
  /// A FMT-NUMBER rational.
  /// @spec FMT-NUMBER
  [[nodiscard]] ref::Rational number(const io::detail::CsvRecord& row, std::string_view name) const;
  /// A FMT-NUMBER rational, or nothing when the cell is empty.
  /// @spec FMT-NUMBER
  [[nodiscard]] std::optional<ref::Rational> optional_number(const io::detail::CsvRecord& row,
                                                             std::string_view name) const;
  /// A rational ≥ 0.
  [[nodiscard]] ref::Rational non_negative(const io::detail::CsvRecord& row,
                                           std::string_view name) const;
  /// A rational > 0.
  [[nodiscard]] ref::Rational positive(const io::detail::CsvRecord& row, std::string_view name) const;
  /// A rational in [0, 1].
  [[nodiscard]] ref::Rational unit_interval(const io::detail::CsvRecord& row,
                                            std::string_view name) const;
  /// A non-negative integer written with digits only (an id or a count).
  [[nodiscard]] std::int64_t count(const io::detail::CsvRecord& row, std::string_view name) const;
  /// A time in integer milliseconds (non-negative, digits only).
  [[nodiscard]] std::int64_t time_ms(const io::detail::CsvRecord& row, std::string_view name) const;

  /// Throws InputError at the cell of `row` in column `name`.
  [[noreturn]] void fail(const io::detail::CsvRecord& row, std::string_view name,
                         const std::string& message) const;

 private:
  [[nodiscard]] std::size_t index(std::string_view name) const;

  std::string source_;
  std::vector<std::string> columns_;
  std::vector<io::detail::CsvRecord> rows_;
};

/// Digits-only non-negative integer, or a message saying why not (`what`
/// names the kind of value: "a count", "a time in milliseconds").
/// Returns false and sets `message` on failure. Shared by the per-wave and
/// event-table readers.
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-EVENT-TABLE
bool parse_non_negative_integer(std::string_view text, const char* what, std::int64_t& value,
                                std::string& message);

/// A typed view of a strict JSON document (adl::io::detail::parse_json keeps
/// every number's text, so numbers are read exactly with FMT-NUMBER).
/// Errors name the key path as the field.
/// @spec EMP-PERWAVE-TABLES
class JsonDoc {
 public:
  /// Parses `text`; `source` names it in errors.
  JsonDoc(std::string_view text, std::string source);

  /// The file name used in errors and findings.
  [[nodiscard]] const std::string& source() const { return source_; }
  /// The top-level value (must be an object).
  [[nodiscard]] const io::detail::JsonValue& root() const { return root_; }

  /// The member `key` of the object `parent` (at `path`); InputError when
  /// absent or when `parent` is not an object.
  [[nodiscard]] const io::detail::JsonValue& member(const io::detail::JsonValue& parent,
                                                    const std::string& path,
                                                    std::string_view key) const;
  /// A JSON number as an exact rational.
  [[nodiscard]] ref::Rational number(const io::detail::JsonValue& value, const std::string& path) const;
  /// A JSON number that is a non-negative integer.
  [[nodiscard]] std::int64_t count(const io::detail::JsonValue& value, const std::string& path) const;
  /// A JSON string.
  [[nodiscard]] const std::string& string(const io::detail::JsonValue& value,
                                          const std::string& path) const;
  /// A JSON boolean.
  [[nodiscard]] bool boolean(const io::detail::JsonValue& value, const std::string& path) const;
  /// An object (checks the kind).
  [[nodiscard]] const io::detail::JsonValue& object(const io::detail::JsonValue& value,
                                                    const std::string& path) const;

  /// Throws InputError at `value` with field `path`.
  [[noreturn]] void fail(const io::detail::JsonValue& value, const std::string& path,
                         const std::string& message) const;

 private:
  std::string source_;
  io::detail::JsonValue root_;
};

}  // namespace adl::emp::detail
