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
#include "online.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  online::LiteralRound round = online::literal_round(ctx, size.n);
  const z3::expr start = ctx.real_const("b_1");
  round.assumptions.push_back(start >= 0 && start <= round.top);
  const auto played = online::residual(ctx, round.equity, round.kappa, round.lambda, start);
  const auto best = online::residual(ctx, round.equity, round.kappa, round.lambda, round.top);
  const z3::expr regret = played.value - best.value;
  runner::SizedQuery q{.assumptions = round.assumptions, .conclusion = regret <= 2 * round.top * max_of(round.w)};
  q.witness = {round.columns(), {{"b_bar", round.top}, {"b_1", start}, {"regret", regret}}};
  q.counterexample = q.witness;
  q.counterexample->note = "one round of regret exceeds 2·b̄·G·√T with G = max w";
  q.replay = [round, start, regret](const z3::model& m) {
    const online::LiteralValues v = online::literal_values(m, round);
    const ref::Rational bar = rational_of(m, round.top, "b_bar");
    const ref::Rational b1 = rational_of(m, start, "b_1");
    const ref::Rational exact = online::residual_by_ref(v.equity, v.beta, v.lambda, b1) -
                                online::residual_by_ref(v.equity, v.beta, v.lambda, bar);
    if (exact != rational_of(m, regret, "regret") || exact <= 2 * bar * v.max_w) {
      return runner::mismatch("adl::ref regret " + ref::to_fraction(exact) +
                              " against 2·b̄·max w = " + ref::to_fraction(2 * bar * v.max_w));
    }
    return runner::reproduced("adl::ref::greedy_one_step: regret L̃(b_1) − L̃(b̄) = " + ref::to_fraction(exact) +
                              " ＞ 2·b̄·max w·√1 = " + ref::to_fraction(2 * bar * v.max_w));
  };
  return q;
}

// One round (T = 1); refuted at the first n with a counterexample.
runner::Grid grid(const Options& options) {
  runner::Grid grid;
  for (unsigned n = 1; n <= runner::bound(options.max_n, 1); ++n) {
    grid.sizes.push_back({n, 1, "T = 1, n = " + std::to_string(n), ".T1.n" + std::to_string(n)});
  }
  grid.bound = grid.sizes.back().label;
  return grid;
}

const bool registered = register_claim(
    runner::sized("COR-SEVERITY-REGRET-LITERAL", "severity OGD regret ≤ 2·b̄·G·√T with G = max endowment (as printed)",
                  Verdict::Refuted, grid, query));

}  // namespace
}  // namespace adl::proofs
