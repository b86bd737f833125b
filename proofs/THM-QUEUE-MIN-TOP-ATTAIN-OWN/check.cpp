// Statement (@spec THM-QUEUE-MIN-TOP-ATTAIN-OWN): the largest-first queue leaves the top account
//   s_i₁ = (w₍₁₎ − H)₊, so no x ∈ P(w, H) leaves it less.
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n. w sorted decreasingly without loss of
//   generality (i₁ = 1, largest-first order = identity); LF by the queue closed form
//   x^LF_k = min(w_k, (H − Σ_{j<k} w_j)₊) (proofs/common/queue_encoding), independent of adl::ref.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, x ∈ P(w, H); n from 1 to the bound
//   (default 6).
// Expected: PROVED: s^LF_1 = (w_1 − H)₊ and s^x_1 ≥ s^LF_1 (negation unsat for every n).
// Not modelled: score-based queues (they do not attain the bound, EX-5ACCT).
// Replay: adl::ref::queue with scores s_i = w_i runs on the witness book and must seize what
//   the closed form seizes, leaving the top account (w₍₁₎ − H)₊.
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
    const z3::expr s_lf = w[0] - lf[0];
    const z3::expr conclusion = s_lf == positive_part(w[0] - H) && w[0] - x[0] >= s_lf;
    std::vector<z3::expr> preferences{H > 0, H < w[0]};  // the top account survives in part
    for (const auto& wk : w) preferences.push_back(wk >= 1);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "THM-QUEUE-MIN-TOP-ATTAIN-OWN.n" + std::to_string(n), preferences);
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) {
      result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}, {"x_LF", lf}}, {{"H", H}}, "assumptions hold");
    }
    if (v.counterexample) {
      result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}, {"x_LF", lf}}, {{"H", H}});
    }
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const auto wv = group_b::rationals_of(*v.witness, w, "w");
    const auto lf_model = group_b::rationals_of(*v.witness, lf, "x_LF");
    const ref::Rational h = rational_of(*v.witness, H, "H");
    const auto a = group_b::largest_first(wv, h);
    if (a.seized != lf_model) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::queue (largest first) seizes " + group_b::show(a.seized) + ", the closed form " +
                      group_b::show(lf_model);
      return result;
    }
    result.replay = "n = " + std::to_string(n) + " witness w = " + group_b::show(wv) + ", H = " + ref::to_fraction(h) +
                    ": adl::ref::queue (largest first) seizes " + group_b::show(a.seized) +
                    " as the closed form does, leaving the top account " + ref::to_fraction(wv[0] - a.seized[0]) +
                    " = (w₍₁₎ − H)₊";
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-QUEUE-MIN-TOP-ATTAIN-OWN",
                                        "largest-first attains the bound on the top account's own survivor",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
