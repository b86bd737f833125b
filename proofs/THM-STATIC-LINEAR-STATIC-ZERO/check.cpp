// Statement (@spec THM-STATIC-LINEAR-STATIC-ZERO): on the alternating sequence f_t(θ) = θ (odd t),
//   f_t(θ) = θ̄ − θ (even t), T even, Σ_t f_t(θ) = T·θ̄/2 for every θ ∈ [0, θ̄], so every fixed θ
//   has static regret Σ_t f_t(θ) − min over x ∈ [0, θ̄] of Σ_t f_t(x) = 0.
// Encoding: QF_LRA. Variables θ̄, θ (reals). The minimum over [0, θ̄] of the linear Σ_t f_t is
//   min(Σ f_t(0), Σ f_t(θ̄)).
// Assumptions and bounds: θ̄ ＞ 0, 0 ≤ θ ≤ θ̄; every even T from 2 to the bound (default 4).
// Expected: PROVED (negation unsat for every T; assumptions satisfiable, witness printed).
// Not modelled: odd T.
// Replay: Σ_t f_t(θ) and the static regret recomputed in exact Rationals on the witness.
#include "catalog.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_t = options.max_t == 0 ? 4 : options.max_t;
  ClaimResult result;
  unsigned reached = 0;
  for (unsigned T = 2; T <= max_t; T += 2) {
    z3::context ctx;
    const z3::expr top = ctx.real_const("theta_bar");
    const z3::expr theta = ctx.real_const("theta");
    const auto total = [&](const z3::expr& x) {
      z3::expr s = ctx.real_val(0);
      for (unsigned t = 1; t <= T; ++t) s = s + (t % 2 == 1 ? x : top - x);
      return s;
    };
    const std::vector<z3::expr> assumptions{top > 0, theta >= 0, theta <= top};
    const z3::expr played = total(theta);
    const z3::expr best = min2(total(ctx.real_val(0)), total(top));
    const z3::expr conclusion = played == ctx.real_val(T) * top / 2 && played - best == 0;
    const std::vector<z3::expr> preferences{theta > 0, theta < top};  // an interior θ
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "THM-STATIC-LINEAR-STATIC-ZERO.T" + std::to_string(T), preferences);
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) {
      result.witness = instance_of(*v.witness, {}, {{"theta_bar", top}, {"theta", theta}}, "assumptions hold");
    }
    if (v.counterexample) {
      result.counterexample = instance_of(*v.counterexample, {}, {{"theta_bar", top}, {"theta", theta}});
    }
    if (v.verdict != Verdict::Proved) {
      result.bound = "T = " + std::to_string(T);
      return result;
    }
    const ref::Rational bar = rational_of(*v.witness, top, "theta_bar");
    const ref::Rational th = rational_of(*v.witness, theta, "theta");
    const auto exact_total = [&](const ref::Rational& x) {
      ref::Rational s = 0;
      for (unsigned t = 1; t <= T; ++t) s += t % 2 == 1 ? x : bar - x;
      return s;
    };
    const ref::Rational static_regret = exact_total(th) - std::min(exact_total(0), exact_total(bar));
    if (exact_total(th) != ref::Rational(T) * bar / 2 || static_regret != 0) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "exact Σ f_t(θ) = " + ref::to_fraction(exact_total(th)) + ", static regret " +
                      ref::to_fraction(static_regret);
      return result;
    }
    result.replay = "exact losses on θ̄ = " + ref::to_fraction(bar) + ", θ = " + ref::to_fraction(th) +
                    ", T = " + std::to_string(T) + ": Σ f_t(θ) = " + ref::to_fraction(exact_total(th)) +
                    " = T·θ̄/2, static regret 0";
    reached = T;
  }
  result.bound = "T even ≤ " + std::to_string(reached);
  return result;
}

const bool registered = register_claim({"THM-STATIC-LINEAR-STATIC-ZERO",
                                        "every fixed θ has static regret 0 on the alternating sequence",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
