// Statement (@spec THM-NO-WAIT-LITERAL): acting now is optimal iff
//   θ_t·D_t ≤ E_t[θ(t+1)·D(t+1)] − Γ_t (the printed participation condition).
// Encoding: QF_LRA, the two-period game of proofs/common/accounting (WaitGame): acting
//   now pays θ_t·D_t − Γ_t; waiting lets the provider act or not in each scenario at t + 1,
//   worth β·Σ_{k∈S} p_k·(θ′_k·D′_k − Γ′_k) for the set S where it acts (every S enumerated).
//   "Acting now is optimal" = it is worth at least every waiting strategy. Each product θ·D is one
//   variable; β a numeral.
// Assumptions and bounds: every premium θ·D and cost Γ ≥ 0. The smallest instance: one
//   (deterministic) scenario, β_disc = 1. The negation (optimal ≠ printed) is asserted twice:
//   free, and constrained to the spec's counterexample.
// Expected: REFUTED (negation sat). Counterexample (spec): θ_t·D_t = 1, Γ = 1 in both periods,
//   θ(t+1)·D(t+1) = 3, β_disc = 1: the printed condition 1 ≤ 2 holds, yet acting now pays 0 while
//   waiting pays (3 − 1)₊ = 2.
// Not modelled: more periods (a two-period counterexample suffices).
// Replay: no adl::ref function models the game: on the spec's counterexample and on the free one
//   the payoffs of acting now and of every waiting strategy are recomputed in exact Rationals
//   (accounting::wait_outcome); the printed condition must disagree with the optimal decision, and
//   on the spec's instance the values must be 0, 2 and 1 ≤ 2.
#include "catalog.hpp"
#include "accounting.hpp"
#include "runner.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

ClaimResult check(const Options& options) {
  z3::context ctx;  // the free and the spec's counterexample are models of one game
  const accounting::WaitGame game(ctx, {Rational(1)}, Rational(1));
  const z3::expr claim = game.act_now_optimal() == game.printed_condition();
  std::string free_outcome;
  const auto free = [&](z3::context&, const runner::Size&) {
    runner::SizedQuery q = runner::non_degenerate_query(game.hypotheses(), claim, {}, game.columns(), game.scalars());
    q.replay = [&](const z3::model& m) {
      const accounting::WaitOutcome any = accounting::wait_outcome(m, game);
      if (any.printed == any.act_now_optimal) {
        return runner::mismatch("free counterexample: exact recomputation agrees with the printed rule: " +
                                any.describe());
      }
      free_outcome = any.describe();
      return runner::reproduced({});
    };
    return q;
  };
  const auto spec = [&](z3::context&, const runner::Size&) {
    auto assumptions = game.hypotheses();
    assumptions.push_back(game.premium_now == 1 && game.cost_now == 1 && game.premium_next[0] == 3 &&
                          game.cost_next[0] == 1);
    runner::SizedQuery q = runner::non_degenerate_query(assumptions, claim, {}, game.columns(), game.scalars());
    q.counterexample->note = "the spec's counterexample: the printed condition holds, acting now is not optimal";
    q.replay = [&](const z3::model& m) {
      const accounting::WaitOutcome o = accounting::wait_outcome(m, game);
      if (o.act_now != 0 || o.best_wait != 2 || !o.printed || o.act_now_optimal) {
        return runner::mismatch("spec counterexample recomputed: " + o.describe());
      }
      return runner::reproduced(
          "no adl::ref function models the game; exact enumeration on the spec's instance: printed condition "
          "θ_t·D_t = 1 ≤ E[θ′·D′] − Γ_t = 2 holds, yet acting now pays 0 and waiting (act at t + 1) pays "
          "(3 − 1)₊ = 2; the free counterexample too: " +
          free_outcome);
    };
    return q;
  };
  return runner::refuted_twice(options, "THM-NO-WAIT-LITERAL", ctx, "1 scenario, β_disc = 1", free, spec);
}

const bool registered = register_claim(
    {"THM-NO-WAIT-LITERAL", "printed participation condition", Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
