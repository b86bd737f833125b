// Statement (@spec LEM-RESIDUAL-CONVEX-SHAPE): on [0, b̄] the residual value function L̃_t of
//   SEV-OMD (closed form: capacities e_i·β_i filled greedily by decreasing λ_i, flat beyond C_t)
//   is convex and nonincreasing, and the right derivative −λ_k (k the account being filled at b,
//   0 beyond C) is a subgradient.
// Encoding: QF_LRA with numeric λ. Variables e_i ＞ 0, capacities 0 ≤ c_i ≤ e_i (c_i = e_i·β_i),
//   b̄ ≥ Σ c, b_1, b_2 ∈ [0, b̄]. Accounts are relabelled so that λ_1 ≥ … ≥ λ_n ≥ 0 (ties by index,
//   as the greedy order): no loss of generality. For fixed (e, c, b_1, b_2) every conclusion is
//   linear in λ, so it holds on the whole cone λ_1 ≥ … ≥ λ_n ≥ 0 iff it holds on its extreme rays
//   λ = (1, …, 1, 0, …, 0): one LRA query per ray. Conclusions: midpoint convexity
//   L̃((b_1 + b_2)/2) ≤ (L̃(b_1) + L̃(b_2))/2 (with continuity, convexity), b_1 ≤ b_2 ⇒
//   L̃(b_2) ≤ L̃(b_1), and L̃(b_2) ≥ L̃(b_1) + slope(b_1)·(b_2 − b_1).
// Assumptions and bounds: every n from 1 to the bound (default 4), every ray.
// Expected: PROVED.
// Not modelled: "piecewise linear" is structural (min, max and sums of linear pieces), not a query.
// Replay: on each n's witness, L̃ at b_1, b_2 and the midpoint by adl::ref::greedy_one_step
//   (key e·λ/e = λ, capacities e·β) must equal the closed form's model values.
#include "catalog.hpp"
#include "group_d_online.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 4 : options.max_n;
  ClaimResult result;
  unsigned queries = 0;
  for (unsigned n = 1; n <= max_n; ++n) {
    for (const auto& ray : group_d::lambda_rays(n)) {
      z3::context ctx;
      auto round = group_d::residual_round(ctx, ray);
      const z3::expr b1 = ctx.real_const("b_1");
      const z3::expr b2 = ctx.real_const("b_2");
      const z3::expr mid = (b1 + b2) / 2;
      auto assumptions = round.assumptions;
      assumptions.push_back(b1 >= 0 && b1 <= round.top && b2 >= 0 && b2 <= round.top);
      const auto at1 = group_d::residual(ctx, round.equity, round.capacity, round.lambda, b1);
      const auto at2 = group_d::residual(ctx, round.equity, round.capacity, round.lambda, b2);
      const auto atm = group_d::residual(ctx, round.equity, round.capacity, round.lambda, mid);
      const z3::expr conclusion = 2 * atm.value <= at1.value + at2.value &&
                                  z3::implies(b1 <= b2, at2.value <= at1.value) &&
                                  at2.value >= at1.value + at1.slope * (b2 - b1);
      std::string name = "LEM-RESIDUAL-CONVEX-SHAPE.n" + std::to_string(n) + ".ray";
      for (const auto& l : ray) name += ref::to_fraction(l);
      const Validity v = prove_valid(ctx, assumptions, conclusion, options, name);
      ++queries;
      result.verdict = v.verdict;
      result.detail = v.detail;
      const auto table = [&](const z3::model& m, const std::string& note) {
        return instance_of(m, {{"e", round.equity}, {"c = e·β", round.capacity}, {"lambda", round.lambda}},
                           {{"b_bar", round.top}, {"b_1", b1}, {"b_2", b2}, {"L(b_1)", at1.value},
                            {"L(b_2)", at2.value}, {"slope(b_1)", at1.slope}}, note);
      };
      if (v.witness) result.witness = table(*v.witness, "assumptions hold");
      if (v.counterexample) result.counterexample = table(*v.counterexample, "shape violated");
      if (v.verdict != Verdict::Proved) {
        result.bound = "n = " + std::to_string(n);
        return result;
      }
      for (const auto& [at, point, label] : {std::tuple{&at1, b1, "b_1"}, std::tuple{&at2, b2, "b_2"}}) {
        const std::string mismatch = group_d::replay_residual(*v.witness, round, *at, point, label);
        if (!mismatch.empty()) {
          result.verdict = Verdict::ReplayFailed;
          result.detail = mismatch;
          return result;
        }
      }
    }
  }
  result.bound = "n ≤ " + std::to_string(max_n) + " (" + std::to_string(queries) + " λ rays)";
  result.replay = "on every witness adl::ref::greedy_one_step gives the closed form's L̃(b_1) and L̃(b_2)";
  return result;
}

const bool registered = register_claim({"LEM-RESIDUAL-CONVEX-SHAPE",
                                        "L̃_t is convex and nonincreasing with subgradient −λ of the account being filled",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
