// Statement (@spec THM-PR-QUEUE-GAP-MAX): with υ the maximum survivor, υ^PR − υ^LF = H·(1 − w₍₁₎/U)
//   for U ＞ 0 and 0 ≤ H ≤ w₍₁₎.
// Encoding: QF_NRA. Variables w_1..w_n, H, the pro-rata haircut h with h·U = H, the formula value g
//   with g·U = H·(U − w_1). w sorted decreasingly w.l.o.g.; pro-rata s_i = w_i − h·w_i; LF by the
//   queue closed form; υ = maxᵢ s_i by ite.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, U = Σ w ＞ 0, 0 ≤ H ≤ w_1; n from 1 up to the bound
//   (default 6), stopping at the first counterexample.
// Expected: REFUTED. At n = 2 the query is repeated with the reference's counterexample pinned
//   (w = (10, 9), H = 5: gap −31/19, formula 45/19) and that model is reported.
// Not modelled: nothing else (it holds when w₍₁₎ − H ≥ w₍₂₎).
// Replay: adl::ref::pro_rata and adl::ref::queue (largest first) on the counterexample book; the
//   exact maximum-survivor gap differs from the formula.
#include "catalog.hpp"
#include "group_b_top.hpp"
#include "queue_encoding.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const z3::expr H = ctx.real_const("H");
    const z3::expr h = ctx.real_const("h");
    const z3::expr g = ctx.real_const("g");
    const z3::expr U = sum(ctx, w);
    std::vector<z3::expr> assumptions = group_b::sorted_decreasing(w);
    assumptions.push_back(U > 0);
    assumptions.push_back(H >= 0);
    assumptions.push_back(H <= w[0]);
    assumptions.push_back(h * U == H);
    assumptions.push_back(g * U == H * (U - w[0]));
    const auto lf = queue_closed_form(ctx, w, H);
    std::vector<z3::expr> s_pr;
    for (const auto& wi : w) s_pr.push_back(wi - h * wi);
    const z3::expr gap = max_of(s_pr) - max_of(group_b::survivors(w, lf));
    std::vector<z3::expr> preferred;
    if (n == 2) {
      preferred = group_b::pin(ctx, w, {10, 9});
      preferred.push_back(H == 5);
    }
    const Validity v = group_b::prove_valid_preferring(ctx, assumptions, gap == g, preferred, options,
                                                       "THM-PR-QUEUE-GAP-MAX.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}}, {{"H", H}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"s_PR", s_pr}, {"x_LF", lf}},
                                        {{"H", H}, {"υ^PR − υ^LF", gap}, {"H·(1 − w₍₁₎/U)", g}},
                                        "the maximum-survivor gap differs from the formula");
    const auto wv = group_b::rationals_of(*v.counterexample, w, "w");
    const ref::Rational hb = rational_of(*v.counterexample, H, "H");
    const ref::Rational u_pr = group_b::max_value(group_b::survivors(wv, ref::pro_rata(wv, hb).seized));
    const ref::Rational u_lf = group_b::max_value(group_b::survivors(wv, group_b::largest_first(wv, hb).seized));
    const ref::Rational formula = hb * (1 - wv[0] / group_b::sum_value(wv));
    if (u_pr - u_lf == formula) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref reproduces the formula on the counterexample";
      return result;
    }
    result.replay = "w = " + group_b::show(wv) + ", H = " + ref::to_fraction(hb) + ": adl::ref::pro_rata leaves υ = " +
                    ref::to_fraction(u_pr) + ", adl::ref::queue (largest first) υ = " + ref::to_fraction(u_lf) +
                    "; gap " + ref::to_fraction(u_pr - u_lf) + " ≠ H·(1 − w₍₁₎/U) = " + ref::to_fraction(formula);
    return result;
  }
  return result;
}

const bool registered = register_claim({"THM-PR-QUEUE-GAP-MAX",
                                        "maximum-survivor gap pro-rata − largest-first = H·(1 − w₍₁₎/U)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
