// Statement (@spec THM-RAP-LTV-THRESHOLD-LITERAL): in the two-account setup of
//   THM-RAP-LTV-THRESHOLD, ΔU = U(h^PR) − U(h^RAP) equals the printed expression
//   Δh_H·(β·θ_H·λ_H − α_H) − h^PR_L·(α_L − β·θ_L·λ_L).
// Encoding: QF_NRA. Variables e_H, e_L, b, α_H, α_L, β, θ_H, θ_L, λ_H, λ_L, L₀ and the quotients
//   h^PR = b/(e_H + e_L), h^RAP_H = b/e_H as variables with cleared defining equations
//   (proofs/common/accounting LtvSetup). ΔU is computed from U^exch directly.
// Assumptions and bounds: e_H, e_L ＞ 0, 0 ＜ b ≤ e_H (so Δh_H ＞ 0), and the economically
//   meaningful signs α ≥ 0, β, θ, λ ＞ 0 (narrowing the hypotheses only strengthens a refutation).
//   Two accounts (the setup has no n). Small numbers are preferred: once the negation is sat, the
//   counterexample is searched again with e_H = e_L = b = β = θ = λ = 1 and L₀ = 0 fixed (α free),
//   and that one is reported when it exists.
// Expected: REFUTED — sign error (AMB-T-08); reference counterexample e_H = e_L = b = 1,
//   α_H = 1, α_L = 2, β = θ = λ = 1: ΔU = 1/2, the printed formula gives −1/2.
// Not modelled: nothing beyond the setup (Loss is the printed linear one).
// Replay: h^PR from adl::ref::pro_rata and h^RAP from adl::ref::rap with risk weights (1, 0)
//   (only H is haircut) on the book (e_H, e_L) must equal the model's; then U^exch, ΔU and the
//   printed expression are recomputed in exact Rationals and must differ.
#include "catalog.hpp"
#include "accounting.hpp"
#include "books.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

ClaimResult check(const Options& options) {
  ClaimResult result;
  result.bound = "two accounts (H, L)";
  z3::context ctx;
  const accounting::LtvSetup s(ctx);
  const z3::expr printed = s.delta_h() * (s.beta * s.theta_H * s.lambda_H - s.alpha_H) -
                           s.p * (s.alpha_L - s.beta * s.theta_L * s.lambda_L);
  auto assumptions = s.hypotheses();
  for (const z3::expr& a :
       {s.alpha_H >= 0, s.alpha_L >= 0, s.beta > 0, s.theta_H > 0, s.theta_L > 0, s.lambda_H > 0, s.lambda_L > 0}) {
    assumptions.push_back(a);
  }
  const Validity v = prove_valid(ctx, assumptions, s.delta_u() == printed, options, "THM-RAP-LTV-THRESHOLD-LITERAL");
  result.verdict = v.verdict;
  result.detail = v.detail;
  auto scalars = s.scalars();
  scalars.emplace_back("ΔU", s.delta_u());
  scalars.emplace_back("printed ΔU", printed);
  if (v.witness) result.witness = instance_of(*v.witness, {}, scalars, "assumptions hold");
  if (v.verdict != Verdict::Refuted) return result;
  std::vector<z3::expr> small = assumptions;
  small.push_back(s.delta_u() != printed);
  for (const z3::expr& a : {s.e_H == 1, s.e_L == 1, s.b == 1, s.beta == 1, s.theta_H == 1, s.theta_L == 1,
                            s.lambda_H == 1, s.lambda_L == 1, s.L0 == 0}) {
    small.push_back(a);
  }
  const auto preferred = find_model(ctx, small, options, "THM-RAP-LTV-THRESHOLD-LITERAL.small");
  const z3::model& m = preferred ? *preferred : *v.counterexample;
  result.counterexample = instance_of(m, {}, scalars, "ΔU differs from the printed expression");
  const accounting::LtvReplay r = accounting::ltv_replay(m, s);
  const ref::Allocation& pr = r.pr;
  const ref::Allocation& rap = r.rap;
  if (pr.haircut[0] != rational_of(m, s.p, "h_pr") || pr.haircut[1] != pr.haircut[0] ||
      rap.haircut[0] != rational_of(m, s.r, "h_rap_H") || rap.haircut[1] != 0) {
    result.verdict = Verdict::ReplayFailed;
    result.detail = "adl::ref haircuts " + books::show(pr.haircut) + ", " + books::show(rap.haircut) +
                    " differ from the model's";
    return result;
  }
  const Rational& delta_u = r.delta_u;
  const Rational printed_value = r.delta_h * (r.beta * r.theta_H * r.lambda_H - r.alpha_H) -
                                 pr.haircut[1] * (r.alpha_L - r.beta * r.theta_L * r.lambda_L);
  if (delta_u == printed_value) {
    result.verdict = Verdict::ReplayFailed;
    result.detail = "exact replay: ΔU = printed = " + ref::to_fraction(delta_u);
    return result;
  }
  result.replay = "adl::ref::pro_rata gives h^PR = " + books::show(pr.haircut) + ", adl::ref::rap (weights (1, 0)) " +
                  "h^RAP = " + books::show(rap.haircut) +
                  "; recomputed from U^exch in exact Rationals ΔU = " + ref::to_fraction(delta_u) +
                  " while the printed expression gives " + ref::to_fraction(printed_value);
  return result;
}

const bool registered = register_claim(
    {"THM-RAP-LTV-THRESHOLD-LITERAL", "printed ΔU of the PR-versus-RAP revenue threshold", Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
