// Statement (@spec THM-QUEUE-MIN-TOP-ATTAIN-MAX): the paper's reading: the largest-first queue
//   minimises the maximum survivor, υ^LF ≤ υ^x for every x ∈ P(w, H).
// Encoding: QF_LRA. Variables w_1..w_n, H, x_1..x_n. w sorted decreasingly w.l.o.g. (LF order =
//   identity); LF by the queue closed form (proofs/common/closed_forms); υ = maxᵢ s_i by ite.
// Assumptions and bounds: w_1 ≥ … ≥ w_n ≥ 0, 0 ≤ H ≤ Σ w, x ∈ P(w, H); n from 1 up to the bound
//   (default 6), stopping at the first n with a counterexample.
// Expected: REFUTED. At n = 2 the query is repeated with the reference's counterexample pinned
//   (w = (10, 9), H = 5, x = (3, 2), top-down water-filling to level 7) and that model is reported.
// Not modelled: score-based queues (EX-5ACCT: υ 4.5 ＞ pro-rata 3.2, a separate observation).
// Replay: adl::ref::queue (largest first), adl::ref::pro_rata and the counterexample x on the
//   counterexample book, in exact Rationals: υ^LF ＞ υ^x.
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
  const z3::expr top_lf = max_of(closed_forms::survivors(t.w, lf));
  const z3::expr top_x = max_of(closed_forms::survivors(t.w, t.x));
  std::vector<z3::expr> pinned;
  if (n == 2) {
    pinned = pin(ctx, t.w, {10, 9});
    for (const auto& p : pin(ctx, t.x, {3, 2})) pinned.push_back(p);
    pinned.push_back(t.H == 5);
  }
  q.conclusion = top_lf <= top_x;
  q.pinned = pinned;
  q.counterexample = {{{"w", t.w}, {"x", t.x}, {"x_LF", lf}},
                      {{"H", t.H}, {"υ^LF", top_lf}, {"υ^x", top_x}},
                      "largest-first leaves a larger maximum survivor than x"};
  q.replay = [t](const z3::model& m) {
    const books::TopValues v = books::top_values(m, t);
    const auto lf_ref = books::largest_first(v.w, v.H);
    const ref::Rational u_lf = books::max_value(closed_forms::survivors(v.w, lf_ref.seized));
    const ref::Rational u_x = books::max_value(closed_forms::survivors(v.w, v.x));
    const ref::Rational u_pr = books::max_value(closed_forms::survivors(v.w, ref::pro_rata(v.w, v.H).seized));
    if (!(u_lf > u_x)) {
      return runner::mismatch("adl::ref: υ^LF = " + ref::to_fraction(u_lf) +
                              " is not above υ^x = " + ref::to_fraction(u_x));
    }
    return runner::reproduced(
        "w = " + books::show(v.w) + ", H = " + ref::to_fraction(v.H) + ": adl::ref::queue (largest first) leaves " +
        books::show(closed_forms::survivors(v.w, lf_ref.seized)) + ", υ = " + ref::to_fraction(u_lf) +
        "; adl::ref::pro_rata leaves υ = " + ref::to_fraction(u_pr) + "; x = " + books::show(v.x) + " leaves " +
        books::show(closed_forms::survivors(v.w, v.x)) + ", υ = " + ref::to_fraction(u_x) + " ＜ " +
        ref::to_fraction(u_lf));
  };
}

const bool registered = register_claim(
    books::top_claim("THM-QUEUE-MIN-TOP-ATTAIN-MAX", "largest-first minimises the maximum survivor (paper's reading)",
                     Verdict::Refuted, query));

}  // namespace
}  // namespace adl::proofs
