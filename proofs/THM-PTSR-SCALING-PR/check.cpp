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
#include "group_b_top.hpp"

#include "adl/ref/metrics.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const z3::expr D = ctx.real_const("D");
    const z3::expr theta = ctx.real_const("theta");
    const z3::expr B = ctx.real_const("B");
    const z3::expr h = ctx.real_const("h");
    const z3::expr ptsr = ctx.real_const("PTSR");
    const z3::expr f = ctx.real_const("f");
    const z3::expr U = sum(ctx, w);
    std::vector<z3::expr> assumptions;
    for (const auto& wi : w) assumptions.push_back(wi >= 0);
    assumptions.push_back(U > 0);
    assumptions.push_back(D > 0);
    assumptions.push_back(theta > 0);
    assumptions.push_back(theta <= 1);
    assumptions.push_back(B == theta * D);
    assumptions.push_back(B <= U);
    assumptions.push_back(h * U == B);
    std::vector<z3::expr> s;
    for (const auto& wi : w) s.push_back(wi - h * wi);
    assumptions.push_back(ptsr * B == max_of(s));
    assumptions.push_back(f * B * U == max_of(w) * (U - B));
    const Validity v = prove_valid(ctx, assumptions, ptsr == f, options, "THM-PTSR-SCALING-PR.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}}, {{"D", D}, {"θ", theta}}, "assumptions hold");
    if (v.counterexample) result.counterexample = instance_of(*v.counterexample, {{"w", w}}, {{"D", D}, {"θ", theta}});
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const auto wv = group_b::rationals_of(*v.witness, w, "w");
    const ref::Rational d = rational_of(*v.witness, D, "D");
    const ref::Rational th = rational_of(*v.witness, theta, "θ");
    const ref::Book book = group_b::winners_and_losers(wv, {d});
    const ref::BookState state = ref::summarize(book);
    ref::PolicyOptions pr_options;
    pr_options.kind = ref::PolicyKind::ProRata;
    const auto metrics = ref::evaluate(book, state, ref::run_policy(book, state, pr_options, {th, th * d, false}));
    const ref::Rational formula = state.max_endowment * (1 - th * d / state.capacity) / (th * d);
    if (!metrics.ptsr || *metrics.ptsr != formula) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref PTSR(PR) differs from υ_T·(1 − θ·D/U)/(θ·D) = " + ref::to_fraction(formula);
      return result;
    }
    result.replay = "n = " + std::to_string(n) + " witness book w = " + group_b::show(wv) + ", D = " + ref::to_fraction(d) +
                    ", θ = " + ref::to_fraction(th) + ": adl::ref::run_policy (pro-rata) + evaluate give PTSR " +
                    ref::to_fraction(*metrics.ptsr) + " = υ_T·(1 − θ·D/U)/(θ·D)";
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-PTSR-SCALING-PR", "PTSR(PR) = υ_T·(1 − θ·D/U)/(θ·D)", Verdict::Proved,
                                        check});

}  // namespace
}  // namespace adl::proofs
