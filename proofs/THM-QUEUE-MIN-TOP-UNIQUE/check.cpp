// Statement (@spec THM-QUEUE-MIN-TOP-UNIQUE): the paper's "uniquely": the largest-first queue is
//   the only x ∈ P(w, H) that leaves the top account the minimum s_i₁.
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n. w sorted decreasingly w.l.o.g.; LF by the
//   queue closed form. Claim: s^x_1 = s^LF_1 ⇒ x = x^LF.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, x ∈ P(w, H); n from 1 up to the bound
//   (default 6), stopping at the first n with a counterexample (n = 3: for n ≤ 2, x_1 fixes x).
// Expected: REFUTED. At n = 3 the query is repeated with the reference's counterexample pinned
//   (w = (4, 3, 3), H = 6, x = (4, 1, 1)) and that model is reported.
// Not modelled: nothing beyond the polytope; any x with x_i₁ = min(H, w₍₁₎) attains the minimum.
// Replay: adl::ref::queue (largest first) on the counterexample book gives x^LF ≠ x with the same
//   top survivor, checked in exact Rationals.
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
    const auto x = reals(ctx, "x", n);
    const z3::expr H = ctx.real_const("H");
    std::vector<z3::expr> assumptions = group_b::sorted_decreasing(w);
    assumptions.push_back(H >= 0);
    assumptions.push_back(H <= sum(ctx, w));
    for (const auto& c : group_b::in_polytope(ctx, w, x, H)) assumptions.push_back(c);
    const auto lf = queue_closed_form(ctx, w, H);
    z3::expr same = ctx.bool_val(true);
    for (unsigned k = 0; k < n; ++k) same = same && x[k] == lf[k];
    const z3::expr conclusion = z3::implies(w[0] - x[0] == w[0] - lf[0], same);
    std::vector<z3::expr> preferred;
    if (n == 3) {
      preferred = group_b::pin(ctx, w, {4, 3, 3});
      for (const auto& p : group_b::pin(ctx, x, {4, 1, 1})) preferred.push_back(p);
      preferred.push_back(H == 6);
    }
    const Validity v = group_b::prove_valid_preferring(ctx, assumptions, conclusion, preferred, options,
                                                       "THM-QUEUE-MIN-TOP-UNIQUE.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"H", H}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}, {"x_LF", lf}}, {{"H", H}},
                                        "x ≠ x^LF leaves the top account the same minimum");
    const auto wv = group_b::rationals_of(*v.counterexample, w, "w");
    const auto xv = group_b::rationals_of(*v.counterexample, x, "x");
    const ref::Rational h = rational_of(*v.counterexample, H, "H");
    const auto lf_ref = group_b::largest_first(wv, h);
    const auto s_lf = group_b::survivors(wv, lf_ref.seized);
    const auto s_x = group_b::survivors(wv, xv);
    if (lf_ref.seized == xv || s_lf[0] != s_x[0]) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::queue (largest first) seizes " + group_b::show(lf_ref.seized) +
                      "; the counterexample x = " + group_b::show(xv) + " is not a second minimiser";
      return result;
    }
    result.replay = "w = " + group_b::show(wv) + ", H = " + ref::to_fraction(h) +
                    ": adl::ref::queue (largest first) seizes " + group_b::show(lf_ref.seized) + ", survivors " +
                    group_b::show(s_lf) + "; x = " + group_b::show(xv) + " leaves " + group_b::show(s_x) +
                    ": the same top survivor " + ref::to_fraction(s_x[0]) + " (maximum survivor " +
                    ref::to_fraction(group_b::max_value(s_x)) + " vs " + ref::to_fraction(group_b::max_value(s_lf)) + ")";
    return result;
  }
  return result;
}

const bool registered = register_claim({"THM-QUEUE-MIN-TOP-UNIQUE",
                                        "largest-first is the unique minimiser of the top survivor",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
