// Statement (@spec THM-OPPOSING-ORDERS-B): under (i) of THM-OPPOSING-ORDERS and (ii)
//   LTV = Σ_t β_disc^t·G_t(M_t) with G_t Schur-concave and coordinatewise nonincreasing and
//   M_t = Σ_{s<t} m_s: LTV(A) ≤ LTV(B).
// Encoding: QF_LRA. The paths of THM-OPPOSING-ORDERS-A (proofs/common/accounting) plus
//   LTV(π) = Σ_{t=1..T} β_disc^t·G(M_t(π)) with G = −maxᵢ M_i (Schur-concave, nonincreasing; the
//   spec's choice) and β_disc = 1 (a fixed rational keeps the query linear; a refutation at one
//   discount factor refutes the claim). M_0 = 0 contributes G = 0.
// Assumptions and bounds: as THM-OPPOSING-ORDERS-A, with (i) asserted at every t ≤ T (stronger
//   than "t ＜ τ_solv(A)", so the refutation holds a fortiori); conclusion LTV(A) ≤ LTV(B). T from 1
//   and n from 1 up to the bounds (defaults T ≤ 3, n ≤ 4) until the negation is sat.
// Expected: REFUTED ("subtracting from a common vector reverses ≺_w" is false, AMB-T-09);
//   reference counterexample z₀ + Z₁ = (3, 2), z₁(A) = (1, 0), z₁(B) = (0, 3/2): −2 ＞ −3.
// Not modelled: other G (the spec's −‖M‖² gives the same counterexample).
// Replay: z_t, M_t and both LTVs are recomputed in exact Rationals from the model's z₀, shocks
//   and masses; (i) is rechecked with adl::ref::weakly_submajorized and LTV(A) ＞ LTV(B) must hold.
#include "catalog.hpp"
#include "accounting.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/metrics.hpp"

#include <algorithm>

namespace adl::proofs {
namespace {

using ref::Rational;

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const unsigned T = size.k;
  const auto paths = accounting::residual_paths(ctx, n, T);
  auto assumptions = paths.constraints;
  // (i) at every t ≤ T, not only before τ_solv(A): a stronger hypothesis, so a counterexample
  // under it refutes the claim a fortiori and cannot rest on A being solvent from the start.
  for (unsigned t = 0; t <= T; ++t) assumptions.push_back(weakly_submajorized(ctx, paths.z[0][t], paths.z[1][t]));
  z3::expr ltv[2] = {ctx.real_val(0), ctx.real_val(0)};
  for (int k = 0; k < 2; ++k) {
    for (unsigned t = 1; t <= T; ++t) ltv[k] = ltv[k] - max_of(paths.M[k][t]);
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = ltv[0] <= ltv[1]};
  q.witness.columns.emplace_back("z0", paths.z[0][0]);
  for (unsigned t = 1; t <= T; ++t) {
    const std::string s = std::to_string(t);
    q.witness.columns.emplace_back("Z" + s, paths.shocks[t - 1]);
    q.witness.columns.emplace_back("m" + std::to_string(t - 1) + "(A)", paths.m[0][t - 1]);
    q.witness.columns.emplace_back("m" + std::to_string(t - 1) + "(B)", paths.m[1][t - 1]);
    q.witness.columns.emplace_back("z" + s + "(A)", paths.z[0][t]);
    q.witness.columns.emplace_back("z" + s + "(B)", paths.z[1][t]);
  }
  q.witness.scalars = {{"LTV(A)", ltv[0]}, {"LTV(B)", ltv[1]}};
  q.counterexample = q.witness;
  q.counterexample->note = "(i) holds, yet LTV(A) ＞ LTV(B)";
  q.replay = [paths, n, T](const z3::model& m) {
    // Exact replay of the recursion, (i) and the LTVs.
    const auto z0 = rationals_of(m, paths.z[0][0], "z0");
    std::vector<std::vector<Rational>> shocks;
    for (unsigned t = 0; t < T; ++t) shocks.push_back(rationals_of(m, paths.shocks[t], "Z"));
    Rational value[2];
    std::vector<std::vector<Rational>> z[2];
    for (int k = 0; k < 2; ++k) {
      z[k].push_back(z0);
      std::vector<Rational> cumulative(n, Rational(0));
      for (unsigned t = 0; t < T; ++t) {
        const auto mt = rationals_of(m, paths.m[k][t], "m");
        std::vector<Rational> next(n);
        for (unsigned i = 0; i < n; ++i) {
          next[i] = z[k][t][i] + shocks[t][i] - mt[i];
          cumulative[i] += mt[i];
        }
        z[k].push_back(next);
        value[k] -= *std::max_element(cumulative.begin(), cumulative.end());
      }
    }
    bool hypothesis = true;
    for (unsigned t = 0; t <= T; ++t) {
      if (!ref::weakly_submajorized(z[0][t], z[1][t])) hypothesis = false;
    }
    if (!hypothesis || !(value[0] > value[1])) {
      return runner::mismatch("exact replay: (i) " + std::string(hypothesis ? "holds" : "fails") +
                              ", LTV(A) = " + ref::to_fraction(value[0]) + ", LTV(B) = " + ref::to_fraction(value[1]));
    }
    return runner::reproduced(
        "exact recursion: z_T(A) = " + books::show(z[0][T]) + ", z_T(B) = " + books::show(z[1][T]) +
        "; (i) holds along the path (adl::ref::weakly_submajorized), yet LTV(A) = " + ref::to_fraction(value[0]) +
        " ＞ LTV(B) = " + ref::to_fraction(value[1]) + " with G = −max M, β_disc = 1");
  };
  return q;
}

const bool registered = register_claim(runner::sized("THM-OPPOSING-ORDERS-B",
                                                     "the less concentrated residual earns less LTV (paper)",
                                                     Verdict::Refuted, accounting::path_grid, query));

}  // namespace
}  // namespace adl::proofs
