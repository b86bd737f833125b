// Statement (@spec THM-RAP-LTV-THRESHOLD-REPAIRED): in the two-account setup of
//   THM-RAP-LTV-THRESHOLD, (a) ΔU = Δh_H·(β·θ_H·λ_H − α_H) + h^PR_L·(α_L − β·θ_L·λ_L), and
//   (b) for β, λ_H, θ_L, Δh_H ＞ 0: ΔU ≥ 0 iff θ_H/θ_L ≥ Θ⋆ =
//   (h^PR_L/Δh_H)·(λ_L/λ_H) + (α_H − (h^PR_L/Δh_H)·α_L)/(β·λ_H·θ_L).
// Encoding: QF_NRA. Variables as THM-RAP-LTV-THRESHOLD-LITERAL (LtvSetup in
//   proofs/common/accounting); for (b) every quotient is a variable with its cleared
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
#include "accounting.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

// (a) the identity ΔU = corrected expression.
runner::SizedQuery identity(const accounting::LtvSetup& s) {
  const z3::expr corrected = s.delta_h() * (s.beta * s.theta_H * s.lambda_H - s.alpha_H) +
                             s.p * (s.alpha_L - s.beta * s.theta_L * s.lambda_L);
  runner::SizedQuery q{.assumptions = s.hypotheses(), .conclusion = s.delta_u() == corrected, .show_witness = false};
  q.counterexample = {{}, s.scalars(), "(a) fails"};
  return q;
}

// (b) ΔU ≥ 0 iff θ_H/θ_L ≥ Θ⋆, every quotient a variable with its cleared definition.
runner::SizedQuery threshold(z3::context& ctx, const accounting::LtvSetup& s) {
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
  runner::SizedQuery query{.assumptions = assumptions, .conclusion = (s.delta_u() >= 0) == (ratio >= threshold)};
  auto scalars = s.scalars();
  scalars.emplace_back("ΔU", s.delta_u());
  scalars.emplace_back("θ_H/θ_L", ratio);
  scalars.emplace_back("Θ⋆", threshold);
  query.witness = {{}, scalars, "assumptions of (b) hold"};
  query.counterexample = {{}, scalars, "(b) fails"};
  query.replay = [&s, threshold](const z3::model& m) {
    const accounting::LtvReplay x = accounting::ltv_replay(m, s);
    const ref::Allocation& pr = x.pr;
    const ref::Allocation& rap = x.rap;
    const Rational& delta_u = x.delta_u;
    const Rational corrected_value = x.delta_h * (x.beta * x.theta_H * x.lambda_H - x.alpha_H) +
                                     pr.haircut[1] * (x.alpha_L - x.beta * x.theta_L * x.lambda_L);
    const Rational qv = pr.haircut[1] / x.delta_h;
    const Rational theta_star = qv * (x.lambda_L / x.lambda_H) +
                                (x.alpha_H - qv * x.alpha_L) / (x.beta * x.lambda_H * x.theta_L);
    const bool prefers_pr = delta_u >= 0;
    const Rational ratio_value = x.theta_H / x.theta_L;
    if (pr.haircut[0] != rational_of(m, s.p, "h_pr") || rap.haircut[0] != rational_of(m, s.r, "h_rap_H") ||
        delta_u != corrected_value || theta_star != rational_of(m, threshold, "Theta_star") ||
        prefers_pr != (ratio_value >= theta_star)) {
      return runner::mismatch("exact replay: ΔU = " + ref::to_fraction(delta_u) + ", corrected = " +
                              ref::to_fraction(corrected_value) + ", Θ⋆ = " + ref::to_fraction(theta_star));
    }
    return runner::reproduced("witness: adl::ref::pro_rata h^PR = " + books::show(pr.haircut) +
                              ", adl::ref::rap h^RAP = " + books::show(rap.haircut) +
                              "; exact ΔU = " + ref::to_fraction(delta_u) +
                              " = corrected expression; θ_H/θ_L = " + ref::to_fraction(ratio_value) +
                              (prefers_pr ? " ≥ " : " ＜ ") + "Θ⋆ = " + ref::to_fraction(theta_star));
  };
  return query;
}

ClaimResult check(const Options& options) {
  z3::context ctx;  // both parts are about one setup
  const accounting::LtvSetup s(ctx);
  const std::string bound = "two accounts (H, L)";
  return runner::check_parts(options, "THM-RAP-LTV-THRESHOLD-REPAIRED",
                             {{.sizes = {{0, 0, bound, ".identity"}},
                               .query = [&](z3::context&, const runner::Size&) { return identity(s); },
                               .context = &ctx},
                              {.sizes = {{0, 0, bound, ".threshold"}},
                               .query = [&](z3::context& c, const runner::Size&) { return threshold(c, s); },
                               .context = &ctx}},
                             Verdict::Proved, bound);
}

const bool registered = register_claim(
    {"THM-RAP-LTV-THRESHOLD-REPAIRED", "corrected ΔU and the threshold Θ⋆", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
