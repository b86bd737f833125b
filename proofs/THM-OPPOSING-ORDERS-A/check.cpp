// Statement (@spec THM-OPPOSING-ORDERS-A): with common shocks, residual-debt vectors
//   z(t+1) = z_t + Z(t+1) − m_t ≥ 0 (m_t ≥ 0) for two policies A and B, and (i)
//   z_t(A) ≺_w z_t(B) for every t ＜ τ_solv(A): τ_solv(A) ≤ τ_solv(B), τ_solv being the first t
//   with z_t = 0 (MET-TAU-SOLV, Appendix-G form).
// Encoding: QF_LRA. Variables z_0 (common), shocks Z_1..Z_T (common, any sign) and masses
//   m_t(A), m_t(B) (n each per step); z_t by the recursion (proofs/common/accounting
//   residual_paths). (i) as: for every t ≤ T, if no s ≤ t has z_s(A) = 0 then
//   z_t(A) ≺_w z_t(B) (top-k subset sums, smt.hpp). (a) on the horizon: for every t ≤ T, if
//   z_t(B) = 0 then some s ≤ t has z_s(A) = 0 (τ_solv(B) ＞ T makes (a) hold on the horizon).
// Assumptions and bounds: z_0 ≥ 0, m ≥ 0, z_t ≥ 0, (i); every n ≤ 4 and T ≤ 3 (defaults;
//   --max-n, --max-t raise them).
// Expected: PROVED (negation unsat for every n, T; assumptions satisfiable).
// Not modelled: where the masses come from (any policy); τ_solv beyond the horizon T.
// Replay: on the last witness, hypothesis (i) is rechecked with adl::ref::weakly_submajorized on
//   the exact z_t, and τ_solv(A) ≤ τ_solv(B) is recomputed in exact Rationals.
#include "catalog.hpp"
#include "accounting.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/metrics.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

bool zero(const std::vector<Rational>& z) {
  for (const auto& zi : z) {
    if (zi != 0) return false;
  }
  return true;
}

// The witness of the last size (largest n and T) is replayed.
runner::SizedQuery query(z3::context& ctx, const runner::Size& size, bool last) {
  const unsigned T = size.k;
  const auto paths = accounting::residual_paths(ctx, size.n, T);
  auto assumptions = paths.constraints;
  assumptions.push_back(accounting::concentration_hypothesis(ctx, paths));
  z3::expr conclusion = ctx.bool_val(true);
  z3::expr a_solved = ctx.bool_val(false);  // some s ≤ t has z_s(A) = 0
  for (unsigned t = 0; t <= T; ++t) {
    a_solved = a_solved || accounting::is_zero(ctx, paths.z[0][t]);
    conclusion = conclusion && z3::implies(accounting::is_zero(ctx, paths.z[1][t]), a_solved);
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion};
  for (unsigned t = 0; t <= T; ++t) {
    q.witness.columns.emplace_back("z" + std::to_string(t) + "(A)", paths.z[0][t]);
    q.witness.columns.emplace_back("z" + std::to_string(t) + "(B)", paths.z[1][t]);
  }
  if (!last) return q;
  q.replay = [paths, T, n = size.n](const z3::model& m) {
    // Replay the last witness in exact Rationals.
    std::vector<std::vector<Rational>> zA, zB;
    for (unsigned t = 0; t <= T; ++t) {
      zA.push_back(rationals_of(m, paths.z[0][t], "zA"));
      zB.push_back(rationals_of(m, paths.z[1][t], "zB"));
    }
    unsigned tau_a = T + 1, tau_b = T + 1;  // T + 1 stands for "not within the horizon"
    bool hypothesis = true;
    for (unsigned t = 0; t <= T; ++t) {
      if (tau_a == T + 1 && zero(zA[t])) tau_a = t;
      if (tau_b == T + 1 && zero(zB[t])) tau_b = t;
      if (t < tau_a && !ref::weakly_submajorized(zA[t], zB[t])) hypothesis = false;
    }
    if (!hypothesis || (tau_b <= T && tau_a > tau_b)) {
      return runner::mismatch("exact replay of the witness: hypothesis (i) " +
                              std::string(hypothesis ? "holds" : "fails") + ", τ_solv(A) = " + std::to_string(tau_a) +
                              ", τ_solv(B) = " + std::to_string(tau_b));
    }
    const auto show = [T](unsigned tau) { return tau > T ? std::string("＞ T") : std::to_string(tau); };
    return runner::reproduced("n = " + std::to_string(n) + ", T = " + std::to_string(T) +
                              " witness: (i) rechecked with adl::ref::weakly_submajorized; τ_solv(A) = " + show(tau_a) +
                              ", τ_solv(B) = " + show(tau_b) + " (exact Rationals)");
  };
  return q;
}

ClaimResult check(const Options& options) {
  const runner::Grid grid = accounting::path_grid(options);
  const runner::Size& last = grid.sizes.back();
  return runner::check_sizes(options, "THM-OPPOSING-ORDERS-A", Verdict::Proved, grid.sizes, grid.bound,
                             [&](z3::context& ctx, const runner::Size& size) {
                               return query(ctx, size, size.n == last.n && size.k == last.k);
                             });
}

const bool registered = register_claim(
    {"THM-OPPOSING-ORDERS-A", "the less concentrated residual recovers solvency first", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
