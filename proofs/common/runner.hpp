/// @file
/// The one runner of the claims catalog (@spec DEF-FINITE-CHECK): a claim is
/// checked size by size (check_sizes, check_each_n), each size one SizedQuery in a
/// fresh Z3 context with its witness and counterexample tables and its replay
/// through adl::ref; claims with several parts (the validity claims' level form,
/// B > U part and unrolled algorithm) accumulate their replay in a PartsResult.
/// Size bounds from the options (bound) live here too.
#pragma once

#include "catalog.hpp"
#include "smt.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adl::proofs::runner {

/// A size bound: `requested` when nonzero (at most `cap` when cap ＞ 0), else `fallback`.
/// @spec DEF-FINITE-CHECK
unsigned bound(unsigned requested, unsigned fallback, unsigned cap = 0);

/// Model values shown as a table (instance_of): one column per vector, named
/// scalars and the note that says what the instance shows.
/// @spec DEF-FINITE-CHECK
struct Table {
  Columns columns = {};   ///< One column per vector.
  Scalars scalars = {};   ///< Named scalars.
  std::string note = {};  ///< What the instance shows; empty for a witness: `assumptions hold`.
};

/// One instance size of a claim checked size by size (check_sizes).
/// @spec DEF-FINITE-CHECK
struct Size {
  unsigned n = 0;     ///< Accounts (atoms, rounds: the claim's main size).
  unsigned k = 0;     ///< A second dimension (scenarios, parts, a ray), 0 when unused.
  std::string label;  ///< The bound reached at this size, e.g. `n = 3`.
  std::string tag;    ///< The query-name suffix, e.g. `.n3`.
};

/// The sizes n = first, …, last (labels `n = i`, tags `.n<i>`).
/// @spec DEF-FINITE-CHECK
std::vector<Size> sizes(unsigned first, unsigned last);

/// What a claim checks at one size: the query, how its models are shown and
/// how adl::ref replays them.
/// @spec DEF-FINITE-CHECK
struct SizedQuery {
  std::vector<z3::expr> assumptions;  ///< The hypotheses at this size.
  z3::expr conclusion;                ///< What must follow from them.
  /// Witness preferences (prove_valid): a model of the assumptions worth replaying.
  std::vector<z3::expr> preferences = {};
  /// Values pinned to the reference's counterexample: preferred for the witness and,
  /// when refuted, for the counterexample (prove_valid_preferring; `preferences` unused).
  std::vector<z3::expr> pinned = {};
  /// Built only when refuted: constraints for a readable counterexample (e.g. small
  /// integers), sought as assumptions ∧ ¬conclusion ∧ readable (query `<name>.replay`)
  /// and reported instead when one exists.
  std::function<std::vector<z3::expr>()> readable = {};
  Table witness = {};                        ///< The witness table.
  bool show_witness = true;                  ///< False: the claim reports no witness table.
  std::optional<Table> counterexample = {};  ///< The counterexample table; default: the witness's, no note.
  /// adl::ref on the model: the witness for a claim expected to hold (every size), the
  /// counterexample for one expected to be refuted. Sets result.replay; returns false
  /// when adl::ref does not reproduce the model (after setting result.detail, and
  /// result.bound if the claim reports one then); the verdict becomes REPLAY-FAILED.
  std::function<bool(const z3::model&, ClaimResult&)> replay = {};
};

/// Checks a claim size by size, each size in a fresh context with the query `id` + tag.
/// Expected Proved: every size must be proved (else the verdict and the size's label are
/// reported), its witness replayed; the bound is `bound`. Expected Refuted: sizes are
/// checked until the first counterexample, which is replayed (the bound is the size's
/// label); `bound` is reported when every size is proved. The last witness is kept.
/// @spec DEF-FINITE-CHECK
ClaimResult check_sizes(const Options& options, const std::string& id, Verdict expected,
                        const std::vector<Size>& sizes, const std::string& bound,
                        const std::function<SizedQuery(z3::context&, const Size&)>& query);

/// check_sizes over n = 1, …, N with N = --max-n or `default_n`; the bound is
/// `n ≤ N` for a claim expected to hold, `n = N` for one expected to be refuted.
/// @spec DEF-FINITE-CHECK
ClaimResult check_each_n(const Options& options, const std::string& id, Verdict expected, unsigned default_n,
                         const std::function<SizedQuery(z3::context&, const Size&)>& query);

/// The running result of a claim checked in parts (THM-VALID-CAPPED, -RAP, -MINMAX,
/// THM-QUEUE-VERTEX, THM-QUEUE-MAX-SCORE): each part appends to `replay`; the first
/// part that fails ends the check.
/// @spec DEF-FINITE-CHECK
struct PartsResult {
  ClaimResult result;  ///< Witness and counterexample tables as the parts set them.
  std::string replay;  ///< The replay sentences of the parts so far.
  /// Ends the check with a failing part's verdict, bound and detail.
  ClaimResult fail(Verdict verdict, std::string bound, std::string detail);
  /// Ends the check PROVED with `bound`, the accumulated replay and no detail.
  ClaimResult proved(std::string bound);
};

/// prove_valid with `preferences` for a non-degenerate witness, recorded in `result`
/// (verdict, detail, witness and counterexample tables). A PROVED run whose witness
/// does not meet the preferences becomes REPLAY-FAILED: its replay would be trivial.
/// @spec DEF-FINITE-CHECK
Validity run_validity(ClaimResult& result, z3::context& ctx, const std::vector<z3::expr>& assumptions,
                      const z3::expr& conclusion, const std::vector<z3::expr>& preferences,
                      const Options& options, const std::string& name, const Columns& columns,
                      const Scalars& scalars);

/// `result` with verdict REPLAY-FAILED and `detail`.
/// @spec DEF-FINITE-CHECK
ClaimResult replay_failed(ClaimResult result, const std::string& detail);

/// Runs a check body and turns an exception outside Z3 (an irrational model
/// value, an allocator rejecting the replay book) into REPLAY-FAILED with its
/// message; z3::exception propagates to the catalog (UNKNOWN).
/// @spec DEF-FINITE-CHECK
ClaimResult guarded(const std::function<ClaimResult()>& body);

}  // namespace adl::proofs::runner
