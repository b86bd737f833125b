// Statement (@spec LEM-RESIDUAL-CONVEX-SLOPE-LITERAL): every subgradient of L̃_t has magnitude
//   ≤ maxᵢ w_i, w the endowments (PNL) of the winners, as printed.
// Encoding: QF_LRA (λ free: the closed-form slope is an if-then-else over λ, still linear).
//   Variables per winner: collateral c_i ≥ 0, endowment w_i ＞ 0, equity e_i = c_i + w_i, λ_i ＞ 0
//   with λ_1 ≥ … ≥ λ_n (relabelling), capacity 0 ＜ κ_i ≤ e_i (κ_i = e_i·β_i, β_i ∈ (0, 1]);
//   b̄ ≥ Σ κ and b ∈ [0, Σ κ) so that the right derivative at b is −λ_k of the account k being
//   filled (a subgradient by LEM-RESIDUAL-CONVEX-SHAPE). Conclusion |slope(b)| ≤ max w.
// Assumptions and bounds: n from 1 to the bound (default 2); stops at the first counterexample.
// Expected: REFUTED (reference: c = 0.99, PNL = 0.01, λ = 1, β = 1: slope −1 ＞ 0.01 in magnitude).
// Not modelled: how λ derives from leverage (free here, as the lemma quantifies over it).
// Replay: L̃ at b and at the end of the account k's segment by adl::ref::greedy_one_step; their
//   exact secant slope is −λ_k and its magnitude exceeds max w.
#include "catalog.hpp"
#include "group_d_online.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 2 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto collateral = reals(ctx, "collateral", n);
    const auto w = reals(ctx, "w", n);
    const auto lambda = reals(ctx, "lambda", n);
    const auto kappa = reals(ctx, "kappa", n);
    const z3::expr top = ctx.real_const("b_bar");
    const z3::expr b = ctx.real_const("b");
    std::vector<z3::expr> e;
    std::vector<z3::expr> assumptions;
    for (unsigned i = 0; i < n; ++i) {
      e.push_back(collateral[i] + w[i]);
      assumptions.push_back(collateral[i] >= 0 && w[i] > 0 && lambda[i] > 0);
      assumptions.push_back(kappa[i] > 0 && kappa[i] <= e[i]);
      if (i > 0) assumptions.push_back(lambda[i - 1] >= lambda[i]);
    }
    assumptions.push_back(top >= sum(ctx, kappa));
    assumptions.push_back(b >= 0 && b < sum(ctx, kappa));
    const auto at = group_d::residual(ctx, e, kappa, lambda, b);
    const z3::expr conclusion = group_d::magnitude(at.slope) <= max_of(w);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "LEM-RESIDUAL-CONVEX-SLOPE-LITERAL.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    const auto table = [&](const z3::model& m, const std::string& note) {
      return instance_of(m, {{"collateral", collateral}, {"w (PNL)", w}, {"e", e}, {"lambda", lambda}, {"e·β", kappa}},
                         {{"b_bar", top}, {"b", b}, {"slope(b)", at.slope}, {"L(b)", at.value}}, note);
    };
    if (v.witness) result.witness = table(*v.witness, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    const z3::model& m = *v.counterexample;
    result.counterexample = table(m, "the subgradient's magnitude exceeds the largest endowment");
    std::vector<ref::Rational> ev, beta, lv;
    ref::Rational max_w = 0;
    ref::Rational cumulative = 0;
    const ref::Rational at_b = rational_of(m, b, "b");
    ref::Rational segment_end = 0;
    ref::Rational lambda_k = 0;
    for (unsigned i = 0; i < n; ++i) {
      ev.push_back(rational_of(m, e[i], "e"));
      beta.push_back(rational_of(m, kappa[i], "kappa") / ev.back());
      lv.push_back(rational_of(m, lambda[i], "lambda"));
      max_w = std::max(max_w, rational_of(m, w[i], "w"));
      cumulative += ev.back() * beta.back();
      if (segment_end == 0 && at_b < cumulative) {
        segment_end = cumulative;
        lambda_k = lv.back();
      }
    }
    const ref::Rational secant = (group_d::residual_by_ref(ev, beta, lv, segment_end) -
                                  group_d::residual_by_ref(ev, beta, lv, at_b)) / (segment_end - at_b);
    if (secant != -lambda_k || lambda_k <= max_w) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref secant slope " + ref::to_fraction(secant) + ", λ_k = " + ref::to_fraction(lambda_k) +
                      ", max w = " + ref::to_fraction(max_w);
      return result;
    }
    result.replay = "adl::ref::greedy_one_step: L̃ falls with slope " + ref::to_fraction(secant) + " on [" +
                    ref::to_fraction(at_b) + ", " + ref::to_fraction(segment_end) + "], magnitude ＞ max w = " +
                    ref::to_fraction(max_w);
    return result;
  }
  return result;
}

const bool registered = register_claim({"LEM-RESIDUAL-CONVEX-SLOPE-LITERAL",
                                        "every subgradient of L̃_t has magnitude ≤ max endowment (as printed)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
