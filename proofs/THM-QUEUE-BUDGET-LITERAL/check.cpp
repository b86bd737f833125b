// Statement (@spec THM-QUEUE-BUDGET-LITERAL): the queue recursion as printed — no
//   hypothesis B ≤ U — seizes exactly B.
// Encoding: QF_LRA, as THM-QUEUE-BUDGET-REPAIRED but without B ≤ Σ w.
// Assumptions and bounds: w ≥ 0, B ≥ 0; n from 1 to the bound (default 6).
// Expected: REFUTED — for B ＞ U the recursion seizes only U.
// Not modelled: the paper's missing A₀ (we set A₀ = B; the failure is the missing B ≤ U).
// Replay: the recursion computed in exact arithmetic on the counterexample seizes
//   Σ min(w_k, A_{k−1}) = U ≠ B, and adl::ref::queue rejects the book as Infeasible.
#include "catalog.hpp"
#include "queue_encoding.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const z3::expr B = ctx.real_const("B");
    std::vector<z3::expr> assumptions;
    for (const auto& wk : w) assumptions.push_back(wk >= 0);
    assumptions.push_back(B >= 0);
    const auto x = queue_closed_form(ctx, w, B);
    const z3::expr conclusion = sum(ctx, x) == B;
    std::vector<z3::expr> preferences{B > 0};  // a witness with something to seize
    for (const auto& wk : w) preferences.push_back(wk >= 1);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "THM-QUEUE-BUDGET-LITERAL.n" + std::to_string(n), preferences);
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}}, {{"B", B}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}}, {{"B", B}},
                                        "the recursion seizes Σx ≠ B");
    // Replay: the literal recursion in exact arithmetic, and the library's refusal.
    std::vector<ref::Rational> wv;
    std::vector<ref::Score> scores;
    ref::Rational before = 0;
    ref::Rational seized = 0;
    const ref::Rational budget = rational_of(*v.counterexample, B, "B");
    for (unsigned k = 0; k < n; ++k) {
      wv.push_back(rational_of(*v.counterexample, w[k], "w"));
      scores.push_back({ref::Rational(n - k), false});
      seized += std::min(wv.back(), ref::positive_part(budget - before));
      before += wv.back();
    }
    if (seized == budget) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "exact replay seizes B: the model does not violate the claim";
      return result;
    }
    bool rejected = false;
    try {
      (void)ref::queue(wv, scores, budget);
    } catch (const ref::Infeasible&) {
      rejected = true;
    }
    result.replay = "the recursion seizes " + ref::to_fraction(seized) + " ≠ B = " + ref::to_fraction(budget) +
                    (rejected ? "; adl::ref::queue rejects B > U as Infeasible" : "; adl::ref::queue accepted it");
    if (!rejected) result.verdict = Verdict::ReplayFailed;
    return result;
  }
  return result;
}

const bool registered = register_claim(
    {"THM-QUEUE-BUDGET-LITERAL", "queue seizes exactly B, as printed (no B ≤ U)", Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
