// Statement (@spec LEM-RESIDUAL-CONVEX-SLOPE-REPAIRED): every subgradient of L̃_t on [0, b̄] has
//   magnitude ≤ maxᵢ λ_t,i.
// Encoding: QF_LRA with numeric λ, as LEM-RESIDUAL-CONVEX-SHAPE: capacities c_i = e_i·β_i as
//   variables, accounts relabelled so λ_1 ≥ … ≥ λ_n ≥ 0 (max λ = λ_1); each conclusion is linear
//   in λ, so the extreme rays (1, …, 1, 0, …, 0) of that cone cover it. Conclusions: for
//   0 ≤ b_1 ≤ b_2 ≤ b̄, 0 ≤ L̃(b_1) − L̃(b_2) ≤ λ_1·(b_2 − b_1) (every secant, hence every one-sided
//   derivative, has magnitude ≤ max λ), and the closed-form right derivative at b_1 has
//   |slope| ≤ λ_1.
// Assumptions and bounds: every n from 1 to the bound (default 4), every ray.
// Expected: PROVED.
// Not modelled: subgradients at the end points 0 and b̄ of the domain beyond the one-sided
//   derivatives (the normal cone of [0, b̄] adds unbounded ones; the statement means derivatives).
// Replay: on each witness L̃(b_1), L̃(b_2) by adl::ref::greedy_one_step equal the closed form, and
//   their exact secant slope has magnitude ≤ λ_1.
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
      auto assumptions = round.assumptions;
      assumptions.push_back(b1 >= 0 && b1 <= b2 && b2 <= round.top);
      const auto at1 = group_d::residual(ctx, round.equity, round.capacity, round.lambda, b1);
      const auto at2 = group_d::residual(ctx, round.equity, round.capacity, round.lambda, b2);
      const z3::expr max_lambda = round.lambda[0];
      const z3::expr drop = at1.value - at2.value;
      const z3::expr conclusion = drop >= 0 && drop <= max_lambda * (b2 - b1) && group_d::magnitude(at1.slope) <= max_lambda;
      std::string name = "LEM-RESIDUAL-CONVEX-SLOPE-REPAIRED.n" + std::to_string(n) + ".ray";
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
      if (v.counterexample) result.counterexample = table(*v.counterexample, "slope exceeds max λ");
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
  result.replay = "on every witness adl::ref::greedy_one_step gives the closed form's L̃(b_1), L̃(b_2)";
  return result;
}

const bool registered = register_claim({"LEM-RESIDUAL-CONVEX-SLOPE-REPAIRED",
                                        "every subgradient of L̃_t has magnitude ≤ max λ",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
