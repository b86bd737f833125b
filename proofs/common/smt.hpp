/// @file
/// Z3 helpers of the claims catalog (@spec DEF-FINITE-CHECK): the validity
/// protocol (prove_valid: vacuity first, unknown never a pass, SMT-LIB for every
/// query) and satisfiability as a validity (searches, existential claims), exact
/// model readers, numerals from exact values, max/min/(·)₊, top-k sums for ≺_w
/// (@spec MET-MAJORIZATION), and model tables (Instance). Every other module builds
/// on this header.
#pragma once

#include "catalog.hpp"

#include "adl/ref/number.hpp"

#include <z3++.h>

#include <optional>
#include <string>
#include <vector>

namespace adl::proofs {

/// A Z3 real numeral with the exact value of `value` (built from a validated
/// `n/d` string: Z3 4.8 silently misreads other spellings, STYLE.md).
/// @spec DEF-FINITE-CHECK
z3::expr real_val(z3::context& ctx, const ref::Rational& value);

/// The exact value of `e` in `model` (model completion on), or nullopt when it
/// is not a rational numeral (an algebraic number of an NRA model).
/// @spec DEF-FINITE-CHECK
std::optional<ref::Rational> value_of(const z3::model& model, const z3::expr& e);

/// As value_of, but throws std::runtime_error naming `what` when irrational.
/// @spec DEF-FINITE-CHECK
ref::Rational rational_of(const z3::model& model, const z3::expr& e, const std::string& what);

/// rational_of for every term, named `what_1`, `what_2`, … in the error.
/// @spec DEF-FINITE-CHECK
std::vector<ref::Rational> rationals_of(const z3::model& model, const std::vector<z3::expr>& exprs,
                                        const std::string& what);

/// The numerals of `values` (real_val each).
/// @spec DEF-FINITE-CHECK
std::vector<z3::expr> numerals(z3::context& ctx, const std::vector<ref::Rational>& values);

/// vars_i = values_i for the first min(#vars, #values) entries: a model pinned to
/// known values (e.g. the reference's counterexample).
/// @spec DEF-FINITE-CHECK
std::vector<z3::expr> pin(z3::context& ctx, const std::vector<z3::expr>& vars,
                          const std::vector<ref::Rational>& values);

/// `n` fresh real constants `prefix_1 … prefix_n`.
/// @spec DEF-FINITE-CHECK
std::vector<z3::expr> reals(z3::context& ctx, const std::string& prefix, unsigned n);

/// Σ of the expressions (0 for none).
/// @spec DEF-FINITE-CHECK
z3::expr sum(z3::context& ctx, const std::vector<z3::expr>& terms);

/// max(a, b) and min(a, b) by if-then-else; (x)₊ = max(x, 0).
/// @spec DEF-CONVENTIONS
z3::expr max2(const z3::expr& a, const z3::expr& b);
/// @copydoc max2
z3::expr min2(const z3::expr& a, const z3::expr& b);
/// @copydoc max2
z3::expr positive_part(const z3::expr& x);

/// max over a non-empty list.
/// @spec DEF-CONVENTIONS
z3::expr max_of(const std::vector<z3::expr>& terms);

/// x ≺_w y for n ≤ 8, by top-k sums over all subsets: for every k, every
/// k-subset sum of x is at most some k-subset sum of y.
/// @spec MET-MAJORIZATION
z3::expr weakly_submajorized(z3::context& ctx, const std::vector<z3::expr>& x, const std::vector<z3::expr>& y);

/// The outcome of one validity check.
/// @spec DEF-FINITE-CHECK
struct Validity {
  Verdict verdict = Verdict::Unknown;       ///< Proved, Refuted, Vacuous, Unknown or Timeout.
  std::optional<z3::model> witness;         ///< A model of the assumptions alone.
  bool witness_preferred = false;           ///< The witness also meets the preferences.
  std::optional<z3::model> counterexample;  ///< A model of assumptions ∧ ¬conclusion.
  std::string detail;                       ///< The solver's reason when unknown.
};

/// Validity of assumptions ⇒ conclusion: first the assumptions alone must be
/// satisfiable (else VACUOUS, the witness is kept); then assumptions ∧
/// ¬conclusion unsat ⇒ PROVED, sat ⇒ REFUTED with the model, unknown ⇒
/// TIMEOUT or UNKNOWN. With Options::smt2_dir each query is also written as
/// `<name>.vacuity.smt2`, `<name>.witness.smt2` and `<name>.negation.smt2`.
///
/// `preferences` make the witness worth replaying: an all-zero book satisfies
/// most assumptions and replays to nothing. When given, the witness is a model
/// of assumptions ∧ preferences (e.g. B ＞ 0, every w_i ＞ 0, distinct values)
/// if one exists, else of the assumptions alone (witness_preferred tells
/// which). Preferences never enter the negation query.
/// @spec DEF-FINITE-CHECK
Validity prove_valid(z3::context& ctx, const std::vector<z3::expr>& assumptions, const z3::expr& conclusion,
                     const Options& options, const std::string& name, const std::vector<z3::expr>& preferences = {});

/// Satisfiability of a conjunction (an existential claim or a witness search):
/// sat ⇒ the model; the verdict is Refuted-style "found" (counterexample set) or
/// Proved-style "none" is left to the caller.
/// @spec DEF-FINITE-CHECK
std::optional<z3::model> find_model(z3::context& ctx, const std::vector<z3::expr>& constraints, const Options& options,
                                    const std::string& name, std::string* unknown_reason = nullptr);

/// Named vectors of terms: the columns of an instance table (one row per index).
using Columns = std::vector<std::pair<std::string, std::vector<z3::expr>>>;
/// Named terms: the scalars of an instance table.
using Scalars = std::vector<std::pair<std::string, z3::expr>>;

/// A satisfiability query as a validity (an existential claim, a search): sat ⇒ `sat`
/// with the model as its witness (as its counterexample when `sat` is REFUTED); unsat ⇒
/// `unsat` with the detail `why`; unknown ⇒ TIMEOUT or UNKNOWN with the solver's reason.
/// The query is `<name>.smt2`.
/// @spec DEF-FINITE-CHECK
Validity satisfiable(z3::context& ctx, const std::vector<z3::expr>& constraints, const Options& options,
                     const std::string& name, Verdict sat, Verdict unsat, const std::string& why);

/// A witness or counterexample table from a model: one row per index i with the
/// named vectors as columns, plus named scalars.
/// @spec DEF-FINITE-CHECK
Instance instance_of(const z3::model& model, const Columns& columns, const Scalars& scalars, std::string note = {});

/// Every constant of a model as a scalar row, sorted by name (for lemmas whose
/// variables are not kept by the caller).
/// @spec DEF-FINITE-CHECK
Instance instance_of_model(const z3::model& model, std::string note = {});

}  // namespace adl::proofs
