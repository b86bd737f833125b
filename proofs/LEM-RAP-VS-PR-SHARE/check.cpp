// Statement (@spec LEM-RAP-VS-PR-SHARE): with uncapped budget shares
//   σ^RAP_i = e_i·w̃_i/Σ e_j·w̃_j (w̃ = λ·g(λ)) and σ^PR_i = e_i/Σ e_j:
//   σ^RAP_i ≤ σ^PR_i iff λ_i·g(λ_i) ≤ μ^(g) = Σ e_j·λ_j·g(λ_j)/Σ e_j, strictly iff strictly.
// Encoding: QF_NRA. Variables e, λ, g (the values g(λ_i)), the shares σ^RAP, σ^PR (n each) and
//   μ; every quotient is a variable defined by its cleared equation (σ^RAP_i·Σ e·λ·g = e_i·λ_i·g_i,
//   σ^PR_i·Σ e = e_i, μ·Σ e = Σ e·λ·g), the denominators' positivity being hypotheses.
// Assumptions and bounds: e, λ ＞ 0, g ≥ 0, Σ e·λ·g ＞ 0; conclusion for every i (both the weak
//   and the strict equivalence). Every n from 1 to the bound (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable).
// Not modelled: g as a function (equal λ with different g values are allowed, which only
//   widens the check); the PNL-only form (replace e by w: the same algebra).
// Replay: on the witness book (w = e, weights w̃_i = λ_i·g_i, caps 1) adl::ref::rap and
//   adl::ref::pro_rata run at a budget small enough that no cap binds; their seizure shares
//   x_i/b must equal the model's σ^RAP and σ^PR, and the equivalence is rechecked in Rationals.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto e = reals(ctx, "e", n);
  const auto lambda = reals(ctx, "lambda", n);
  const auto g = reals(ctx, "g", n);
  const auto s_rap = reals(ctx, "share_rap", n);
  const auto s_pr = reals(ctx, "share_pr", n);
  const z3::expr mu = ctx.real_const("mu");
  // The denominators Σ e and Σ e·λ·g are variables defined by their sums (nlsat is far faster
  // with them named than with the sums inlined in every product).
  const z3::expr total_e = ctx.real_const("sum_e");
  const z3::expr total_risk = ctx.real_const("sum_e_lambda_g");
  std::vector<z3::expr> assumptions;
  z3::expr sum_e = ctx.real_val(0);
  z3::expr sum_risk = ctx.real_val(0);
  for (unsigned i = 0; i < n; ++i) {
    assumptions.push_back(e[i] > 0);
    assumptions.push_back(lambda[i] > 0);
    assumptions.push_back(g[i] >= 0);
    sum_e = sum_e + e[i];
    sum_risk = sum_risk + e[i] * lambda[i] * g[i];
  }
  assumptions.push_back(total_e == sum_e);
  assumptions.push_back(total_risk == sum_risk);
  assumptions.push_back(total_risk > 0);
  for (unsigned i = 0; i < n; ++i) {
    assumptions.push_back(s_rap[i] * total_risk == e[i] * lambda[i] * g[i]);
    assumptions.push_back(s_pr[i] * total_e == e[i]);
  }
  assumptions.push_back(mu * total_e == total_risk);
  z3::expr conclusion = ctx.bool_val(true);
  for (unsigned i = 0; i < n; ++i) {
    const z3::expr weight = lambda[i] * g[i];
    conclusion = conclusion && ((s_rap[i] <= s_pr[i]) == (weight <= mu)) && ((s_rap[i] < s_pr[i]) == (weight < mu));
  }
  // A witness worth replaying: account 1 below the mean and account n above it.
  std::vector<z3::expr> preferences;
  if (n >= 2) {
    preferences.push_back(lambda[0] * g[0] < mu);
    preferences.push_back(lambda[n - 1] * g[n - 1] > mu);
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .preferences = preferences};
  q.witness = {{{"e", e}, {"λ", lambda}, {"g", g}, {"σ^RAP", s_rap}, {"σ^PR", s_pr}}, {{"μ", mu}}};
  q.replay = [e, lambda, g, s_rap, s_pr, n](const z3::model& m) {
    // The witness through adl::ref::rap and adl::ref::pro_rata.
    const auto ev = rationals_of(m, e, "e");
    const auto lv = rationals_of(m, lambda, "lambda");
    const auto gv = rationals_of(m, g, "g");
    const auto srv = rationals_of(m, s_rap, "share_rap");
    const auto spv = rationals_of(m, s_pr, "share_pr");
    std::vector<ref::Rational> weights;
    ref::Rational risk = 0, total = 0, top = 0;
    for (unsigned i = 0; i < n; ++i) {
      weights.push_back(lv[i] * gv[i]);
      risk += ev[i] * weights.back();
      total += ev[i];
      top = std::max(top, weights.back());
    }
    const ref::Rational budget = risk / (2 * top);  // τ = 1/(2·max w̃): no cap binds
    const ref::Allocation by_rap = ref::rap(ev, std::vector<ref::Rational>(n, ref::Rational(1)), weights, budget);
    const ref::Allocation by_pr = ref::pro_rata(ev, budget);
    const ref::Rational mean = risk / total;
    bool ok = true;
    for (unsigned i = 0; i < n; ++i) {
      const ref::Rational share_rap = by_rap.seized[i] / budget;
      const ref::Rational share_pr = by_pr.seized[i] / budget;
      ok = ok && share_rap == srv[i] && share_pr == spv[i] && ((share_rap <= share_pr) == (weights[i] <= mean)) &&
           ((share_rap < share_pr) == (weights[i] < mean));
    }
    if (!ok) {
      return runner::mismatch("adl::ref shares at b = " + ref::to_fraction(budget) + ": RAP " +
                              books::show(by_rap.seized) + ", PR " + books::show(by_pr.seized) +
                              " do not match the model");
    }
    return runner::reproduced("on the n = " + std::to_string(n) +
                              " instance, adl::ref::rap and adl::ref::pro_rata at b = " + ref::to_fraction(budget) +
                              " give shares " + books::show(srv) + " and " + books::show(spv) +
                              " (= the model's), ordered as w̃ against μ = " + ref::to_fraction(mean));
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "LEM-RAP-VS-PR-SHARE", "RAP share ≤ pro-rata share iff risk weight ≤ mean", Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
