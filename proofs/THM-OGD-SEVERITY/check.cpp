// Statement (@spec THM-OGD-SEVERITY): projected OGD on θ ∈ [0, 1] with f_t convex, subgradients
//   |g_t| ≤ D_t, Σ D_t² ＞ 0 and the fixed step η = √((1 + 2P)/Σ D_t²) has dynamic regret
//   Σ_t (f_t(θ_t) − f_t(u_t)) ≤ √((1 + 2P)·Σ D_t²) against every comparator sequence u in [0, 1]
//   with path length Σ |u_{t+1} − u_t| ≤ P.
// Encoding: QF_NRA, split as the spec advises (the direct unrolled query with square roots and
//   if-then-else projections times out at T = 2). Linear losses g_t·θ suffice (convexity gives
//   f_t(θ_t) − f_t(u_t) ≤ g_t·(θ_t − u_t)).
//   (1) one-step lemmas, which telescope for every T: 2y·(θ − u) ≤ (θ − u)² − (θ′ − u)² + y² with
//       θ′ = clip(θ − y, 0, top), y = η·g (any top ＞ 0, in particular 1); and
//       (θ′ − u′)² − (θ′ − u)² ≤ 2·|u′ − u| for θ′, u, u′ ∈ [0, 1].
//   (2) the unrolled fixed-step lemma with η = 1 (g_t scaled by η, no loss of generality):
//       Σ g_t·(θ_t − u_t) ≤ (1 + 2P)/2 + Σ g_t²/2, θ_{t+1} = clip(θ_t − g_t, 0, 1), one query per
//       projection case of θ_2..θ_T and per sign of each comparator step (36 at T = 3).
//   (3) AM–GM with the tuned step: A = 1 + 2P ≥ 1, S = Σ D_t² ＞ 0, Q = Σ g_t² ∈ [0, S], η ＞ 0 with
//       η²·S = A, R ＞ 0 with R² = A·S: A/(2η) + η·Q/2 ≤ R (cleared: A + η²·Q ≤ 2η·R).
// Assumptions and bounds: (1) and (3) once (every T); (2) for T from 1 to the bound (default 3;
//   --max-t 4 or 5 belongs to the slow suite: 216 queries at T = 4, some over 100 s).
// Expected: PROVED.
// Not modelled: the choice of subgradient at kinks (any one with |g| ≤ D_t works).
// Replay: the T-round witness of (2) recomputed in exact Rationals: plays, both sides of the lemma.
#include "catalog.hpp"
#include "online.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include <algorithm>

namespace adl::proofs {
namespace {

runner::SizedQuery am_gm(z3::context& ctx, const runner::Size&) {
  const z3::expr P = ctx.real_const("P");
  const z3::expr S = ctx.real_const("S");
  const z3::expr Q = ctx.real_const("Q");
  const z3::expr eta = ctx.real_const("eta");
  const z3::expr R = ctx.real_const("R");
  const z3::expr A = 1 + 2 * P;
  const std::vector<z3::expr> assumptions{P >= 0, S > 0,         Q >= 0, Q <= S, eta > 0, eta * eta * S == A,
                                          R > 0,  R * R == A * S};
  runner::SizedQuery q{
      .assumptions = assumptions, .conclusion = A + eta * eta * Q <= 2 * eta * R, .show_witness = false};
  q.counterexample = {.note = "AM–GM step fails", .every_constant = true};
  return q;
}

// The T-round fixed-step lemma, its witness (the last case's) replayed in exact Rationals.
runner::SizedQuery fixed_step(z3::context& ctx, const runner::Size& size, const Options& options) {
  const unsigned T = size.n;
  runner::SizedQuery q = online::ogd_fixed_step_lemma(ctx, T, options);
  q.replay = [T](const z3::model& m) {
    const auto value = [&](const std::string& name) { return value_of(m, m.ctx().real_const(name.c_str())); };
    std::vector<ref::Rational> theta, g, u;
    for (unsigned t = 1; t <= T; ++t) {
      const auto th = value("theta_" + std::to_string(t));
      const auto gt = value("g_" + std::to_string(t));
      const auto ut = value("u_" + std::to_string(t));
      if (!th || !gt || !ut) return runner::reproduced({});  // an algebraic model: nothing to replay exactly
      theta.push_back(*th);
      g.push_back(*gt);
      u.push_back(*ut);
    }
    if (!value("P")) return runner::reproduced({});
    ref::Rational lhs = 0, squares = 0, path = 0;
    ref::Rational play = theta[0];
    for (unsigned t = 0; t < T; ++t) {
      if (play != theta[t]) {
        return runner::mismatch("exact OGD play " + ref::to_fraction(play) + " ≠ model θ_" + std::to_string(t + 1));
      }
      lhs += g[t] * (theta[t] - u[t]);
      squares += g[t] * g[t];
      if (t + 1 < T) path += u[t + 1] > u[t] ? ref::Rational(u[t + 1] - u[t]) : ref::Rational(u[t] - u[t + 1]);
      play = std::min(std::max(theta[t] - g[t], ref::Rational(0)), ref::Rational(1));
    }
    if (2 * lhs > 1 + 2 * path + squares) return runner::mismatch("exact replay violates the fixed-step lemma");
    return runner::reproduced(
        "T = " + std::to_string(T) + " witness replayed exactly: Σ g·(θ − u) = " + ref::to_fraction(lhs) +
        " ≤ (1 + 2P)/2 + Σ g²/2 = " + ref::to_fraction((1 + 2 * path + squares) / 2) + " (P = path length)");
  };
  return q;
}

ClaimResult check(const Options& options) {
  const unsigned max_t = runner::bound(options.max_t, 3);
  unsigned cases = 0;
  for (unsigned T = 1; T <= max_t; ++T) cases += online::fixed_step_cases(T);
  runner::Part lemmas{.sizes = runner::sizes(1, max_t, "T"), .tag = ".fixed-step"};
  for (auto& size : lemmas.sizes) size.label = "fixed-step lemma at " + size.label;
  lemmas.query = [&](z3::context& ctx, const runner::Size& size) { return fixed_step(ctx, size, options); };
  return runner::check_parts(
      options, "THM-OGD-SEVERITY",
      {{.sizes = {{0, 0, "one-step lemma", ".one-step"}},
        .query = [](z3::context& ctx, const runner::Size&) { return online::one_step_lemma(ctx); }},
       {.sizes = {{0, 0, "comparator-move lemma", ".comparator-move"}},
        .query = [](z3::context& ctx, const runner::Size&) { return online::comparator_move_lemma(ctx); }},
       {.sizes = {{0, 0, "AM–GM step", ".am-gm"}}, .query = am_gm},
       lemmas},
      Verdict::Proved,
      "one-step lemmas (every T) + fixed-step lemma T ≤ " + std::to_string(max_t) + " (" + std::to_string(cases) +
          " case queries) + AM–GM");
}

const bool registered = register_claim(
    {"THM-OGD-SEVERITY", "projected OGD severity: dynamic regret ≤ √((1 + 2P)·Σ D_t²)", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
