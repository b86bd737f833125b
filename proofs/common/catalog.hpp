/// @file
/// The registry of the claims catalog (@spec DEF-FINITE-CHECK): each claim of
/// spec/claims.md registers a Claim whose check returns a verdict, a witness for
/// its assumptions and, when refuted, a counterexample replayed through adl::ref;
/// the verdicts and the options of one `adl prove` run.
#pragma once

#include "adl/ref/number.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace adl::proofs {

/// The outcome of checking one claim.
/// @spec DEF-FINITE-CHECK
enum class Verdict {
  Proved,        ///< Negation unsat at every instance size up to the bound; assumptions sat.
  Refuted,       ///< A concrete counterexample, reproduced by adl::ref.
  Unknown,       ///< The solver gave up (never a pass for a claim expected to hold).
  Timeout,       ///< The solver hit the time limit.
  Vacuous,       ///< The assumptions alone are unsatisfiable: the check would prove anything.
  ReplayFailed,  ///< adl::ref did not reproduce a model value: the encoding and the model disagree.
};

/// `PROVED`, `REFUTED`, `UNKNOWN`, `TIMEOUT`, `VACUOUS`, `REPLAY-FAILED`.
/// @spec DEF-FINITE-CHECK
std::string verdict_name(Verdict verdict);

/// Bounds and output options of one `adl prove` run.
/// @spec DEF-FINITE-CHECK
struct Options {
  unsigned max_n = 0;                             ///< Largest instance size; 0 = the claim's default bound.
  unsigned max_t = 0;                             ///< Largest number of rounds; 0 = the claim's default.
  unsigned timeout_ms = 20000;                    ///< Per solver query.
  std::optional<std::filesystem::path> smt2_dir;  ///< Write every query's SMT-LIB here.
};

/// A small table of named values: a witness or a counterexample as people read
/// it (a book with one row per account, plus scalars such as B or θ).
/// @spec DEF-FINITE-CHECK
struct Instance {
  std::vector<std::pair<std::string, std::string>> scalars;  ///< name → exact value.
  std::vector<std::string> columns;                          ///< Column names of the rows.
  std::vector<std::vector<std::string>> rows;                ///< One row per account.
  std::string note;                                          ///< What the instance shows.
};

/// What one claim's check found.
/// @spec DEF-FINITE-CHECK
struct ClaimResult {
  Verdict verdict = Verdict::Unknown;      ///< The verdict.
  std::string bound;                       ///< The bound reached, e.g. `n ≤ 6`.
  std::optional<Instance> witness;         ///< A model of the assumptions (vacuity check).
  std::optional<Instance> counterexample;  ///< When refuted.
  std::string replay;                      ///< What adl::ref reproduced (or failed to).
  std::string detail;                      ///< Why UNKNOWN / VACUOUS / REPLAY-FAILED.
};

/// One claim of the catalog.
/// @spec DEF-FINITE-CHECK
struct Claim {
  std::string id;                                    ///< Spec ID, equal to the folder name under proofs/.
  std::string statement;                             ///< One line.
  Verdict expected;                                  ///< The verdict spec/claims.md records.
  std::function<ClaimResult(const Options&)> check;  ///< Runs the finite check.
};

/// Every registered claim, in registration order.
/// @spec DEF-FINITE-CHECK
std::vector<Claim>& registry();

/// Registers a claim at static-initialisation time; returns true.
/// @spec DEF-FINITE-CHECK
bool register_claim(Claim claim);

}  // namespace adl::proofs
