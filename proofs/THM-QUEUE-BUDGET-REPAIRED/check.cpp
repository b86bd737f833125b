// Statement (@spec THM-QUEUE-BUDGET-REPAIRED): with A₀ = B and 0 ≤ B ≤ U, the queue
//   recursion (POL-QUEUE) seizes exactly B: Σ x_k = B and 0 ≤ x_k ≤ w_k (h ∈ [0, 1]).
// Encoding: QF_LRA. Variables w_1..w_n, B (reals). σ = identity without loss of
//   generality (relabel accounts); x by the closed form x_k = min(w_k, (B − Σ_{j<k} w_j)₊)
//   (proofs/common/queue_encoding), written independently of adl::ref::queue.
// Assumptions and bounds: w ≥ 0, 0 ≤ B ≤ Σ w; every n from 1 to the bound (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable, witness printed).
// Not modelled: scores and tie-breaks (only the order matters, and any order is covered).
// Replay: adl::ref::queue runs on the witness book and must seize exactly the witness B.
#include "catalog.hpp"
#include "queue_encoding.hpp"

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
    assumptions.push_back(B <= sum(ctx, w));
    const auto x = queue_closed_form(ctx, w, B);
    z3::expr conclusion = sum(ctx, x) == B;
    for (unsigned k = 0; k < n; ++k) conclusion = conclusion && x[k] >= 0 && x[k] <= w[k];
    std::vector<z3::expr> preferences{B > 0, B < sum(ctx, w)};  // a partial account to replay
    for (const auto& wk : w) preferences.push_back(wk >= 1);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "THM-QUEUE-BUDGET-REPAIRED.n" + std::to_string(n), preferences);
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"B", B}}, "assumptions hold");
    if (v.counterexample) {
      result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}}, {{"B", B}});
    }
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    // Replay the witness through adl::ref: the library's queue seizes exactly B.
    std::vector<ref::Rational> wv;
    std::vector<ref::Score> scores;
    for (unsigned k = 0; k < n; ++k) {
      wv.push_back(rational_of(*v.witness, w[k], "w"));
      scores.push_back({ref::Rational(n - k), false});  // σ = identity
    }
    const ref::Rational budget = rational_of(*v.witness, B, "B");
    const auto a = ref::queue(wv, scores, budget);
    ref::Rational seized = 0;
    for (const auto& s : a.seized) seized += s;
    if (seized != budget) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::queue seized " + ref::to_fraction(seized) + " for B = " + ref::to_fraction(budget);
      return result;
    }
    result.replay = "adl::ref::queue seizes exactly B = " + ref::to_fraction(budget) + " on the n = " +
                    std::to_string(n) + " witness";
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim(
    {"THM-QUEUE-BUDGET-REPAIRED", "queue seizes exactly B when 0 ≤ B ≤ U (A₀ = B)", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
