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
#include "validity.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace closed_forms;
using namespace validity;

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

ClaimResult check(const Options& options) {
  const unsigned max_n = options.max_n == 0 ? 6 : options.max_n;
  runner::PartsResult parts;
  ClaimResult& result = parts.result;
  std::string& replay = parts.replay;
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
    const auto w = reals(ctx, "w", n);
    const z3::expr B = ctx.real_const("B");
    std::vector<z3::expr> assumptions;
    for (const auto& wk : w) assumptions.push_back(wk >= 0);
    assumptions.push_back(B >= 0 && B <= sum(ctx, w));
    const auto x = queue_closed_form(ctx, w, B);
    const std::string name = "THM-QUEUE-VERTEX.queue-is-vertex.n" + std::to_string(n);
    std::vector<z3::expr> preferences{B > 0, B < sum(ctx, w)};
    for (const auto& wk : w) preferences.push_back(wk >= 1);
    const Validity v = prove_valid(ctx, assumptions, at_most_one_interior(ctx, w, x), options, name, preferences);
    if (v.witness) result.witness = instance_of(*v.witness, {{"w", w}, {"x", x}}, {{"B", B}}, "assumptions hold");
    if (v.counterexample) result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}}, {{"B", B}});
    if (v.verdict != Verdict::Proved) return parts.fail(v.verdict, "n = " + std::to_string(n), v.detail);
    const z3::model& m = *v.witness;
    const auto wv = rationals_of(m, w, "w");
    const auto xv = rationals_of(m, x, "x");
    const ref::Rational budget = rational_of(m, B, "B");
    std::vector<ref::Score> scores;
    for (unsigned k = 0; k < n; ++k) scores.push_back({ref::Rational(n - k), false});
    const ref::Allocation a = ref::queue(wv, scores, budget);
    if (a.seized != xv || interior_count(wv, a.seized) > 1) {
      return parts.fail(Verdict::ReplayFailed, "n = " + std::to_string(n),
                        "adl::ref::queue gives x = " + show(a.seized) + ", the closed form " + show(xv));
    }
    replay = "adl::ref::queue returns the vertex x = " + show(xv) + " (w = " + show(wv) + ", B = " +
             ref::to_fraction(budget) + ", " + std::to_string(interior_count(wv, xv)) + " partial account)";
  }
  for (unsigned n = 1; n <= max_n; ++n) {
    z3::context ctx;
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
    const auto q = queue_by_scores(ctx, w, scores, B);
    z3::expr same = ctx.bool_val(true);
    for (unsigned k = 0; k < n; ++k) same = same && q[k] == x[k];
    const std::string name = "THM-QUEUE-VERTEX.vertex-is-queue.n" + std::to_string(n);
    std::vector<z3::expr> preferences{B > 0};
    for (unsigned k = 0; k < n; ++k) preferences.push_back(w[k] >= 1);
    if (n >= 2) preferences.push_back(x[0] == 0 && x[n - 1] == w[n - 1]);  // the vertex is not in index order
    const Validity v = prove_valid(ctx, assumptions, same, options, name, preferences);
    if (v.counterexample) {
      result.counterexample = instance_of(*v.counterexample, {{"w", w}, {"x", x}, {"s", scores}, {"queue", q}}, {{"B", B}});
    }
    if (v.verdict != Verdict::Proved) return parts.fail(v.verdict, "n = " + std::to_string(n) + " (converse)", v.detail);
    const z3::model& m = *v.witness;
    const auto wv = rationals_of(m, w, "w");
    const auto xv = rationals_of(m, x, "x");
    const auto sv = rationals_of(m, scores, "s");
    const ref::Rational budget = rational_of(m, B, "B");
    std::vector<ref::Score> rs;
    for (const auto& s : sv) rs.push_back({s, false});
    const ref::Allocation a = ref::queue(wv, rs, budget);
    if (a.seized != xv) {
      return parts.fail(Verdict::ReplayFailed, "n = " + std::to_string(n) + " (converse)",
                        "adl::ref::queue with scores " + show(sv) + " gives x = " + show(a.seized) + ", not the vertex " + show(xv));
    }
    if (n == max_n) replay += "; conversely adl::ref::queue with scores s = " + show(sv) + " returns the vertex x = " +
                              show(xv) + " (w = " + show(wv) + ", B = " + ref::to_fraction(budget) + ")";
  }
  return parts.proved("n ≤ " + std::to_string(max_n));
}

const bool registered = register_claim(
    {"THM-QUEUE-VERTEX", "queue outputs are exactly the vertices of P(w, B)", Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
