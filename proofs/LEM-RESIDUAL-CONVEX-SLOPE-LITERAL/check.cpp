// Statement (@spec LEM-RESIDUAL-CONVEX-SLOPE-LITERAL): every subgradient of L̃_t has magnitude
//   ≤ maxᵢ w_i, w the endowments (PNL) of the winners, as printed.
// Encoding: QF_LRA (λ free: the closed-form slope is an if-then-else over λ, still linear).
//   Variables per winner: collateral c_i ≥ 0, endowment w_i ＞ 0, equity e_i = c_i + w_i, λ_i ＞ 0
//   with λ_1 ≥ … ≥ λ_n (relabelling), capacity 0 ＜ κ_i ≤ e_i (κ_i = e_i·β_i, β_i ∈ (0, 1]);
//   b̄ ≥ Σ κ and b ∈ [0, Σ κ) so that the right derivative at b is −λ_k of the account k being
//   filled (a subgradient by LEM-RESIDUAL-CONVEX-SHAPE). Conclusion |slope(b)| ≤ max w.
// Assumptions and bounds: n from 1 to the bound (default 2); stops at the first counterexample.
// Expected: REFUTED (reference: c = 0.99, PNL = 0.01, λ = 1, β = 1: slope −1 ＞ 0.01 in magnitude).
// Not modelled: how λ derives from leverage (free here, as the lemma quantifies over it).
// Replay: L̃ at b and at the end of the account k's segment by adl::ref::greedy_one_step; their
//   exact secant slope is −λ_k and its magnitude exceeds max w.
#include "catalog.hpp"
#include "online.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  online::LiteralRound round = online::literal_round(ctx, size.n);
  const z3::expr b = ctx.real_const("b");
  round.assumptions.push_back(b >= 0 && b < sum(ctx, round.kappa));
  const auto at = online::residual(ctx, round.equity, round.kappa, round.lambda, b);
  runner::SizedQuery q{.assumptions = round.assumptions, .conclusion = online::magnitude(at.slope) <= max_of(round.w)};
  q.witness = {round.columns(), {{"b_bar", round.top}, {"b", b}, {"slope(b)", at.slope}, {"L(b)", at.value}}};
  q.counterexample = q.witness;
  q.counterexample->note = "the subgradient's magnitude exceeds the largest endowment";
  q.replay = [round, b](const z3::model& m) {
    // L̃ falls with slope −λ_k from b to the end of the segment of the account k being filled.
    const online::LiteralValues v = online::literal_values(m, round);
    const ref::Rational at_b = rational_of(m, b, "b");
    ref::Rational cumulative = 0;
    ref::Rational segment_end = 0;
    ref::Rational lambda_k = 0;
    for (std::size_t i = 0; i < v.equity.size() && segment_end == 0; ++i) {
      cumulative += v.equity[i] * v.beta[i];
      if (at_b < cumulative) {
        segment_end = cumulative;
        lambda_k = v.lambda[i];
      }
    }
    const ref::Rational secant = (online::residual_by_ref(v.equity, v.beta, v.lambda, segment_end) -
                                  online::residual_by_ref(v.equity, v.beta, v.lambda, at_b)) /
                                 (segment_end - at_b);
    if (secant != -lambda_k || lambda_k <= v.max_w) {
      return runner::mismatch("adl::ref secant slope " + ref::to_fraction(secant) +
                              ", λ_k = " + ref::to_fraction(lambda_k) + ", max w = " + ref::to_fraction(v.max_w));
    }
    return runner::reproduced("adl::ref::greedy_one_step: L̃ falls with slope " + ref::to_fraction(secant) + " on [" +
                              ref::to_fraction(at_b) + ", " + ref::to_fraction(segment_end) +
                              "], magnitude ＞ max w = " + ref::to_fraction(v.max_w));
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("LEM-RESIDUAL-CONVEX-SLOPE-LITERAL",
                   "every subgradient of L̃_t has magnitude ≤ max endowment (as printed)", Verdict::Refuted, 2, query));

}  // namespace
}  // namespace adl::proofs
