/// @file
/// Internal CSV reader of adl::io (spec/formats.md, FMT-CSV): records with the
/// 1-based line and column of every field, header checks and field counts.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adl::io::detail {

/// One field of a record: its text (unquoted, `""` folded to `"`, surrounding
/// blanks of an unquoted field removed) and where it starts.
struct CsvField {
  std::string text;        ///< The value.
  std::size_t column = 0;  ///< 1-based column (code points) of the value or its opening quote.
  bool quoted = false;     ///< True when the field was double-quoted.
};

/// One record: a header or a data line.
struct CsvRecord {
  std::size_t line = 0;        ///< 1-based line number.
  std::size_t end_column = 0;  ///< Column just past the last character of the line.
  std::vector<CsvField> fields;  ///< The fields, left to right.
};

/// Reads records one line at a time, skipping comment and blank lines, so
/// errors come out in file order. A leading UTF-8 byte-order mark is ignored.
/// Throws InputError on a malformed line (bad UTF-8, stray carriage return,
/// an unterminated quote, a quote inside an unquoted field, text after a
/// closing quote).
/// @spec FMT-CSV
class CsvReader {
 public:
  /// Reads `text`; `source` names it in errors.
  /// @spec FMT-CSV
  CsvReader(std::string_view text, std::string source);

  /// The next record, or nothing at the end of the text.
  /// @spec FMT-CSV
  std::optional<CsvRecord> next();

  /// The number of the last line read (0 before the first).
  /// @spec FMT-CSV
  [[nodiscard]] std::size_t last_line() const { return line_; }

 private:
  std::string_view text_;
  std::string source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
};

/// A column a table may carry.
struct ColumnSpec {
  std::string_view name;  ///< Column name (case-sensitive).
  bool required = false;  ///< Must appear in the header.
};

/// A checked header: names are unique, all known, every required one is
/// present. Errors name the header line and the column at fault (column 1
/// for a missing column).
/// @spec FMT-CSV
class CsvHeader {
 public:
  /// Checks `header` against `columns`; throws InputError.
  /// @spec FMT-CSV
  CsvHeader(const CsvRecord& header, std::span<const ColumnSpec> columns, std::string source);

  /// Index of the named column in each record, if the header has it.
  /// @spec FMT-CSV
  [[nodiscard]] std::optional<std::size_t> index(std::string_view name) const;

  /// Throws InputError unless `record` has exactly as many fields as the header.
  /// @spec FMT-CSV
  void check_width(const CsvRecord& record) const;

  /// The header line.
  /// @spec FMT-CSV
  [[nodiscard]] std::size_t line() const { return line_; }

 private:
  std::vector<std::string> names_;
  std::size_t line_ = 0;
  std::string source_;
};

/// Column of the first header field named `name`, if any.
/// @spec FMT-CSV
std::optional<std::size_t> find_column(const CsvRecord& header, std::string_view name);

}  // namespace adl::io::detail
