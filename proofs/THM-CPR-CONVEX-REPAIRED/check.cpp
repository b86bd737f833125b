// Statement (@spec THM-CPR-CONVEX-REPAIRED): the Appendix-D program: for w_i ＞ 0, β_i ∈ [0, 1] and
//   0 ＜ B ≤ C(β), min Σ w_i·φ(h_i) subject to Σ w_i·h_i = B, 0 ≤ h_i ≤ β_i has the unique minimiser
//   h_i = min(η⋆, β_i), here for φ(h) = h² + h (strictly convex, increasing on [0, 1]).
// Encoding: QF_NRA. Variables w, β, B, the level η and a competitor h′. Capped pro-rata by its
//   closed form h_i = min(η, β_i) with Σ w_i·h_i = B (POL-CAPPED-PRO-RATA). Claim: every feasible
//   h′ ≠ h costs strictly more (covers optimality and uniqueness).
// Assumptions and bounds: w ＞ 0, β ∈ [0, 1], 0 ＜ B ≤ Σ w·β, η ∈ [0, 1], Σ w·h′ = B, 0 ≤ h′ ≤ β;
//   n from 1 to the bound (default 3).
// Expected: PROVED (for this φ; general φ by the KKT certificate, not checked here).
// Not modelled: general strictly convex φ; accounts with w_i = 0 (their h_i is free).
// Replay: adl::ref::capped_pro_rata (ALG-CAPPED-WATERFILL) on the witness must return the closed
//   form's h exactly, and its cost must not exceed the witness h′'s.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

ref::Rational phi(const ref::Rational& t) { return t * t + t; }

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  closed_forms::CappedLevel c = closed_forms::capped_level(ctx, size.n, true, true);
  const auto& w = c.w;
  const auto& h = c.h;
  const auto& h2 = c.other;
  std::vector<z3::expr> wh2;
  z3::expr cost = ctx.real_val(0);
  z3::expr cost2 = ctx.real_val(0);
  z3::expr same = ctx.bool_val(true);
  for (unsigned i = 0; i < size.n; ++i) {
    wh2.push_back(w[i] * h2[i]);
    cost = cost + w[i] * (h[i] * h[i] + h[i]);
    cost2 = cost2 + w[i] * (h2[i] * h2[i] + h2[i]);
    same = same && h2[i] == h[i];
  }
  c.assumptions.push_back(sum(ctx, wh2) == c.B);
  runner::SizedQuery q{.assumptions = c.assumptions, .conclusion = same || cost < cost2};
  q.witness = {{{"w", w}, {"β", c.beta}, {"h", h}, {"h′", h2}}, {{"B", c.B}}};
  q.replay = [c, n = size.n](const z3::model& m) {
    const closed_forms::CappedValues v = closed_forms::capped_values(m, c);
    const auto hv = rationals_of(m, c.h, "h");
    ref::Rational c1 = 0;
    ref::Rational c2 = 0;
    for (unsigned i = 0; i < n; ++i) {
      c1 += v.w[i] * phi(v.cpr.haircut[i]);
      c2 += v.w[i] * phi(v.other[i]);
    }
    if (v.cpr.haircut != hv || c1 > c2) {
      return runner::mismatch("adl::ref::capped_pro_rata gives h = " + books::show(v.cpr.haircut) +
                              ", the closed form " + books::show(hv));
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness w = " + books::show(v.w) +
                              ", β = " + books::show(v.beta) + ", B = " + ref::to_fraction(v.B) +
                              ": adl::ref::capped_pro_rata gives h = " + books::show(v.cpr.haircut) +
                              " (= closed form), cost " + ref::to_fraction(c1) + " ≤ h′'s " + ref::to_fraction(c2));
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-CPR-CONVEX-REPAIRED", "capped pro-rata is the unique minimiser of Σ w·φ(h) (Appendix D)",
                   Verdict::Proved, 3, query));

}  // namespace
}  // namespace adl::proofs
