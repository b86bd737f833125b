// Statement (@spec THM-SEPARATION): for every valid π (Σ x_i = θ·D ≤ U) the residual is
//   R(π) = (D − Σ x_i)₊ = (1 − θ)·D: it depends only on the severity.
// Encoding: QF_LRA with the budget B = θ·D as the variable (θ = B/D): variables w_1..w_n, D, B,
//   x_1..x_n; R = (D − Σ x_i)₊ by if-then-else; (1 − θ)·D = D − B.
// Assumptions and bounds: w ≥ 0, D ≥ 0, 0 ≤ B ≤ D (θ ∈ [0, 1]; D = 0 forces B = 0), B ≤ U = Σ w,
//   x ∈ P(w, B) (any valid allocation); every n from 1 to the bound (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable).
// Not modelled: the NRA form with θ and D both free (B = θ·D is equivalent for D ＞ 0); caps (a
//   capped allocation is in P(w, B) too).
// Replay: on a non-degenerate witness of every n (w ≥ 1, 0 ＜ B ＜ D, B ＜ U) the allocation runs
//   through adl::ref on the book of winners w plus one loser of shortfall D: check_allocation
//   must find it valid, evaluate's remaining deficit (1 − θ)·D and
//   adl::ref::residual_shortfall(D, Σ x) must both equal the model's R.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/insurance.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const std::string name = "THM-SEPARATION.n" + std::to_string(n);
  const auto w = reals(ctx, "w", n), x = reals(ctx, "x", n);
  const z3::expr D = ctx.real_const("D"), B = ctx.real_const("B");
  const z3::expr U = sum(ctx, w);
  std::vector<z3::expr> assumptions{D >= 0, B >= 0, B <= D, B <= U, validity::budget_and_bounds(ctx, w, x, B)};
  std::vector<z3::expr> preferences{B > 0, B < D, B < U};
  for (const auto& wi : w) {
    assumptions.push_back(wi >= 0);
    preferences.push_back(wi >= 1);
  }
  const z3::expr R = positive_part(D - sum(ctx, x));
  runner::SizedQuery q = runner::non_degenerate_query(assumptions, R == D - B, preferences, {{"w", w}, {"x", x}},
                                                      {{"D", D}, {"B = θ·D", B}, {"R", R}});
  q.replay = [w, x, D, B, R, n, name](const z3::model& m) {
    const auto w_v = rationals_of(m, w, "w"), x_v = rationals_of(m, x, "x");
    const Rational deficit = rational_of(m, D, "D"), budget = rational_of(m, B, "B"), residual = rational_of(m, R, "R");
    const auto replay = books::replay_allocation(
        books::replay_book(std::vector<Rational>(n, Rational(0)), w_v, {}, {}, deficit), x_v, budget);
    Rational seized = 0;
    for (const Rational& xi : x_v) seized += xi;
    const Rational shortfall = ref::residual_shortfall(deficit, seized);
    if (!replay.validity.valid() || replay.metrics.remaining_deficit != residual || shortfall != residual) {
      return runner::mismatch(
          name + ": adl::ref gives (1 − θ)·D = " + ref::to_fraction(replay.metrics.remaining_deficit) +
          ", residual_shortfall = " + ref::to_fraction(shortfall) + ", the model R = " + ref::to_fraction(residual) +
          " (allocation " + validity::describe(replay.validity) + ")");
    }
    return runner::reproduced(
        "on the witness of every n ≤ " + std::to_string(n) + " (last: w = " + books::show(w_v) +
        ", x = " + books::show(x_v) + ", D = " + ref::to_fraction(deficit) +
        ", θ = " + ref::to_fraction(replay.allocation.severity) + ") check_allocation finds x valid and " +
        "adl::ref::evaluate's (1 − θ)·D = adl::ref::residual_shortfall(D, Σ x) = R = " + ref::to_fraction(residual));
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-SEPARATION", "residual = (1 − θ)·D for every valid policy", Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
