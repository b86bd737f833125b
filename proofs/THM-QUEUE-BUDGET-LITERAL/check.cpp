// Statement (@spec THM-QUEUE-BUDGET-LITERAL): the queue recursion as printed — no
//   hypothesis B ≤ U — seizes exactly B.
// Encoding: QF_LRA, as THM-QUEUE-BUDGET-REPAIRED but without B ≤ Σ w.
// Assumptions and bounds: w ≥ 0, B ≥ 0; n from 1 to the bound (default 6).
// Expected: REFUTED — for B ＞ U the recursion seizes only U.
// Not modelled: the paper's missing A₀ (we set A₀ = B; the failure is the missing B ≤ U).
// Replay: the recursion computed in exact arithmetic on the counterexample seizes
//   Σ min(w_k, A_{k−1}) = U ≠ B, and adl::ref::queue rejects the book as Infeasible.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const books::Budgeted b = books::budgeted(ctx, size.n, false);
  const auto x = closed_forms::queue_closed_form(ctx, b.w, b.B);
  runner::SizedQuery q{
      .assumptions = b.assumptions, .conclusion = sum(ctx, x) == b.B, .preferences = b.something_to_seize()};
  q.witness = {{{"w", b.w}}, {{"B", b.B}}};
  q.counterexample = {{{"w", b.w}, {"x", x}}, {{"B", b.B}}, "the recursion seizes Σx ≠ B"};
  q.replay = [b](const z3::model& m) {
    // The literal recursion in exact arithmetic, and the library's refusal.
    const auto wv = rationals_of(m, b.w, "w");
    const ref::Rational budget = rational_of(m, b.B, "B");
    ref::Rational before = 0;
    ref::Rational seized = 0;
    for (const auto& wk : wv) {
      seized += std::min(wk, ref::positive_part(budget - before));
      before += wk;
    }
    if (seized == budget) return runner::mismatch("exact replay seizes B: the model does not violate the claim");
    const bool rejected = validity::throws_infeasible(
        [&] { (void)ref::queue(wv, books::index_scores(wv.size()), budget); });
    const std::string seizes = "the recursion seizes " + ref::to_fraction(seized) +
                               " ≠ B = " + ref::to_fraction(budget);
    if (!rejected) return runner::mismatch(seizes + "; adl::ref::queue accepted it");
    return runner::reproduced(seizes + "; adl::ref::queue rejects B > U as Infeasible");
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "THM-QUEUE-BUDGET-LITERAL", "queue seizes exactly B, as printed (no B ≤ U)", Verdict::Refuted, 6, query));

}  // namespace
}  // namespace adl::proofs
