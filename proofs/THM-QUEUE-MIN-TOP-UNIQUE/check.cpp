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

void query(z3::context& ctx, const books::TopPolytope& t, runner::SizedQuery& q) {
  const auto n = static_cast<unsigned>(t.w.size());
  const auto lf = closed_forms::queue_closed_form(ctx, t.w, t.H);
  z3::expr same = ctx.bool_val(true);
  for (unsigned k = 0; k < n; ++k) same = same && t.x[k] == lf[k];
  q.conclusion = z3::implies(t.w[0] - t.x[0] == t.w[0] - lf[0], same);
  std::vector<z3::expr> pinned;
  if (n == 3) {
    pinned = pin(ctx, t.w, {4, 3, 3});
    for (const auto& p : pin(ctx, t.x, {4, 1, 1})) pinned.push_back(p);
    pinned.push_back(t.H == 6);
  }
  q.pinned = pinned;
  q.counterexample = {
      {{"w", t.w}, {"x", t.x}, {"x_LF", lf}}, {{"H", t.H}}, "x ≠ x^LF leaves the top account the same minimum"};
  q.replay = [t](const z3::model& m) {
    const books::TopValues v = books::top_values(m, t);
    const auto lf_ref = books::largest_first(v.w, v.H);
    const auto s_lf = closed_forms::survivors(v.w, lf_ref.seized);
    const auto s_x = closed_forms::survivors(v.w, v.x);
    if (lf_ref.seized == v.x || s_lf[0] != s_x[0]) {
      return runner::mismatch("adl::ref::queue (largest first) seizes " + books::show(lf_ref.seized) +
                              "; the counterexample x = " + books::show(v.x) + " is not a second minimiser");
    }
    return runner::reproduced(
        "w = " + books::show(v.w) + ", H = " + ref::to_fraction(v.H) + ": adl::ref::queue (largest first) seizes " +
        books::show(lf_ref.seized) + ", survivors " + books::show(s_lf) + "; x = " + books::show(v.x) + " leaves " +
        books::show(s_x) + ": the same top survivor " + ref::to_fraction(s_x[0]) + " (maximum survivor " +
        ref::to_fraction(books::max_value(s_x)) + " vs " + ref::to_fraction(books::max_value(s_lf)) + ")");
  };
}

const bool registered = register_claim(books::top_claim(
    "THM-QUEUE-MIN-TOP-UNIQUE", "largest-first is the unique minimiser of the top survivor", Verdict::Refuted, query));

}  // namespace
}  // namespace adl::proofs
