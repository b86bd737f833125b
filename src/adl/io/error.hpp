/// @file
/// The one error of adl::io: a rejected input, located by file, line, column
/// and field (spec/formats.md, FMT-ERRORS). Every reader of the library throws it.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace adl::io {

/// A rejected input. `what()` reads `FILE:LINE:COLUMN: field 'FIELD': MESSAGE`
/// (line and column are 1-based; line 0 omits the position, an empty field
/// omits the field part) on one line: control characters from the input are
/// shown escaped.
/// @spec FMT-ERRORS
class InputError : public std::runtime_error {
 public:
  /// Builds the error and its formatted message.
  InputError(std::string file, std::size_t line, std::size_t column, std::string field, std::string message);
  /// The file (or source name) that was read.
  [[nodiscard]] const std::string& file() const { return file_; }
  /// 1-based line of the offending value.
  [[nodiscard]] std::size_t line() const { return line_; }
  /// 1-based column of the offending value.
  [[nodiscard]] std::size_t column() const { return column_; }
  /// The column or JSON key at fault (may be empty).
  [[nodiscard]] const std::string& field() const { return field_; }
  /// The message without the location prefix.
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  std::string file_;
  std::size_t line_;
  std::size_t column_;
  std::string field_;
  std::string message_;
};

}  // namespace adl::io
