#include "adl/io/error.hpp"

#include <utility>

namespace adl::io {
namespace {

/// FMT-ERRORS: one line. Control characters that came from the input (a JSON
/// "\n" escape in an account id, say) are shown escaped.
std::string one_line(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    const auto byte = static_cast<unsigned char>(ch);
    if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (byte < 0x20U || byte == 0x7FU) {
      const char* digits = "0123456789ABCDEF";
      out += "\\x";
      out.push_back(digits[byte >> 4U]);
      out.push_back(digits[byte & 0x0FU]);
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string format_input_error(const std::string& file, std::size_t line, std::size_t column, const std::string& field,
                               const std::string& message) {
  std::string out = file;
  if (line > 0) {
    out += ":" + std::to_string(line);
    if (column > 0) out += ":" + std::to_string(column);
  }
  out += ": ";
  if (!field.empty()) out += "field '" + field + "': ";
  out += message;
  return one_line(out);
}

}  // namespace

InputError::InputError(std::string file, std::size_t line, std::size_t column, std::string field, std::string message)
    : std::runtime_error(format_input_error(file, line, column, field, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      field_(std::move(field)),
      message_(std::move(message)) {}

}  // namespace adl::io
