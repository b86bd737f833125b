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
#include "online.hpp"

namespace adl::proofs {
namespace {

const bool registered = register_claim(online::residual_rays_claim(
    "LEM-RESIDUAL-CONVEX-SLOPE-REPAIRED", "every subgradient of L̃_t has magnitude ≤ max λ",
    {.default_n = 4,
     .counterexample_note = "slope exceeds max λ",
     .replay = "on every witness adl::ref::greedy_one_step gives the closed form's L̃(b_1), L̃(b_2)",
     .domain = [](const online::ResidualRound& round, const z3::expr& b1,
                  const z3::expr& b2) { return b1 >= 0 && b1 <= b2 && b2 <= round.top; },
     .conclusion =
         [](z3::context&, const online::ResidualRound& round, const online::ResidualPoints& p) {
           // Every secant between b_1 ≤ b_2 and the right derivative at b_1 are bounded by max λ = λ_1.
           const z3::expr max_lambda = round.lambda[0];
           const z3::expr drop = p.at_first.value - p.at_second.value;
           return drop >= 0 && drop <= max_lambda * (p.second - p.first) &&
                  online::magnitude(p.at_first.slope) <= max_lambda;
         }}));

}  // namespace
}  // namespace adl::proofs
