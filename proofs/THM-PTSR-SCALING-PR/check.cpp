// Statement (@spec THM-PTSR-SCALING-PR): closest finite lemma of THM-PTSR-SCALING: for U ＞ 0 and
//   0 ＜ θ·D ≤ U, PTSR(PR) = υ_T·(1 − θ·D/U)/(θ·D).
// Encoding: QF_NRA. Variables w_1..w_n (any order), D, θ, B = θ·D, the pro-rata haircut h with
//   h·U = B, PTSR with PTSR·B = maxᵢ (w_i − h·w_i) and the formula f with f·B·U = υ_T·(U − B).
// Assumptions and bounds: w ≥ 0, U = Σ w ＞ 0, D ＞ 0, 0 ＜ θ ≤ 1, 0 ＜ B ≤ U; n from 1 to the bound
//   (default 6).
// Expected: PROVED.
// Not modelled: the asymptotic scaling itself (not machine-checked).
// Replay: on the witness, a wealth book (winners w, one loser −D); adl::ref::run_policy (pro-rata
//   at severity θ) and adl::ref::evaluate give PTSR, which must equal the formula exactly.
#include "catalog.hpp"
#include "closed_forms.hpp"

namespace adl::proofs {
namespace {

const bool registered = register_claim(
    closed_forms::pro_rata_scaling_claim("THM-PTSR-SCALING-PR", "PTSR(PR) = υ_T·(1 − θ·D/U)/(θ·D)", false));

}  // namespace
}  // namespace adl::proofs
