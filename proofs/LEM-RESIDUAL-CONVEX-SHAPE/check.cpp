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
#include "online.hpp"

namespace adl::proofs {
namespace {

const bool registered = register_claim(online::residual_rays_claim(
    "LEM-RESIDUAL-CONVEX-SHAPE", "L̃_t is convex and nonincreasing with subgradient −λ of the account being filled",
    {.default_n = 4,
     .counterexample_note = "shape violated",
     .replay = "on every witness adl::ref::greedy_one_step gives the closed form's L̃(b_1) and L̃(b_2)",
     .conclusion = [](z3::context& ctx, const online::ResidualRound& round, const online::ResidualPoints& p) {
       // Midpoint convexity, monotonicity and the subgradient inequality at b_1.
       const z3::expr mid = (p.first + p.second) / 2;
       const auto atm = online::residual(ctx, round.equity, round.capacity, round.lambda, mid);
       const auto& at1 = p.at_first;
       const auto& at2 = p.at_second;
       return 2 * atm.value <= at1.value + at2.value && z3::implies(p.first <= p.second, at2.value <= at1.value) &&
              at2.value >= at1.value + at1.slope * (p.second - p.first);
     }}));

}  // namespace
}  // namespace adl::proofs
