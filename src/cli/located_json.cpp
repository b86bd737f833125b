#include "located_json.hpp"

#include "adl/io/read.hpp"

#include <cstdint>
#include <tuple>

namespace adl::cli {

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

namespace {

constexpr int kMaxDepth = 256;

class Parser {
 public:
  Parser(std::string_view text, const std::string& source) : text_(text), source_(source) {}

  JsonValue document() {
    skip_space();
    JsonValue root = value(0);
    skip_space();
    if (pos_ < text_.size()) fail("unexpected text after the JSON document");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw io::InputError(source_, line_, column_, "", message);
  }

  [[nodiscard]] bool at_end() const { return pos_ >= text_.size(); }
  [[nodiscard]] char peek() const { return text_[pos_]; }

  void advance() {
    const char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++column_;
    }
  }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) advance();
  }

  void expect(char c, const char* what) {
    if (at_end() || peek() != c) fail(std::string("expected ") + what);
    advance();
  }

  JsonValue value(int depth) {
    if (depth > kMaxDepth) fail("JSON nested too deeply");
    if (at_end()) fail("unexpected end of the JSON document");
    JsonValue v;
    v.line = line_;
    v.column = column_;
    const char c = peek();
    if (c == '{') {
      v.kind = JsonValue::Kind::Object;
      advance();
      skip_space();
      if (!at_end() && peek() == '}') {
        advance();
        return v;
      }
      while (true) {
        skip_space();
        if (at_end() || peek() != '"') fail("expected a string key");
        std::string key = string_body();
        skip_space();
        expect(':', "':' after an object key");
        skip_space();
        JsonValue member = value(depth + 1);
        v.members.emplace_back(std::move(key), std::move(member));
        skip_space();
        if (!at_end() && peek() == ',') {
          advance();
          continue;
        }
        expect('}', "',' or '}' in an object");
        return v;
      }
    }
    if (c == '[') {
      v.kind = JsonValue::Kind::Array;
      advance();
      skip_space();
      if (!at_end() && peek() == ']') {
        advance();
        return v;
      }
      while (true) {
        skip_space();
        v.items.push_back(value(depth + 1));
        skip_space();
        if (!at_end() && peek() == ',') {
          advance();
          continue;
        }
        expect(']', "',' or ']' in an array");
        return v;
      }
    }
    if (c == '"') {
      v.kind = JsonValue::Kind::String;
      v.text = string_body();
      return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      v.kind = JsonValue::Kind::Number;
      v.text = number_text();
      return v;
    }
    for (const auto& [word, kind, boolean] :
         {std::tuple{"true", JsonValue::Kind::Boolean, true}, std::tuple{"false", JsonValue::Kind::Boolean, false},
          std::tuple{"null", JsonValue::Kind::Null, false}}) {
      const std::string_view w(word);
      if (text_.substr(pos_, w.size()) == w) {
        for (std::size_t k = 0; k < w.size(); ++k) advance();
        v.kind = kind;
        v.boolean = boolean;
        return v;
      }
    }
    fail("unexpected character in JSON");
  }

  std::string number_text() {
    const std::size_t start = pos_;
    if (peek() == '-') advance();
    const auto digits = [&] {
      const std::size_t from = pos_;
      while (!at_end() && peek() >= '0' && peek() <= '9') advance();
      return pos_ - from;
    };
    if (digits() == 0) fail("malformed JSON number");
    if (!at_end() && peek() == '.') {
      advance();
      if (digits() == 0) fail("malformed JSON number");
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      advance();
      if (!at_end() && (peek() == '+' || peek() == '-')) advance();
      if (digits() == 0) fail("malformed JSON number");
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  unsigned hex4() {
    unsigned code = 0;
    for (int k = 0; k < 4; ++k) {
      if (at_end()) fail("truncated \\u escape");
      const char h = peek();
      unsigned digit = 0;
      if (h >= '0' && h <= '9') {
        digit = static_cast<unsigned>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        digit = static_cast<unsigned>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        digit = static_cast<unsigned>(h - 'A' + 10);
      } else {
        fail("malformed \\u escape");
      }
      code = code * 16 + digit;
      advance();
    }
    return code;
  }

  static void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (code >> 18)));
      out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }

  std::string string_body() {
    advance();  // opening quote
    std::string out;
    while (true) {
      if (at_end()) fail("unterminated JSON string");
      const char c = peek();
      if (c == '"') {
        advance();
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) fail("control character inside a JSON string");
      if (c != '\\') {
        out.push_back(c);
        advance();
        continue;
      }
      advance();
      if (at_end()) fail("unterminated JSON string");
      const char e = peek();
      advance();
      switch (e) {
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
          if (code >= 0xD800 && code <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail("unpaired surrogate in \\u escape");
            advance();
            advance();
            const std::uint32_t low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate in \\u escape");
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          } else if (code >= 0xDC00 && code <= 0xDFFF) {
            fail("unpaired surrogate in \\u escape");
          }
          append_utf8(out, code);
          break;
        }
        default: fail("unknown escape in a JSON string");
      }
    }
  }

  std::string_view text_;
  const std::string& source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
};

}  // namespace

JsonValue parse_located_json(std::string_view text, const std::string& source) {
  return Parser(text, source).document();
}

}  // namespace adl::cli
