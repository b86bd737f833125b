#include "adl/io/text.hpp"

#include "adl/io/error.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace adl::io {

std::string read_text_file(const std::string& path, const std::string& source) {
  const std::string& name = source.empty() ? path : source;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(name, 0, 0, "", "cannot open: is a directory");
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    const int error = errno;
    throw InputError(name, 0, 0, "", "cannot open: " + std::generic_category().message(error));
  }
  std::string text;
  std::array<char, 65536> buffer{};
  std::size_t got = 0;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), file)) > 0) text.append(buffer.data(), got);
  const bool failed = std::ferror(file) != 0;
  const int error = errno;
  std::fclose(file);
  if (failed) {
    throw InputError(name, 0, 0, "", "cannot read: " + std::generic_category().message(error));
  }
  return text;
}

}  // namespace adl::io

namespace adl::io::detail {
namespace {

bool continuation(unsigned char byte) { return (byte & 0xC0U) == 0x80U; }

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const auto at = [&](std::size_t i) -> unsigned char {
    return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : 0;
  };
  const unsigned char lead = at(0);
  if (lead < 0x80U) return 1;
  // Allowed range of the second byte and sequence length, per RFC 3629.
  unsigned char low = 0x80U;
  unsigned char high = 0xBFU;
  std::size_t length = 0;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
  } else if (lead == 0xE0U) {
    length = 3;
    low = 0xA0U;
  } else if ((lead >= 0xE1U && lead <= 0xECU) || lead == 0xEEU || lead == 0xEFU) {
    length = 3;
  } else if (lead == 0xEDU) {
    length = 3;
    high = 0x9FU;
  } else if (lead == 0xF0U) {
    length = 4;
    low = 0x90U;
  } else if (lead >= 0xF1U && lead <= 0xF3U) {
    length = 4;
  } else if (lead == 0xF4U) {
    length = 4;
    high = 0x8FU;
  } else {
    return 0;
  }
  if (at(1) < low || at(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (!continuation(at(i))) return 0;
  }
  return length;
}

std::size_t find_invalid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t length = utf8_sequence_length(text, pos);
    if (length == 0) return pos;
    pos += length;
  }
  return std::string_view::npos;
}

std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char ch : text) {
    if (!continuation(static_cast<unsigned char>(ch))) ++count;
  }
  return count;
}

std::string_view strip_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

}  // namespace adl::io::detail
