// Statement (@spec THM-PR-MONOTONE): for U ＞ 0 and 0 ≤ H ≤ U, w_i ≥ w_j implies s_i ≥ s_j under
//   pro-rata (every endowment is scaled by 1 − H/U ≥ 0).
// Encoding: QF_NRA. Variables w_1..w_n (any order), H, the haircut h with h·U = H; survivors
//   s_i = w_i − h·w_i. Claim: for all i ≠ j, w_i ≥ w_j ⇒ s_i ≥ s_j.
// Assumptions and bounds: w ≥ 0, U ＞ 0, 0 ≤ H ≤ U; n from 1 to the bound (default 6).
// Expected: PROVED.
// Not modelled: caps (capped pro-rata is not monotone, THM-PR-UNIQUE-CAPPED).
// Replay: adl::ref::pro_rata on the witness book: its survivors are ordered as the endowments.
#include "catalog.hpp"
#include "group_b_top.hpp"

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
    const z3::expr U = sum(ctx, w);
    std::vector<z3::expr> assumptions;
    for (const auto& wi : w) assumptions.push_back(wi >= 0);
    assumptions.push_back(U > 0);
    assumptions.push_back(H >= 0);
    assumptions.push_back(H <= U);
    assumptions.push_back(h * U == H);
    std::vector<z3::expr> s;
    for (const auto& wi : w) s.push_back(wi - h * wi);
    z3::expr monotone = ctx.bool_val(true);
    for (unsigned i = 0; i < n; ++i) {
      for (unsigned j = 0; j < n; ++j) {
        if (i != j) monotone = monotone && z3::implies(w[i] >= w[j], s[i] >= s[j]);
      }
    }
    const Validity v = prove_valid(ctx, assumptions, monotone, options, "THM-PR-MONOTONE.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"s", s}}, {{"H", H}}, "assumptions hold");
    if (v.counterexample) result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"s", s}}, {{"H", H}});
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const auto wv = group_b::rationals_of(*v.witness, w, "w");
    const ref::Rational hb = rational_of(*v.witness, H, "H");
    const auto sv = group_b::survivors(wv, ref::pro_rata(wv, hb).seized);
    for (unsigned i = 0; i < n; ++i) {
      for (unsigned j = 0; j < n; ++j) {
        if (i != j && wv[i] >= wv[j] && sv[i] < sv[j]) {
          result.verdict = Verdict::ReplayFailed;
          result.detail = "adl::ref::pro_rata survivors " + group_b::show(sv) + " are not monotone";
          return result;
        }
      }
    }
    result.replay = "n = " + std::to_string(n) + " witness w = " + group_b::show(wv) + ", H = " + ref::to_fraction(hb) +
                    ": adl::ref::pro_rata leaves " + group_b::show(sv) + ", ordered as w";
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-PR-MONOTONE", "pro-rata satisfies AX-MONO", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
