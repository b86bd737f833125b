/// @file
/// Text of the readers: whole files read as bytes, UTF-8 checks and 1-based
/// columns counted in code points (spec/formats.md, FMT-CSV and FMT-ERRORS).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace adl::io {

/// The whole content of a file, bytes as they are. `source` names the file in
/// errors (the path when empty). Throws InputError (a directory, a file that
/// cannot be opened or read).
/// @spec FMT-ERRORS
std::string read_text_file(const std::string& path, const std::string& source = "");

}  // namespace adl::io

namespace adl::io::detail {

/// Length in bytes of the well-formed UTF-8 sequence starting at `pos`
/// (1 to 4), or 0 when the bytes there are not valid UTF-8 (overlong forms,
/// surrogates, code points above U+10FFFF, truncated sequences).
/// @spec FMT-CSV
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

/// Byte offset of the first invalid UTF-8 sequence in `text`, or npos.
/// @spec FMT-CSV
std::size_t find_invalid_utf8(std::string_view text);

/// Number of code points in `text` (bytes that are not UTF-8 continuation
/// bytes), so `code_points(line.substr(0, k)) + 1` is the column of byte k.
/// @spec FMT-ERRORS
std::size_t code_points(std::string_view text);

/// `text` without a leading UTF-8 byte-order mark (EF BB BF), if any.
/// @spec FMT-CSV
std::string_view strip_bom(std::string_view text);

}  // namespace adl::io::detail
