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
    std::vector<z3::expr> h, wh, capacity;
    z3::expr cost = ctx.real_val(0);
    z3::expr cost2 = ctx.real_val(0);
    for (unsigned i = 0; i < n; ++i) {
      assumptions.push_back(w[i] > 0);
      assumptions.push_back(beta[i] >= 0);
      assumptions.push_back(beta[i] <= 1);
      assumptions.push_back(h2[i] >= 0);
      assumptions.push_back(h2[i] <= beta[i]);
      h.push_back(min2(eta, beta[i]));
      wh.push_back(w[i] * h.back());
      capacity.push_back(w[i] * beta[i]);
      cost = cost + h.back() * h.back() + h.back();
      cost2 = cost2 + h2[i] * h2[i] + h2[i];
    }
    assumptions.push_back(B > 0);
    assumptions.push_back(B <= sum(ctx, capacity));
    assumptions.push_back(eta >= 0);
    assumptions.push_back(eta <= 1);
    assumptions.push_back(sum(ctx, wh) == B);
    std::vector<z3::expr> preferred;
    if (n == 1) preferred = {w[0] == 1, beta[0] == 1, B == real_val(ctx, ref::Rational(1, 2)), h2[0] == 0};
    const Validity v = group_b::prove_valid_preferring(ctx, assumptions, cost <= cost2, preferred, options,
                                                       "THM-CPR-CONVEX-LITERAL.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"β", beta}}, {{"B", B}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    const z3::model& m = *v.counterexample;
    result.counterexample = instance_of(m, {{"w", w}, {"β", beta}, {"h", h}, {"h′", h2}},
                                        {{"B", B}, {"Σφ(h)", cost}, {"Σφ(h′)", cost2}},
                                        "h′ is feasible in the §6 program and cheaper than capped pro-rata");
    const auto wv = group_b::rationals_of(m, w, "w");
    const auto bv = group_b::rationals_of(m, beta, "β");
    const auto h2v = group_b::rationals_of(m, h2, "h′");
    const ref::Rational b = rational_of(m, B, "B");
    const auto cpr = ref::capped_pro_rata(wv, bv, b);
    ref::Rational c1 = 0;
    ref::Rational c2 = 0;
    for (unsigned i = 0; i < n; ++i) {
      c1 += phi(cpr.haircut[i]);
      c2 += phi(h2v[i]);
    }
    if (!(c2 < c1)) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::capped_pro_rata's h is not beaten by h′";
      return result;
    }
    result.replay = "w = " + group_b::show(wv) + ", β = " + group_b::show(bv) + ", B = " + ref::to_fraction(b) +
                    ": adl::ref::capped_pro_rata gives h = " + group_b::show(cpr.haircut) + " costing Σφ = " +
                    ref::to_fraction(c1) + "; h′ = " + group_b::show(h2v) + " costs " + ref::to_fraction(c2);
    return result;
  }
  return result;
}

const bool registered = register_claim({"THM-CPR-CONVEX-LITERAL",
                                        "capped pro-rata solves the §6 program (no budget, no weights)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
