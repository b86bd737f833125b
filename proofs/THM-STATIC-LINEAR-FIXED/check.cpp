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
#include "online.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

z3::expr conclusion(const online::AlternatingLosses& f) {
  // min over [0, θ̄] of a linear f_t is min(f_t(0), f_t(θ̄)).
  z3::expr played = f.top.ctx().real_val(0);
  z3::expr best = f.top.ctx().real_val(0);
  for (unsigned t = 1; t <= f.T; ++t) {
    played = played + f.loss(t, f.theta);
    best = best + min2(f.loss(t, f.top.ctx().real_val(0)), f.loss(t, f.top));
  }
  return played - best == f.top.ctx().real_val(f.T) * f.top / 2;
}

runner::Replay replay(const ref::Rational& bar, const ref::Rational& th, unsigned T) {
  // Σ f_t(θ) − Σ min f_t in exact arithmetic: the minima over [0, θ̄] are 0 for both types.
  ref::Rational regret = 0;
  for (unsigned t = 1; t <= T; ++t) regret += t % 2 == 1 ? th : bar - th;
  if (regret != ref::Rational(T) * bar / 2) {
    return runner::mismatch("exact regret " + ref::to_fraction(regret) + " ≠ T·θ̄/2");
  }
  return runner::reproduced("exact losses on θ̄ = " + ref::to_fraction(bar) + ", θ = " + ref::to_fraction(th) +
                            ", T = " + std::to_string(T) + ": dynamic regret " + ref::to_fraction(regret) + " = T·θ̄/2");
}

const bool registered = register_claim(online::alternating_claim(
    "THM-STATIC-LINEAR-FIXED", "every fixed θ has dynamic regret T·θ̄/2 on the alternating sequence", conclusion,
    replay));

}  // namespace
}  // namespace adl::proofs
