// Statement (@spec THM-ATTAIN-SR-REPAIRED): under CH and the finite form of
//   μ₊ ≥ μ₋ − (1 − c_R)·μ_Φ, namely U ≥ D − (1 − c_R)·Φ − K₀ − ε·n, the policy B = min(D, U)
//   (θ = B/D, any valid allocation) with diversion 𝒟 = (1 − c_R)·Φ has R = (D − B − 𝒟 − K₀)₊ ≤ ε·n
//   and LTV = c_R·Φ.
// Encoding: QF_LRA with c_R fixed. Variables of the instance part of CH (accounting::ch_instance:
//   D, Φ, K₀, υ, c_lo, μ₋, μ_Φ, ε, ε′) and U; the explicit policy as definitions of B, 𝒟 and R
//   (min and (·)₊ by if-then-else).
// Assumptions and bounds: the instance part of CH, the capacity hypothesis, c_R a numeral in
//   {1, 3/4, 1/2, 1/10}; every n from 1 to the bound (default 6). Conclusion: R ≤ ε·n,
//   Φ − 𝒟 = c_R·Φ, the policy is admissible (0 ≤ B ≤ U, B ≤ D so θ ≤ 1, 0 ≤ 𝒟 ≤ (1 − c_R)·Φ) and
//   the identity D ≤ B + 𝒟 + K₀ + R holds.
// Expected: PROVED (negation unsat for every n and c_R; assumptions satisfiable).
// Not modelled: c_R other than the four numerals (NRA otherwise); the allocation itself (any valid
//   one has R = (D − B − 𝒟 − K₀)₊, THM-SEPARATION); θ = 0 when U = 0 ＜ D, outside CH's θ ＞ 0.
// Replay: on a non-degenerate witness of every (n, c_R) (0 ＜ U ＜ D, Φ ＞ 0, K₀ ＞ 0, R ＞ 0) the
//   instance part of CH is recomputed in exact Rationals, adl::ref::residual_shortfall(D, B + 𝒟 + K₀)
//   must equal the model's R ≤ ε·n and adl::ref::revenue (fees Φ, insurance share 1 − c_R) must
//   give LTV = c_R·Φ.
#include "catalog.hpp"
#include "accounting.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/insurance.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

const std::vector<Rational>& shares() {
  static const std::vector<Rational> values = {Rational(1), Rational(3) / 4, Rational(1) / 2, Rational(1) / 10};
  return values;
}

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const Rational& c_R = shares()[size.k];
  const std::string name = "THM-ATTAIN-SR-REPAIRED" + size.tag;
  const accounting::TrilemmaInstance t(ctx, n);
  const z3::expr U = ctx.real_const("U"), nn = t.n_real(), kept = real_val(ctx, 1 - c_R);
  auto assumptions = accounting::ch_instance(t, U);
  assumptions.push_back(t.c_R == real_val(ctx, c_R));
  assumptions.push_back(U >= t.D - kept * t.fees - t.K0 - t.eps * nn);
  assumptions.push_back(t.B == min2(t.D, U));
  assumptions.push_back(t.diversion == kept * t.fees);
  assumptions.push_back(t.R == positive_part(t.D - t.B - t.diversion - t.K0));
  const z3::expr conclusion = t.R <= t.eps * nn && t.fees - t.diversion == t.c_R * t.fees && t.B >= 0 && t.B <= U &&
                              t.B <= t.D && t.diversion >= 0 && t.diversion <= kept * t.fees &&
                              t.D <= t.B + t.diversion + t.K0 + t.R;
  const std::vector<z3::expr> preferences{U > 0,        U<t.D, t.fees> 0,      t.K0 > 0,     t.R > 0,
                                          t.mu_phi > 0, t.mu_minus > t.mu_phi, t.upsilon > 0};
  auto scalars = accounting::ch_instance_scalars(t, U);
  scalars.emplace_back("B = min(D, U)", t.B);
  scalars.emplace_back("𝒟 = (1 − c_R)·Φ", t.diversion);
  scalars.emplace_back("R", t.R);
  runner::SizedQuery q = runner::non_degenerate_query(assumptions, conclusion, preferences, {}, scalars);
  q.replay = [t, U, c_R, n, name](const z3::model& m) {
    const accounting::TrilemmaValues x = accounting::trilemma_values(m, t);
    const Rational capacity = rational_of(m, U, "U");
    const Rational budget = std::min(x.D, capacity), diversion = (1 - c_R) * x.fees;
    const Rational residual = ref::residual_shortfall(x.D, budget + diversion + x.K0);
    const Rational ltv = accounting::ltv_through_ref(x.fees, diversion);
    if (!accounting::ch_instance_holds(x, capacity) || residual != x.R || !(residual <= x.eps * x.n) ||
        ltv != c_R * x.fees) {
      return runner::mismatch(name + ": adl::ref gives R = " + ref::to_fraction(residual) + " (model " +
                              ref::to_fraction(x.R) + ", ε·n = " + ref::to_fraction(x.eps * x.n) + "), LTV = " +
                              ref::to_fraction(ltv) + " (c_R·Φ = " + ref::to_fraction(c_R * x.fees) + ")");
    }
    return runner::reproduced("on the witness of every (n, c_R) (last: n = " + std::to_string(n) +
                              ", c_R = " + ref::to_fraction(c_R) + ", D = " + ref::to_fraction(x.D) +
                              ", U = " + ref::to_fraction(capacity) + ", θ = B/D = " + ref::to_fraction(budget / x.D) +
                              ") adl::ref::residual_shortfall gives R = " + ref::to_fraction(residual) +
                              " ≤ ε·n = " + ref::to_fraction(x.eps * x.n) +
                              " and adl::ref::revenue gives LTV = " + ref::to_fraction(ltv) + " = c_R·Φ");
  };
  return q;
}

runner::Grid grid(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 6);
  runner::Grid grid{{}, "n ≤ " + std::to_string(max_n) + ", c_R ∈ {1, 3/4, 1/2, 1/10}"};
  for (unsigned n = 1; n <= max_n; ++n) {
    for (unsigned s = 0; s < shares().size(); ++s) {
      grid.sizes.push_back({n, s, "n = " + std::to_string(n) + ", c_R = " + ref::to_fraction(shares()[s]),
                            ".n" + std::to_string(n) + ".cR" + std::to_string(s + 1)});
    }
  }
  return grid;
}

const bool registered = register_claim(runner::sized(
    "THM-ATTAIN-SR-REPAIRED", "solvency and revenue when winners can cover", Verdict::Proved, grid, query));

}  // namespace
}  // namespace adl::proofs
