// Statement (@spec THM-PR-UNIQUE-CAPPED): needed by the §6 claim: capped pro-rata satisfies AX-MONO
//   (w_i ≥ w_j ⇒ s_i ≥ s_j).
// Encoding: QF_NRA. Variables w, β, B and the level η; capped pro-rata by its closed form
//   h_i = min(η, β_i), Σ w_i·h_i = B (POL-CAPPED-PRO-RATA); survivors s_i = w_i − w_i·h_i.
// Assumptions and bounds: w ≥ 0, β ∈ [0, 1], 0 ＜ B ≤ Σ w·β, η ∈ [0, 1]; n from 1 up to the bound
//   (default 4), stopping at the first counterexample.
// Expected: REFUTED. At n = 2 the query is repeated with the reference's counterexample pinned
//   (w = (10, 9), β = (1, 1/10), B = 59/10) and that model is reported.
// Not modelled: caps from h̄ or e̲ (β is free in [0, 1]).
// Replay: adl::ref::capped_pro_rata on the counterexample: w_i ≥ w_j but s_i ＜ s_j exactly.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const closed_forms::CappedLevel c = closed_forms::capped_level(ctx, size.n, false, false);
  const auto s = closed_forms::survivors(c.w, c.seized);
  std::vector<z3::expr> pinned;
  if (size.n == 2) {
    pinned = pin(ctx, c.w, {10, 9});
    for (const auto& p : pin(ctx, c.beta, {1, ref::Rational(1, 10)})) pinned.push_back(p);
    pinned.push_back(c.B == real_val(ctx, ref::Rational(59, 10)));
  }
  runner::SizedQuery q{
      .assumptions = c.assumptions, .conclusion = closed_forms::monotone(ctx, c.w, s), .pinned = pinned};
  q.witness = {{{"w", c.w}, {"β", c.beta}}, {{"B", c.B}}};
  q.counterexample = {{{"w", c.w}, {"β", c.beta}, {"h", c.h}, {"s", s}},
                      {{"B", c.B}, {"η", c.eta}},
                      "a larger endowment keeps less: AX-MONO fails"};
  q.replay = [c](const z3::model& m) {
    const closed_forms::CappedValues v = closed_forms::capped_values(m, c);
    const auto sv = closed_forms::survivors(v.w, v.cpr.seized);
    const std::string violation = closed_forms::monotone_violation(v.w, sv);
    if (violation.empty()) {
      return runner::mismatch("adl::ref::capped_pro_rata's survivors " + books::show(sv) + " are monotone");
    }
    return runner::reproduced("w = " + books::show(v.w) + ", β = " + books::show(v.beta) +
                              ", B = " + ref::to_fraction(v.B) + ": adl::ref::capped_pro_rata gives h = " +
                              books::show(v.cpr.haircut) + ", survivors " + books::show(sv) + ": " + violation);
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-PR-UNIQUE-CAPPED", "capped pro-rata satisfies AX-MONO", Verdict::Refuted, 4, query));

}  // namespace
}  // namespace adl::proofs
