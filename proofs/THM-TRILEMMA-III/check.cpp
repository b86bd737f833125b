// Statement (@spec THM-TRILEMMA-III): (III′) CH ∧ B ≤ ε·n ∧ 𝒟 ≤ (1 − c_R)·Φ ⇒
//   R ≥ (μ₋ − (1 − c_R)·μ_Φ − 4ε)·n.
// Encoding: QF_NRA. Variables and CH as in DEF-TRILEMMA (proofs/common/accounting
//   TrilemmaInstance).
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
    "THM-TRILEMMA-III", "(F) and (R) force a large residual (finite lemma III′)",
    {.assumed = {Property::SmallBudget, Property::Revenue},
     .conclusion = [](const auto& t) { return t.R >= (t.mu_minus - (1 - t.c_R) * t.mu_phi - 4 * t.eps) * t.n_real(); },
     .conclusion_holds =
         [](const auto& v) { return v.R >= (v.mu_minus - (1 - v.c_R) * v.mu_phi - 4 * v.eps) * v.n; }}));

}  // namespace
}  // namespace adl::proofs
