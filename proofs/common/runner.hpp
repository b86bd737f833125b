/// @file
/// The one runner of the claims catalog (@spec DEF-FINITE-CHECK). A claim is
/// checked size by size: at each Size the claim builds one SizedQuery (assumptions,
/// conclusion, witness and counterexample tables, replay through adl::ref) in a fresh
/// Z3 context, and the runner decides it with the validity protocol of smt.hpp, keeps
/// the tables and runs the replay (check_sizes, check_each_n). A claim with several
/// parts (a level form, a B > U part, an unrolled algorithm, a control model) lists
/// them as Parts, optionally in one shared context (check_parts, refuted_twice), and
/// their replay sentences are joined. run_claim is the one exception guard: `adl
/// prove` runs every claim through it. Size grids and bounds from the options, and
/// the registration helpers (each_n, sized, single), live here too.
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

/// Model values shown as a table: one column per vector, named scalars and the note
/// that says what the instance shows.
/// @spec DEF-FINITE-CHECK
struct Table {
  Columns columns = {};         ///< One column per vector.
  Scalars scalars = {};         ///< Named scalars.
  std::string note = {};        ///< What the instance shows; empty for a witness: `assumptions hold`.
  bool every_constant = false;  ///< Show every constant of the model instead (instance_of_model).
};

/// One instance size of a claim checked size by size.
/// @spec DEF-FINITE-CHECK
struct Size {
  unsigned n = 0;     ///< Accounts (atoms, rounds: the claim's main size).
  unsigned k = 0;     ///< A second dimension (scenarios, parts, a ray), 0 when unused.
  std::string label;  ///< The bound reached at this size, e.g. `n = 3`.
  std::string tag;    ///< The query-name suffix, e.g. `.n3`.
};

/// The sizes first, first + step, …, ≤ last, labelled `<symbol> = i` with tags `.<symbol><i>`.
/// @spec DEF-FINITE-CHECK
std::vector<Size> sizes(unsigned first, unsigned last, const std::string& symbol = "n", unsigned step = 1);

/// The sizes a claim checks and the bound it reports when every size is proved.
/// @spec DEF-FINITE-CHECK
struct Grid {
  std::vector<Size> sizes;  ///< In checking order.
  std::string bound;        ///< E.g. `n ≤ 6, T ≤ 3`.
};

/// The grid n = 1, …, N with N = --max-n or `default_n` and the bound `n ≤ N` (for a claim
/// expected to be refuted that reports every size it proved when none refutes it).
/// @spec DEF-FINITE-CHECK
std::function<Grid(const Options&)> first_n(unsigned default_n);

/// What a replay through adl::ref found: the sentence the claim reports, or why the
/// model was not reproduced (the verdict becomes REPLAY-FAILED).
/// @spec DEF-FINITE-CHECK
struct Replay {
  bool reproduced = true;  ///< adl::ref (or the exact recomputation) agrees with the model.
  std::string text;        ///< The replay sentence (empty: keep the previous one), or the mismatch.
  /// A counterexample the replay computed itself (an exact run in interval arithmetic),
  /// reported instead of the model's table.
  std::optional<Instance> counterexample = {};
};

/// A replay that agrees, with its sentence (and a counterexample it computed).
/// @spec DEF-FINITE-CHECK
Replay reproduced(std::string sentence, std::optional<Instance> counterexample = {});

/// A replay that disagrees, with what differs (and the counterexample it computed).
/// @spec DEF-FINITE-CHECK
Replay mismatch(std::string detail, std::optional<Instance> counterexample = {});

/// What a claim checks at one size: the query, how its models are shown and how
/// adl::ref replays them.
/// @spec DEF-FINITE-CHECK
struct SizedQuery {
  std::vector<z3::expr> assumptions = {};   ///< The hypotheses at this size.
  std::optional<z3::expr> conclusion = {};  ///< What must follow from them.
  /// Witness preferences (prove_valid): a model of the assumptions worth replaying.
  std::vector<z3::expr> preferences = {};
  /// The witness must meet the preferences (its note then says so): a PROVED query whose
  /// assumptions have no such model becomes REPLAY-FAILED, as its replay would be trivial.
  bool non_degenerate = false;
  /// Values pinned to the reference's counterexample: preferred for the witness and,
  /// when refuted, for the counterexample (`preferences` unused).
  std::vector<z3::expr> pinned = {};
  /// Built only when refuted: constraints for a readable counterexample (e.g. small
  /// integers), sought as assumptions ∧ ¬conclusion ∧ readable (query `<name>.replay`)
  /// and reported instead when one exists.
  std::function<std::vector<z3::expr>()> readable = {};
  Table witness = {};                        ///< The witness table.
  bool show_witness = true;                  ///< False: this query reports no witness table.
  std::optional<Table> counterexample = {};  ///< The counterexample table; default: the witness's, no note.
  /// adl::ref on the model: the witness of a query expected to hold, the counterexample
  /// of one expected to be refuted.
  std::function<Replay(const z3::model&)> replay = {};
  /// A validity decided by several queries of its own (a lemma split into cases), named
  /// after the argument; replaces prove_valid of the assumptions and the conclusion.
  std::function<Validity(const std::string& name)> prove = {};
};

/// A query whose witness must meet `preferences` (non_degenerate), shown as one table for
/// the witness and, noted `conclusion fails`, for the counterexample.
/// @spec DEF-FINITE-CHECK
SizedQuery non_degenerate_query(std::vector<z3::expr> assumptions, z3::expr conclusion,
                                std::vector<z3::expr> preferences, Columns columns, Scalars scalars);

/// Builds the query of one size in the given (fresh) context.
using Query = std::function<SizedQuery(z3::context&, const Size&)>;

/// Checks a claim size by size, each size in a fresh context with the query `id` + tag.
/// Expected Proved: every size must be proved (else the verdict and the size's label are
/// reported), its witness replayed; the bound is `bound`. Expected Refuted: sizes are
/// checked until the first counterexample, which is replayed (the bound is the size's
/// label); `bound` is reported when every size is proved. The last witness is kept, and
/// the replay sentence of the last size that gave one.
/// @spec DEF-FINITE-CHECK
ClaimResult check_sizes(const Options& options, const std::string& id, Verdict expected, const std::vector<Size>& sizes,
                        const std::string& bound, const Query& query);

/// check_sizes over n = 1, …, N with N = --max-n or `default_n`; the bound is
/// `n ≤ N` for a claim expected to hold, `n = N` for one expected to be refuted.
/// @spec DEF-FINITE-CHECK
ClaimResult check_each_n(const Options& options, const std::string& id, Verdict expected, unsigned default_n,
                         const Query& query);

/// One part of a claim checked in parts: sizes and a query, or an exact check without
/// a solver (a recomputation through adl::ref, a control model).
/// @spec DEF-FINITE-CHECK
struct Part {
  std::vector<Size> sizes = {};        ///< The sizes of the query.
  Query query = {};                    ///< The query at each size.
  Verdict expected = Verdict::Proved;  ///< Proved: every size; Refuted: up to the first counterexample.
  std::function<Replay()> check = {};  ///< Set instead of sizes and query: a check without a solver.
  std::string tag = {};                ///< Between the claim ID and the size's tag, e.g. `.infeasible`.
  std::string qualifier = {};          ///< After the size's label, e.g. ` (B > U)`.
  /// Run every size in this context instead of a fresh one (queries about one instance
  /// whose terms the claim built once, e.g. a game and its spec counterexample).
  z3::context* context = nullptr;
};

/// Runs the parts in order on one result, as check_sizes runs one: the first part
/// that fails ends the claim (a refuting part fails when it finds no counterexample:
/// PROVED with `bound`). When every part succeeds the verdict is `verdict`, the bound
/// `bound` and the detail empty. The replay is the parts' sentences joined by `; `.
/// @spec DEF-FINITE-CHECK
ClaimResult check_parts(const Options& options, const std::string& id, const std::vector<Part>& parts, Verdict verdict,
                        const std::string& bound);

/// A literal claim refuted twice on one instance whose terms live in `ctx`: by any
/// counterexample (`free`, query `<id>`) and by the spec's (`spec`, query `<id>.spec`), each
/// replayed; REFUTED with `bound` (the spec's counterexample and witness are reported).
/// @spec DEF-FINITE-CHECK
ClaimResult refuted_twice(const Options& options, const std::string& id, z3::context& ctx, const std::string& bound,
                          const Query& free, const Query& spec);

/// A claim of the catalog checked by check_each_n.
/// @spec DEF-FINITE-CHECK
Claim each_n(std::string id, std::string statement, Verdict expected, unsigned default_n, Query query);

/// A claim of the catalog checked by check_sizes over the grid its options give.
/// @spec DEF-FINITE-CHECK
Claim sized(std::string id, std::string statement, Verdict expected, std::function<Grid(const Options&)> grid,
            Query query);

/// A claim of the catalog decided by one query (its label is the bound, its name the claim ID).
/// @spec DEF-FINITE-CHECK
Claim single(std::string id, std::string statement, Verdict expected, std::string bound, Query query);

/// The one exception guard: runs the claim's check and maps what escapes it to a
/// verdict. z3::exception ⇒ UNKNOWN (`z3 error: …`); any other exception (an irrational
/// model value, an allocator rejecting a replay book) ⇒ REPLAY-FAILED with its message.
/// @spec DEF-FINITE-CHECK
ClaimResult run_claim(const Claim& claim, const Options& options);

}  // namespace adl::proofs::runner
