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
#include "group_b_top.hpp"

namespace adl::proofs {
namespace {

ref::Rational phi(const ref::Rational& t) { return t * t + t; }

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 3 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const auto beta = reals(ctx, "beta", n);
    const auto h2 = reals(ctx, "hprime", n);
    const z3::expr B = ctx.real_const("B");
    const z3::expr eta = ctx.real_const("eta");
    std::vector<z3::expr> assumptions;
    std::vector<z3::expr> h, wh, wh2, capacity;
    z3::expr cost = ctx.real_val(0);
    z3::expr cost2 = ctx.real_val(0);
    z3::expr same = ctx.bool_val(true);
    for (unsigned i = 0; i < n; ++i) {
      assumptions.push_back(w[i] > 0);
      assumptions.push_back(beta[i] >= 0);
      assumptions.push_back(beta[i] <= 1);
      assumptions.push_back(h2[i] >= 0);
      assumptions.push_back(h2[i] <= beta[i]);
      h.push_back(min2(eta, beta[i]));
      wh.push_back(w[i] * h.back());
      wh2.push_back(w[i] * h2[i]);
      capacity.push_back(w[i] * beta[i]);
      cost = cost + w[i] * (h.back() * h.back() + h.back());
      cost2 = cost2 + w[i] * (h2[i] * h2[i] + h2[i]);
      same = same && h2[i] == h.back();
    }
    assumptions.push_back(B > 0);
    assumptions.push_back(B <= sum(ctx, capacity));
    assumptions.push_back(eta >= 0);
    assumptions.push_back(eta <= 1);
    assumptions.push_back(sum(ctx, wh) == B);
    assumptions.push_back(sum(ctx, wh2) == B);
    const Validity v = prove_valid(ctx, assumptions, same || cost < cost2, options,
                                   "THM-CPR-CONVEX-REPAIRED.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) {
      result.witness = instance_of(*v.witness, {{"w", w}, {"β", beta}, {"h", h}, {"h′", h2}}, {{"B", B}}, "assumptions hold");
    }
    if (v.counterexample) {
      result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"β", beta}, {"h", h}, {"h′", h2}}, {{"B", B}});
    }
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const auto wv = group_b::rationals_of(*v.witness, w, "w");
    const auto bv = group_b::rationals_of(*v.witness, beta, "β");
    const auto hv = group_b::rationals_of(*v.witness, h, "h");
    const auto h2v = group_b::rationals_of(*v.witness, h2, "h′");
    const ref::Rational b = rational_of(*v.witness, B, "B");
    const auto cpr = ref::capped_pro_rata(wv, bv, b);
    ref::Rational c1 = 0;
    ref::Rational c2 = 0;
    for (unsigned i = 0; i < n; ++i) {
      c1 += wv[i] * phi(cpr.haircut[i]);
      c2 += wv[i] * phi(h2v[i]);
    }
    if (cpr.haircut != hv || c1 > c2) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::capped_pro_rata gives h = " + group_b::show(cpr.haircut) + ", the closed form " +
                      group_b::show(hv);
      return result;
    }
    result.replay = "n = " + std::to_string(n) + " witness w = " + group_b::show(wv) + ", β = " + group_b::show(bv) +
                    ", B = " + ref::to_fraction(b) + ": adl::ref::capped_pro_rata gives h = " +
                    group_b::show(cpr.haircut) + " (= closed form), cost " + ref::to_fraction(c1) + " ≤ h′'s " +
                    ref::to_fraction(c2);
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-CPR-CONVEX-REPAIRED",
                                        "capped pro-rata is the unique minimiser of Σ w·φ(h) (Appendix D)",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
