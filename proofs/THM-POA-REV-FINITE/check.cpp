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

namespace adl::proofs {
namespace {

using ref::Rational;

ClaimResult check(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 6);
  ClaimResult result;
  std::string replayed;
  for (unsigned n = 1; n <= max_n; ++n) {
    const std::string name = "THM-POA-REV-FINITE.n" + std::to_string(n);
    z3::context ctx;
    const z3::expr mu_minus = ctx.real_const("mu_minus"), mu_phi = ctx.real_const("mu_phi");
    const z3::expr size = ctx.real_val(static_cast<int>(n));
    const z3::expr welfare = size * (mu_phi - mu_minus);
    const Validity v = runner::run_validity(result, ctx, {mu_phi >= 0, mu_minus > mu_phi}, welfare < 0, {mu_phi > 0},
                                             options, name, {},
                                             {{"n", size}, {"μ₋", mu_minus}, {"μ_Φ", mu_phi}, {"n·(μ_Φ − μ₋)", welfare}});
    if (v.verdict != Verdict::Proved || result.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const Rational minus = rational_of(*v.witness, mu_minus, "mu_minus"), phi = rational_of(*v.witness, mu_phi, "mu_phi");
    const Rational exact = Rational(n) * (phi - minus);
    if (!(minus > phi && phi > 0 && exact < 0)) {
      return runner::replay_failed(result, name + ": exact recomputation gives n·(μ_Φ − μ₋) = " + ref::to_fraction(exact));
    }
    replayed = "no adl::ref function models the welfare: on the witness of every n ≤ " + std::to_string(n) +
               " (last: μ₋ = " + ref::to_fraction(minus) + ", μ_Φ = " + ref::to_fraction(phi) +
               ") n·(μ_Φ − μ₋) = " + ref::to_fraction(exact) + " ＜ 0 in exact Rationals";
  }
  result.verdict = Verdict::Proved;
  result.replay = replayed;
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-POA-REV-FINITE", "the sketch's \"positive dynamic welfare\" is negative under J.3",
                                        Verdict::Proved,
                                        [](const Options& o) { return runner::guarded([&] { return check(o); }); }});

}  // namespace
}  // namespace adl::proofs
