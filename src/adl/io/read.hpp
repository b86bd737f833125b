/// @file
/// Readers of books and caps files (spec/formats.md) on the io field reader.
/// Every rejection names the file, line, column and field; nothing is
/// clamped, rounded or skipped.
#pragma once

#include "adl/io/error.hpp"
#include "adl/io/json.hpp"
#include "adl/io/text.hpp"
#include "adl/ref/book.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace adl::io {

/// Which form a book file was in.
/// @spec FMT-BOOK-FORMS
enum class BookForm { Wealth, Position };

/// A book as read: always the wealth-space view the policies use, plus the
/// positions when the file was position-space.
/// @spec FMT-BOOK-FORMS
struct LoadedBook {
  ref::Book book;                              ///< Wealth-space view (derived for position books).
  BookForm form = BookForm::Wealth;            ///< The file's form.
  std::optional<ref::PositionBook> positions;  ///< The positions, for position-space files.
  std::string source;                          ///< File name used in messages.
};

/// Reads a book file of either form, CSV or JSON (detected from the content:
/// JSON starts with `{`; a CSV's header decides wealth vs position space).
/// Throws InputError.
/// @spec FMT-BOOK-FORMS
LoadedBook load_book(const std::string& path);

/// As load_book, from text already in memory; `source` names it in messages.
/// @spec FMT-BOOK-FORMS
LoadedBook parse_book(std::string_view text, const std::string& source);

/// A JSON book (FMT-BOOK-JSON) from a value already parsed, such as the book
/// embedded in an event log; errors carry the value's own lines and columns,
/// and fields are paths below the value (`accounts[0].cash`).
/// @spec FMT-BOOK-JSON
LoadedBook read_book(const JsonValue& value, const std::string& source);

/// Reads a caps file (FMT-CAPS-CSV: `account,max_haircut,min_equity`) and sets
/// those fields on the matching accounts, replacing values from the book.
/// Unknown accounts, duplicates and caps outside [0, 1] throw InputError.
/// @spec FMT-CAPS-CSV
void apply_caps(const std::string& path, ref::Book& book);

/// As apply_caps, from text already in memory.
/// @spec FMT-CAPS-CSV
void apply_caps_text(std::string_view text, const std::string& source, ref::Book& book);

}  // namespace adl::io
