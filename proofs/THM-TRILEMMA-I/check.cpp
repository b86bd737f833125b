// Statement (@spec THM-TRILEMMA-I): (I′) CH ∧ υ ≥ c_lo·θ·D (fairness lower bound) ∧ R ≤ ε·n ⇒
//   Φ − 𝒟 ≤ (μ_Φ − μ₋ + 4ε + ε′/c_lo)·n.
// Encoding: QF_NRA (c_lo·θ·D, c_lo·ε etc. with every constant free). Variables and CH as in
//   DEF-TRILEMMA (proofs/common/accounting TrilemmaInstance); the conclusion is multiplied
//   by c_lo ＞ 0: c_lo·(Φ − 𝒟) ≤ c_lo·(μ_Φ − μ₋ + 4ε)·n + ε′·n.
// Assumptions and bounds: CH and the two extra hypotheses; every numeral n from 1 to the bound
//   (default 6).
// Expected: PROVED (negation unsat for every n; assumptions satisfiable).
// Not modelled: the asymptotic statement (THM-TRILEMMA); ε, ε′ stand for its o(n) terms.
// Replay: no adl::ref function models these aggregates; on each witness CH, the hypotheses and
//   the conclusion are recomputed in exact Rationals.
#include "catalog.hpp"
#include "accounting.hpp"

namespace adl::proofs {
namespace {

using accounting::Property;

const bool registered = register_claim(accounting::trilemma_claim(
    "THM-TRILEMMA-I", "(S) and (F) force negative LTV (finite lemma I′)",
    {.assumed = {Property::Fairness, Property::Solvency},
     .conclusion =
         [](const auto& t) {
           const z3::expr n = t.n_real();
           return t.c_lo * (t.fees - t.diversion) <= t.c_lo * (t.mu_phi - t.mu_minus + 4 * t.eps) * n + t.eps_prime * n;
         },
     .conclusion_holds =
         [](const auto& v) {
           return v.fees - v.diversion <= (v.mu_phi - v.mu_minus + 4 * v.eps + v.eps_prime / v.c_lo) * v.n;
         }}));

}  // namespace
}  // namespace adl::proofs
