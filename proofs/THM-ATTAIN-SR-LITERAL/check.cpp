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

#include "adl/ref/insurance.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

// On the fixed instance: every policy (θ ∈ (0, 1], B = θ·D ≤ U, 0 ≤ 𝒟 ≤ (1 − c_R)·Φ) leaves R > ε·n.
// The result keeps no model: they die with this function's context.
ClaimResult every_policy_fails(const accounting::TrilemmaValues& v, const Rational& capacity, const Options& options) {
  ClaimResult scratch;
  z3::context ctx;
  const z3::expr theta = ctx.real_const("theta"), diversion = ctx.real_const("diversion");
  const z3::expr D = real_val(ctx, v.D), B = theta * D;  // D a numeral: linear
  const z3::expr R = positive_part(D - B - diversion - real_val(ctx, v.K0));
  const std::vector<z3::expr> policy{theta > 0, theta <= 1, B <= real_val(ctx, capacity), diversion >= 0,
                                     diversion <= real_val(ctx, (1 - v.c_R) * v.fees)};
  (void)runner::run_validity(scratch, ctx, policy, R > real_val(ctx, v.eps * v.n), {}, options,
                              "THM-ATTAIN-SR-LITERAL.every-policy", {}, {{"θ", theta}, {"𝒟", diversion}, {"R", R}});
  return scratch;
}

ClaimResult check(const Options& options) {
  ClaimResult result;
  result.bound = "n = 1, c_R = 1";
  z3::context ctx;
  const accounting::TrilemmaInstance t(ctx, 1);
  const z3::expr U = ctx.real_const("U"), n = t.n_real();
  auto assumptions = accounting::ch_instance(t, U);
  assumptions.push_back(t.c_R == 1);
  assumptions.push_back(t.mu_minus > t.mu_phi);
  const z3::expr best = positive_part(t.D - min2(t.D, U) - (1 - t.c_R) * t.fees - t.K0);
  auto scalars = accounting::ch_instance_scalars(t, U);
  scalars.emplace_back("best R = (D − min(D, U) − (1 − c_R)·Φ − K₀)₊", best);
  const Validity free = runner::run_validity(result, ctx, assumptions, best <= t.eps * n, {}, options,
                                              "THM-ATTAIN-SR-LITERAL", {}, scalars);
  if (free.verdict != Verdict::Refuted) return result;
  auto spec = assumptions;
  spec.push_back(t.eps == real_val(ctx, Rational(1) / 10) && t.mu_minus == 1 && t.mu_phi == real_val(ctx, Rational(1) / 2) &&
                 t.D == 1 && U == real_val(ctx, Rational(1) / 10) && t.fees == real_val(ctx, Rational(1) / 2) && t.K0 == 0);
  const Validity printed = runner::run_validity(result, ctx, spec, best <= t.eps * n, {}, options,
                                                 "THM-ATTAIN-SR-LITERAL.spec", {}, scalars);
  if (printed.verdict != Verdict::Refuted) {
    result.detail = "the spec's counterexample is not a model of the negation: " + result.detail;
    return result;
  }
  result.counterexample->note = "the spec's counterexample: no policy reaches R ≤ ε·n";
  const accounting::TrilemmaValues v = accounting::trilemma_values(*printed.counterexample, t);
  const Rational capacity = rational_of(*printed.counterexample, U, "U");
  const Rational residual = ref::residual_shortfall(v.D, std::min(v.D, capacity) + (1 - v.c_R) * v.fees + v.K0);
  if (!accounting::ch_instance_holds(v, capacity) || !(v.mu_minus > v.mu_phi) || residual != Rational(9) / 10 ||
      !(residual > v.eps * v.n)) {
    return runner::replay_failed(result, "exact recomputation on the spec's instance: best residual " +
                                              ref::to_fraction(residual) + ", ε·n = " + ref::to_fraction(v.eps * v.n));
  }
  const ClaimResult scratch = every_policy_fails(v, capacity, options);
  if (scratch.verdict != Verdict::Proved) {
    return runner::replay_failed(result, "on the spec's instance some policy should fail to exist: " +
                                              verdict_name(scratch.verdict) + " " + scratch.detail);
  }
  result.replay = "on the spec's instance (CH recomputed exactly) a second query proves every policy (θ ∈ (0, 1], " +
                  std::string("θ·D ≤ U, 0 ≤ 𝒟 ≤ (1 − c_R)·Φ) leaves R ＞ ε·n, and adl::ref::residual_shortfall(D, ") +
                  "min(D, U) + (1 − c_R)·Φ + K₀) = " + ref::to_fraction(residual) + " ＞ ε·n = " +
                  ref::to_fraction(v.eps * v.n);
  return result;
}

const bool registered = register_claim({"THM-ATTAIN-SR-LITERAL", "solvency and revenue for every instance",
                                        Verdict::Refuted,
                                        [](const Options& o) { return runner::guarded([&] { return check(o); }); }});

}  // namespace
}  // namespace adl::proofs
