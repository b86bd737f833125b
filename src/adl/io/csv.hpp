/// @file
/// The CSV reader of adl::io (spec/formats.md, FMT-CSV): records with the
/// 1-based line and column of every field, and tables whose header is checked
/// by the rule their format states, every row as wide as the header.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace adl::io {

/// One field of a record: its text (unquoted, `""` folded to `"`, surrounding
/// blanks of an unquoted field removed) and where it starts.
/// @spec FMT-CSV
struct CsvField {
  std::string text;        ///< The value.
  std::size_t column = 0;  ///< 1-based column (code points) of the value or its opening quote.
  bool quoted = false;     ///< True when the field was double-quoted.
};

/// One record: a header or a data line.
/// @spec FMT-CSV
struct CsvRecord {
  std::size_t line = 0;          ///< 1-based line number.
  std::size_t end_column = 0;    ///< Column just past the last character of the line.
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

  /// The name of the text in errors.
  /// @spec FMT-ERRORS
  [[nodiscard]] const std::string& source() const { return source_; }

 private:
  std::string_view text_;
  std::string source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 0;
};

/// A column a table may carry.
/// @spec FMT-CSV
struct ColumnSpec {
  std::string_view name;  ///< Column name (case-sensitive).
  bool required = false;  ///< Must appear in the header.
};

/// Column of the first header field named `name`, if any.
/// @spec FMT-CSV
std::optional<std::size_t> find_column(const CsvRecord& header, std::string_view name);

/// How a table's header is checked; each format states its rule, and the
/// messages of each rule are the ones its tests pin down.
/// @spec FMT-CSV
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-EVENT-TABLE
enum class HeaderRule {
  /// FMT-CSV (books, caps files, allocations): known columns in any order,
  /// each at most once, every required one present; a row has exactly as many
  /// fields as the header.
  ByName,
  /// EMP-EVENT-TABLE: as ByName with every column required, then in exactly
  /// the order given; a misplaced column is reported under its own name.
  ByNameInOrder,
  /// EMP-PERWAVE-TABLES: exactly the columns given, in that order; the first
  /// difference is reported under the name expected there.
  Exact,
};

/// A CSV table: a header checked by its rule, then width-checked data rows.
/// @spec FMT-CSV
class CsvTable {
 public:
  /// Reads the header of `text` and checks it against `columns` by `rule`;
  /// a text without a header line throws InputError with `empty_message`
  /// (at line 1, or for the Exact rule at the last line read). The column
  /// names must outlive the table.
  /// @spec FMT-CSV
  CsvTable(std::string_view text, std::string source, std::span<const ColumnSpec> columns, HeaderRule rule,
           const std::string& empty_message);

  /// Checks a header already read from `reader` (a reader that looked at the
  /// header to choose the columns, as the book reader does) and reads on.
  /// @spec FMT-CSV
  CsvTable(CsvReader reader, CsvRecord header, std::span<const ColumnSpec> columns, HeaderRule rule);

  /// The next data row, checked to be exactly as wide as the header; nothing at the end.
  /// @spec FMT-CSV
  std::optional<CsvRecord> next();

  /// Index of the named column in every record, if the header has it.
  /// @spec FMT-CSV
  [[nodiscard]] std::optional<std::size_t> index(std::string_view name) const;

  /// The header record.
  /// @spec FMT-CSV
  [[nodiscard]] const CsvRecord& header() const { return header_; }

  /// The file name used in errors.
  /// @spec FMT-ERRORS
  [[nodiscard]] const std::string& source() const { return source_; }

 private:
  void check(std::span<const ColumnSpec> columns);
  void check_by_name(std::span<const ColumnSpec> columns);
  void check_order(std::span<const ColumnSpec> columns) const;
  void check_exact(std::span<const ColumnSpec> columns) const;
  void check_width(const CsvRecord& record) const;

  CsvReader reader_;
  std::string source_;
  HeaderRule rule_;
  CsvRecord header_;
  std::vector<std::string> names_;
};

}  // namespace adl::io
