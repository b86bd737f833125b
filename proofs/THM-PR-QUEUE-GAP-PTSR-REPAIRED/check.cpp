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
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const closed_forms::PtsrGap g = closed_forms::ptsr_gap(ctx, size.n, false);
  const books::Severity& s = g.s;
  const z3::expr conclusion = g.ptsr_pr - g.ptsr_lf == g.r && g.own_pr - g.own_lf == s.D * s.theta * g.r;
  runner::SizedQuery q{.assumptions = s.assumptions, .conclusion = conclusion};
  q.witness = {{{"w", s.w}}, {{"D", s.D}, {"θ", s.theta}}};
  const unsigned n = size.n;
  q.replay = [s, n](const z3::model& m) {
    const books::SeverityBook b = books::severity_book(m, s);
    const auto m_lf = books::largest_first_metrics(b);
    const auto m_pr = books::pro_rata_metrics(b);
    const ref::Rational gap = (m_pr.survivor[0] - m_lf.survivor[0]) / m_pr.socialized;
    const ref::Rational repaired = 1 - b.w[0] / books::total(b.w);
    if (gap != repaired) {
      return runner::mismatch("adl::ref own-survivor PTSR gap " + ref::to_fraction(gap) +
                              " ≠ 1 − w₍₁₎/U = " + ref::to_fraction(repaired));
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness book w = " + books::show(b.w) + ", one loser −" +
                              ref::to_fraction(b.D) + ", θ = " + ref::to_fraction(b.theta) +
                              ": adl::ref::run_policy + evaluate give the own-survivor PTSR gap " +
                              ref::to_fraction(gap) + " = 1 − w₍₁₎/U");
  };
  return q;
}

const bool registered = register_claim(runner::each_n("THM-PR-QUEUE-GAP-PTSR-REPAIRED",
                                                      "own-survivor PTSR gap = 1 − w₍₁₎/U (normalised by θ·D)",
                                                      Verdict::Proved, 4, query));

}  // namespace
}  // namespace adl::proofs
