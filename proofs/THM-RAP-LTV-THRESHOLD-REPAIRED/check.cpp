// Statement (@spec THM-RAP-LTV-THRESHOLD-REPAIRED): in the two-account setup of
//   THM-RAP-LTV-THRESHOLD, (a) ΔU = Δh_H·(β·θ_H·λ_H − α_H) + h^PR_L·(α_L − β·θ_L·λ_L), and
//   (b) for β, λ_H, θ_L, Δh_H ＞ 0: ΔU ≥ 0 iff θ_H/θ_L ≥ Θ⋆ =
//   (h^PR_L/Δh_H)·(λ_L/λ_H) + (α_H − (h^PR_L/Δh_H)·α_L)/(β·λ_H·θ_L).
// Encoding: QF_NRA. Variables as THM-RAP-LTV-THRESHOLD-LITERAL (LtvSetup in
//   proofs/common/group_c_encoders); for (b) every quotient is a variable with its cleared
//   defining equation: q·Δh_H = h^PR_L, ℓ·λ_H = λ_L, k·(β·λ_H·θ_L) = α_H − q·α_L, ϱ·θ_L = θ_H,
//   Θ⋆ = q·ℓ + k. ΔU is computed from U^exch directly.
// Assumptions and bounds: e_H, e_L ＞ 0, 0 ＜ b ≤ e_H; for (b) also β, λ_H, θ_L ＞ 0 (Δh_H ＞ 0
//   follows). Other parameters free reals. Two queries ((a), (b)); two accounts.
// Expected: PROVED (both negations unsat; both assumption sets satisfiable).
// Not modelled: nothing beyond the setup.
// Replay: on the witness of (b), h^PR from adl::ref::pro_rata and h^RAP from adl::ref::rap with
//   weights (1, 0) must equal the model's; ΔU, the corrected expression and Θ⋆ are recomputed in
//   exact Rationals and must agree with (a) and (b).
#include "catalog.hpp"
#include "group_c_encoders.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

ClaimResult check(const Options& options) {
  ClaimResult result;
  result.bound = "two accounts (H, L)";
  z3::context ctx;
  const group_c::LtvSetup s(ctx);
  const z3::expr corrected = s.delta_h() * (s.beta * s.theta_H * s.lambda_H - s.alpha_H) +
                             s.p * (s.alpha_L - s.beta * s.theta_L * s.lambda_L);
  const Validity identity = prove_valid(ctx, s.hypotheses(), s.delta_u() == corrected, options,
                                        "THM-RAP-LTV-THRESHOLD-REPAIRED.identity");
  if (identity.verdict != Verdict::Proved) {
    result.verdict = identity.verdict;
    result.detail = "(a) " + identity.detail;
    if (identity.counterexample) result.counterexample = instance_of(*identity.counterexample, {}, s.scalars(), "(a) fails");
    return result;
  }
  const z3::expr q = ctx.real_const("q"), ell = ctx.real_const("ell"), k = ctx.real_const("k");
  const z3::expr ratio = ctx.real_const("theta_ratio"), threshold = ctx.real_const("Theta_star");
  auto assumptions = s.hypotheses();
  assumptions.push_back(s.beta > 0);
  assumptions.push_back(s.lambda_H > 0);
  assumptions.push_back(s.theta_L > 0);
  assumptions.push_back(s.delta_h() > 0);
  assumptions.push_back(q * s.delta_h() == s.p);
  assumptions.push_back(ell * s.lambda_H == s.lambda_L);
  assumptions.push_back(k * (s.beta * s.lambda_H * s.theta_L) == s.alpha_H - q * s.alpha_L);
  assumptions.push_back(ratio * s.theta_L == s.theta_H);
  assumptions.push_back(threshold == q * ell + k);
  const Validity v = prove_valid(ctx, assumptions, (s.delta_u() >= 0) == (ratio >= threshold), options,
                                 "THM-RAP-LTV-THRESHOLD-REPAIRED.threshold");
  result.verdict = v.verdict;
  result.detail = v.detail.empty() ? "" : "(b) " + v.detail;
  auto scalars = s.scalars();
  scalars.emplace_back("ΔU", s.delta_u());
  scalars.emplace_back("θ_H/θ_L", ratio);
  scalars.emplace_back("Θ⋆", threshold);
  if (v.witness) result.witness = instance_of(*v.witness, {}, scalars, "assumptions of (b) hold");
  if (v.counterexample) result.counterexample = instance_of(*v.counterexample, {}, scalars, "(b) fails");
  if (v.verdict != Verdict::Proved) return result;
  const z3::model& m = *v.witness;
  const auto val = [&](const z3::expr& e, const char* what) { return rational_of(m, e, what); };
  const Rational eH = val(s.e_H, "e_H"), eL = val(s.e_L, "e_L"), b = val(s.b, "b");
  const Rational aH = val(s.alpha_H, "alpha_H"), aL = val(s.alpha_L, "alpha_L"), beta = val(s.beta, "beta");
  const Rational tH = val(s.theta_H, "theta_H"), tL = val(s.theta_L, "theta_L");
  const Rational lH = val(s.lambda_H, "lambda_H"), lL = val(s.lambda_L, "lambda_L"), L0 = val(s.L0, "L0");
  const ref::Allocation pr = ref::pro_rata({eH, eL}, b);
  const ref::Allocation rap = ref::rap({eH, eL}, {1, 1}, {1, 0}, b);
  const auto utility = [&](const Rational& hH, const Rational& hL) {
    return -(L0 - aH * hH - aL * hL) + beta * (tH * (1 - hH) * lH + tL * (1 - hL) * lL);
  };
  const Rational delta_u = utility(pr.haircut[0], pr.haircut[1]) - utility(rap.haircut[0], rap.haircut[1]);
  const Rational dh = rap.haircut[0] - pr.haircut[0];
  const Rational corrected_value = dh * (beta * tH * lH - aH) + pr.haircut[1] * (aL - beta * tL * lL);
  const Rational qv = pr.haircut[1] / dh;
  const Rational theta_star = qv * (lL / lH) + (aH - qv * aL) / (beta * lH * tL);
  const bool prefers_pr = delta_u >= 0;
  if (pr.haircut[0] != val(s.p, "h_pr") || rap.haircut[0] != val(s.r, "h_rap_H") || delta_u != corrected_value ||
      theta_star != val(threshold, "Theta_star") || prefers_pr != (tH / tL >= theta_star)) {
    result.verdict = Verdict::ReplayFailed;
    result.detail = "exact replay: ΔU = " + ref::to_fraction(delta_u) + ", corrected = " +
                    ref::to_fraction(corrected_value) + ", Θ⋆ = " + ref::to_fraction(theta_star);
    return result;
  }
  result.replay = "witness: adl::ref::pro_rata h^PR = " + group_c::join(pr.haircut) + ", adl::ref::rap h^RAP = " +
                  group_c::join(rap.haircut) + "; exact ΔU = " + ref::to_fraction(delta_u) +
                  " = corrected expression; θ_H/θ_L = " + ref::to_fraction(tH / tL) + (prefers_pr ? " ≥ " : " ＜ ") +
                  "Θ⋆ = " + ref::to_fraction(theta_star);
  return result;
}

const bool registered = register_claim({"THM-RAP-LTV-THRESHOLD-REPAIRED", "corrected ΔU and the threshold Θ⋆",
                                        Verdict::Proved,
                                        [](const Options& o) { return group_c::guarded([&] { return check(o); }); }});

}  // namespace
}  // namespace adl::proofs
