// Statement (@spec THM-QUEUE-VERTEX): for 0 ≤ B ≤ U, the output of POL-QUEUE (any scores) is a
//   vertex of P(w, B): at most one account has 0 ＜ x_i ＜ w_i. Conversely every vertex x is the
//   queue output for the scores s_i = 2 if x_i = w_i ＞ 0, 1 if 0 ＜ x_i ＜ w_i, 0 otherwise.
// Encoding: QF_LRA. Part 1: σ = identity (relabelling), x by the closed form
//   x_k = min(w_k, (B − Σ_{j<k} w_j)₊) (proofs/common/closed_forms); conclusion: no two
//   distinct coordinates strictly inside their intervals. Part 2: a free x ∈ P(w, B) with at
//   most one interior coordinate, the stated scores as ite terms, and the queue for symbolic
//   scores (j before i iff w_j ＞ 0 and s_j ＞ s_i, or s_j = s_i and j ＜ i;
//   proofs/common/closed_forms queue_by_scores); conclusion: x equals that queue output.
// Assumptions and bounds: w ≥ 0, 0 ≤ B ≤ Σ w; n from 1 to the bound (default 6).
// Expected: PROVED (both negations unsat; assumptions satisfiable).
// Not modelled: +∞ scores (an order is all the queue uses; part 1 covers every order).
// Replay: adl::ref::queue on a non-degenerate part-1 model returns the closed-form x with at
//   most one partial account; on a part-2 model adl::ref::queue with the stated scores returns
//   the vertex x.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace closed_forms;

unsigned interior_count(const std::vector<ref::Rational>& w, const std::vector<ref::Rational>& x) {
  unsigned count = 0;
  for (std::size_t i = 0; i < w.size(); ++i) count += (x[i] > 0 && x[i] < w[i]) ? 1u : 0u;
  return count;
}

z3::expr at_most_one_interior(z3::context& ctx, const std::vector<z3::expr>& w, const std::vector<z3::expr>& x) {
  z3::expr ok = ctx.bool_val(true);
  for (std::size_t i = 0; i < w.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) ok = ok && !(x[i] > 0 && x[i] < w[i] && x[j] > 0 && x[j] < w[j]);
  }
  return ok;
}

runner::SizedQuery queue_is_vertex(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> assumptions;
  for (const auto& wk : w) assumptions.push_back(wk >= 0);
  assumptions.push_back(B >= 0 && B <= sum(ctx, w));
  const auto x = queue_closed_form(ctx, w, B);
  std::vector<z3::expr> preferences{B > 0, B < sum(ctx, w)};
  for (const auto& wk : w) preferences.push_back(wk >= 1);
  runner::SizedQuery q{
      .assumptions = assumptions, .conclusion = at_most_one_interior(ctx, w, x), .preferences = preferences};
  q.witness = {{{"w", w}, {"x", x}}, {{"B", B}}};
  q.replay = [w, x, B, n](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto xv = rationals_of(m, x, "x");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Allocation a = ref::queue(wv, index_scores(n), budget);
    if (a.seized != xv || interior_count(wv, a.seized) > 1) {
      return runner::mismatch("adl::ref::queue gives x = " + show(a.seized) + ", the closed form " + show(xv));
    }
    return runner::reproduced("adl::ref::queue returns the vertex x = " + show(xv) + " (w = " + show(wv) +
                              ", B = " + ref::to_fraction(budget) + ", " + std::to_string(interior_count(wv, xv)) +
                              " partial account)");
  };
  return q;
}

runner::SizedQuery vertex_is_queue(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const auto x = reals(ctx, "x", n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> assumptions;
  std::vector<z3::expr> scores;
  for (unsigned k = 0; k < n; ++k) {
    assumptions.push_back(w[k] >= 0 && x[k] >= 0 && x[k] <= w[k]);
    scores.push_back(z3::ite(x[k] == w[k] && w[k] > 0, ctx.real_val(2),
                             z3::ite(x[k] > 0 && x[k] < w[k], ctx.real_val(1), ctx.real_val(0))));
  }
  assumptions.push_back(B >= 0 && B <= sum(ctx, w));
  assumptions.push_back(sum(ctx, x) == B);
  assumptions.push_back(at_most_one_interior(ctx, w, x));
  const auto queued = queue_by_scores(ctx, w, scores, B);
  z3::expr same = ctx.bool_val(true);
  for (unsigned k = 0; k < n; ++k) same = same && queued[k] == x[k];
  std::vector<z3::expr> preferences{B > 0};
  for (unsigned k = 0; k < n; ++k) preferences.push_back(w[k] >= 1);
  if (n >= 2) preferences.push_back(x[0] == 0 && x[n - 1] == w[n - 1]);  // the vertex is not in index order
  runner::SizedQuery q{
      .assumptions = assumptions, .conclusion = same, .preferences = preferences, .show_witness = false};
  q.counterexample = {{{"w", w}, {"x", x}, {"s", scores}, {"queue", queued}}, {{"B", B}}};
  q.replay = [w, x, scores, B](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto xv = rationals_of(m, x, "x");
    const auto sv = rationals_of(m, scores, "s");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Allocation a = queue_by(wv, sv, budget);
    if (a.seized != xv) {
      return runner::mismatch("adl::ref::queue with scores " + show(sv) + " gives x = " + show(a.seized) +
                              ", not the vertex " + show(xv));
    }
    return runner::reproduced("conversely adl::ref::queue with scores s = " + show(sv) + " returns the vertex x = " +
                              show(xv) + " (w = " + show(wv) + ", B = " + ref::to_fraction(budget) + ")");
  };
  return q;
}

ClaimResult check(const Options& options) {
  const auto sizes = runner::sizes(1, runner::bound(options.max_n, 6));
  return runner::check_parts(
      options, "THM-QUEUE-VERTEX",
      {{.sizes = sizes, .query = queue_is_vertex, .tag = ".queue-is-vertex"},
       {.sizes = sizes, .query = vertex_is_queue, .tag = ".vertex-is-queue", .qualifier = " (converse)"}},
      Verdict::Proved, "n ≤ " + std::to_string(sizes.size()));
}

const bool registered = register_claim(
    {"THM-QUEUE-VERTEX", "queue outputs are exactly the vertices of P(w, B)", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
