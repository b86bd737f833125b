// Statement (@spec THM-QUEUE-NOT-MONOTONE): queues violate AX-MONO (w_i ≥ w_j ⇒ s_i ≥ s_j). Checked
//   as the property "LF satisfies AX-MONO" being refuted (REFUTED-AS-PROPERTY in spec/claims.md;
//   the catalog's verdict for a found violation is REFUTED).
// Encoding: QF_LRA. Variables w_1..w_n (any order), H; LF by its closed form for any order (ties
//   by ascending index, proofs/common/closed_forms).
// Assumptions and bounds: w ≥ 0, 0 ≤ H ≤ Σ w; n from 1 up to the bound (default 3), stopping at
//   the first violation.
// Expected: REFUTED (as a property). At n = 2 the query is repeated with the spec's witness pinned
//   (w = (2, 1), H = 3/2) and that model is reported.
// Not modelled: score queues in the encoding (the replay adds the spec's EX-5ACCT score queue).
// Replay: adl::ref::queue with scores s_i = w_i on the counterexample: w_i ≥ w_j but s_i ＜ s_j; and
//   adl::ref::queue with scores (4, 5, 3, 0, 0) on EX-5ACCT (w = (8, 4, 1/2, 0, 0), B = 15/2).
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

namespace adl::proofs {
namespace {

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const auto w = reals(ctx, "w", size.n);
  const z3::expr H = ctx.real_const("H");
  std::vector<z3::expr> assumptions;
  for (const auto& wi : w) assumptions.push_back(wi >= 0);
  assumptions.push_back(H >= 0);
  assumptions.push_back(H <= sum(ctx, w));
  const auto x = closed_forms::largest_first_closed_form(ctx, w, H);
  const auto s = closed_forms::survivors(w, x);
  std::vector<z3::expr> pinned;
  if (size.n == 2) {
    pinned = pin(ctx, w, {2, 1});
    pinned.push_back(H == real_val(ctx, ref::Rational(3, 2)));
  }
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = closed_forms::monotone(ctx, w, s), .pinned = pinned};
  q.witness = {{{"w", w}}, {{"H", H}}};
  q.counterexample = {{{"w", w}, {"x", x}, {"s", s}}, {{"H", H}}, "a larger endowment keeps less: AX-MONO fails"};
  q.replay = [w, H](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const ref::Rational h = rational_of(m, H, "H");
    const auto sv = closed_forms::survivors(wv, books::largest_first(wv, h).seized);
    const bool violated = !closed_forms::monotone_violation(wv, sv).empty();
    // EX-5ACCT with the score queue of the spec.
    const std::vector<ref::Rational> ex_w{8, 4, ref::Rational(1, 2), 0, 0};
    const std::vector<ref::Score> ex_scores{{4, false}, {5, false}, {3, false}, {0, false}, {0, false}};
    const auto ex = ref::queue(ex_w, ex_scores, ref::Rational(15, 2));
    const auto ex_s = closed_forms::survivors(ex_w, ex.seized);
    if (!violated || !(ex_s[1] < ex_s[2])) {
      return runner::mismatch("adl::ref::queue survivors " + books::show(sv) + " / EX-5ACCT " + books::show(ex_s) +
                              " are monotone");
    }
    return runner::reproduced(
        "w = " + books::show(wv) + ", H = " + ref::to_fraction(h) + ": adl::ref::queue (largest first) leaves " +
        books::show(sv) + "; EX-5ACCT score queue (scores 4, 5, 3; B = 15/2) leaves " + books::show(ex_s) +
        ": w₂ = 4 ≥ w₃ = 1/2 but s₂ = " + ref::to_fraction(ex_s[1]) + " ＜ s₃ = " + ref::to_fraction(ex_s[2]));
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-QUEUE-NOT-MONOTONE", "queues violate AX-MONO", Verdict::Refuted, 3, query));

}  // namespace
}  // namespace adl::proofs
