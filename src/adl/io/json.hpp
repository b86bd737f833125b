/// @file
/// The JSON reader of adl::io, the only one that reads input (RFC 8259;
/// spec/formats.md, FMT-BOOK-JSON): books, logs, vectors, replies, the
/// pipeline's documents. Every value keeps its 1-based line and column, and
/// every number keeps its original text so it can be read exactly (never as a
/// binary floating-point value, so `1e400` is a number like any other).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace adl::io {

struct JsonMember;

/// One JSON value with its position in the text.
/// @spec FMT-BOOK-JSON
struct JsonValue {
  /// The JSON type of the value.
  enum class Kind { Null, Boolean, Number, String, Array, Object };
  Kind kind = Kind::Null;           ///< Type.
  std::size_t line = 0;             ///< 1-based line of the first character.
  std::size_t column = 0;           ///< 1-based column (code points) of the first character.
  std::string text;                 ///< A number's original text, or a string's decoded UTF-8.
  bool boolean = false;             ///< A boolean's value.
  std::vector<JsonValue> items;     ///< An array's elements.
  std::vector<JsonMember> members;  ///< An object's members, in text order (keys unique).

  /// The member named `key`, or nullptr (objects only).
  /// @spec FMT-BOOK-JSON
  [[nodiscard]] const JsonValue* find(std::string_view key) const;
};

/// One `"key": value` member of an object.
/// @spec FMT-BOOK-JSON
struct JsonMember {
  std::string key;         ///< Decoded key.
  std::size_t line = 0;    ///< 1-based line of the key's opening quote.
  std::size_t column = 0;  ///< 1-based column of the key's opening quote.
  JsonValue value;         ///< The value.
};

/// Deepest nesting of arrays and objects accepted.
/// @spec FMT-BOOK-JSON
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Parses one JSON document (a leading UTF-8 byte-order mark is ignored).
/// Rejects, with InputError at the offending line and column: syntax errors,
/// a truncated text, trailing characters, trailing commas, duplicate keys
/// (field = key path), invalid UTF-8, unescaped control characters,
/// unpaired surrogates and nesting deeper than kMaxJsonDepth.
/// @spec FMT-BOOK-JSON
JsonValue parse_json(std::string_view text, const std::string& source);

/// `null`, `a boolean`, `a number`, `a string`, `an array`, `an object`.
/// @spec FMT-BOOK-JSON
const char* describe(JsonValue::Kind kind);

/// `parent.key` (or `key` at the top level).
/// @spec FMT-BOOK-JSON
std::string json_path(const std::string& parent, std::string_view key);

/// `parent[index]`.
/// @spec FMT-BOOK-JSON
std::string json_path(const std::string& parent, std::size_t index);

}  // namespace adl::io
