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
//       enclosures, McCormick envelopes; see online.hpp).
//   (a) turns the regret into Σ g_t·(b_t − u) with |g_t| ≤ G, (b) bounds each term, (c) sums.
// Assumptions and bounds: n ≤ 3 in (a) (default; --max-n raises it), T ≤ 5 in (c) (--max-t).
// Expected: PROVED.
// Not modelled: rounds with different b̄ (the statement needs one fixed b̄).
// Replay: on each (a) witness, L̃(b) and L̃(u) by adl::ref::greedy_one_step equal the closed form.
#include "catalog.hpp"
#include "online.hpp"
#include "runner.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_t = runner::bound(options.max_t, 5);
  // (a) per round: L̃(b) − L̃(u) ≤ g·(b − u) with g the right derivative at b, and |g| ≤ max λ.
  online::RayPart rounds = online::residual_rays(
      options, {.default_n = 3,
                .first = "b",
                .second = "u",
                .slope = "g",
                .witness_note = "one round: assumptions hold",
                .counterexample_note = "linearisation fails",
                .failure = "round lemma at ",
                .conclusion = [](z3::context&, const online::ResidualRound& r, const online::ResidualPoints& p) {
                  return p.at_first.value - p.at_second.value <= p.at_first.slope * (p.first - p.second) &&
                         online::magnitude(p.at_first.slope) <= r.lambda[0];
                }});
  rounds.part.tag = ".round";
  // (b) the one-step and telescoping lemmas of projected gradient descent.
  return runner::check_parts(
      options, "COR-SEVERITY-REGRET-REPAIRED",
      {rounds.part,
       {.sizes = {{0, 0, "one-step lemma", ".one-step"}},
        .query = [](z3::context& ctx, const runner::Size&) { return online::one_step_lemma(ctx); }},
       online::telescoping_part(max_t),
       {.check =
            [] {
              return runner::reproduced(
                  "on every round witness adl::ref::greedy_one_step gives the closed form's L̃(b) and L̃(u)");
            }}},
      Verdict::Proved, rounds.bound + ", T ≤ " + std::to_string(max_t));
}

const bool registered = register_claim({"COR-SEVERITY-REGRET-REPAIRED",
                                        "severity OGD regret ≤ 2·b̄·G·√T with G = max λ and one fixed b̄",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
