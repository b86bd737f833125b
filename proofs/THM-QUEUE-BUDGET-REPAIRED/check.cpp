// Statement (@spec THM-QUEUE-BUDGET-REPAIRED): with A₀ = B and 0 ≤ B ≤ U, the queue
//   recursion (POL-QUEUE) seizes exactly B: Σ x_k = B and 0 ≤ x_k ≤ w_k (h ∈ [0, 1]).
// Encoding: QF_LRA. Variables w_1..w_n, B (reals). σ = identity without loss of
//   generality (relabel accounts); x by the closed form x_k = min(w_k, (B − Σ_{j<k} w_j)₊)
//   (proofs/common/closed_forms), written independently of adl::ref::queue.
// Assumptions and bounds: w ≥ 0, 0 ≤ B ≤ Σ w; every n from 1 to the bound (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable, witness printed).
// Not modelled: scores and tie-breaks (only the order matters, and any order is covered).
// Replay: adl::ref::queue runs on the witness book and must seize exactly the witness B.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const books::Budgeted b = books::budgeted(ctx, size.n, true);
  const auto x = closed_forms::queue_closed_form(ctx, b.w, b.B);
  z3::expr conclusion = sum(ctx, x) == b.B;
  for (unsigned k = 0; k < size.n; ++k) conclusion = conclusion && x[k] >= 0 && x[k] <= b.w[k];
  runner::SizedQuery q{.assumptions = b.assumptions, .conclusion = conclusion, .preferences = b.partial_account()};
  q.witness = {{{"w", b.w}, {"x", x}}, {{"B", b.B}}};
  q.replay = [b, n = size.n](const z3::model& m) {
    // The library's queue (σ = identity) seizes exactly B.
    const auto wv = rationals_of(m, b.w, "w");
    const ref::Rational budget = rational_of(m, b.B, "B");
    const ref::Rational seized = books::total(ref::queue(wv, books::index_scores(n), budget).seized);
    if (seized != budget) {
      return runner::mismatch("adl::ref::queue seized " + ref::to_fraction(seized) +
                              " for B = " + ref::to_fraction(budget));
    }
    return runner::reproduced("adl::ref::queue seizes exactly B = " + ref::to_fraction(budget) +
                              " on the n = " + std::to_string(n) + " witness");
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "THM-QUEUE-BUDGET-REPAIRED", "queue seizes exactly B when 0 ≤ B ≤ U (A₀ = B)", Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
