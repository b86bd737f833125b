// Statement (@spec LEM-RESIDUAL-CONVEX-WATERFILL): the minimiser of the LP defining L̃_t(b)
//   (min Σ (1 − h_i)·λ_i·e_i s.t. Σ e_i·h_i = b, 0 ≤ h_i ≤ β_i) has the water-filling form
//   h_i = min(β_i, τ·v_i) for some positive weights v.
// Encoding: two steps. (1) QF_LRA search (n = 2) for an instance whose LP optimum is unique and
//   leaves an account untouched: e_i ＞ 0, capacities 0 ＜ κ_i ≤ e_i (β_i = κ_i/e_i ＞ 0),
//   λ_1 ＞ λ_2 ＞ 0, 0 ＜ b ≤ κ_1: the greedy optimum (SEV-OMD closed form) is h = (b/e_1, 0) and,
//   since λ_1 ＞ λ_2, every other feasible h costs strictly more. (2) On that rational instance,
//   QF_NRA validity over every water-filling h_i = min(β_i, τ·v_i) with v ＞ 0 that is feasible
//   (0 ≤ h, Σ e_i·h_i = b): its value is strictly larger than the LP optimum. (2) proved ⇒ no
//   water-filling is a minimiser ⇒ the lemma is refuted.
// Assumptions and bounds: n = 2 (the smallest instance; larger n embed it).
// Expected: REFUTED (reference: e = (1, 1), λ = (2, 1), β = (1, 1), b = 1).
// Not modelled: the budget multiplier's sign conventions (only the form of the minimiser).
// Replay: adl::ref::greedy_one_step (key λ) gives the LP optimum value, adl::ref::rap with risk
//   weights v = λ gives the water-filling h and a strictly larger value.
#include "catalog.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

// The instance: two winners with λ_1 ＞ λ_2 ＞ 0 and a budget within account 1's capacity, so
// the LP optimum (greedy by λ) leaves account 2 untouched.
struct CornerInstance {
  std::vector<ref::Rational> e, beta, lambda;
  ref::Rational budget;
  ref::Allocation greedy;  ///< adl::ref::greedy_one_step (key e·λ/e = λ): the LP optimum.
  ref::Rational optimum;   ///< Its value Σ (1 − h_i)·λ_i·e_i.
};

constexpr unsigned n = 2;

runner::SizedQuery corner_instance(z3::context& ctx, const Options& options, CornerInstance& found) {
  const auto ev = reals(ctx, "e", n);
  const auto kappa = reals(ctx, "kappa", n);
  const auto lv = reals(ctx, "lambda", n);
  const z3::expr b = ctx.real_const("b");
  std::vector<z3::expr> constraints{lv[0] > lv[1], lv[1] > 0, b > 0, b <= kappa[0]};
  for (unsigned i = 0; i < n; ++i) constraints.push_back(ev[i] > 0 && kappa[i] > 0 && kappa[i] <= ev[i]);
  runner::SizedQuery q{.show_witness = false};
  q.prove = [&ctx, &options, constraints](const std::string& name) {
    return satisfiable(ctx, constraints, options, name, Verdict::Proved, Verdict::Vacuous,
                       "no instance with a unique corner optimum");
  };
  q.replay = [&found, ev, kappa, lv, b](const z3::model& model) {
    for (unsigned i = 0; i < n; ++i) {
      found.e.push_back(rational_of(model, ev[i], "e"));
      found.beta.push_back(rational_of(model, kappa[i], "kappa") / found.e.back());
      found.lambda.push_back(rational_of(model, lv[i], "lambda"));
    }
    found.budget = rational_of(model, b, "b");
    found.greedy = ref::greedy_one_step(found.e, found.e, found.beta, found.lambda, found.budget);
    found.optimum = 0;
    for (unsigned i = 0; i < n; ++i) found.optimum += (1 - found.greedy.haircut[i]) * found.lambda[i] * found.e[i];
    return runner::reproduced({});
  };
  return q;
}

// (2) Every feasible water-filling costs strictly more than the LP optimum; a model of the
// negation would contradict the claim's refutation: reported UNKNOWN.
runner::SizedQuery water_fillings(z3::context& ctx, const Options& options, const CornerInstance& found) {
  const auto v = reals(ctx, "v", n);
  const z3::expr tau = ctx.real_const("tau");
  std::vector<z3::expr> h;
  std::vector<z3::expr> assumptions;
  z3::expr seized = ctx.real_val(0);
  z3::expr value = ctx.real_val(0);
  for (unsigned i = 0; i < n; ++i) {
    h.push_back(min2(real_val(ctx, found.beta[i]), tau * v[i]));
    assumptions.push_back(v[i] > 0 && h.back() >= 0);
    seized = seized + real_val(ctx, found.e[i]) * h.back();
    value = value + (1 - h.back()) * real_val(ctx, found.lambda[i] * found.e[i]);
  }
  assumptions.push_back(seized == real_val(ctx, found.budget));
  runner::SizedQuery q;
  q.prove = [&ctx, &options, assumptions, conclusion = value > real_val(ctx, found.optimum)](const std::string& name) {
    Validity valid = prove_valid(ctx, assumptions, conclusion, options, name);
    if (valid.verdict == Verdict::Refuted) {
      valid.verdict = Verdict::Unknown;
      valid.detail = "a water-filling attains the optimum on the instance";
    }
    return valid;
  };
  q.witness = {{{"v", v}, {"h", h}}, {{"tau", tau}, {"value", value}}, "a feasible water-filling on the instance"};
  q.counterexample = {{{"v", v}, {"h", h}}, {{"tau", tau}}};
  return q;
}

// Replay: RAP with risk weights v = λ is the water-filling with v = λ.
runner::Replay rap_costs_more(const CornerInstance& found) {
  const auto& [e, beta, lambda, budget, greedy, optimum] = found;
  Instance instance;
  instance.columns = {"e", "beta", "lambda", "h (LP optimum)"};
  for (unsigned i = 0; i < n; ++i) {
    instance.rows.push_back({ref::to_fraction(e[i]), ref::to_fraction(beta[i]), ref::to_fraction(lambda[i]),
                             ref::to_fraction(greedy.haircut[i])});
  }
  instance.scalars = {{"b", ref::to_fraction(budget)}, {"LP optimum", ref::to_fraction(optimum)}};
  const auto water = ref::rap(e, beta, lambda, budget);
  ref::Rational water_value = 0;
  for (unsigned i = 0; i < n; ++i) water_value += (1 - water.haircut[i]) * lambda[i] * e[i];
  instance.scalars.emplace_back("water-filling v = λ: h", "(" + ref::to_fraction(water.haircut[0]) + ", " +
                                                              ref::to_fraction(water.haircut[1]) + ")");
  instance.scalars.emplace_back("water-filling value", ref::to_fraction(water_value));
  instance.note = "the LP optimum leaves account 2 untouched; every water-filling with v ＞ 0 costs more";
  if (water_value <= optimum || greedy.haircut[1] != 0) {
    return runner::mismatch(
        "adl::ref: greedy value " + ref::to_fraction(optimum) + ", RAP value " + ref::to_fraction(water_value),
        instance);
  }
  return runner::reproduced("adl::ref::greedy_one_step: LP optimum h = (" + ref::to_fraction(greedy.haircut[0]) +
                                ", 0), value " + ref::to_fraction(optimum) + "; adl::ref::rap with v = λ: h = (" +
                                ref::to_fraction(water.haircut[0]) + ", " + ref::to_fraction(water.haircut[1]) +
                                "), value " + ref::to_fraction(water_value) +
                                "; z3: every feasible water-filling with v ＞ 0 costs more (unsat)",
                            instance);
}

ClaimResult check(const Options& options) {
  CornerInstance found;
  const std::string bound = "n = 2";
  return runner::check_parts(
      options, "LEM-RESIDUAL-CONVEX-WATERFILL",
      {{.sizes = {{n, 0, bound, ".instance"}},
        .query = [&](z3::context& ctx, const runner::Size&) { return corner_instance(ctx, options, found); }},
       {.sizes = {{n, 0, bound, ".n2"}},
        .query = [&](z3::context& ctx, const runner::Size&) { return water_fillings(ctx, options, found); }},
       {.check = [&] { return rap_costs_more(found); }}},
      Verdict::Refuted, bound);
}

const bool registered = register_claim({"LEM-RESIDUAL-CONVEX-WATERFILL",
                                        "the LP minimiser of L̃_t has the water-filling form min(β, τ·v)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
