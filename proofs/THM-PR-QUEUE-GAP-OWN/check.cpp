// Statement (@spec THM-PR-QUEUE-GAP-OWN): for U ＞ 0 and 0 ≤ H ≤ w₍₁₎, the top account keeps
//   s^PR_i₁ − s^LF_i₁ = H·(1 − w₍₁₎/U) ≥ 0 more under pro-rata than under the largest-first queue,
//   strictly positive iff H ＞ 0 and U ＞ w₍₁₎.
// Encoding: QF_NRA. Variables w_1..w_n, H, the pro-rata haircut h with h·U = H, and the gap g with
//   g·U = H·(U − w_1). w sorted decreasingly w.l.o.g. (i₁ = 1); pro-rata by its closed form
//   s_i = w_i − h·w_i; LF by the queue closed form.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, U = Σ w ＞ 0, 0 ≤ H ≤ w_1; n from 1 to the bound
//   (default 6).
// Expected: PROVED.
// Not modelled: the maximum survivor (THM-PR-QUEUE-GAP-MAX).
// Replay: adl::ref::pro_rata and adl::ref::queue (largest first) on the witness book; their
//   top-account gap must equal H·(1 − w₍₁₎/U) computed exactly.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const closed_forms::TopGap t = closed_forms::top_gap(ctx, size.n);
  const auto& w = t.w;
  const z3::expr gap = (w[0] - t.h * w[0]) - (w[0] - t.lf[0]);
  const z3::expr conclusion = gap == t.g && t.g >= 0 && (t.g > 0) == (t.H > 0 && t.U > w[0]);
  runner::SizedQuery q{.assumptions = t.assumptions, .conclusion = conclusion};
  q.witness = {{{"w", w}}, {{"H", t.H}, {"gap", t.g}}};
  q.counterexample = {{{"w", w}, {"x_LF", t.lf}}, {{"H", t.H}, {"g", t.g}}};
  const unsigned n = size.n;
  q.replay = [t, n](const z3::model& m) {
    const auto wv = rationals_of(m, t.w, "w");
    const ref::Rational hb = rational_of(m, t.H, "H");
    const ref::Rational u = books::total(wv);
    const ref::Rational gap_ref = (wv[0] - ref::pro_rata(wv, hb).seized[0]) -
                                  (wv[0] - books::largest_first(wv, hb).seized[0]);
    const ref::Rational formula = hb * (1 - wv[0] / u);
    if (gap_ref != formula) {
      return runner::mismatch("adl::ref gap " + ref::to_fraction(gap_ref) +
                              " ≠ H·(1 − w₍₁₎/U) = " + ref::to_fraction(formula));
    }
    return runner::reproduced("n = " + std::to_string(n) + " witness w = " + books::show(wv) +
                              ", H = " + ref::to_fraction(hb) +
                              ": adl::ref::pro_rata minus adl::ref::queue (largest first) on the " +
                              "top account = " + ref::to_fraction(gap_ref) + " = H·(1 − w₍₁₎/U)");
  };
  return q;
}

const bool registered = register_claim(runner::each_n(
    "THM-PR-QUEUE-GAP-OWN", "top-account gap pro-rata − largest-first = H·(1 − w₍₁₎/U)", Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
