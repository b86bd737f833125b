// Statement (@spec THM-OMD-LITERAL): projected OMD with D_max² = max over x of D(x, x_1) (the
//   diameter measured from the start point) and η_t = D_max/(G·√t) has static regret
//   ≤ 2·D_max·G·√T.
// Encoding: 1-D projected OGD on [0, 1] with D(x, y) = (x − y)²/2 and linear losses g_t·x (the
//   worst case of convex losses with these subgradients), x_1 = 1/2 (D_max = √(1/8)), G = 1.
//   The direct NRA query with r_t² = t does not finish even with the gradients fixed (nlsat,
//   z3 4.8), so, as the brief allows, the gradients range over the grid {0, ±1/2, ±1} and the
//   square roots are enclosed in rational intervals: η_t ∈ [lo_t, hi_t], a dyadic enclosure of
//   √(1/(8t)) of width 2^−30, and the bound 2·D_max·√T = √(T/2) by its enclosure [B_lo, B_hi].
//   Every product with a grid gradient is an if-then-else over the five grid values, so the query
//   is QF_LRA: ∃ g ∈ grid^T, η in the box, u ∈ [0, 1] with Σ g_t·(x_t − u) ＞ B_lo and
//   x_{t+1} = clip(x_t − η_t·g_t, 0, 1). For T ≤ 5 unsat (sound for the exact steps: no grid
//   counterexample, as the spec records: worst ratio 0.999); at T = 6 sat.
// Assumptions and bounds: by default only T = 6 with the gradients fixed to the reference's
//   (1, 1/2, −1, −1, −1, −1): z3 confirms the violation instantly (the free grid search at T = 6
//   takes about 2 s); with --max-t the gradients are free on the grid for every T from 1 to the
//   bound (T ≤ 5 unsat: no grid counterexample), stopping at the first sat.
// Expected: REFUTED.
// Not modelled: gradients off the grid, other start points, other mirror maps; the constrained
//   (Lagrangian) part of the theorem (cited only).
// Replay: the model's gradient sequence and the best end-point comparator run again in exact
//   rational interval arithmetic with the exact steps enclosed (√ by bisection to 2^−48): the
//   regret's lower end must exceed the upper end of √(T/2). The reference's sequence
//   (1, 1/2, −1, −1, −1, −1) is replayed the same way (regret ≈ 1.8634 ＞ √3 ≈ 1.7321).
#include "catalog.hpp"
#include "online.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

using online::Interval;

const std::vector<ref::Rational>& grid() {
  static const std::vector<ref::Rational> values{0, ref::Rational(1, 2), ref::Rational(-1, 2), 1, -1};
  return values;
}

// The exact run in interval arithmetic: returns (regret, bound) for the best end-point comparator.
std::pair<Interval, Interval> replay(const std::vector<ref::Rational>& gradients, std::vector<Interval>* plays_out) {
  const auto T = static_cast<unsigned>(gradients.size());
  std::vector<Interval> steps;
  for (unsigned t = 1; t <= T; ++t) steps.push_back(online::sqrt_enclosure(ref::Rational(1, 8 * t)));
  const auto plays = online::ogd_plays(ref::Rational(1, 2), gradients, steps, 1);
  ref::Rational total = 0;
  for (const auto& g : gradients) total += g;
  const ref::Rational u = total < 0 ? 1 : 0;  // argmin over [0, 1] of u·Σ g
  Interval regret = online::point(0);
  for (unsigned t = 0; t < T; ++t) {
    regret = online::add(regret, online::mul(online::point(gradients[t]), online::sub(plays[t], online::point(u))));
  }
  if (plays_out != nullptr) *plays_out = plays;
  return {regret, online::sqrt_enclosure(ref::Rational(T, 2))};
}

// A grid counterexample at T rounds: gradients on {0, ±1/2, ±1} (the reference's with the
// default bound), steps in enclosures of √(1/(8t)), regret above an enclosure of 2·D_max·√T.
runner::SizedQuery grid_search(z3::context& ctx, const runner::Size& size, const Options& options, bool fixed_gradients,
                               unsigned first_t) {
  const unsigned T = size.n;
  const std::vector<ref::Rational> reference_gradients{1, ref::Rational(1, 2), -1, -1, -1, -1};
  const auto g = reals(ctx, "g", T);
  const auto eta = reals(ctx, "eta", T);
  const auto x = reals(ctx, "x", T);
  const z3::expr u = ctx.real_const("u");
  std::vector<z3::expr> constraints{u >= 0, u <= 1, x[0] == real_val(ctx, ref::Rational(1, 2))};
  z3::expr regret = ctx.real_val(0);
  for (unsigned t = 0; t < T; ++t) {
    const Interval box = online::sqrt_enclosure(ref::Rational(1, 8 * (t + 1)), 30);
    constraints.push_back(eta[t] >= real_val(ctx, box.lo) && eta[t] <= real_val(ctx, box.hi));
    z3::expr on_grid = ctx.bool_val(false);
    z3::expr step = ctx.real_val(0);
    z3::expr loss = ctx.real_val(0);
    for (const auto& c : grid()) {
      const z3::expr value = real_val(ctx, c);
      on_grid = on_grid || g[t] == value;
      step = z3::ite(g[t] == value, value * eta[t], step);
      loss = z3::ite(g[t] == value, value * (x[t] - u), loss);
    }
    constraints.push_back(on_grid);
    if (fixed_gradients && t < reference_gradients.size())
      constraints.push_back(g[t] == real_val(ctx, reference_gradients[t]));
    if (t + 1 < T) constraints.push_back(x[t + 1] == online::clip(x[t] - step, ctx.real_val(0), ctx.real_val(1)));
    regret = regret + loss;
  }
  const Interval bound = online::sqrt_enclosure(ref::Rational(T, 2), 30);
  constraints.push_back(regret > real_val(ctx, bound.lo));
  runner::SizedQuery q{.show_witness = false};
  q.prove = [&ctx, &options, constraints, T](const std::string& name) {
    return satisfiable(ctx, constraints, options, name, Verdict::Refuted, Verdict::Proved,
                       "no grid counterexample up to T = " + std::to_string(T));
  };
  q.replay = [g, T, first_t, reference_gradients](const z3::model& m) {
    std::vector<ref::Rational> gradients;
    for (unsigned t = 0; t < T; ++t) gradients.push_back(rational_of(m, g[t], "g"));
    std::vector<Interval> plays;
    const auto [found, found_bound] = replay(gradients, &plays);
    const auto [reference, reference_bound] = replay(reference_gradients, nullptr);
    Instance instance;
    instance.columns = {"t", "g_t", "x_t"};
    for (unsigned t = 0; t < T; ++t) {
      instance.rows.push_back({std::to_string(t + 1), ref::to_fraction(gradients[t]), online::show(plays[t])});
    }
    instance.scalars = {{"x_1", "1/2"},
                        {"D_max", "√(1/8)"},
                        {"G", "1"},
                        {"eta_t", "√(1/(8t))"},
                        {"regret (exact run, intervals)", online::show(found)},
                        {"2·D_max·G·√T", online::show(found_bound)},
                        {"reference gradients (1, 1/2, −1, −1, −1, −1): regret", online::show(reference)}};
    instance.note = "static regret exceeds 2·D_max·G·√T";
    if (found.lo <= found_bound.hi || reference.lo <= reference_bound.hi) {
      return runner::mismatch("interval replay does not separate regret " + online::show(found) + " from " +
                                  online::show(found_bound) + " (reference run " + online::show(reference) + ")",
                              instance);
    }
    return runner::reproduced(
        "exact run with √ enclosed in rational intervals: z3's gradients give regret ∈ " + online::show(found) +
            " ＞ 2·D_max·√" + std::to_string(T) + " ∈ " + online::show(found_bound) +
            "; the reference's (1, 1/2, −1, −1, −1, −1) give " + online::show(reference) + " ＞ " +
            online::show(reference_bound) +
            (first_t < T ? "; no grid counterexample for T ＜ " + std::to_string(T) : std::string()),
        instance);
  };
  return q;
}

ClaimResult check(const Options& options) {
  const unsigned max_t = runner::bound(options.max_t, 6);
  const unsigned first_t = options.max_t == 0 ? 6 : 1;
  const bool fixed_gradients = options.max_t == 0;
  std::vector<runner::Size> rounds;
  for (const runner::Size& size : runner::sizes(first_t, max_t, "T")) {
    rounds.push_back({size.n, 0,
                      size.label + (fixed_gradients ? ", reference gradients" : ", gradients on {0, ±1/2, ±1}"),
                      ".grid" + size.tag});
  }
  return runner::check_sizes(options, "THM-OMD-LITERAL", Verdict::Refuted, rounds, rounds.back().label,
                             [&](z3::context& ctx, const runner::Size& size) {
                               return grid_search(ctx, size, options, fixed_gradients, first_t);
                             });
}

const bool registered = register_claim(
    {"THM-OMD-LITERAL", "OMD regret ≤ 2·D_max·G·√T with D_max measured from the start point", Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
