// Statement (@spec THM-RAP-SCHUR): (paper) for ρ ordered and a weighted rule whose budget
//   shares w_i·w̃_i/Σ w·w̃ are "no more concentrated on high-ρ accounts" than RAP's
//   w_i·ρ_i/Σ w·ρ, z_i = ρ_i·e_i·(1 − h_i) satisfies z^RAP ≺_w z^(w̃).
// Encoding: QF_NRA. Variables w, e, ρ, w̃ (n each), b and the two scales τ, τ′. Both rules
//   by the RAP closed form (proofs/common/closed_forms, POL-RAP) with caps 1:
//   h_i = min(1, τ·ρ_i) and h′_i = min(1, τ′·w̃_i), Σ w·h = Σ w·h′ = b. "Concentration" is
//   formalised as the spec does (AMB-T-07): with accounts sorted by ρ decreasing (w.l.o.g.),
//   every top-k share of the rule is ≤ RAP's, cleared of the positive denominators:
//   (Σ_{i≤k} w_i·w̃_i)·(Σ w·ρ) ≤ (Σ_{i≤k} w_i·ρ_i)·(Σ w·w̃). ≺_w by top-k subset sums (smt.hpp).
// Assumptions and bounds: w, e, w̃ ＞ 0, ρ_1 ≥ … ≥ ρ_n ＞ 0, 0 ≤ b ≤ Σ w; every n from 1 to the
//   bound (default 4, the spec's NRA bound) until the negation is sat.
// Expected: REFUTED; reference counterexample ρ = (2, 1), e = w = (1, 10), b = 3 against
//   pro-rata: z^RAP = (1, 15/2), z^PR = (16/11, 80/11).
// Not modelled: caps below 1 (the paper's shares are the uncapped ones); convex φ₀ beyond ≺_w.
// Replay: adl::ref::rap with weights ρ and with weights w̃ must return the closed-form
//   haircuts; z is recomputed in exact Rationals, the share hypothesis is rechecked and
//   adl::ref::weakly_submajorized(z^RAP, z^(w̃)) must be false.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/metrics.hpp"
#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

std::vector<ref::Rational> residual_risk(const std::vector<ref::Rational>& rho, const std::vector<ref::Rational>& e,
                                         const std::vector<ref::Rational>& h) {
  std::vector<ref::Rational> z;
  for (std::size_t i = 0; i < h.size(); ++i) z.push_back(rho[i] * e[i] * (1 - h[i]));
  return z;
}

bool shares_dominated(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& rule,
                      const std::vector<ref::Rational>& rho) {
  ref::Rational total_rule = 0, total_rho = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    total_rule += w[i] * rule[i];
    total_rho += w[i] * rho[i];
  }
  ref::Rational top_rule = 0, top_rho = 0;
  for (std::size_t k = 0; k < w.size(); ++k) {
    top_rule += w[k] * rule[k];
    top_rho += w[k] * rho[k];
    if (top_rule * total_rho > top_rho * total_rule) return false;
  }
  return true;
}

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const books::RiskAccounts a = books::risk_accounts(ctx, n);
  const auto& [w, e, rho] = a;
  const auto tw = reals(ctx, "wt", n);
  const z3::expr b = ctx.real_const("b");
  std::vector<z3::expr> ones;
  std::vector<z3::expr> assumptions;
  for (unsigned i = 0; i < n; ++i) {
    ones.push_back(ctx.real_val(1));
    for (const auto& p : a.positive(i)) assumptions.push_back(p);
    assumptions.push_back(tw[i] > 0);
    if (i + 1 < n) assumptions.push_back(rho[i] >= rho[i + 1]);
  }
  assumptions.push_back(b >= 0 && b <= sum(ctx, w));
  const auto rap = closed_forms::rap_closed_form(ctx, "rap", w, ones, rho, b);
  const auto rule = closed_forms::rap_closed_form(ctx, "rule", w, ones, tw, b);
  for (const auto& c : rap.constraints) assumptions.push_back(c);
  for (const auto& c : rule.constraints) assumptions.push_back(c);
  // The rule's top-k shares are at most RAP's: Σ_{i≤k} w_i·w̃_i / Σ w·w̃ ≤ Σ_{i≤k} w_i·ρ_i / Σ w·ρ.
  z3::expr total_rule = ctx.real_val(0), total_rho = ctx.real_val(0);
  for (unsigned i = 0; i < n; ++i) {
    total_rule = total_rule + w[i] * tw[i];
    total_rho = total_rho + w[i] * rho[i];
  }
  z3::expr top_rule = ctx.real_val(0), top_rho = ctx.real_val(0);
  for (unsigned k = 0; k + 1 < n; ++k) {
    top_rule = top_rule + w[k] * tw[k];
    top_rho = top_rho + w[k] * rho[k];
    assumptions.push_back(top_rule * total_rho <= top_rho * total_rule);
  }
  std::vector<z3::expr> z_rap, z_rule;
  for (unsigned i = 0; i < n; ++i) {
    z_rap.push_back(rho[i] * e[i] * (1 - rap.h[i]));
    z_rule.push_back(rho[i] * e[i] * (1 - rule.h[i]));
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = weakly_submajorized(ctx, z_rap, z_rule)};
  q.witness = {{{"w", w},
                {"e", e},
                {"ρ", rho},
                {"w̃", tw},
                {"h^RAP", rap.h},
                {"h^(w̃)", rule.h},
                {"z^RAP", z_rap},
                {"z^(w̃)", z_rule}},
               {{"b", b}, {"τ", rap.level}, {"τ′", rule.level}}};
  q.counterexample = q.witness;
  q.counterexample->note = "z^RAP is not weakly submajorized by z^(w̃)";
  q.replay = [a, tw, b, rap_h = rap.h, rule_h = rule.h, n](const z3::model& m) {
    const auto [wv, ev, rv] = books::risk_values(m, a);
    const auto tv = rationals_of(m, tw, "wt");
    const ref::Rational budget = rational_of(m, b, "b");
    const std::vector<ref::Rational> caps(n, ref::Rational(1));
    const ref::Allocation by_rap = ref::rap(wv, caps, rv, budget);
    const ref::Allocation by_rule = ref::rap(wv, caps, tv, budget);
    if (by_rap.haircut != rationals_of(m, rap_h, "h_rap") || by_rule.haircut != rationals_of(m, rule_h, "h_rule")) {
      return runner::mismatch("adl::ref::rap disagrees with the closed form: " + books::show(by_rap.haircut) + ", " +
                              books::show(by_rule.haircut));
    }
    const auto zr = residual_risk(rv, ev, by_rap.haircut);
    const auto zw = residual_risk(rv, ev, by_rule.haircut);
    if (!shares_dominated(wv, tv, rv) || ref::weakly_submajorized(zr, zw)) {
      return runner::mismatch("exact replay does not violate the claim: z^RAP = " + books::show(zr) +
                              ", z^(w̃) = " + books::show(zw));
    }
    return runner::reproduced(
        "adl::ref::rap gives h^RAP = " + books::show(by_rap.haircut) + " and h^(w̃) = " + books::show(by_rule.haircut) +
        " (= closed forms); the rule's top-k shares are ≤ RAP's, " + "yet z^RAP = " + books::show(zr) +
        " is not ≺_w z^(w̃) = " + books::show(zw) + " (adl::ref::weakly_submajorized, exact Rationals)");
  };
  return q;
}

const bool registered = register_claim(runner::sized("THM-RAP-SCHUR", "RAP is majorization-dominant (paper)",
                                                     Verdict::Refuted, runner::first_n(4), query));

}  // namespace
}  // namespace adl::proofs
