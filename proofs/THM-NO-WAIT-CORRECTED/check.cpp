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

ClaimResult check(const Options& options) {
  const unsigned max_m = runner::bound(options.max_n, 5, 5);
  const std::vector<Rational> discounts = {Rational(1), Rational(9) / 10, Rational(1) / 2};
  ClaimResult result;
  std::string replayed;
  for (unsigned m = 1; m <= max_m; ++m) {
    const auto vectors = accounting::probability_vectors(m);
    for (std::size_t pv = 0; pv < vectors.size(); ++pv) {
      for (std::size_t d = 0; d < discounts.size(); ++d) {
        const Rational& beta = discounts[d];
        const std::string name = "THM-NO-WAIT-CORRECTED.m" + std::to_string(m) + ".p" + std::to_string(pv + 1) +
                                 ".beta" + std::to_string(d + 1);
        z3::context ctx;
        const accounting::WaitGame game(ctx, vectors[pv], beta);
        std::vector<z3::expr> preferences{game.premium_now > 0, game.cost_now > 0};
        for (unsigned k = 0; k < m; ++k) preferences.push_back(game.cost_next[k] > 0);
        if (m >= 2) {
          preferences.push_back(game.premium_next[0] < game.cost_next[0]);
          preferences.push_back(game.premium_next[m - 1] > game.cost_next[m - 1]);
        }
        const Validity v = runner::run_validity(result, ctx, game.hypotheses(),
                                                 game.act_now_optimal() == game.corrected_condition(), preferences,
                                                 options, name, game.columns(), game.scalars());
        if (v.verdict != Verdict::Proved || result.verdict != Verdict::Proved) {
          result.bound = std::to_string(m) + " scenarios, β_disc = " + ref::to_fraction(beta);
          return result;
        }
        const accounting::WaitOutcome o = accounting::wait_outcome(*v.witness, game);
        if (o.corrected != o.act_now_optimal) return runner::replay_failed(result, name + ": " + o.describe());
        replayed = o.describe() + " (" + std::to_string(m) + " scenarios, p = " + books::show(vectors[pv]) +
                   ", β_disc = " + ref::to_fraction(beta) + ")";
      }
    }
  }
  result.verdict = Verdict::Proved;
  result.replay = "no adl::ref function models the game: on every witness all strategies were enumerated in exact " +
                  std::string("Rationals and the corrected condition agrees with the optimal decision; last: ") + replayed;
  result.bound = "≤ " + std::to_string(max_m) + " scenarios, 2 probability vectors, β_disc ∈ {1, 9/10, 1/2}";
  return result;
}

const bool registered = register_claim({"THM-NO-WAIT-CORRECTED", "act now iff immediate value ≥ discounted continuation",
                                        Verdict::Proved,
                                        [](const Options& o) { return runner::guarded([&] { return check(o); }); }});

}  // namespace
}  // namespace adl::proofs
