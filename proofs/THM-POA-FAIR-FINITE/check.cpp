// Statement (@spec THM-POA-FAIR-FINITE): for pro-rata with υ ＞ 0, D ＞ 0 and 0 ＜ θ′ ＜ θ with
//   θ·D ＜ U: W_Fair(PR, θ) = υ·(1 − θ·D/U)/(θ·D) is strictly decreasing in θ, and
//   PoA(θ′, θ) = W_Fair(θ′)/W_Fair(θ) = θ·(U − θ′·D)/(θ′·(U − θ·D)).
// Encoding: QF_NRA. Variables υ (largest endowment), U, D, θ, θ′; the pro-rata haircuts h, h′
//   (h·U = θ·D, POL-PRO-RATA), the welfares W, W′ as the PTSR of pro-rata (MET-POA:
//   W_Fair = PTSR; W·θ·D = υ·(1 − h), the top survivor over the socialised loss) and the ratio P
//   (P·W = W′), every quotient as a cleared equation.
// Assumptions and bounds: 0 ＜ υ ≤ U, D ＞ 0, 0 ＜ θ′ ＜ θ ≤ 1, θ·D ＜ U. Conclusion: the closed form
//   W·θ·D·U = υ·(U − θ·D), W′ ＞ W and P·θ′·(U − θ·D) = θ·(U − θ′·D). Scalar (no instance size).
// Expected: PROVED (negation unsat; assumptions satisfiable).
// Not modelled: the asymptotic THM-POA-FAIR (κ_n, the dynamic benchmark).
// Replay: on a non-degenerate witness (υ ＜ U, θ ＜ 1) winners with largest endowment υ and sum
//   U (books::endowments_with) and one loser of shortfall D run through adl::ref::pro_rata at
//   the budgets θ·D and θ′·D; adl::ref::evaluate's PTSR must equal the model's W and W′, and
//   W′ ＞ W and the PoA formula are recomputed in exact Rationals.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

runner::SizedQuery query(z3::context& ctx, const runner::Size&) {
  const z3::expr top = ctx.real_const("upsilon"), U = ctx.real_const("U"), D = ctx.real_const("D");
  const z3::expr theta = ctx.real_const("theta"), theta_low = ctx.real_const("theta_prime");
  const z3::expr h = ctx.real_const("h"), h_low = ctx.real_const("h_prime");
  const z3::expr W = ctx.real_const("W"), W_low = ctx.real_const("W_prime"), P = ctx.real_const("PoA");
  const std::vector<z3::expr> assumptions{top > 0,
                                          top <= U,
                                          D > 0,
                                          theta_low > 0,
                                          theta_low < theta,
                                          theta <= 1,
                                          theta * D < U,
                                          h * U == theta * D,
                                          h_low * U == theta_low * D,
                                          W * theta * D == top * (1 - h),
                                          W_low * theta_low * D == top * (1 - h_low),
                                          P * W == W_low};
  const z3::expr conclusion = W * theta * D * U == top * (U - theta * D) && W_low > W &&
                              P * theta_low * (U - theta * D) == theta * (U - theta_low * D);
  const Scalars scalars = {
      {"υ", top},       {"U", U}, {"D", D}, {"θ", theta}, {"θ′", theta_low}, {"W_Fair(θ)", W}, {"W_Fair(θ′)", W_low},
      {"PoA(θ′, θ)", P}};
  runner::SizedQuery q = runner::non_degenerate_query(assumptions, conclusion, {top < U, theta < 1}, {}, scalars);
  q.replay = [top, U, D, theta, theta_low, W, W_low, P](const z3::model& m) {
    const Rational top_v = rational_of(m, top, "upsilon"), U_v = rational_of(m, U, "U"), D_v = rational_of(m, D, "D");
    const Rational t = rational_of(m, theta, "theta"), t_low = rational_of(m, theta_low, "theta_prime");
    const auto w = books::endowments_with(top_v, U_v);
    const auto high = books::replay_pro_rata(w, D_v, t * D_v), low = books::replay_pro_rata(w, D_v, t_low * D_v);
    if (!high.metrics.ptsr || !low.metrics.ptsr) return runner::mismatch("adl::ref::evaluate gives no PTSR");
    const Rational W_v = *high.metrics.ptsr, W_low_v = *low.metrics.ptsr;
    const Rational formula = t * (U_v - t_low * D_v) / (t_low * (U_v - t * D_v));
    if (W_v != rational_of(m, W, "W") || W_low_v != rational_of(m, W_low, "W_prime") || !(W_low_v > W_v) ||
        W_low_v / W_v != formula || formula != rational_of(m, P, "PoA")) {
      return runner::mismatch("adl::ref PTSR of pro-rata: W(θ) = " + ref::to_fraction(W_v) +
                              ", W(θ′) = " + ref::to_fraction(W_low_v) + ", ratio " + ref::to_fraction(W_low_v / W_v) +
                              ", formula " + ref::to_fraction(formula));
    }
    return runner::reproduced("adl::ref::pro_rata on w = " + books::show(w) +
                              " with a loser of shortfall D = " + ref::to_fraction(D_v) +
                              ": adl::ref::evaluate's PTSR is W_Fair(θ = " + ref::to_fraction(t) +
                              ") = " + ref::to_fraction(W_v) + " ＜ W_Fair(θ′ = " + ref::to_fraction(t_low) +
                              ") = " + ref::to_fraction(W_low_v) + ", as in the model, and their ratio " +
                              ref::to_fraction(formula) + " equals θ·(U − θ′·D)/(θ′·(U − θ·D)) exactly");
  };
  return q;
}

const bool registered = register_claim(runner::single("THM-POA-FAIR-FINITE",
                                                      "pro-rata fairness welfare and PoA closed forms", Verdict::Proved,
                                                      "scalar (no instance size)", query));

}  // namespace
}  // namespace adl::proofs
