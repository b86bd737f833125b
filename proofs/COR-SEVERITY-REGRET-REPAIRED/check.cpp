// Statement (@spec COR-SEVERITY-REGRET-REPAIRED): with G = max over t, i of λ_t,i ＞ 0, one fixed
//   b̄ ≥ max_t C_t, b_1 ∈ [0, b̄] and η_t = b̄/(G·√t), projected OGD on L̃_t has static regret
//   ≤ 2·b̄·G·√T.
// Encoding: split as THM-OMD-REPAIRED (the spec's advice for unrolled OGD with square roots):
//   (a) per round, QF_LRA with numeric λ (extreme rays of λ_1 ≥ … ≥ λ_n ≥ 0, conclusions linear in
//       λ, see LEM-RESIDUAL-CONVEX-SHAPE): for b, u ∈ [0, b̄], L̃(b) − L̃(u) ≤ g·(b − u) with g the
//       closed-form right derivative at b (the subgradient OGD uses) and |g| ≤ max λ = G;
//   (b) the one-step lemma of projected OGD on [0, b̄] (QF_NRA, step folded into y = η·g);
//   (c) the telescoping lemma for η_t = D/(G·√t) with D = b̄ (diam² = b̄² ≤ 2·D²), scaled to
//       D = G = 1, for every T up to the bound: QF_LRA as a sound relaxation (√t in dyadic
//       enclosures, McCormick envelopes; see group_d_online.hpp).
//   (a) turns the regret into Σ g_t·(b_t − u) with |g_t| ≤ G, (b) bounds each term, (c) sums.
// Assumptions and bounds: n ≤ 3 in (a) (default; --max-n raises it), T ≤ 5 in (c) (--max-t).
// Expected: PROVED.
// Not modelled: rounds with different b̄ (the statement needs one fixed b̄).
// Replay: on each (a) witness, L̃(b) and L̃(u) by adl::ref::greedy_one_step equal the closed form.
#include "catalog.hpp"
#include "group_d_online.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 3 : options.max_n;
  const unsigned max_t = options.max_t == 0 ? 5 : options.max_t;
  ClaimResult result;
  unsigned rays = 0;
  for (unsigned n = 1; n <= max_n; ++n) {
    for (const auto& ray : group_d::lambda_rays(n)) {
      z3::context ctx;
      auto round = group_d::residual_round(ctx, ray);
      const z3::expr b = ctx.real_const("b");
      const z3::expr u = ctx.real_const("u");
      auto assumptions = round.assumptions;
      assumptions.push_back(b >= 0 && b <= round.top && u >= 0 && u <= round.top);
      const auto at_b = group_d::residual(ctx, round.equity, round.capacity, round.lambda, b);
      const auto at_u = group_d::residual(ctx, round.equity, round.capacity, round.lambda, u);
      const z3::expr conclusion =
          at_b.value - at_u.value <= at_b.slope * (b - u) && group_d::magnitude(at_b.slope) <= round.lambda[0];
      std::string name = "COR-SEVERITY-REGRET-REPAIRED.round.n" + std::to_string(n) + ".ray";
      for (const auto& l : ray) name += ref::to_fraction(l);
      const Validity v = prove_valid(ctx, assumptions, conclusion, options, name);
      ++rays;
      result.detail = v.detail;
      const auto table = [&](const z3::model& m, const std::string& note) {
        return instance_of(m, {{"e", round.equity}, {"c = e·β", round.capacity}, {"lambda", round.lambda}},
                           {{"b_bar", round.top}, {"b", b}, {"u", u}, {"L(b)", at_b.value}, {"L(u)", at_u.value},
                            {"g", at_b.slope}}, note);
      };
      if (v.witness) result.witness = table(*v.witness, "one round: assumptions hold");
      if (v.counterexample) result.counterexample = table(*v.counterexample, "linearisation fails");
      if (v.verdict != Verdict::Proved) {
        result.verdict = v.verdict;
        result.bound = "round lemma at n = " + std::to_string(n);
        return result;
      }
      for (const auto& [at, point, label] : {std::tuple{&at_b, b, "b"}, std::tuple{&at_u, u, "u"}}) {
        const std::string mismatch = group_d::replay_residual(*v.witness, round, *at, point, label);
        if (!mismatch.empty()) {
          result.verdict = Verdict::ReplayFailed;
          result.detail = mismatch;
          return result;
        }
      }
    }
  }
  {
    z3::context ctx;
    const Validity v = group_d::one_step_lemma(ctx, options, "COR-SEVERITY-REGRET-REPAIRED.one-step");
    result.detail = v.detail;
    if (v.counterexample) result.counterexample = group_d::instance_of_model(*v.counterexample, "one-step lemma fails");
    if (v.verdict != Verdict::Proved) {
      result.verdict = v.verdict;
      result.bound = "one-step lemma";
      return result;
    }
  }
  for (unsigned T = 1; T <= max_t; ++T) {
    z3::context ctx;
    const Validity v =
        group_d::telescoping_lemma(ctx, T, options, "COR-SEVERITY-REGRET-REPAIRED.telescoping.T" + std::to_string(T));
    result.detail = v.detail;
    if (v.counterexample) result.counterexample = group_d::instance_of_model(*v.counterexample, "telescoping fails");
    if (v.verdict != Verdict::Proved) {
      result.verdict = v.verdict;
      result.bound = "telescoping at T = " + std::to_string(T);
      return result;
    }
  }
  result.verdict = Verdict::Proved;
  result.bound = "n ≤ " + std::to_string(max_n) + " (" + std::to_string(rays) + " λ rays), T ≤ " + std::to_string(max_t);
  result.replay = "on every round witness adl::ref::greedy_one_step gives the closed form's L̃(b) and L̃(u)";
  return result;
}

const bool registered = register_claim({"COR-SEVERITY-REGRET-REPAIRED",
                                        "severity OGD regret ≤ 2·b̄·G·√T with G = max λ and one fixed b̄",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
