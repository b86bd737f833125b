// Statement (@spec THM-PR-QUEUE-GAP-PTSR-REPAIRED): under THM-PR-QUEUE-GAP-OWN's hypotheses and
//   H = θ·D ＞ 0, with own survivors: PTSR(PR) − PTSR(LF) = 1 − w₍₁₎/U; equivalently the survivor
//   gap divided by D is θ·(1 − w₍₁₎/U).
// Encoding: QF_NRA. Variables w_1..w_n, D, θ, H = θ·D, the pro-rata haircut h (h·U = H), the
//   ratios PTSR_PR·H = s^PR_1, PTSR_LF·H = s^LF_1 and r·U = U − w_1. w sorted decreasingly w.l.o.g.
//   (i₁ = 1); pro-rata s_i = w_i − h·w_i; LF by the queue closed form.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, U ＞ 0, D ＞ 0, 0 ＜ θ ≤ 1, 0 ＜ H ≤ w_1; n from 1 to
//   the bound (default 4).
// Expected: PROVED: PTSR_PR − PTSR_LF = r and s^PR_1 − s^LF_1 = D·θ·r.
// Not modelled: the losers individually (only D enters).
// Replay: on the witness, a wealth book (winners w, one loser −D); adl::ref::run_policy (pro-rata
//   and largest-first queue at severity θ) and adl::ref::evaluate give the own survivors; their
//   own-survivor PTSR gap must equal 1 − w₍₁₎/U exactly.
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
    assumptions.push_back(h * U == H);
    assumptions.push_back(r * U == U - w[0]);
    const auto lf = queue_closed_form(ctx, w, H);
    const z3::expr own_pr = w[0] - h * w[0];
    const z3::expr own_lf = w[0] - lf[0];
    assumptions.push_back(ptsr_pr * H == own_pr);
    assumptions.push_back(ptsr_lf * H == own_lf);
    const z3::expr conclusion = ptsr_pr - ptsr_lf == r && own_pr - own_lf == D * theta * r;
    const Validity v = prove_valid(ctx, assumptions, conclusion, options,
                                   "THM-PR-QUEUE-GAP-PTSR-REPAIRED.n" + std::to_string(n));
    result.verdict = v.verdict;
    result.detail = v.detail;
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}}, {{"D", D}, {"θ", theta}}, "assumptions hold");
    if (v.counterexample) result.counterexample = instance_of(*v.counterexample, {{"w", w}}, {{"D", D}, {"θ", theta}});
    if (v.verdict != Verdict::Proved) {
      result.bound = "n = " + std::to_string(n);
      return result;
    }
    const z3::model& m = *v.witness;
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
    const ref::Rational gap = (m_pr.survivor[0] - m_lf.survivor[0]) / m_pr.socialized;
    const ref::Rational repaired = 1 - wv[0] / group_b::sum_value(wv);
    if (gap != repaired) {
      result.verdict = Verdict::ReplayFailed;
      result.detail = "adl::ref own-survivor PTSR gap " + ref::to_fraction(gap) + " ≠ 1 − w₍₁₎/U = " + ref::to_fraction(repaired);
      return result;
    }
    result.replay = "n = " + std::to_string(n) + " witness book w = " + group_b::show(wv) + ", one loser −" +
                    ref::to_fraction(d) + ", θ = " + ref::to_fraction(th) +
                    ": adl::ref::run_policy + evaluate give the own-survivor PTSR gap " + ref::to_fraction(gap) +
                    " = 1 − w₍₁₎/U";
  }
  result.bound = "n ≤ " + std::to_string(max_n);
  return result;
}

const bool registered = register_claim({"THM-PR-QUEUE-GAP-PTSR-REPAIRED",
                                        "own-survivor PTSR gap = 1 − w₍₁₎/U (normalised by θ·D)", Verdict::Proved,
                                        check});

}  // namespace
}  // namespace adl::proofs
