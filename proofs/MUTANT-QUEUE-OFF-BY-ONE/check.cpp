// Statement (@spec THM-VALID-QUEUE, mutant): the validity property of THM-VALID-QUEUE
//   (Σ x_i = B and 0 ≤ x_i ≤ w_i for 0 ≤ B ≤ U) applied to an off-by-one queue whose prefix
//   includes the account itself: x_k = min(w_k, (B − Σ_{j≤k} w_j)₊)
//   (proofs/common/group_a_mutants). The check must catch the mutant.
// Encoding: QF_LRA, σ = identity, variables w_1..w_n, B; as THM-VALID-QUEUE with the mutant
//   closed form in place of the queue.
// Assumptions and bounds: w ≥ 0, 0 ≤ B ≤ Σ w; n from 1 to the bound (default 6), stopping at
//   the first counterexample; the search first asks for small integers (w_i, B ∈ {1, …, 9}).
// Expected: REFUTED (the mutant seizes less than B).
// Not modelled: scores (only the order matters).
// Replay: on the counterexample book adl::ref::queue is valid by check_allocation, while the
//   mutant's output, evaluated in exact arithmetic, violates `budget-balance`.
#include "catalog.hpp"
#include "group_a_mutants.hpp"
#include "group_a_policies.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace group_a;

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const z3::expr B = ctx.real_const("B");
    std::vector<z3::expr> assumptions;
    for (const auto& wk : w) assumptions.push_back(wk >= 0);
    assumptions.push_back(B >= 0 && B <= sum(ctx, w));
    const auto x = mutant_queue_off_by_one(ctx, w, B);
    const z3::expr conclusion = budget_and_bounds(ctx, w, x, B);
    const std::string name = "MUTANT-QUEUE-OFF-BY-ONE.n" + std::to_string(n);
    std::vector<z3::expr> preferences{B > 0};  // a witness with something to seize
    for (const auto& wk : w) preferences.push_back(wk >= 1);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options, name, preferences);
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"B", B}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    // Prefer a readable counterexample: small positive integers.
    std::vector<z3::expr> small{!conclusion, B >= 1 && B <= 9 && z3::is_int(B)};
    for (const auto& wk : w) small.push_back(wk >= 1 && wk <= 9 && z3::is_int(wk));
    const z3::model m = replay_model(ctx, assumptions, small, options, name, *v.counterexample);
    result.counterexample = instance_of(m, {{"w", w}, {"x (mutant)", x}}, {{"B", B}}, "the mutant seizes Σx ≠ B");
    const auto wv = values(m, w, "w");
    const ref::Rational budget = rational_of(m, B, "B");
    const auto xm = mutant_queue_off_by_one(wv, budget);
    std::vector<ref::Score> scores;
    for (unsigned k = 0; k < n; ++k) scores.push_back({ref::Rational(n - k), false});
    const ref::Allocation good = ref::queue(wv, scores, budget);
    const ref::Book book = replay_book(wv, budget);
    const auto good_report = check_on_book(book, good.seized, good.haircut, budget, false);
    const auto bad_report = check_on_book(book, xm, {}, budget, false);
    bool balance = false;
    for (const auto& violation : bad_report.violations) balance = balance || violation.predicate == "budget-balance";
    if (!good_report.valid() || !balance || xm != values(m, x, "x")) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::queue: " + describe(good_report) + "; mutant x = " + show(xm) + ": " + describe(bad_report);
      return result;
    }
    result.replay = "on w = " + show(wv) + ", B = " + ref::to_fraction(budget) + " adl::ref::queue seizes " +
                    show(good.seized) + " (valid), the off-by-one mutant seizes " + show(xm) + " — " + describe(bad_report);
    return result;
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim(
    {"MUTANT-QUEUE-OFF-BY-ONE", "mutant: a queue with prefix Σ_{j≤k} must fail THM-VALID-QUEUE's validity",
     Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
