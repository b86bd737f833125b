// Statement (@spec LEM-SOLV-REV-ID): D_T ≤ B_T + 𝒟_T + K₀ + R_T, hence
//   LTV_T = Φ_T − 𝒟_T ≤ Φ_T + B_T + R_T − D_T + K₀.
// Encoding: QF_LRA. Variables D, B, 𝒟, K₀, Φ (reals); R = (D − B − 𝒟 − K₀)₊ by if-then-else
//   (the residual left after the budget, the diversion and the initial fund).
// Assumptions and bounds: every variable ≥ 0. Scalar identity (no instance size).
// Expected: PROVED (negation unsat; assumptions satisfiable).
// Not modelled: the time structure (cumulative quantities at T only).
// Replay: on the witness, adl::ref::residual_shortfall(D, B + 𝒟 + K₀) (DEF-RESIDUAL with the
//   resources as the fund) must equal the model's R, and both inequalities are recomputed in
//   exact Rationals.
#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/insurance.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

runner::SizedQuery query(z3::context& ctx, const runner::Size&) {
  const z3::expr D = ctx.real_const("D"), B = ctx.real_const("B"), div = ctx.real_const("diversion");
  const z3::expr K0 = ctx.real_const("K0"), fees = ctx.real_const("Phi");
  const z3::expr R = positive_part(D - B - div - K0);
  const std::vector<z3::expr> assumptions = {D >= 0, B >= 0, div >= 0, K0 >= 0, fees >= 0};
  const z3::expr conclusion = D <= B + div + K0 + R && fees - div <= fees + B + R - D + K0;
  // A witness with a residual left and every resource in use.
  const std::vector<z3::expr> preferences = {B > 0, div > 0, K0 > 0, fees > div, D > B + div + K0};
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .preferences = preferences};
  q.witness = {{}, {{"D", D}, {"B", B}, {"𝒟", div}, {"K₀", K0}, {"Φ", fees}, {"R", R}}};
  q.replay = [D, B, div, K0, fees, R](const z3::model& m) {
    const Rational d = rational_of(m, D, "D"), b = rational_of(m, B, "B"), dv = rational_of(m, div, "diversion");
    const Rational k = rational_of(m, K0, "K0"), f = rational_of(m, fees, "Phi"), r = rational_of(m, R, "R");
    const Rational residual = ref::residual_shortfall(d, b + dv + k);
    if (residual != r || !(d <= b + dv + k + residual) || !(f - dv <= f + b + residual - d + k)) {
      return runner::mismatch("adl::ref::residual_shortfall gives " + ref::to_fraction(residual) +
                              ", the model R = " + ref::to_fraction(r));
    }
    return runner::reproduced("adl::ref::residual_shortfall(D, B + 𝒟 + K₀) = " + ref::to_fraction(residual) +
                              " = the model's R; both inequalities hold in exact Rationals on the witness");
  };
  return q;
}

const bool registered = register_claim(runner::single("LEM-SOLV-REV-ID", "D ≤ B + 𝒟 + K₀ + R and the LTV bound",
                                                      Verdict::Proved, "scalar identity", query));

}  // namespace
}  // namespace adl::proofs
