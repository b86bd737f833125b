/// @file
/// Data-quality findings of the empirical loaders (spec/empirical.md,
/// EMP-FINDINGS): what a check of the October-10 data found, with the file,
/// line and field it concerns. Findings are reported, never used to drop rows.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace adl::emp {

/// How much a finding matters to the numbers built on the data.
/// @spec EMP-FINDINGS
enum class Severity {
  kInfo,     ///< A fact worth knowing (a documented quirk, a count).
  kWarning,  ///< An identity or cross-check that fails beyond its tolerance.
};

/// One data-quality finding.
/// @spec EMP-FINDINGS
struct Finding {
  Severity severity = Severity::kWarning;  ///< Info or warning.
  std::string check;                       ///< Stable name of the check (`two_pass.overshoot_identity`).
  std::string file;                        ///< The file it concerns (as given to the loader).
  std::size_t line = 0;                    ///< 1-based line, 0 when it concerns the whole file.
  std::string field;                       ///< Column or key, empty when it concerns a whole row.
  std::string message;                     ///< What was found, with the values involved.
};

/// `info` or `warning`.
/// @spec EMP-FINDINGS
inline const char* severity_name(Severity s) { return s == Severity::kInfo ? "info" : "warning"; }

/// A list of findings, in the order they were found.
using Findings = std::vector<Finding>;

}  // namespace adl::emp
