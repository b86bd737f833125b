// Statement (@spec THM-VALID-QUEUE): for w ≥ 0, any scores (finite or +∞) and 0 ≤ B ≤ U,
//   POL-QUEUE returns x with Σ x_i = B, 0 ≤ x_i ≤ w_i, h_i = x_i/w_i ∈ [0, 1] and h_i = 0 when
//   w_i = 0; for B ＞ U it returns Infeasible and no x ∈ P(w, B) exists.
// Encoding: QF_NRA (the recursion's haircut A_{k−1}/w_k is a quotient; x alone is LRA).
//   Variables w_1..w_n, B. σ = identity without loss of generality (relabel the eligible
//   accounts in queue order; ineligible accounts add 0 to every prefix): x by the closed form
//   x_k = min(w_k, (B − Σ_{j<k} w_j)₊) (proofs/common/closed_forms) and h by step 4 of the
//   recursion (proofs/common/closed_forms), both independent of adl::ref::queue.
//   Part 2 (B ＞ U): variables x_1..x_n with 0 ≤ x ≤ w, LRA.
// Assumptions and bounds: w ≥ 0, 0 ≤ B ≤ Σ w (part 2: B ＞ Σ w); every n from 1 to the bound
//   (default 6).
// Expected: PROVED (both negations unsat for every n; assumptions satisfiable).
// Not modelled: caps (the queue does not bind them); the score values themselves (only the
//   order matters, and every order is the identity after relabelling).
// Replay: adl::ref::queue runs on a non-degenerate model of each n (w ≥ 1, 0 ＜ B ＜ U) with scores (+∞, n−1, …, 1) (the +∞ score
//   ranks first, AMB-P-03) and must return the closed-form x and the recursion's h exactly,
//   and adl::ref::check_allocation must find the output valid; on the part-2 witness
//   adl::ref::queue must throw Infeasible.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace closed_forms;
using namespace validity;

std::vector<ref::Score> identity_scores(unsigned n) {
  std::vector<ref::Score> scores;
  for (unsigned k = 0; k < n; ++k) scores.push_back({ref::Rational(n - k), k == 0});
  return scores;
}

runner::SizedQuery queue_is_valid(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> assumptions;
  for (const auto& wk : w) assumptions.push_back(wk >= 0);
  assumptions.push_back(B >= 0);
  assumptions.push_back(B <= sum(ctx, w));
  const auto x = queue_closed_form(ctx, w, B);
  const auto h = queue_recursion_haircuts(ctx, w, B);
  z3::expr conclusion = budget_and_bounds(ctx, w, x, B);
  for (unsigned k = 0; k < n; ++k) {
    conclusion = conclusion && h[k] >= 0 && h[k] <= 1 && h[k] * w[k] == x[k] && z3::implies(w[k] == 0, h[k] == 0);
  }
  // The witness is non-degenerate where possible (w ≥ 1, 0 < B < U) so the replay exercises
  // the partial account.
  std::vector<z3::expr> preferences{B > 0, B < sum(ctx, w)};
  for (const auto& wk : w) preferences.push_back(wk >= 1);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .preferences = preferences};
  q.witness = {{{"w", w}, {"x", x}, {"h", h}}, {{"B", B}}};
  q.replay = [w, x, h, B, n](const z3::model& m) {
    // adl::ref::queue reproduces x and h, and the output is valid.
    const auto wv = rationals_of(m, w, "w");
    const auto xv = rationals_of(m, x, "x");
    const auto hv = rationals_of(m, h, "h");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Allocation a = ref::queue(wv, identity_scores(n), budget);
    const auto report = check_on_book(replay_book(wv, budget), a.seized, a.haircut, budget, false);
    if (a.seized != xv || a.haircut != hv || !report.valid()) {
      return runner::mismatch("n = " + std::to_string(n) + ": adl::ref::queue gives x = " + show(a.seized) +
                              ", h = " + show(a.haircut) + " (" + describe(report) +
                              "); the closed form gives x = " + show(xv) + ", h = " + show(hv));
    }
    return runner::reproduced("adl::ref::queue reproduces x = " + show(xv) + " and h = " + show(hv) + " on the n = " +
                              std::to_string(n) + " witness w = " + show(wv) + ", B = " + ref::to_fraction(budget) +
                              " (scores +∞ first), and check_allocation finds it valid");
  };
  return q;
}

// Valid for 0 ≤ B ≤ U; for B > U no allocation exists and adl::ref refuses it.
const bool registered = register_claim(
    policy_claim("THM-VALID-QUEUE", "the queue's output is valid (Σx = B, 0 ≤ x ≤ w, h ∈ [0, 1]); B > U is infeasible",
                 6, queue_is_valid, "queue", [](const std::vector<ref::Rational>& w, const ref::Rational& budget) {
                   (void)ref::queue(w, identity_scores(static_cast<unsigned>(w.size())), budget);
                 }));

}  // namespace
}  // namespace adl::proofs
