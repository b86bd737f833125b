// Statement (@spec THM-POA-REV-FINITE): for n ≥ 1 and μ₋ ＞ μ_Φ ≥ 0, n·(μ_Φ − μ₋) ＜ 0: the dynamic
//   welfare the sketch of THM-POA-REV relies on is negative under its own hypothesis J.3.
// Encoding: QF_LRA. Variables μ₋, μ_Φ; n a numeral.
// Assumptions and bounds: μ_Φ ≥ 0, μ₋ ＞ μ_Φ (J.3); every n from 1 to the bound (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable).
// Not modelled: the asymptotic THM-POA-REV (tails, ruin); only the sign of its welfare.
// Replay: no adl::ref function models the welfare n·(μ_Φ − μ₋): on a non-degenerate witness of
//   every n (μ_Φ ＞ 0) it is recomputed in exact Rationals and must be negative.
#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const std::string name = "THM-POA-REV-FINITE.n" + std::to_string(size.n);
  const z3::expr mu_minus = ctx.real_const("mu_minus"), mu_phi = ctx.real_const("mu_phi");
  const z3::expr n = ctx.real_val(static_cast<int>(size.n));
  const z3::expr welfare = n * (mu_phi - mu_minus);
  runner::SizedQuery q = runner::non_degenerate_query(
      {mu_phi >= 0, mu_minus > mu_phi}, welfare < 0, {mu_phi > 0}, {},
      {{"n", n}, {"μ₋", mu_minus}, {"μ_Φ", mu_phi}, {"n·(μ_Φ − μ₋)", welfare}});
  q.replay = [mu_minus, mu_phi, name, size](const z3::model& m) {
    const Rational minus = rational_of(m, mu_minus, "mu_minus"), phi = rational_of(m, mu_phi, "mu_phi");
    const Rational exact = Rational(size.n) * (phi - minus);
    if (!(minus > phi && phi > 0 && exact < 0)) {
      return runner::mismatch(name + ": exact recomputation gives n·(μ_Φ − μ₋) = " + ref::to_fraction(exact));
    }
    return runner::reproduced("no adl::ref function models the welfare: on the witness of every n ≤ " +
                              std::to_string(size.n) + " (last: μ₋ = " + ref::to_fraction(minus) +
                              ", μ_Φ = " + ref::to_fraction(phi) + ") n·(μ_Φ − μ₋) = " + ref::to_fraction(exact) +
                              " ＜ 0 in exact Rationals");
  };
  return q;
}

const bool registered = register_claim(runner::each_n("THM-POA-REV-FINITE",
                                                      "the sketch's \"positive dynamic welfare\" is negative under J.3",
                                                      Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
