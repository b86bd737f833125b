// Statement (@spec THM-ATTAIN-SF): (paper) (S) and (F) are attainable by high diversion. Finite
//   form without external capital: some instance satisfies CH, υ ≥ c_lo·θ·D, R ≤ ε·n and 𝒟 ≤ Φ
//   (diversion paid out of fees) while μ₋ − μ_Φ ＞ 4ε + ε′/c_lo.
// Encoding: QF_NRA. Variables and CH as in DEF-TRILEMMA (proofs/common/accounting); the
//   J.3 strengthening multiplied by c_lo ＞ 0: c_lo·(μ₋ − μ_Φ − 4ε) ＞ ε′. The existential is
//   checked as the validity of "every instance of CH ∧ fairness ∧ solvency ∧ J.3′ has 𝒟 ＞ Φ"
//   with prove_valid, so the hypotheses are first shown satisfiable (no vacuous unsat).
// Assumptions and bounds: every numeral n from 1 to the bound (default 6).
// Expected: REFUTED — mapping: the existential claim is REFUTED when its assertion is unsat for
//   every n (DEF-FINITE-CHECK), i.e. when the validity above is PROVED; a sat assertion (a
//   witness) would map to PROVED. It contradicts THM-TRILEMMA-I, which gives 𝒟 ＞ Φ.
// Not modelled: the asymptotic (S), (F) (finite slack forms only).
// Replay: there is no counterexample book (the result is unsat). What is replayed instead is the
//   reason: dropping K₀ ≤ ε·n (allowing external capital) the assertion becomes sat at the bound,
//   and on that model CH without the capital bound, fairness, solvency, J.3′ and 𝒟 ≤ Φ are
//   recomputed in exact Rationals together with K₀ ＞ ε·n (capital of order n is required).
#include "catalog.hpp"
#include "accounting.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

using accounting::holds;
using accounting::Property;

using ref::Rational;

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const accounting::TrilemmaInstance t(ctx, n);
    const z3::expr nn = t.n_real();
    const std::vector<z3::expr> extra = {holds(t, Property::Fairness), holds(t, Property::Solvency),
                                         t.c_lo * (t.mu_minus - t.mu_phi - 4 * t.eps) > t.eps_prime};
    auto assumptions = t.hypotheses();
    for (const auto& e : extra) assumptions.push_back(e);
    const Validity v = prove_valid(ctx, assumptions, t.diversion > t.fees, options,
                                   "THM-ATTAIN-SF.n" + std::to_string(n));
    result.bound = "n = " + std::to_string(n);
    result.detail = v.detail;
    if (v.witness) result.witness = instance_of(*v.witness, {}, t.scalars(), "CH, fairness, solvency and J.3′ hold");
    if (v.verdict == Verdict::Refuted) {  // a witness of S ∧ F without external capital
      result.verdict = Verdict::Proved;
      result.counterexample = instance_of(*v.counterexample, {}, t.scalars(), "S ∧ F attained with 𝒟 ≤ Φ");
      return result;
    }
    if (v.verdict != Verdict::Proved) {
      result.verdict = v.verdict;
      return result;
    }
    if (n != max_n) continue;
    // Replay the reason: with external capital (K₀ ≤ ε·n dropped) the assertion is sat.
    const z3::expr capital_bound = t.K0 <= t.eps * nn;
    std::vector<z3::expr> with_capital;
    for (const auto& h : t.hypotheses()) {
      if (!z3::eq(h, capital_bound)) with_capital.push_back(h);
    }
    for (const auto& e : extra) with_capital.push_back(e);
    with_capital.push_back(t.diversion <= t.fees);
    const auto model = find_model(ctx, with_capital, options, "THM-ATTAIN-SF.external-capital.n" + std::to_string(n));
    if (!model) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "with K₀ unbounded the assertion should be sat, the solver found no model";
      return result;
    }
    const auto v0 = accounting::trilemma_values(*model, t);
    const Rational K0 = v0.K0;
    const bool ok = K0 > v0.eps * v0.n && v0.diversion <= v0.fees && holds(v0, Property::Solvency) &&
                    holds(v0, Property::Fairness) && v0.D <= v0.B + v0.diversion + v0.K0 + v0.R &&
                    v0.mu_minus - v0.mu_phi > 4 * v0.eps + v0.eps_prime / v0.c_lo && [&] {
                      // CH without the capital bound: move K₀ into R for the check (K₀ and R enter
                      // CH only through K₀ ≤ ε·n, R ≥ 0 and the identity, which this keeps).
                      accounting::TrilemmaValues rest = v0;
                      rest.R += rest.K0;
                      rest.K0 = 0;
                      return accounting::trilemma_hypotheses_hold(rest);
                    }();
    if (!ok) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "exact recomputation of the external-capital model failed";
      return result;
    }
    result.counterexample = instance_of(*model, {}, t.scalars(), "only with external capital K₀ ＞ ε·n");
    result.replay = "assertion unsat for every n ≤ " + std::to_string(max_n) +
                    " (no counterexample book exists); without the bound K₀ ≤ ε·n it is sat, and on that model " +
                    "(recomputed in exact Rationals) K₀ = " + ref::to_fraction(K0) +
                    " ＞ ε·n = " + ref::to_fraction(v0.eps * v0.n) + ": S ∧ F needs external capital";
  }
  result.verdict = Verdict::Refuted;
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim(
    {"THM-ATTAIN-SF", "solvency and fairness together without external capital", Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
