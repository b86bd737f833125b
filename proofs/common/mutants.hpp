/// @file
/// Deliberately broken policies (mutants) that the validity checks must reject
/// (@spec POL-VALID, ctest label mutant), each as a Z3 closed form (what the check
/// encodes) and as an exact evaluation (what the replay runs next to adl::ref's
/// correct policy), and their replay: adl::ref::check_allocation on the correct and
/// the mutant allocation (Reports, breaks_budget):
///
/// - queue off by one: x_k = min(w_k, (B − Σ_{j≤k} w_j)₊), the prefix includes k;
/// - pro-rata overshoot: h = B/U + ε with ε = 1/64 on every eligible account;
/// - capped pro-rata ignoring the first account's cap: h_1 = η, h_i = min(η, β_i)
///   for i ≥ 2, with Σ w_i·h_i = B.
#pragma once

#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/book.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/number.hpp"
#include "adl/ref/policies.hpp"

#include <functional>
#include <string>
#include <vector>

namespace adl::proofs::mutants {

/// The overshoot ε of the pro-rata mutant.
/// @spec POL-PRO-RATA
ref::Rational pro_rata_overshoot_epsilon();

/// Mutant queue (σ = identity): x_k = min(w_k, (B − Σ_{j≤k} w_j)₊).
/// @spec POL-QUEUE
std::vector<z3::expr> mutant_queue_off_by_one(z3::context& ctx, const std::vector<z3::expr>& w, const z3::expr& budget);

/// @copydoc mutant_queue_off_by_one
std::vector<ref::Rational> mutant_queue_off_by_one(const std::vector<ref::Rational>& w, const ref::Rational& budget);

/// Mutant pro-rata haircuts: h_i = B/U + ε for w_i ＞ 0 (U ＞ 0), else 0. The Z3
/// form takes the exact pro-rata level r (r·U = B asserted by the caller).
/// @spec POL-PRO-RATA
std::vector<z3::expr> mutant_pro_rata_overshoot(z3::context& ctx, const std::vector<z3::expr>& w,
                                                const z3::expr& level);

/// @copydoc mutant_pro_rata_overshoot
std::vector<ref::Rational> mutant_pro_rata_overshoot(const std::vector<ref::Rational>& w, const ref::Rational& budget);

/// Mutant capped pro-rata at level η: h_1 = η (cap ignored), h_i = min(η, β_i)
/// for i ≥ 2; h_i = 0 when w_i = 0. The caller asserts Σ w_i·h_i = B.
/// @spec POL-CAPPED-PRO-RATA
std::vector<z3::expr> mutant_capped_ignores_cap(const std::vector<z3::expr>& w, const std::vector<z3::expr>& beta,
                                                const z3::expr& eta);

/// Exact mutant haircuts: the smallest η ∈ [0, 1] with Σ w_i·h_i(η) = B, found
/// by scanning the breakpoints of the piecewise-linear total (no adl::ref code).
/// Throws std::domain_error when no level meets B.
/// @spec POL-CAPPED-PRO-RATA
std::vector<ref::Rational> mutant_capped_ignores_cap(const std::vector<ref::Rational>& w,
                                                     const std::vector<ref::Rational>& beta,
                                                     const ref::Rational& budget);

/// Readable-counterexample constraints for a mutant: B and every w_k small positive
/// integers (1 … 9).
/// @spec DEF-FINITE-CHECK
std::vector<z3::expr> small_integers(const std::vector<z3::expr>& w, const z3::expr& budget);

/// adl::ref::check_allocation, on one replay book, of the correct policy's allocation
/// and of the mutant's (seized x, haircuts h; h_i = x_i/w_i when h is empty).
/// @spec POL-VALID
struct Reports {
  ref::ValidityReport correct;  ///< The correct policy's report.
  ref::ValidityReport mutant;   ///< The mutant's report.
  /// The correct allocation is valid and the mutant's report names `predicate`.
  [[nodiscard]] bool caught(const std::string& predicate) const;
};

/// The Reports of `correct` and of the mutant's x, h at budget B (caps enforced with `enforce_caps`).
/// @spec POL-VALID
Reports reports(const ref::Book& book, const ref::Allocation& correct, const std::vector<ref::Rational>& x,
                const std::vector<ref::Rational>& h, const ref::Rational& budget, bool enforce_caps);

/// The replay of a mutant that must break budget balance (the queue and pro-rata mutants):
/// on the replay book of w and B, adl::ref::<policy>'s allocation `correct` must be valid and
/// the `mutant`'s seizures x (haircuts h; x/w when empty) must violate `budget-balance`, its
/// exact evaluation equal to the model's (`encoded`).
/// @spec POL-VALID
runner::Replay breaks_budget(const std::vector<ref::Rational>& w, const ref::Rational& budget,
                             const std::string& policy, const ref::Allocation& correct, const std::string& mutant,
                             const std::vector<ref::Rational>& x, const std::vector<ref::Rational>& h, bool encoded);

}  // namespace adl::proofs::mutants
