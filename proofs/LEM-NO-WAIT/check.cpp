// Statement (@spec LEM-NO-WAIT): for β_disc ∈ (0, 1], q ∈ [0, D_t], per-unit surplus
//   δ_t = θ_t − κ_t ≥ 0 and δ(t+u) ≤ δ_t for all u ≥ 0: q·δ_t ≥ β_disc^u·q·δ(t+u); so a liquidity
//   provider acts now, with q⋆ = D_t if δ_t ＞ 0.
// Encoding: QF_NRA (β^u·q·δ is a product of variables). Variables β, q, D_t and θ_{t+v}, κ_{t+v}
//   for v = 0..u; δ_{t+v} = θ_{t+v} − κ_{t+v}; β^v as the product β·…·β.
// Assumptions and bounds: 0 ＜ β ≤ 1, 0 ≤ q ≤ D_t, δ_t ≥ 0, δ_{t+v} ≤ δ_t for v = 1..u.
//   Conclusion: q·δ_t ≥ β^v·q·δ_{t+v} for every v ≤ u, and D_t·δ_t ≥ q·δ_t (acting with the whole
//   D_t is best now). Every horizon u from 1 to the bound (default 5 = --max-t).
// Expected: PROVED (negation unsat for every u; assumptions satisfiable). Control: without
//   δ_t ≥ 0 (δ constant ＜ 0, β ＜ 1) waiting is strictly better (sat), as the spec notes.
// Not modelled: how θ_t and κ_t arise (any values with a nonincreasing surplus).
// Replay: no adl::ref function models the provider's payoffs: on a non-degenerate witness of
//   every u (β ＜ 1, 0 ＜ q ＜ D_t, 0 ＜ δ_{t+u} ＜ δ_t, κ ＞ 0, θ ≤ 1) every inequality is recomputed in exact
//   Rationals; on the control model q·δ_t ＜ β^u·q·δ_t is recomputed likewise.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

struct Horizon {
  Horizon(z3::context& ctx, unsigned u)
      : beta(ctx.real_const("beta")),
        q(ctx.real_const("q")),
        D(ctx.real_const("D_t")),
        theta(reals(ctx, "theta", u + 1)),
        kappa(reals(ctx, "kappa", u + 1)) {
    for (unsigned v = 0; v <= u; ++v) surplus.push_back(theta[v] - kappa[v]);
  }
  z3::expr beta, q, D;
  std::vector<z3::expr> theta, kappa, surplus;

  [[nodiscard]] z3::expr power(unsigned v) const {
    z3::expr out = beta.ctx().real_val(1);
    for (unsigned k = 0; k < v; ++k) out = out * beta;
    return out;
  }
  [[nodiscard]] Scalars scalars() const { return {{"β_disc", beta}, {"q", q}, {"D_t", D}}; }
  [[nodiscard]] Columns columns() const { return {{"θ", theta}, {"κ", kappa}, {"δ", surplus}}; }
};

struct Exact {
  Rational beta, q, D;
  std::vector<Rational> surplus;
};

Exact exact(const z3::model& m, const Horizon& h) {
  return {rational_of(m, h.beta, "beta"), rational_of(m, h.q, "q"), rational_of(m, h.D, "D_t"),
          rationals_of(m, h.surplus, "delta")};
}

Rational discounted(const Exact& e, std::size_t v) {  // β^v·q·δ_{t+v}
  Rational out = e.q * e.surplus[v];
  for (std::size_t k = 0; k < v; ++k) out *= e.beta;
  return out;
}

runner::SizedQuery horizon(z3::context& ctx, const runner::Size& size) {
  const unsigned u = size.n;
  const Horizon h(ctx, u);
  std::vector<z3::expr> assumptions{h.beta > 0, h.beta <= 1, h.q >= 0, h.q <= h.D, h.surplus[0] >= 0};
  std::vector<z3::expr> preferences{h.beta<1, h.q> 0, h.q<h.D, h.surplus[u]> 0};
  for (unsigned k = 0; k <= u; ++k) preferences.push_back(h.kappa[k] > 0 && h.theta[k] <= 1);
  z3::expr conclusion = h.D * h.surplus[0] >= h.q * h.surplus[0];
  for (unsigned v = 1; v <= u; ++v) {
    assumptions.push_back(h.surplus[v] <= h.surplus[0]);
    preferences.push_back(h.surplus[v] < h.surplus[0]);
    conclusion = conclusion && h.q * h.surplus[0] >= h.power(v) * h.q * h.surplus[v];
  }
  runner::SizedQuery q = runner::non_degenerate_query(assumptions, conclusion, preferences, h.columns(), h.scalars());
  q.replay = [h, u, name = "LEM-NO-WAIT" + size.tag](const z3::model& m) {
    const Exact e = exact(m, h);
    bool holds = e.D * e.surplus[0] >= e.q * e.surplus[0];
    for (std::size_t k = 1; k <= u; ++k) holds = holds && discounted(e, 0) >= discounted(e, k);
    if (!holds) return runner::mismatch(name + ": the witness violates the conclusion in exact Rationals");
    return runner::reproduced("no adl::ref function models the provider: on the witness of every u ≤ " +
                              std::to_string(u) + " (last: β = " + ref::to_fraction(e.beta) +
                              ", q = " + ref::to_fraction(e.q) + ", δ = " + books::show(e.surplus) +
                              ") q·δ_t ≥ β^v·q·δ_{t+v} and D_t·δ_t ≥ q·δ_t hold in exact Rationals");
  };
  return q;
}

// Control: δ_t ≥ 0 is needed. With δ constant and negative and β < 1, waiting u steps is better.
runner::Replay control(unsigned max_u, const Options& options) {
  z3::context ctx;
  const Horizon h(ctx, max_u);
  std::vector<z3::expr> control{h.beta > 0, h.beta<1, h.q> 0, h.q <= h.D,
                                h.q * h.surplus[0] < h.power(max_u) * h.q * h.surplus[max_u]};
  for (unsigned k = 1; k <= max_u; ++k) control.push_back(h.surplus[k] == h.surplus[0]);
  const auto model = find_model(ctx, control, options, "LEM-NO-WAIT.control");
  if (!model) return runner::mismatch("control: with δ_t ＜ 0 waiting should be better; no model found");
  const Exact e = exact(*model, h);
  if (!(e.surplus[0] < 0 && discounted(e, 0) < discounted(e, max_u))) {
    return runner::mismatch("control model does not show waiting to be better in exact Rationals");
  }
  return runner::reproduced("control without δ_t ≥ 0: δ = " + ref::to_fraction(e.surplus[0]) +
                            " constant, β = " + ref::to_fraction(e.beta) + ": acting now pays " +
                            ref::to_fraction(discounted(e, 0)) + " ＜ waiting " + std::to_string(max_u) + " steps " +
                            ref::to_fraction(discounted(e, max_u)));
}

ClaimResult check(const Options& options) {
  const unsigned max_u = runner::bound(options.max_t, 5);
  return runner::check_parts(
      options, "LEM-NO-WAIT",
      {{.sizes = runner::sizes(1, max_u, "u"), .query = horizon}, {.check = [&] { return control(max_u, options); }}},
      Verdict::Proved, "u ≤ " + std::to_string(max_u));
}

const bool registered = register_claim({"LEM-NO-WAIT", "acting now dominates waiting", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
