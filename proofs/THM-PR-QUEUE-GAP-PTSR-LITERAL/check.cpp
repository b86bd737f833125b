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
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const closed_forms::PtsrGap g = closed_forms::ptsr_gap(ctx, size.n, true);
  const books::Severity& s = g.s;
  std::vector<z3::expr> pinned;
  if (size.n == 2) {
    pinned = pin(ctx, s.w, {10, 2});
    pinned.push_back(s.D == 10);
    pinned.push_back(s.theta == real_val(ctx, ref::Rational(1, 2)));
  }
  runner::SizedQuery q{
      .assumptions = s.assumptions, .conclusion = g.ptsr_pr - g.ptsr_lf == s.theta * g.r, .pinned = pinned};
  q.witness = {{{"w", s.w}}, {{"D", s.D}, {"θ", s.theta}}};
  q.counterexample = {
      {{"w", s.w}, {"x_LF", g.lf}},
      {{"D", s.D}, {"θ", s.theta}, {"PTSR(PR)", g.ptsr_pr}, {"PTSR(LF)", g.ptsr_lf}, {"θ·(1 − w₍₁₎/U)", s.theta * g.r}},
      "the PTSR gap differs from the printed θ·(1 − w₍₁₎/U)"};
  q.replay = [s](const z3::model& m) {
    const books::SeverityBook b = books::severity_book(m, s);
    const auto m_lf = books::largest_first_metrics(b);
    const auto m_pr = books::pro_rata_metrics(b);
    const ref::Rational printed = b.theta * (1 - b.w[0] / books::total(b.w));
    if (!m_lf.ptsr || !m_pr.ptsr || *m_pr.ptsr - *m_lf.ptsr == printed) {
      return runner::mismatch("adl::ref::evaluate reproduces the printed gap");
    }
    return runner::reproduced(
        "book w = " + books::show(b.w) + ", one loser −" + ref::to_fraction(b.D) +
        ", θ = " + ref::to_fraction(b.theta) + ": adl::ref::evaluate gives PTSR(PR) = " + ref::to_fraction(*m_pr.ptsr) +
        ", PTSR(LF) = " + ref::to_fraction(*m_lf.ptsr) + ", gap " + ref::to_fraction(*m_pr.ptsr - *m_lf.ptsr) +
        " ≠ printed θ·(1 − w₍₁₎/U) = " + ref::to_fraction(printed) +
        " (= 1 − w₍₁₎/U = " + ref::to_fraction(1 - b.w[0] / books::total(b.w)) + " times θ)");
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "THM-PR-QUEUE-GAP-PTSR-LITERAL", "PTSR gap = θ·(1 − w₍₁₎/U) as printed", Verdict::Refuted, 4, query));

}  // namespace
}  // namespace adl::proofs
