/// @file
/// A small JSON reader that remembers where every value starts, so `adl check`
/// can report `FILE:LINE:COLUMN` for an offending entry of an allocation file.
/// Numbers keep their source text (they are read exactly later, FMT-NUMBER).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace adl::cli {

/// One JSON value with its 1-based source position.
struct JsonValue {
  /// The JSON type.
  enum class Kind { Null, Boolean, Number, String, Array, Object };
  Kind kind = Kind::Null;
  std::string text;   ///< String contents (unescaped) or the number's source text.
  bool boolean = false;                                  ///< Boolean value.
  std::vector<JsonValue> items;                          ///< Array elements.
  std::vector<std::pair<std::string, JsonValue>> members;///< Object members in order.
  std::size_t line = 1;    ///< Line where the value starts.
  std::size_t column = 1;  ///< Column (in code points) where the value starts.

  /// The member named `key`, or nullptr (objects only).
  [[nodiscard]] const JsonValue* find(std::string_view key) const;
};

/// Parses a whole JSON document; throws io::InputError naming `source`, the
/// line and the column of the first syntax error.
JsonValue parse_located_json(std::string_view text, const std::string& source);

}  // namespace adl::cli
