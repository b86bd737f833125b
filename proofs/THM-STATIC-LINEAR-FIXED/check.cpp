// Statement (@spec THM-STATIC-LINEAR-FIXED): on the alternating sequence f_t(θ) = θ (odd t) and
//   f_t(θ) = θ̄ − θ (even t) over θ ∈ [0, θ̄], T even, every fixed θ has dynamic regret
//   Σ_t f_t(θ) − Σ_t min f_t = T·θ̄/2.
// Encoding: QF_LRA. Variables θ̄, θ (reals). min over [0, θ̄] of a linear f_t is
//   min(f_t(0), f_t(θ̄)) (a linear function attains its minimum at an end point).
// Assumptions and bounds: θ̄ ＞ 0, 0 ≤ θ ≤ θ̄; every even T from 2 to the bound (default 4,
//   --max-t raises it).
// Expected: PROVED (negation unsat for every T; assumptions satisfiable, witness printed).
// Not modelled: odd T (the statement takes T even).
// Replay: the closed form (T/2)·θ̄ recomputed in exact Rationals on the witness θ, θ̄
//   (adl::ref has no online controller; the losses are evaluated exactly).
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
    const z3::expr zero = ctx.real_val(0);
    const auto loss = [&](unsigned t, const z3::expr& x) { return t % 2 == 1 ? x : top - x; };
    z3::expr played = ctx.real_val(0);
    z3::expr best = ctx.real_val(0);
    for (unsigned t = 1; t <= T; ++t) {
      played = played + loss(t, theta);
      best = best + min2(loss(t, zero), loss(t, top));
    }
    const std::vector<z3::expr> assumptions{top > 0, theta >= 0, theta <= top};
    const z3::expr conclusion = played - best == ctx.real_val(T) * top / 2;
    const std::vector<z3::expr> preferences{theta > 0, theta < top};  // an interior θ
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "THM-STATIC-LINEAR-FIXED.T" + std::to_string(T), preferences);
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
    // Replay in exact arithmetic: Σ f_t(θ) − Σ min f_t on the witness.
    const ref::Rational bar = rational_of(*v.witness, top, "theta_bar");
    const ref::Rational th = rational_of(*v.witness, theta, "theta");
    ref::Rational regret = 0;
    for (unsigned t = 1; t <= T; ++t) {
      regret += t % 2 == 1 ? th : bar - th;  // the minima over [0, θ̄] are 0 for both types
    }
    if (regret != ref::Rational(T) * bar / 2) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "exact regret " + ref::to_fraction(regret) + " ≠ T·θ̄/2";
      return result;
    }
    result.replay = "exact losses on θ̄ = " + ref::to_fraction(bar) + ", θ = " + ref::to_fraction(th) +
                    ", T = " + std::to_string(T) + ": dynamic regret " + ref::to_fraction(regret) + " = T·θ̄/2";
    reached = T;
  }
  result.bound = "T even ≤ " + std::to_string(reached);
  return result;
}

const bool registered = register_claim({"THM-STATIC-LINEAR-FIXED",
                                        "every fixed θ has dynamic regret T·θ̄/2 on the alternating sequence",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
