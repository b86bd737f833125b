// Statement (@spec THM-TRILEMMA-II): (II′) CH ∧ 𝒟 ≤ (1 − c_R)·Φ ∧ R ≤ ε·n ⇒
//   θ·D ≥ k·n with k = μ₋ − (1 − c_R)·μ_Φ − 4ε; and when k ＞ 0 also υ/(θ·D) ≤ ε′/k.
// Encoding: QF_NRA. Variables and CH as in DEF-TRILEMMA (proofs/common/accounting
//   TrilemmaInstance); the second part multiplied out as the spec says: υ·k ≤ ε′·θ·D.
// Assumptions and bounds: CH and the two extra hypotheses; every numeral n from 1 to the bound
//   (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable).
// Not modelled: the asymptotic statement (THM-TRILEMMA); ε, ε′ stand for its o(n) terms.
// Replay: no adl::ref function models these aggregates; on each witness CH, the hypotheses and
//   the conclusion (with the quotient υ/(θ·D) when k ＞ 0) are recomputed in exact Rationals.
#include "catalog.hpp"
#include "accounting.hpp"

namespace adl::proofs {
namespace {

using accounting::Property;

const bool registered = register_claim(accounting::trilemma_claim(
    "THM-TRILEMMA-II", "(S) and (R) force a large budget (finite lemma II′)",
    {.assumed = {Property::Revenue, Property::Solvency},
     .conclusion =
         [](const auto& t) {
           const z3::expr k = t.mu_minus - (1 - t.c_R) * t.mu_phi - 4 * t.eps;
           return t.theta * t.D >= k * t.n_real() && z3::implies(k > 0, t.upsilon * k <= t.eps_prime * t.theta * t.D);
         },
     .conclusion_holds =
         [](const auto& v) {
           const ref::Rational k = v.mu_minus - (1 - v.c_R) * v.mu_phi - 4 * v.eps;
           if (!(v.theta * v.D >= k * v.n)) return false;
           return !(k > 0) || v.upsilon / (v.theta * v.D) <= v.eps_prime / k;
         }}));

}  // namespace
}  // namespace adl::proofs
