// Statement (@spec THM-NO-WAIT-CORRECTED): acting now is optimal iff
//   θ_t·D_t − Γ_t ≥ β_disc·E_t[V(t+1)] with the one-step continuation
//   V(t+1) = (θ(t+1)·D(t+1) − Γ(t+1))₊.
// Encoding: QF_LRA, the two-period game of proofs/common/accounting (WaitGame): acting
//   now pays θ_t·D_t − Γ_t; waiting lets the provider act or not in each scenario at t + 1 (every
//   set S of acting scenarios enumerated, worth β·Σ_{k∈S} p_k·(θ′_k·D′_k − Γ′_k)); "acting now is
//   optimal" = it is worth at least every waiting strategy. The (·)₊ of V appears only in the
//   corrected condition, by if-then-else. Each product θ·D is one variable.
// Assumptions and bounds: every premium θ·D and cost Γ ≥ 0; m = 1..5 scenarios (--max-n caps
//   it at 5) with the fixed probability vectors of accounting::probability_vectors, and
//   β_disc ∈ {1, 9/10, 1/2}.
// Expected: PROVED (negation unsat for every m, probability vector and β; assumptions
//   satisfiable).
// Not modelled: β_disc other than the three numerals; free probabilities; more periods.
// Replay: no adl::ref function models the game: on a non-degenerate witness of every query
//   (positive costs, for m ≥ 2 one scenario not worth acting in and one worth it) the payoffs of
//   acting now and of all 2^m waiting strategies are recomputed in exact Rationals
//   (accounting::wait_outcome) and the corrected condition must agree with the optimal decision.
#include "catalog.hpp"
#include "accounting.hpp"
#include "books.hpp"
#include "runner.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

const std::vector<Rational>& discounts() {
  static const std::vector<Rational> values = {Rational(1), Rational(9) / 10, Rational(1) / 2};
  return values;
}

// Size::n is the number of scenarios m, Size::k = 3·(probability vector) + (discount).
runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned m = size.n;
  const std::vector<Rational> p = accounting::probability_vectors(m)[size.k / 3];
  const Rational& beta = discounts()[size.k % 3];
  const accounting::WaitGame game(ctx, p, beta);
  std::vector<z3::expr> preferences{game.premium_now > 0, game.cost_now > 0};
  for (unsigned k = 0; k < m; ++k) preferences.push_back(game.cost_next[k] > 0);
  if (m >= 2) {
    preferences.push_back(game.premium_next[0] < game.cost_next[0]);
    preferences.push_back(game.premium_next[m - 1] > game.cost_next[m - 1]);
  }
  runner::SizedQuery q = runner::non_degenerate_query(game.hypotheses(),
                                                      game.act_now_optimal() == game.corrected_condition(), preferences,
                                                      game.columns(), game.scalars());
  q.replay = [game, p, beta, m, name = "THM-NO-WAIT-CORRECTED" + size.tag](const z3::model& model) {
    const accounting::WaitOutcome o = accounting::wait_outcome(model, game);
    if (o.corrected != o.act_now_optimal) return runner::mismatch(name + ": " + o.describe());
    return runner::reproduced(
        "no adl::ref function models the game: on every witness all strategies were enumerated in exact Rationals "
        "and the corrected condition agrees with the optimal decision; last: " +
        o.describe() + " (" + std::to_string(m) + " scenarios, p = " + books::show(p) +
        ", β_disc = " + ref::to_fraction(beta) + ")");
  };
  return q;
}

runner::Grid grid(const Options& options) {
  const unsigned max_m = runner::bound(options.max_n, 5, 5);
  runner::Grid grid{{}, "≤ " + std::to_string(max_m) + " scenarios, 2 probability vectors, β_disc ∈ {1, 9/10, 1/2}"};
  for (unsigned m = 1; m <= max_m; ++m) {
    const std::size_t vectors = accounting::probability_vectors(m).size();
    for (unsigned pv = 0; pv < vectors; ++pv) {
      for (unsigned d = 0; d < discounts().size(); ++d) {
        grid.sizes.push_back(
            {m, 3 * pv + d, std::to_string(m) + " scenarios, β_disc = " + ref::to_fraction(discounts()[d]),
             ".m" + std::to_string(m) + ".p" + std::to_string(pv + 1) + ".beta" + std::to_string(d + 1)});
      }
    }
  }
  return grid;
}

const bool registered = register_claim(runner::sized(
    "THM-NO-WAIT-CORRECTED", "act now iff immediate value ≥ discounted continuation", Verdict::Proved, grid, query));

}  // namespace
}  // namespace adl::proofs
