// Statement (@spec COR-SEVERITY-REGRET-LITERAL): projected OGD on b ∈ [0, b̄] with f_t = L̃_t has
//   static regret ≤ 2·b̄·G·√T with G = max over t, i of w_t,i (the endowments), as printed.
// Encoding: QF_NRA (λ·x products). T = 1 (√1 = 1, no step is taken before the loss), n winners:
//   collateral c_i ≥ 0, endowment w_i ＞ 0, equity e_i = c_i + w_i, λ_i ＞ 0 with λ_1 ≥ … ≥ λ_n,
//   capacities 0 ＜ κ_i ≤ e_i (κ_i = e_i·β_i), b̄ ≥ Σ κ, start b_1 ∈ [0, b̄]. L̃ by the SEV-OMD
//   closed form; min over [0, b̄] of L̃ is L̃(b̄) (nonincreasing, LEM-RESIDUAL-CONVEX-SHAPE), so the
//   regret is L̃(b_1) − L̃(b̄). Conclusion: regret ≤ 2·b̄·max w.
// Assumptions and bounds: T = 1, n from 1 to the bound (default 1); stops at the first counterexample.
// Expected: REFUTED (reference: c = 0.99, PNL = 0.01, λ = 1, β = 1, b̄ = 1, b_1 = 0: regret 1 ＞ 0.02).
// Not modelled: T ＞ 1 (one round already refutes the bound).
// Replay: L̃(b_1) and L̃(b̄) by adl::ref::greedy_one_step; the exact regret exceeds 2·b̄·max w.
#include "catalog.hpp"
#include "group_d_online.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 1 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto collateral = reals(ctx, "collateral", n);
    const auto w = reals(ctx, "w", n);
    const auto lambda = reals(ctx, "lambda", n);
    const auto kappa = reals(ctx, "kappa", n);
    const z3::expr top = ctx.real_const("b_bar");
    const z3::expr start = ctx.real_const("b_1");
    std::vector<z3::expr> e;
    std::vector<z3::expr> assumptions;
    for (unsigned i = 0; i < n; ++i) {
      e.push_back(collateral[i] + w[i]);
      assumptions.push_back(collateral[i] >= 0 && w[i] > 0 && lambda[i] > 0);
      assumptions.push_back(kappa[i] > 0 && kappa[i] <= e[i]);
      if (i > 0) assumptions.push_back(lambda[i - 1] >= lambda[i]);
    }
    assumptions.push_back(top >= sum(ctx, kappa));
    assumptions.push_back(start >= 0 && start <= top);
    const auto played = group_d::residual(ctx, e, kappa, lambda, start);
    const auto best = group_d::residual(ctx, e, kappa, lambda, top);
    const z3::expr regret = played.value - best.value;
    const z3::expr conclusion = regret <= 2 * top * max_of(w);
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "COR-SEVERITY-REGRET-LITERAL.T1.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "T = 1, n = " + std::to_string(n);
    const auto table = [&](const z3::model& m, const std::string& note) {
      return instance_of(m, {{"collateral", collateral}, {"w (PNL)", w}, {"e", e}, {"lambda", lambda}, {"e·β", kappa}},
                         {{"b_bar", top}, {"b_1", start}, {"regret", regret}}, note);
    };
    if (v.witness) result.witness = table(*v.witness, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    const z3::model& m = *v.counterexample;
    result.counterexample = table(m, "one round of regret exceeds 2·b̄·G·√T with G = max w");
    std::vector<ref::Rational> ev, beta, lv;
    ref::Rational max_w = 0;
    for (unsigned i = 0; i < n; ++i) {
      ev.push_back(rational_of(m, e[i], "e"));
      beta.push_back(rational_of(m, kappa[i], "kappa") / ev.back());
      lv.push_back(rational_of(m, lambda[i], "lambda"));
      max_w = std::max(max_w, rational_of(m, w[i], "w"));
    }
    const ref::Rational bar = rational_of(m, top, "b_bar");
    const ref::Rational b1 = rational_of(m, start, "b_1");
    const ref::Rational exact = group_d::residual_by_ref(ev, beta, lv, b1) - group_d::residual_by_ref(ev, beta, lv, bar);
    if (exact != rational_of(m, regret, "regret") || exact <= 2 * bar * max_w) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref regret " + ref::to_fraction(exact) + " against 2·b̄·max w = " + ref::to_fraction(2 * bar * max_w);
      return result;
    }
    result.replay = "adl::ref::greedy_one_step: regret L̃(b_1) − L̃(b̄) = " + ref::to_fraction(exact) +
                    " ＞ 2·b̄·max w·√1 = " + ref::to_fraction(2 * bar * max_w);
    return result;
  }
  return result;
}

const bool registered = register_claim({"COR-SEVERITY-REGRET-LITERAL",
                                        "severity OGD regret ≤ 2·b̄·G·√T with G = max endowment (as printed)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
