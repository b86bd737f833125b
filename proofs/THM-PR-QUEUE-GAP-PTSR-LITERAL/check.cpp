// Statement (@spec THM-PR-QUEUE-GAP-PTSR-LITERAL): as printed, PTSR(PR) − PTSR(LF) =
//   θ·(1 − w₍₁₎/U), with PTSR per MET-PTSR (denominator D^π = θ·D = H).
// Encoding: QF_NRA. Variables w_1..w_n, D, θ, H = θ·D, the pro-rata haircut h (h·U = H), the
//   ratios PTSR_PR·H = s^PR_1, PTSR_LF·H = s^LF_1 and r·U = U − w_1. w sorted decreasingly w.l.o.g.
//   (i₁ = 1); pro-rata s_i = w_i − h·w_i; LF by the queue closed form.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, U ＞ 0, D ＞ 0, 0 ＜ θ ≤ 1, 0 ＜ H ≤ w_1, and
//   w_1 − H ≥ w_2 so that the own and the maximum survivor agree (the failure is the
//   normalisation alone, AMB-T-01); n from 1 up to the bound (default 4), stopping at the first
//   counterexample.
// Expected: REFUTED. At n = 2 the query is repeated with the reference's counterexample pinned
//   (w = (10, 2), one loser e = −10, θ = 1/2: gap 1/6, printed 1/12) and that model is reported.
// Not modelled: the losers individually (only D enters).
// Replay: a wealth book (winners w, one loser −D); adl::ref::run_policy (pro-rata and
//   largest-first queue at severity θ) and adl::ref::evaluate give the PTSR values; their
//   difference differs from θ·(1 − w₍₁₎/U).
#include "catalog.hpp"
#include "group_b_top.hpp"
#include "queue_encoding.hpp"

#include "adl/ref/metrics.hpp"

namespace adl::proofs {
namespace {

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 4 : options.max_n;
  ClaimResult result;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const z3::expr D = ctx.real_const("D");
    const z3::expr theta = ctx.real_const("theta");
    const z3::expr H = ctx.real_const("H");
    const z3::expr h = ctx.real_const("h");
    const z3::expr r = ctx.real_const("r");
    const z3::expr ptsr_pr = ctx.real_const("PTSR_PR");
    const z3::expr ptsr_lf = ctx.real_const("PTSR_LF");
    const z3::expr U = sum(ctx, w);
    std::vector<z3::expr> assumptions = group_b::sorted_decreasing(w);
    assumptions.push_back(U > 0);
    assumptions.push_back(D > 0);
    assumptions.push_back(theta > 0);
    assumptions.push_back(theta <= 1);
    assumptions.push_back(H == theta * D);
    assumptions.push_back(H > 0);
    assumptions.push_back(H <= w[0]);
    if (n >= 2) assumptions.push_back(w[0] - H >= w[1]);
    assumptions.push_back(h * U == H);
    assumptions.push_back(r * U == U - w[0]);
    const auto lf = queue_closed_form(ctx, w, H);
    assumptions.push_back(ptsr_pr * H == w[0] - h * w[0]);
    assumptions.push_back(ptsr_lf * H == w[0] - lf[0]);
    const z3::expr conclusion = ptsr_pr - ptsr_lf == theta * r;
    std::vector<z3::expr> preferred;
    if (n == 2) {
      preferred = group_b::pin(ctx, w, {10, 2});
      preferred.push_back(D == 10);
      preferred.push_back(theta == real_val(ctx, ref::Rational(1, 2)));
    }
    const Validity v = group_b::prove_valid_preferring(ctx, assumptions, conclusion, preferred, options,
                                                       "THM-PR-QUEUE-GAP-PTSR-LITERAL.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    result.bound = "n = " + std::to_string(n);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}}, {{"D", D}, {"θ", theta}}, "assumptions hold");
    if (v.verdict == Verdict::Proved) continue;
    if (v.verdict != Verdict::Refuted) return result;
    const z3::model& m = *v.counterexample;
    result.counterexample = instance_of(m, {{"w", w}, {"x_LF", lf}},
                                        {{"D", D}, {"θ", theta}, {"PTSR(PR)", ptsr_pr}, {"PTSR(LF)", ptsr_lf},
                                         {"θ·(1 − w₍₁₎/U)", theta * r}},
                                        "the PTSR gap differs from the printed θ·(1 − w₍₁₎/U)");
    const auto wv = group_b::rationals_of(m, w, "w");
    const ref::Rational d = rational_of(m, D, "D");
    const ref::Rational th = rational_of(m, theta, "θ");
    const ref::Book book = group_b::winners_and_losers(wv, {d});
    const ref::BookState state = ref::summarize(book);
    ref::PolicyOptions lf_options;
    lf_options.kind = ref::PolicyKind::Queue;
    lf_options.score = ref::ScoreRule::LargestFirst;
    ref::PolicyOptions pr_options;
    pr_options.kind = ref::PolicyKind::ProRata;
    const auto m_lf = ref::evaluate(book, state, ref::run_policy(book, state, lf_options, {th, th * d, false}));
    const auto m_pr = ref::evaluate(book, state, ref::run_policy(book, state, pr_options, {th, th * d, false}));
    const ref::Rational printed = th * (1 - wv[0] / group_b::sum_value(wv));
    if (!m_lf.ptsr || !m_pr.ptsr || *m_pr.ptsr - *m_lf.ptsr == printed) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref::evaluate reproduces the printed gap";
      return result;
    }
    result.replay = "book w = " + group_b::show(wv) + ", one loser −" + ref::to_fraction(d) + ", θ = " +
                    ref::to_fraction(th) + ": adl::ref::evaluate gives PTSR(PR) = " + ref::to_fraction(*m_pr.ptsr) +
                    ", PTSR(LF) = " + ref::to_fraction(*m_lf.ptsr) + ", gap " +
                    ref::to_fraction(*m_pr.ptsr - *m_lf.ptsr) + " ≠ printed θ·(1 − w₍₁₎/U) = " + ref::to_fraction(printed) +
                    " (= 1 − w₍₁₎/U = " + ref::to_fraction(1 - wv[0] / group_b::sum_value(wv)) + " times θ)";
    return result;
  }
  return result;
}

const bool registered = register_claim({"THM-PR-QUEUE-GAP-PTSR-LITERAL", "PTSR gap = θ·(1 − w₍₁₎/U) as printed",
                                        Verdict::Refuted, check});

}  // namespace
}  // namespace adl::proofs
