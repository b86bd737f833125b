// Statement (@spec THM-PMR-SCALING-PR): closest finite lemma of THM-PMR-SCALING: for U ＞ 0,
//   0 ＜ θ·D ≤ U and Δ ＞ 0, PMR(PR) = υ_T·(1 − θ·D/U)/(θ·Δ).
// Encoding: QF_NRA. Variables w_1..w_n (any order), D, Δ, θ, B = θ·D, the pro-rata haircut h with
//   h·U = B, PMR with PMR·θ·Δ = maxᵢ (w_i − h·w_i) and the formula f with f·θ·Δ·U = υ_T·(U − B).
// Assumptions and bounds: w ≥ 0, U ＞ 0, 0 ＜ Δ ≤ D, 0 ＜ θ ≤ 1, 0 ＜ B ≤ U; n from 1 to the bound
//   (default 6).
// Expected: PROVED.
// Not modelled: the asymptotic scaling itself (not machine-checked); losers individually.
// Replay: on the witness, a wealth book (winners w, losers of total D and maximum Δ);
//   adl::ref::run_policy (pro-rata at severity θ) and adl::ref::evaluate give PMR, which must equal
//   the formula exactly.
#include "catalog.hpp"
#include "closed_forms.hpp"

namespace adl::proofs {
namespace {

const bool registered = register_claim(
    closed_forms::pro_rata_scaling_claim("THM-PMR-SCALING-PR", "PMR(PR) = υ_T·(1 − θ·D/U)/(θ·Δ)", true));

}  // namespace
}  // namespace adl::proofs
