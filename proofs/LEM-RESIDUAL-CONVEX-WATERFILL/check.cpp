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
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  ClaimResult result;
  result.bound = "n = 2";
  const unsigned n = 2;
  std::vector<ref::Rational> e, beta, lambda;
  ref::Rational budget;
  {
    z3::context ctx;
    const auto ev = reals(ctx, "e", n);
    const auto kappa = reals(ctx, "kappa", n);
    const auto lv = reals(ctx, "lambda", n);
    const z3::expr b = ctx.real_const("b");
    std::vector<z3::expr> constraints{lv[0] > lv[1], lv[1] > 0, b > 0, b <= kappa[0]};
    for (unsigned i = 0; i < n; ++i) constraints.push_back(ev[i] > 0 && kappa[i] > 0 && kappa[i] <= ev[i]);
    std::string reason;
    const auto model = find_model(ctx, constraints, options, "LEM-RESIDUAL-CONVEX-WATERFILL.instance", &reason);
    if (!model) {
      result.verdict = reason.empty() ? Verdict::Vacuous : Verdict::Unknown;
      result.detail = reason.empty() ? "no instance with a unique corner optimum" : reason;
      return result;
    }
    for (unsigned i = 0; i < n; ++i) {
      e.push_back(rational_of(*model, ev[i], "e"));
      beta.push_back(rational_of(*model, kappa[i], "kappa") / e.back());
      lambda.push_back(rational_of(*model, lv[i], "lambda"));
    }
    budget = rational_of(*model, b, "b");
  }
  // The LP optimum by the library's greedy (key e·λ/e = λ).
  const auto greedy = ref::greedy_one_step(e, e, beta, lambda, budget);
  ref::Rational optimum = 0;
  for (unsigned i = 0; i < n; ++i) optimum += (1 - greedy.haircut[i]) * lambda[i] * e[i];
  // (2) Every feasible water-filling costs strictly more.
  z3::context ctx;
  const auto v = reals(ctx, "v", n);
  const z3::expr tau = ctx.real_const("tau");
  std::vector<z3::expr> h;
  std::vector<z3::expr> assumptions;
  z3::expr seized = ctx.real_val(0);
  z3::expr value = ctx.real_val(0);
  for (unsigned i = 0; i < n; ++i) {
    h.push_back(min2(real_val(ctx, beta[i]), tau * v[i]));
    assumptions.push_back(v[i] > 0 && h.back() >= 0);
    seized = seized + real_val(ctx, e[i]) * h.back();
    value = value + (1 - h.back()) * real_val(ctx, lambda[i] * e[i]);
  }
  assumptions.push_back(seized == real_val(ctx, budget));
  const Validity valid = prove_valid(ctx, assumptions, value > real_val(ctx, optimum), options,
                                     "LEM-RESIDUAL-CONVEX-WATERFILL.n2");
  result.detail = valid.detail;
  Instance instance;
  instance.columns = {"e", "beta", "lambda", "h (LP optimum)"};
  for (unsigned i = 0; i < n; ++i) {
    instance.rows.push_back({ref::to_fraction(e[i]), ref::to_fraction(beta[i]), ref::to_fraction(lambda[i]),
                             ref::to_fraction(greedy.haircut[i])});
  }
  instance.scalars = {{"b", ref::to_fraction(budget)}, {"LP optimum", ref::to_fraction(optimum)}};
  if (valid.witness) {
    result.witness = instance_of(*valid.witness, {{"v", v}, {"h", h}}, {{"tau", tau}, {"value", value}},
                                 "a feasible water-filling on the instance");
  }
  if (valid.verdict != Verdict::Proved) {
    result.verdict = valid.verdict == Verdict::Refuted ? Verdict::Unknown : valid.verdict;
    if (valid.counterexample) {
      result.counterexample = instance_of(*valid.counterexample, {{"v", v}, {"h", h}}, {{"tau", tau}});
      result.detail = "a water-filling attains the optimum on the instance";
    }
    return result;
  }
  // Replay: RAP with risk weights v = λ is the water-filling with v = λ.
  const auto water = ref::rap(e, beta, lambda, budget);
  ref::Rational water_value = 0;
  for (unsigned i = 0; i < n; ++i) water_value += (1 - water.haircut[i]) * lambda[i] * e[i];
  instance.scalars.emplace_back("water-filling v = λ: h", "(" + ref::to_fraction(water.haircut[0]) + ", " +
                                                              ref::to_fraction(water.haircut[1]) + ")");
  instance.scalars.emplace_back("water-filling value", ref::to_fraction(water_value));
  instance.note = "the LP optimum leaves account 2 untouched; every water-filling with v ＞ 0 costs more";
  result.counterexample = instance;
  if (water_value <= optimum || greedy.haircut[1] != 0) {
    result.verdict = Verdict::ReplayFailed;
    result.detail = "adl::ref: greedy value " + ref::to_fraction(optimum) + ", RAP value " + ref::to_fraction(water_value);
    return result;
  }
  result.verdict = Verdict::Refuted;
  result.replay = "adl::ref::greedy_one_step: LP optimum h = (" + ref::to_fraction(greedy.haircut[0]) + ", 0), value " +
                  ref::to_fraction(optimum) + "; adl::ref::rap with v = λ: h = (" + ref::to_fraction(water.haircut[0]) +
                  ", " + ref::to_fraction(water.haircut[1]) + "), value " + ref::to_fraction(water_value) +
                  "; z3: every feasible water-filling with v ＞ 0 costs more (unsat)";
  return result;
}

const bool registered = register_claim({"LEM-RESIDUAL-CONVEX-WATERFILL",
                                        "the LP minimiser of L̃_t has the water-filling form min(β, τ·v)",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
