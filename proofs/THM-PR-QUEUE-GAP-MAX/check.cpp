// Statement (@spec THM-PR-QUEUE-GAP-MAX): with υ the maximum survivor, υ^PR − υ^LF = H·(1 − w₍₁₎/U)
//   for U ＞ 0 and 0 ≤ H ≤ w₍₁₎.
// Encoding: QF_NRA. Variables w_1..w_n, H, the pro-rata haircut h with h·U = H, the formula value g
//   with g·U = H·(U − w_1). w sorted decreasingly w.l.o.g.; pro-rata s_i = w_i − h·w_i; LF by the
//   queue closed form; υ = maxᵢ s_i by ite.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, U = Σ w ＞ 0, 0 ≤ H ≤ w_1; n from 1 up to the bound
//   (default 6), stopping at the first counterexample.
// Expected: REFUTED. At n = 2 the query is repeated with the reference's counterexample pinned
//   (w = (10, 9), H = 5: gap −31/19, formula 45/19) and that model is reported.
// Not modelled: nothing else (it holds when w₍₁₎ − H ≥ w₍₂₎).
// Replay: adl::ref::pro_rata and adl::ref::queue (largest first) on the counterexample book; the
//   exact maximum-survivor gap differs from the formula.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const closed_forms::TopGap t = closed_forms::top_gap(ctx, size.n);
  std::vector<z3::expr> s_pr;
  for (const auto& wi : t.w) s_pr.push_back(wi - t.h * wi);
  const z3::expr gap = max_of(s_pr) - max_of(closed_forms::survivors(t.w, t.lf));
  std::vector<z3::expr> pinned;
  if (size.n == 2) {
    pinned = pin(ctx, t.w, {10, 9});
    pinned.push_back(t.H == 5);
  }
  runner::SizedQuery q{.assumptions = t.assumptions, .conclusion = gap == t.g, .pinned = pinned};
  q.witness = {{{"w", t.w}}, {{"H", t.H}}};
  q.counterexample = {{{"w", t.w}, {"s_PR", s_pr}, {"x_LF", t.lf}},
                      {{"H", t.H}, {"υ^PR − υ^LF", gap}, {"H·(1 − w₍₁₎/U)", t.g}},
                      "the maximum-survivor gap differs from the formula"};
  q.replay = [t](const z3::model& m) {
    const auto wv = rationals_of(m, t.w, "w");
    const ref::Rational hb = rational_of(m, t.H, "H");
    const ref::Rational u_pr = books::max_value(closed_forms::survivors(wv, ref::pro_rata(wv, hb).seized));
    const ref::Rational u_lf = books::max_value(closed_forms::survivors(wv, books::largest_first(wv, hb).seized));
    const ref::Rational formula = hb * (1 - wv[0] / books::total(wv));
    if (u_pr - u_lf == formula) {
      return runner::mismatch("adl::ref reproduces the formula on the counterexample");
    }
    return runner::reproduced("w = " + books::show(wv) + ", H = " + ref::to_fraction(hb) +
                              ": adl::ref::pro_rata leaves υ = " + ref::to_fraction(u_pr) +
                              ", adl::ref::queue (largest first) υ = " + ref::to_fraction(u_lf) + "; gap " +
                              ref::to_fraction(u_pr - u_lf) + " ≠ H·(1 − w₍₁₎/U) = " + ref::to_fraction(formula));
  };
  return q;
}

const bool registered = register_claim(runner::each_n("THM-PR-QUEUE-GAP-MAX",
                                                      "maximum-survivor gap pro-rata − largest-first = H·(1 − w₍₁₎/U)",
                                                      Verdict::Refuted, 6, query));

}  // namespace
}  // namespace adl::proofs
