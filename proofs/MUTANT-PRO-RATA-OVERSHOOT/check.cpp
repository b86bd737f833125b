// Statement (@spec THM-VALID-PRO-RATA, mutant): the validity property of THM-VALID-PRO-RATA
//   (Σ x_i = B, 0 ≤ x_i ≤ w_i, h_i ∈ [0, 1] for U ＞ 0, 0 ≤ B ≤ U) applied to a pro-rata that
//   overshoots: h_i = B/U + ε on eligible accounts, ε = 1/64 (proofs/common/mutants).
//   The check must catch the mutant.
// Encoding: QF_NRA as THM-VALID-PRO-RATA: variables w_1..w_n, B, the level r with r·U = B,
//   h_i = r + ε for w_i ＞ 0 (else 0), x_i = h_i·w_i.
// Assumptions and bounds: w ≥ 0, U ＞ 0, 0 ≤ B ≤ U; n from 1 to the bound (default 6), stopping
//   at the first counterexample; the search first asks for small integers (w_i, B ∈ {1, …, 9}).
// Expected: REFUTED (the mutant seizes B + ε·U ≠ B).
// Not modelled: caps.
// Replay: on the counterexample book adl::ref::pro_rata is valid by check_allocation, while the
//   mutant's output, evaluated in exact arithmetic, violates `budget-balance`.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "mutants.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace mutants;

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto w = reals(ctx, "w", size.n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr r = ctx.real_const("r");
  const z3::expr U = sum(ctx, w);
  std::vector<z3::expr> assumptions;
  for (const auto& wk : w) assumptions.push_back(wk >= 0);
  assumptions.push_back(U > 0 && B >= 0 && B <= U);
  assumptions.push_back(r * U == B);
  const auto h = mutant_pro_rata_overshoot(ctx, w, r);
  const auto x = closed_forms::seized_of(w, h);
  z3::expr conclusion = validity::budget_and_bounds(ctx, w, x, B);
  for (const auto& hk : h) conclusion = conclusion && hk >= 0 && hk <= 1;
  runner::SizedQuery q{
      .assumptions = assumptions, .conclusion = conclusion, .readable = [w, B] { return small_integers(w, B); }};
  q.witness = {{{"w", w}}, {{"B", B}}};
  q.counterexample = {{{"w", w}, {"h (mutant)", h}, {"x (mutant)", x}}, {{"B", B}}, "the mutant seizes Σx ≠ B"};
  q.replay = [w, B, h](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const ref::Rational budget = rational_of(m, B, "B");
    const auto hm = mutant_pro_rata_overshoot(wv, budget);
    const auto xm = closed_forms::seized_values(wv, hm);
    const ref::Allocation good = ref::pro_rata(wv, budget);
    return breaks_budget(wv, budget, "pro_rata", good, "overshooting mutant (h = B/U + 1/64)", xm, hm,
                         hm == rationals_of(m, h, "h"));
  };
  return q;
}

const bool registered = register_claim(runner::sized(
    "MUTANT-PRO-RATA-OVERSHOOT", "mutant: pro-rata with h = B/U + 1/64 must fail THM-VALID-PRO-RATA's validity",
    Verdict::Refuted, runner::first_n(6), query));

}  // namespace
}  // namespace adl::proofs
