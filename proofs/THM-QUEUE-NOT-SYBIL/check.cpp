// Statement (@spec THM-QUEUE-NOT-SYBIL): the largest-first queue, a rule of (w, H) alone, violates
//   AX-SYBIL: splitting an account can change the total its parts keep. Checked as the property
//   "LF satisfies AX-SYBIL" being refuted (REFUTED-AS-PROPERTY in spec/claims.md; the catalog's
//   verdict for a found violation is REFUTED).
// Encoding: QF_LRA. Variables w_1..w_n (any order), H, and the parts z_a, z_b ＞ 0 of account 1.
//   LF by its closed form for any order (ties by ascending index, proofs/common/closed_forms) on
//   the book w and on the split book (z_a, z_b, w_2, …, w_n) with the same H.
//   Claim: s′_a + s′_b = s_1.
// Assumptions and bounds: w ≥ 0, z_a + z_b = w_1, 0 ≤ H ≤ Σ w; n from 1 up to the bound
//   (default 3), one split into two, stopping at the first violation.
// Expected: REFUTED (as a property). At n = 2 the query is repeated with the spec's witness pinned
//   (w = (4, 3), H = 2, split 4 = 2 + 2) and that model is reported.
// Not modelled: score queues whose parts inherit the parent's score (they keep the total).
// Replay: adl::ref::queue with scores s_i = w_i on both books: the parts keep a different total.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto w = reals(ctx, "w", size.n);
  const auto z = reals(ctx, "z", 2);
  const z3::expr H = ctx.real_const("H");
  std::vector<z3::expr> assumptions;
  for (const auto& wi : w) assumptions.push_back(wi >= 0);
  assumptions.push_back(z[0] > 0);
  assumptions.push_back(z[1] > 0);
  assumptions.push_back(z[0] + z[1] == w[0]);
  assumptions.push_back(H >= 0);
  assumptions.push_back(H <= sum(ctx, w));
  std::vector<z3::expr> split{z[0], z[1]};
  for (unsigned i = 1; i < size.n; ++i) split.push_back(w[i]);
  const auto x = closed_forms::largest_first_closed_form(ctx, w, H);
  const auto x_split = closed_forms::largest_first_closed_form(ctx, split, H);
  const z3::expr kept = w[0] - x[0];
  const z3::expr kept_split = (z[0] - x_split[0]) + (z[1] - x_split[1]);
  std::vector<z3::expr> pinned;
  if (size.n == 2) {
    pinned = pin(ctx, w, {4, 3});
    for (const auto& p : pin(ctx, z, {2, 2})) pinned.push_back(p);
    pinned.push_back(H == 2);
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = kept_split == kept, .pinned = pinned};
  q.witness = {{{"w", w}}, {{"H", H}}};
  q.counterexample = {{{"w", w}, {"x", x}, {"split book", split}, {"x split", x_split}},
                      {{"H", H}, {"s_1", kept}, {"s′_a + s′_b", kept_split}},
                      "splitting account 1 changes what its parts keep"};
  q.replay = [w, split, H](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto sv = rationals_of(m, split, "split");
    const ref::Rational h = rational_of(m, H, "H");
    const auto a = books::largest_first(wv, h);
    const auto b = books::largest_first(sv, h);
    const ref::Rational before = wv[0] - a.seized[0];
    const ref::Rational after = (sv[0] - b.seized[0]) + (sv[1] - b.seized[1]);
    if (before == after) return runner::mismatch("adl::ref::queue keeps the total on the split");
    return runner::reproduced("H = " + ref::to_fraction(h) + ": adl::ref::queue (largest first) on " + books::show(wv) +
                              " leaves " + books::show(closed_forms::survivors(wv, a.seized)) + ", on the split book " +
                              books::show(sv) + " leaves " + books::show(closed_forms::survivors(sv, b.seized)) +
                              ": the parts keep " + ref::to_fraction(after) + " ≠ " + ref::to_fraction(before));
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-QUEUE-NOT-SYBIL", "the largest-first queue violates AX-SYBIL", Verdict::Refuted, 3, query));

}  // namespace
}  // namespace adl::proofs
