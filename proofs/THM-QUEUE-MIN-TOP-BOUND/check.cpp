// Statement (@spec THM-QUEUE-MIN-TOP-BOUND): for w ≥ 0, 0 ≤ H ≤ U and x ∈ P(w, H), the top
//   account keeps s_i₁ ≥ (w₍₁₎ − H)₊, hence υ^x = maxᵢ s_i ≥ (w₍₁₎ − H)₊.
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n (reals). w sorted decreasingly without loss
//   of generality (relabel accounts), so i₁ = 1 and w₍₁₎ = w_1 (proofs/common/group_b_top).
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, 0 ≤ x ≤ w, Σ x = H; every n from 1 to
//   the bound (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable, witness printed).
// Not modelled: how x arose (every allocation of the polytope is covered).
// Replay: on the last witness, adl::ref::queue with largest-first scores leaves the top account
//   exactly (w₍₁₎ − H)₊, and the witness x leaves at least that, on s_i₁ and on max s.
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
    const auto x = reals(ctx, "x", n);
    const z3::expr H = ctx.real_const("H");
    std::vector<z3::expr> assumptions = group_b::sorted_decreasing(w);
    assumptions.push_back(H >= 0);
    assumptions.push_back(H <= sum(ctx, w));
    for (const auto& c : group_b::in_polytope(ctx, w, x, H)) assumptions.push_back(c);
    const auto s = group_b::survivors(w, x);
    const z3::expr bound = positive_part(w[0] - H);
    const z3::expr conclusion = s[0] >= bound && max_of(s) >= bound;
    std::vector<z3::expr> preferences{H > 0, H < w[0]};  // the top account survives in part
    for (const auto& wk : w) preferences.push_back(wk >= 1);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "THM-QUEUE-MIN-TOP-BOUND.n" + std::to_string(n), preferences);
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"H", H}}, "assumptions hold");
    if (v.counterexample) result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}}, {{"H", H}});
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const auto wv = group_b::rationals_of(*v.witness, w, "w");
    const auto xv = group_b::rationals_of(*v.witness, x, "x");
    const ref::Rational h = rational_of(*v.witness, H, "H");
    const ref::Rational floor = ref::positive_part(wv[0] - h);
    const auto lf = group_b::largest_first(wv, h);
    const auto s_lf = group_b::survivors(wv, lf.seized);
    const auto s_x = group_b::survivors(wv, xv);
    if (s_lf[0] != floor || s_x[0] < floor || group_b::max_value(s_x) < floor) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "on w = " + group_b::show(wv) + ", H = " + ref::to_fraction(h) + ": largest-first leaves " +
                      ref::to_fraction(s_lf[0]) + ", the witness " + ref::to_fraction(s_x[0]) + ", bound " +
                      ref::to_fraction(floor);
      return result;
    }
    result.replay = "n = " + std::to_string(n) + " witness w = " + group_b::show(wv) + ", H = " + ref::to_fraction(h) +
                    ": adl::ref::queue (largest first) leaves the top account exactly (w₍₁₎ − H)₊ = " +
                    ref::to_fraction(floor) + "; the witness x leaves " + ref::to_fraction(s_x[0]) + " on it";
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-QUEUE-MIN-TOP-BOUND",
                                        "every allocation leaves the top account at least (w₍₁₎ − H)₊",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
