// Statement (@spec THM-PR-QUEUE-GAP-OWN): for U ＞ 0 and 0 ≤ H ≤ w₍₁₎, the top account keeps
//   s^PR_i₁ − s^LF_i₁ = H·(1 − w₍₁₎/U) ≥ 0 more under pro-rata than under the largest-first queue,
//   strictly positive iff H ＞ 0 and U ＞ w₍₁₎.
// Encoding: QF_NRA. Variables w_1..w_n, H, the pro-rata haircut h with h·U = H, and the gap g with
//   g·U = H·(U − w_1). w sorted decreasingly w.l.o.g. (i₁ = 1); pro-rata by its closed form
//   s_i = w_i − h·w_i; LF by the queue closed form.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, U = Σ w ＞ 0, 0 ≤ H ≤ w_1; n from 1 to the bound
//   (default 6).
// Expected: PROVED.
// Not modelled: the maximum survivor (THM-PR-QUEUE-GAP-MAX).
// Replay: adl::ref::pro_rata and adl::ref::queue (largest first) on the witness book; their
//   top-account gap must equal H·(1 − w₍₁₎/U) computed exactly.
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
    const z3::expr gap = (w[0] - h * w[0]) - (w[0] - lf[0]);
    const z3::expr conclusion = gap == g && g >= 0 && (g > 0) == (H > 0 && U > w[0]);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options, "THM-PR-QUEUE-GAP-OWN.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}}, {{"H", H}, {"gap", g}}, "assumptions hold");
    if (v.counterexample) result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x_LF", lf}}, {{"H", H}, {"g", g}});
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const auto wv = group_b::rationals_of(*v.witness, w, "w");
    const ref::Rational hb = rational_of(*v.witness, H, "H");
    const ref::Rational u = group_b::sum_value(wv);
    const ref::Rational gap_ref = (wv[0] - ref::pro_rata(wv, hb).seized[0]) - (wv[0] - group_b::largest_first(wv, hb).seized[0]);
    const ref::Rational formula = hb * (1 - wv[0] / u);
    if (gap_ref != formula) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref gap " + ref::to_fraction(gap_ref) + " ≠ H·(1 − w₍₁₎/U) = " + ref::to_fraction(formula);
      return result;
    }
    result.replay = "n = " + std::to_string(n) + " witness w = " + group_b::show(wv) + ", H = " + ref::to_fraction(hb) +
                    ": adl::ref::pro_rata minus adl::ref::queue (largest first) on the top account = " +
                    ref::to_fraction(gap_ref) + " = H·(1 − w₍₁₎/U)";
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-PR-QUEUE-GAP-OWN",
                                        "top-account gap pro-rata − largest-first = H·(1 − w₍₁₎/U)", Verdict::Proved,
                                        check});

}  // namespace
}  // namespace adl::proofs
