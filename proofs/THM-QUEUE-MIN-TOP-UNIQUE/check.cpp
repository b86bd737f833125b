// Statement (@spec THM-QUEUE-MIN-TOP-UNIQUE): the paper's "uniquely": the largest-first queue is
//   the only x ∈ P(w, H) that leaves the top account the minimum s_i₁.
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n. w sorted decreasingly w.l.o.g.; LF by the
//   queue closed form. Claim: s^x_1 = s^LF_1 ⇒ x = x^LF.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, x ∈ P(w, H); n from 1 up to the bound
//   (default 6), stopping at the first n with a counterexample (n = 3: for n ≤ 2, x_1 fixes x).
// Expected: REFUTED. At n = 3 the query is repeated with the reference's counterexample pinned
//   (w = (4, 3, 3), H = 6, x = (4, 1, 1)) and that model is reported.
// Not modelled: nothing beyond the polytope; any x with x_i₁ = min(H, w₍₁₎) attains the minimum.
// Replay: adl::ref::queue (largest first) on the counterexample book gives x^LF ≠ x with the same
//   top survivor, checked in exact Rationals.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const books::TopPolytope t = books::top_polytope(ctx, size.n);
  const auto lf = closed_forms::queue_closed_form(ctx, t.w, t.H);
  z3::expr same = ctx.bool_val(true);
  for (unsigned k = 0; k < size.n; ++k) same = same && t.x[k] == lf[k];
  const z3::expr conclusion = z3::implies(t.w[0] - t.x[0] == t.w[0] - lf[0], same);
  std::vector<z3::expr> pinned;
  if (size.n == 3) {
    pinned = pin(ctx, t.w, {4, 3, 3});
    for (const auto& p : pin(ctx, t.x, {4, 1, 1})) pinned.push_back(p);
    pinned.push_back(t.H == 6);
  }
  runner::SizedQuery q{.assumptions = t.assumptions, .conclusion = conclusion, .pinned = pinned};
  q.witness = {{{"w", t.w}, {"x", t.x}}, {{"H", t.H}}};
  q.counterexample = {
      {{"w", t.w}, {"x", t.x}, {"x_LF", lf}}, {{"H", t.H}}, "x ≠ x^LF leaves the top account the same minimum"};
  q.replay = [t](const z3::model& m) {
    const auto wv = rationals_of(m, t.w, "w");
    const auto xv = rationals_of(m, t.x, "x");
    const ref::Rational h = rational_of(m, t.H, "H");
    const auto lf_ref = books::largest_first(wv, h);
    const auto s_lf = closed_forms::survivors(wv, lf_ref.seized);
    const auto s_x = closed_forms::survivors(wv, xv);
    if (lf_ref.seized == xv || s_lf[0] != s_x[0]) {
      return runner::mismatch("adl::ref::queue (largest first) seizes " + books::show(lf_ref.seized) +
                              "; the counterexample x = " + books::show(xv) + " is not a second minimiser");
    }
    return runner::reproduced(
        "w = " + books::show(wv) + ", H = " + ref::to_fraction(h) + ": adl::ref::queue (largest first) seizes " +
        books::show(lf_ref.seized) + ", survivors " + books::show(s_lf) + "; x = " + books::show(xv) + " leaves " +
        books::show(s_x) + ": the same top survivor " + ref::to_fraction(s_x[0]) + " (maximum survivor " +
        ref::to_fraction(books::max_value(s_x)) + " vs " + ref::to_fraction(books::max_value(s_lf)) + ")");
  };
  return q;
}

const bool registered = register_claim(runner::each_n("THM-QUEUE-MIN-TOP-UNIQUE",
                                                      "largest-first is the unique minimiser of the top survivor",
                                                      Verdict::Refuted, 6, query));

}  // namespace
}  // namespace adl::proofs
