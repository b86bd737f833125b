// Statement (@spec THM-VALID-QUEUE, mutant): the validity property of THM-VALID-QUEUE
//   (Σ x_i = B and 0 ≤ x_i ≤ w_i for 0 ≤ B ≤ U) applied to an off-by-one queue whose prefix
//   includes the account itself: x_k = min(w_k, (B − Σ_{j≤k} w_j)₊)
//   (proofs/common/mutants). The check must catch the mutant.
// Encoding: QF_LRA, σ = identity, variables w_1..w_n, B; as THM-VALID-QUEUE with the mutant
//   closed form in place of the queue.
// Assumptions and bounds: w ≥ 0, 0 ≤ B ≤ Σ w; n from 1 to the bound (default 6), stopping at
//   the first counterexample; the search first asks for small integers (w_i, B ∈ {1, …, 9}).
// Expected: REFUTED (the mutant seizes less than B).
// Not modelled: scores (only the order matters).
// Replay: on the counterexample book adl::ref::queue is valid by check_allocation, while the
//   mutant's output, evaluated in exact arithmetic, violates `budget-balance`.
#include "catalog.hpp"
#include "books.hpp"
#include "mutants.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace mutants;

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto w = reals(ctx, "w", size.n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> assumptions;
  for (const auto& wk : w) assumptions.push_back(wk >= 0);
  assumptions.push_back(B >= 0 && B <= sum(ctx, w));
  const auto x = mutant_queue_off_by_one(ctx, w, B);
  std::vector<z3::expr> preferences{B > 0};  // a witness with something to seize
  for (const auto& wk : w) preferences.push_back(wk >= 1);
  // Prefer a readable counterexample: small positive integers.
  runner::SizedQuery q{.assumptions = assumptions,
                       .conclusion = validity::budget_and_bounds(ctx, w, x, B),
                       .preferences = preferences,
                       .readable = [w, B] { return small_integers(w, B); }};
  q.witness = {{{"w", w}, {"x", x}}, {{"B", B}}};
  q.counterexample = {{{"w", w}, {"x (mutant)", x}}, {{"B", B}}, "the mutant seizes Σx ≠ B"};
  q.replay = [w, B, x](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const ref::Rational budget = rational_of(m, B, "B");
    const auto xm = mutant_queue_off_by_one(wv, budget);
    const ref::Allocation good = ref::queue(wv, index_scores(wv.size()), budget);
    return breaks_budget(wv, budget, "queue", good, "off-by-one mutant", xm, {}, xm == rationals_of(m, x, "x"));
  };
  return q;
}

const bool registered = register_claim(
    runner::sized("MUTANT-QUEUE-OFF-BY-ONE", "mutant: a queue with prefix Σ_{j≤k} must fail THM-VALID-QUEUE's validity",
                  Verdict::Refuted, runner::first_n(6), query));

}  // namespace
}  // namespace adl::proofs
