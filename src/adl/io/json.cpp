#include "adl/io/json.hpp"

#include "adl/io/error.hpp"
#include "adl/io/text.hpp"

#include <cstdint>
#include <utility>

namespace adl::io {

using detail::strip_bom;
using detail::utf8_sequence_length;

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& member : members) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

const char* describe(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::Null: return "null";
    case JsonValue::Kind::Boolean: return "a boolean";
    case JsonValue::Kind::Number: return "a number";
    case JsonValue::Kind::String: return "a string";
    case JsonValue::Kind::Array: return "an array";
    case JsonValue::Kind::Object: return "an object";
  }
  return "a value";
}

std::string json_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string json_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

namespace {

bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
bool is_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

class Parser {
 public:
  Parser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  JsonValue document() {
    skip_space();
    JsonValue root = value("", 0);
    skip_space();
    if (pos_ < text_.size()) fail("unexpected characters after the JSON document");
    return root;
  }

 private:
  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;

  [[noreturn]] void fail(const std::string& message, std::string field = "") const {
    fail_at(line_, column_, message, std::move(field));
  }
  [[noreturn]] void fail_at(std::size_t line, std::size_t column, const std::string& message,
                            std::string field = "") const {
    throw InputError(source_, line, column, std::move(field), message);
  }

  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return text_[pos_]; }

  // Consumes one byte, keeping line and column (in code points) current.
  void advance() {
    const auto byte = static_cast<unsigned char>(text_[pos_]);
    ++pos_;
    if (byte == '\n') {
      ++line_;
      column_ = 1;
    } else if ((byte & 0xC0U) != 0x80U) {
      ++column_;
    }
  }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
      advance();
    }
  }

  void expect_more(const char* what) {
    if (at_end()) fail(std::string("unexpected end of input (expected ") + what + ")");
  }

  JsonValue value(const std::string& path, std::size_t depth) {
    expect_more("a value");
    JsonValue out;
    out.line = line_;
    out.column = column_;
    const char ch = peek();
    if (ch == '{') {
      out.kind = JsonValue::Kind::Object;
      object(out, path, depth + 1);
    } else if (ch == '[') {
      out.kind = JsonValue::Kind::Array;
      array(out, path, depth + 1);
    } else if (ch == '"') {
      out.kind = JsonValue::Kind::String;
      out.text = string();
    } else if (ch == '-' || is_digit(ch)) {
      out.kind = JsonValue::Kind::Number;
      out.text = number();
    } else if (is_letter(ch)) {
      const std::size_t start = pos_;
      while (!at_end() && (is_letter(peek()) || is_digit(peek()) || peek() == '_')) advance();
      const std::string_view word = text_.substr(start, pos_ - start);
      if (word == "true" || word == "false") {
        out.kind = JsonValue::Kind::Boolean;
        out.boolean = word == "true";
      } else if (word == "null") {
        out.kind = JsonValue::Kind::Null;
      } else {
        fail_at(out.line, out.column,
                "invalid literal '" + std::string(word) +
                    "' (JSON values are objects, arrays, strings, numbers, true, false or null)");
      }
    } else {
      fail(std::string("unexpected character '") + describe_char() + "' (expected a value)");
    }
    return out;
  }

  [[nodiscard]] std::string describe_char() const {
    const std::size_t length = utf8_sequence_length(text_, pos_);
    if (length == 0) return "\\x" + hex_byte(static_cast<unsigned char>(peek()));
    const auto byte = static_cast<unsigned char>(peek());
    if (byte < 0x20U) return "\\x" + hex_byte(byte);
    return std::string(text_.substr(pos_, length));
  }

  static std::string hex_byte(unsigned char byte) {
    const char* digits = "0123456789ABCDEF";
    return {digits[byte >> 4U], digits[byte & 0x0FU]};
  }

  void check_depth(std::size_t depth, const std::string& path) const {
    if (depth > kMaxJsonDepth) {
      fail("nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels", path);
    }
  }

  // The words of one kind of bracketed list, for its messages.
  struct ListGrammar {
    char close;                  // '}' or ']'
    const char* first;           // expected after the opening bracket
    const char* element;         // expected where an element starts
    const char* trailing_comma;  // a comma right before the closing bracket
    const char* after_element;   // expected after an element
    const char* bad_separator;   // neither a comma nor the closing bracket
  };
  static constexpr ListGrammar kObjectList{'}',          "a key or '}'",       "a key", "trailing comma before '}'",
                                           "',' or '}'", "expected ',' or '}'"};
  static constexpr ListGrammar kArrayList{']',          "a value or ']'",     "a value", "trailing comma before ']'",
                                          "',' or ']'", "expected ',' or ']'"};

  // An object's members or an array's items (RFC 8259): from the opening
  // bracket, elements separated by commas up to the closing bracket, no
  // trailing comma; `element()` reads one element where it starts.
  template <class Element>
  void list(const ListGrammar& grammar, Element element) {
    advance();  // '{' or '['
    skip_space();
    expect_more(grammar.first);
    if (peek() == grammar.close) {
      advance();
      return;
    }
    while (true) {
      skip_space();
      expect_more(grammar.element);
      if (peek() == grammar.close) fail(grammar.trailing_comma);
      element();
      skip_space();
      expect_more(grammar.after_element);
      if (peek() == grammar.close) {
        advance();
        return;
      }
      if (peek() != ',') fail(grammar.bad_separator);
      advance();
    }
  }

  void object(JsonValue& out, const std::string& path, std::size_t depth) {
    check_depth(depth, path);
    list(kObjectList, [&] {
      if (peek() != '"') fail("expected a string key");
      JsonMember member;
      member.line = line_;
      member.column = column_;
      member.key = string();
      const std::string member_path = json_path(path, member.key);
      for (const auto& previous : out.members) {
        if (previous.key == member.key) {
          fail_at(member.line, member.column,
                  "duplicate key '" + member.key + "' (first on line " + std::to_string(previous.line) + ", column " +
                      std::to_string(previous.column) + ")",
                  member_path);
        }
      }
      skip_space();
      expect_more("':'");
      if (peek() != ':') fail("expected ':' after the key");
      advance();
      skip_space();
      member.value = value(member_path, depth);
      out.members.push_back(std::move(member));
    });
  }

  void array(JsonValue& out, const std::string& path, std::size_t depth) {
    check_depth(depth, path);
    list(kArrayList, [&] { out.items.push_back(value(json_path(path, out.items.size()), depth)); });
  }

  std::string number() {
    const std::size_t start = pos_;
    if (peek() == '-') advance();
    if (at_end() || !is_digit(peek())) fail("expected a digit in the number");
    if (peek() == '0') {
      advance();
      if (!at_end() && is_digit(peek())) fail("leading zeros are not allowed in JSON numbers");
    } else {
      while (!at_end() && is_digit(peek())) advance();
    }
    if (!at_end() && peek() == '.') {
      advance();
      if (at_end() || !is_digit(peek())) fail("expected a digit after the decimal point");
      while (!at_end() && is_digit(peek())) advance();
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      advance();
      if (!at_end() && (peek() == '+' || peek() == '-')) advance();
      if (at_end() || !is_digit(peek())) fail("expected a digit in the exponent");
      while (!at_end() && is_digit(peek())) advance();
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::uint32_t hex4() {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      expect_more("four hexadecimal digits");
      const char ch = peek();
      std::uint32_t digit = 0;
      if (ch >= '0' && ch <= '9') {
        digit = static_cast<std::uint32_t>(ch - '0');
      } else if (ch >= 'a' && ch <= 'f') {
        digit = static_cast<std::uint32_t>(ch - 'a' + 10);
      } else if (ch >= 'A' && ch <= 'F') {
        digit = static_cast<std::uint32_t>(ch - 'A' + 10);
      } else {
        fail("expected four hexadecimal digits after \\u");
      }
      value = value * 16U + digit;
      advance();
    }
    return value;
  }

  static void append_utf8(std::string& out, std::uint32_t code) {
    const auto byte = [](std::uint32_t v) { return static_cast<char>(static_cast<unsigned char>(v)); };
    if (code < 0x80U) {
      out.push_back(byte(code));
    } else if (code < 0x800U) {
      out.push_back(byte(0xC0U | (code >> 6U)));
      out.push_back(byte(0x80U | (code & 0x3FU)));
    } else if (code < 0x10000U) {
      out.push_back(byte(0xE0U | (code >> 12U)));
      out.push_back(byte(0x80U | ((code >> 6U) & 0x3FU)));
      out.push_back(byte(0x80U | (code & 0x3FU)));
    } else {
      out.push_back(byte(0xF0U | (code >> 18U)));
      out.push_back(byte(0x80U | ((code >> 12U) & 0x3FU)));
      out.push_back(byte(0x80U | ((code >> 6U) & 0x3FU)));
      out.push_back(byte(0x80U | (code & 0x3FU)));
    }
  }

  std::string string() {
    advance();  // opening quote
    std::string out;
    while (true) {
      if (at_end()) fail("unexpected end of input inside a string");
      const auto byte = static_cast<unsigned char>(peek());
      if (byte == '"') {
        advance();
        return out;
      }
      if (byte < 0x20U) {
        fail("control character in a string (it must be escaped)");
      }
      if (byte == '\\') {
        const std::size_t line = line_;
        const std::size_t column = column_;
        advance();
        expect_more("an escape");
        const char escape = peek();
        advance();
        switch (escape) {
          case '"': out.push_back('"'); break;
          case '\\': out.push_back('\\'); break;
          case '/': out.push_back('/'); break;
          case 'b': out.push_back('\b'); break;
          case 'f': out.push_back('\f'); break;
          case 'n': out.push_back('\n'); break;
          case 'r': out.push_back('\r'); break;
          case 't': out.push_back('\t'); break;
          case 'u': {
            std::uint32_t code = hex4();
            if (code >= 0xDC00U && code <= 0xDFFFU) {
              fail_at(line, column, "unpaired surrogate in a \\u escape");
            }
            if (code >= 0xD800U && code <= 0xDBFFU) {
              if (text_.substr(pos_, 2) != "\\u") {
                fail_at(line, column, "unpaired surrogate in a \\u escape");
              }
              advance();
              advance();
              const std::uint32_t low = hex4();
              if (low < 0xDC00U || low > 0xDFFFU) {
                fail_at(line, column, "unpaired surrogate in a \\u escape");
              }
              code = 0x10000U + ((code - 0xD800U) << 10U) + (low - 0xDC00U);
            }
            append_utf8(out, code);
            break;
          }
          default: fail_at(line, column, "invalid escape in a string");
        }
        continue;
      }
      const std::size_t length = utf8_sequence_length(text_, pos_);
      if (length == 0) fail("invalid UTF-8");
      for (std::size_t i = 0; i < length; ++i) {
        out.push_back(peek());
        advance();
      }
    }
  }
};

}  // namespace

JsonValue parse_json(std::string_view text, const std::string& source) {
  return Parser(strip_bom(text), source).document();
}

}  // namespace adl::io
