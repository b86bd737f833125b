/// @file
/// Readers of books and caps files (spec/formats.md). Every rejection names the
/// file, line, column and field; nothing is clamped, rounded or skipped.
#pragma once

#include "adl/ref/book.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace adl::io {

/// A rejected input. `what()` reads `FILE:LINE:COLUMN: field 'FIELD': MESSAGE`
/// (line and column are 1-based; the field part is omitted when empty).
/// @spec FMT-ERRORS
class InputError : public std::runtime_error {
 public:
  /// Builds the error and its formatted message.
  InputError(std::string file, std::size_t line, std::size_t column, std::string field,
             std::string message);
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

/// Which form a book file was in.
/// @spec FMT-BOOK-FORMS
enum class BookForm { Wealth, Position };

/// A book as read: always the wealth-space view the policies use, plus the
/// positions when the file was position-space.
/// @spec FMT-BOOK-FORMS
struct LoadedBook {
  ref::Book book;                                ///< Wealth-space view (derived for position books).
  BookForm form = BookForm::Wealth;              ///< The file's form.
  std::optional<ref::PositionBook> positions;    ///< The positions, for position-space files.
  std::string source;                            ///< File name used in messages.
};

/// Reads a book file of either form, CSV or JSON (detected from the content:
/// JSON starts with `{`; a CSV's header decides wealth vs position space).
/// Throws InputError.
/// @spec FMT-BOOK-FORMS
LoadedBook load_book(const std::string& path);

/// The whole content of a file, bytes as they are. `source` names the file in
/// errors (the path when empty). Throws InputError (a directory, a file that
/// cannot be opened or read).
/// @spec FMT-ERRORS
std::string read_text_file(const std::string& path, const std::string& source = "");

/// As load_book, from text already in memory; `source` names it in messages.
/// @spec FMT-BOOK-FORMS
LoadedBook parse_book(std::string_view text, const std::string& source);

/// Reads a caps file (FMT-CAPS-CSV: `account,max_haircut,min_equity`) and sets
/// those fields on the matching accounts, replacing values from the book.
/// Unknown accounts, duplicates and caps outside [0, 1] throw InputError.
/// @spec FMT-CAPS-CSV
void apply_caps(const std::string& path, ref::Book& book);

/// As apply_caps, from text already in memory.
/// @spec FMT-CAPS-CSV
void apply_caps_text(std::string_view text, const std::string& source, ref::Book& book);

}  // namespace adl::io
