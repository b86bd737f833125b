/// @file
/// The allocation files `adl check` audits (spec/formats.md, FMT-ALLOCATION):
/// the JSON written by `adl run --json`, or a CSV `account,seized`, read
/// exactly, every rejection naming file, line, column and field.
#pragma once

#include "adl/ref/number.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adl::io {

/// One seized amount as read, with where it was read.
/// @spec FMT-ALLOCATION
struct AllocationEntry {
  std::string account;     ///< Account id.
  ref::Rational seized;    ///< USD seized.
  std::size_t line = 1;    ///< 1-based line of the account.
  std::size_t column = 1;  ///< 1-based column of the account.
};

/// Everything read from an allocation file.
/// @spec FMT-ALLOCATION
struct AllocationFile {
  bool json = false;                      ///< A run JSON (true) or a CSV (false).
  std::string format;                     ///< "adlref.run/1 JSON" or "account,seized CSV".
  std::vector<AllocationEntry> entries;   ///< In file order.
  std::optional<ref::Rational> severity;  ///< totals.severity of a run JSON.
  std::optional<std::string> policy;      ///< policy.name of a run JSON, for the report.
  std::size_t list_line = 1;              ///< Where the list of accounts starts (for "missing" errors).
  std::size_t list_column = 1;            ///< Its column.
};

/// Reads an allocation from text (JSON when it starts with `{`, else CSV);
/// `source` names it in errors. Throws InputError.
/// @spec FMT-ALLOCATION
AllocationFile parse_allocation(std::string_view text, const std::string& source);

/// Reads an allocation file (parse_allocation on its contents).
/// @spec FMT-ALLOCATION
AllocationFile load_allocation(const std::string& path);

}  // namespace adl::io
