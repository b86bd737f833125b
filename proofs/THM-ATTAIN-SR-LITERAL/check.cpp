// Statement (@spec THM-ATTAIN-SR-LITERAL): for every instance satisfying CH and μ₋ ＞ μ_Φ there is
//   a policy (B ≤ U, 𝒟 ≤ (1 − c_R)·Φ) with R = (D − B − 𝒟 − K₀)₊ ≤ ε·n.
// Encoding: QF_LRA with c_R fixed (c_R = 1, the spec's counterexample). Variables of the instance
//   part of CH (accounting::ch_instance: D, Φ, K₀, υ, c_lo, μ₋, μ_Φ, ε, ε′) and the capacity U. R is
//   smallest for B = min(D, U) and 𝒟 = (1 − c_R)·Φ, so the claim is
//   (D − min(D, U) − (1 − c_R)·Φ − K₀)₊ ≤ ε·n (min and (·)₊ by if-then-else), and its negation
//   the existential "some instance has a larger best residual".
// Assumptions and bounds: the instance part of CH, J.3 (μ₋ ＞ μ_Φ), c_R = 1; n = 1 (the smallest
//   numeral; refuted there). The negation is asserted free and constrained to the spec's instance.
// Expected: REFUTED. Counterexample (spec): n = 1, ε = 1/10, μ₋ = 1, μ_Φ = 1/2, D = 1, U = 1/10,
//   Φ = 1/2, c_R = 1, K₀ = 0: every policy has B ≤ 1/10 and 𝒟 ≤ 0, so R ≥ 9/10 ＞ ε·n = 1/10.
// Not modelled: the asymptotic (S) and (R); c_R other than 1 (one counterexample suffices).
// Replay: without relying on the reduction, a second query (LRA, the counterexample's values as
//   numerals, policy variables θ ∈ (0, 1] with B = θ·D ≤ U and 0 ≤ 𝒟 ≤ (1 − c_R)·Φ) proves that
//   every policy leaves R ＞ ε·n; the instance part of CH is recomputed in exact Rationals and
//   adl::ref::residual_shortfall(D, min(D, U) + (1 − c_R)·Φ + K₀) = 9/10 ＞ ε·n = 1/10.
#include "catalog.hpp"
#include "accounting.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/insurance.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

// On the fixed instance: every policy (θ ∈ (0, 1], B = θ·D ≤ U, 0 ≤ 𝒟 ≤ (1 − c_R)·Φ) leaves R > ε·n.
// Empty when proved, else the verdict and the solver's detail.
std::string every_policy_fails(const accounting::TrilemmaValues& v, const Rational& capacity, const Options& options) {
  z3::context ctx;
  const z3::expr theta = ctx.real_const("theta"), diversion = ctx.real_const("diversion");
  const z3::expr D = real_val(ctx, v.D), B = theta * D;  // D a numeral: linear
  const z3::expr R = positive_part(D - B - diversion - real_val(ctx, v.K0));
  const std::vector<z3::expr> policy{theta > 0, theta <= 1, B <= real_val(ctx, capacity), diversion >= 0,
                                     diversion <= real_val(ctx, (1 - v.c_R) * v.fees)};
  const Validity every = prove_valid(ctx, policy, R > real_val(ctx, v.eps * v.n), options,
                                     "THM-ATTAIN-SR-LITERAL.every-policy");
  return every.verdict == Verdict::Proved ? std::string() : verdict_name(every.verdict) + " " + every.detail;
}

ClaimResult check(const Options& options) {
  z3::context ctx;  // the free and the spec's counterexample are models of one instance
  const accounting::TrilemmaInstance t(ctx, 1);
  const z3::expr U = ctx.real_const("U"), n = t.n_real();
  auto assumptions = accounting::ch_instance(t, U);
  assumptions.push_back(t.c_R == 1);
  assumptions.push_back(t.mu_minus > t.mu_phi);
  const z3::expr best = positive_part(t.D - min2(t.D, U) - (1 - t.c_R) * t.fees - t.K0);
  auto scalars = accounting::ch_instance_scalars(t, U);
  scalars.emplace_back("best R = (D − min(D, U) − (1 − c_R)·Φ − K₀)₊", best);
  const auto free = [&](z3::context&, const runner::Size&) {
    return runner::non_degenerate_query(assumptions, best <= t.eps * n, {}, {}, scalars);
  };
  const auto spec = [&](z3::context& c, const runner::Size&) {
    auto pinned = assumptions;
    pinned.push_back(t.eps == real_val(c, Rational(1) / 10) && t.mu_minus == 1 &&
                     t.mu_phi == real_val(c, Rational(1) / 2) && t.D == 1 && U == real_val(c, Rational(1) / 10) &&
                     t.fees == real_val(c, Rational(1) / 2) && t.K0 == 0);
    runner::SizedQuery q = runner::non_degenerate_query(pinned, best <= t.eps * n, {}, {}, scalars);
    q.counterexample->note = "the spec's counterexample: no policy reaches R ≤ ε·n";
    q.replay = [&](const z3::model& m) {
      const accounting::TrilemmaValues v = accounting::trilemma_values(m, t);
      const Rational capacity = rational_of(m, U, "U");
      const Rational residual = ref::residual_shortfall(v.D, std::min(v.D, capacity) + (1 - v.c_R) * v.fees + v.K0);
      if (!accounting::ch_instance_holds(v, capacity) || !(v.mu_minus > v.mu_phi) || residual != Rational(9) / 10 ||
          !(residual > v.eps * v.n)) {
        return runner::mismatch("exact recomputation on the spec's instance: best residual " +
                                ref::to_fraction(residual) + ", ε·n = " + ref::to_fraction(v.eps * v.n));
      }
      const std::string failed = every_policy_fails(v, capacity, options);
      if (!failed.empty())
        return runner::mismatch("on the spec's instance some policy should fail to exist: " + failed);
      return runner::reproduced(
          "on the spec's instance (CH recomputed exactly) a second query proves every policy (θ ∈ (0, 1], "
          "θ·D ≤ U, 0 ≤ 𝒟 ≤ (1 − c_R)·Φ) leaves R ＞ ε·n, and adl::ref::residual_shortfall(D, min(D, U) + "
          "(1 − c_R)·Φ + K₀) = " +
          ref::to_fraction(residual) + " ＞ ε·n = " + ref::to_fraction(v.eps * v.n));
    };
    return q;
  };
  return runner::refuted_twice(options, "THM-ATTAIN-SR-LITERAL", ctx, "n = 1, c_R = 1", free, spec);
}

const bool registered = register_claim(
    {"THM-ATTAIN-SR-LITERAL", "solvency and revenue for every instance", Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
