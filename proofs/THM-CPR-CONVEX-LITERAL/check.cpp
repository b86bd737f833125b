// Statement (@spec THM-CPR-CONVEX-LITERAL): the §6 program as printed: capped pro-rata solves
//   min Σᵢ φ(h_i) subject to 0 ≤ h_i ≤ β_i (no budget constraint, no weights), φ(h) = h² + h.
// Encoding: QF_NRA. Variables w_1..w_n ＞ 0, β_1..β_n, B, the level η and a competitor h′.
//   Capped pro-rata by its closed form h_i = min(η, β_i) with Σ w_i·h_i = B (POL-CAPPED-PRO-RATA),
//   independent of ALG-CAPPED-WATERFILL. Claim: Σ φ(h_i) ≤ Σ φ(h′_i) for every h′ of the program.
// Assumptions and bounds: w ＞ 0, β ∈ [0, 1], 0 ＜ B ≤ Σ w·β, η ∈ [0, 1], 0 ≤ h′ ≤ β; n from 1 up to
//   the bound (default 3), stopping at the first counterexample.
// Expected: REFUTED. At n = 1 the query is repeated with the reference's counterexample pinned
//   (w = 1, β = 1, B = 1/2, h′ = 0) and that model is reported.
// Not modelled: other convex φ (one strictly convex increasing instance suffices to refute).
// Replay: adl::ref::capped_pro_rata on (w, β, B) gives h; the §6 cost of h and of h′ in exact
//   Rationals: h′ is cheaper.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

ref::Rational phi(const ref::Rational& t) { return t * t + t; }

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const closed_forms::CappedLevel c = closed_forms::capped_level(ctx, size.n, true, true);
  const auto& h = c.h;
  const auto& h2 = c.other;
  z3::expr cost = ctx.real_val(0);
  z3::expr cost2 = ctx.real_val(0);
  for (unsigned i = 0; i < size.n; ++i) {
    cost = cost + h[i] * h[i] + h[i];
    cost2 = cost2 + h2[i] * h2[i] + h2[i];
  }
  std::vector<z3::expr> pinned;
  if (size.n == 1) pinned = {c.w[0] == 1, c.beta[0] == 1, c.B == real_val(ctx, ref::Rational(1, 2)), h2[0] == 0};
  runner::SizedQuery q{.assumptions = c.assumptions, .conclusion = cost <= cost2, .pinned = pinned};
  q.witness = {{{"w", c.w}, {"β", c.beta}}, {{"B", c.B}}};
  q.counterexample = {{{"w", c.w}, {"β", c.beta}, {"h", h}, {"h′", h2}},
                      {{"B", c.B}, {"Σφ(h)", cost}, {"Σφ(h′)", cost2}},
                      "h′ is feasible in the §6 program and cheaper than capped pro-rata"};
  q.replay = [c, n = size.n](const z3::model& m) {
    const closed_forms::CappedValues v = closed_forms::capped_values(m, c);
    ref::Rational c1 = 0;
    ref::Rational c2 = 0;
    for (unsigned i = 0; i < n; ++i) {
      c1 += phi(v.cpr.haircut[i]);
      c2 += phi(v.other[i]);
    }
    if (!(c2 < c1)) return runner::mismatch("adl::ref::capped_pro_rata's h is not beaten by h′");
    return runner::reproduced(
        "w = " + books::show(v.w) + ", β = " + books::show(v.beta) + ", B = " + ref::to_fraction(v.B) +
        ": adl::ref::capped_pro_rata gives h = " + books::show(v.cpr.haircut) +
        " costing Σφ = " + ref::to_fraction(c1) + "; h′ = " + books::show(v.other) + " costs " + ref::to_fraction(c2));
  };
  return q;
}

const bool registered = register_claim(runner::each_n("THM-CPR-CONVEX-LITERAL",
                                                      "capped pro-rata solves the §6 program (no budget, no weights)",
                                                      Verdict::Refuted, 3, query));

}  // namespace
}  // namespace adl::proofs
