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
#include "online.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include <algorithm>

namespace adl::proofs {
namespace {

z3::expr conclusion(const online::AlternatingLosses& f) {
  // The minimum over [0, θ̄] of the linear Σ_t f_t is min(Σ f_t(0), Σ f_t(θ̄)).
  const z3::expr played = f.total(f.theta);
  const z3::expr best = min2(f.total(f.top.ctx().real_val(0)), f.total(f.top));
  return played == f.top.ctx().real_val(f.T) * f.top / 2 && played - best == 0;
}

runner::Replay replay(const ref::Rational& bar, const ref::Rational& th, unsigned T) {
  const auto exact_total = [&](const ref::Rational& x) {
    ref::Rational s = 0;
    for (unsigned t = 1; t <= T; ++t) s += t % 2 == 1 ? x : bar - x;
    return s;
  };
  const ref::Rational static_regret = exact_total(th) - std::min(exact_total(0), exact_total(bar));
  if (exact_total(th) != ref::Rational(T) * bar / 2 || static_regret != 0) {
    return runner::mismatch("exact Σ f_t(θ) = " + ref::to_fraction(exact_total(th)) + ", static regret " +
                            ref::to_fraction(static_regret));
  }
  return runner::reproduced("exact losses on θ̄ = " + ref::to_fraction(bar) + ", θ = " + ref::to_fraction(th) +
                            ", T = " + std::to_string(T) + ": Σ f_t(θ) = " + ref::to_fraction(exact_total(th)) +
                            " = T·θ̄/2, static regret 0");
}

const bool registered = register_claim(
    online::alternating_claim("THM-STATIC-LINEAR-STATIC-ZERO",
                              "every fixed θ has static regret 0 on the alternating sequence", conclusion, replay));

}  // namespace
}  // namespace adl::proofs
