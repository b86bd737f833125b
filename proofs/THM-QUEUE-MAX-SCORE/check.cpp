// Statement (@spec THM-QUEUE-MAX-SCORE): for 0 ≤ B ≤ U and finite scores that are pairwise
//   distinct on eligible accounts, the queue output is the unique maximiser of
//   ⟨s, x⟩ = Σ s_i·x_i over P(w, B).
// Encoding: two variants, as the spec advises, both with the queue by its closed form
//   x_k = min(w_k, (B − Σ_{j<k} w_j)₊) (proofs/common/closed_forms) and a free x′ ∈ P(w, B);
//   the negation asserts x′ ≠ x and ⟨s, x′⟩ ≥ ⟨s, x⟩. (a) QF_NRA: free distinct scores,
//   relabelled so that s_1 ＞ s_2 ＞ … ＞ s_n (σ = identity without loss of generality), products
//   s_i·x_i; n ≤ min(bound, 4). (b) QF_LRA: scores fixed to n, n − 1, …, 1; n ≤ bound.
// Assumptions and bounds: w ≥ 0, 0 ≤ B ≤ Σ w; default bound 6.
// Expected: PROVED.
// Not modelled: ties in the scores (then the queue is a maximiser but not always the only one).
// Replay: adl::ref::queue with the model's scores returns the encoded x on a non-degenerate
//   model, and ⟨s, x⟩ > ⟨s, x′⟩ for the model's x′ ≠ x, in exact arithmetic.
#include "catalog.hpp"
#include "books.hpp"
#include "closed_forms.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/policies.hpp"

#include <algorithm>

namespace adl::proofs {
namespace {

using namespace books;
using namespace closed_forms;

ref::Rational inner(const std::vector<ref::Rational>& s, const std::vector<ref::Rational>& x) {
  ref::Rational t = 0;
  for (std::size_t i = 0; i < s.size(); ++i) t += s[i] * x[i];
  return t;
}

// Free scores (NRA) or the fixed scores n, n − 1, …, 1 (LRA).
runner::SizedQuery query(z3::context& ctx, const runner::Size& size, bool free_scores) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const auto other = reals(ctx, "xp", n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> s;
  if (free_scores) {
    s = reals(ctx, "s", n);
  } else {
    for (unsigned k = 0; k < n; ++k) s.push_back(ctx.real_val(static_cast<int>(n - k)));
  }
  std::vector<z3::expr> assumptions;
  for (unsigned k = 0; k < n; ++k) {
    assumptions.push_back(w[k] >= 0 && other[k] >= 0 && other[k] <= w[k]);
    // Distinct scores, relabelled in decreasing order (ineligible accounts have x = x′ = 0,
    // so their scores are irrelevant and may be placed anywhere).
    if (k > 0) assumptions.push_back(s[k - 1] > s[k]);
  }
  assumptions.push_back(B >= 0 && B <= sum(ctx, w));
  assumptions.push_back(sum(ctx, other) == B);
  const auto x = queue_closed_form(ctx, w, B);
  z3::expr same = ctx.bool_val(true);
  z3::expr sx = ctx.real_val(0);
  z3::expr so = ctx.real_val(0);
  for (unsigned k = 0; k < n; ++k) {
    same = same && other[k] == x[k];
    sx = sx + s[k] * x[k];
    so = so + s[k] * other[k];
  }
  const z3::expr conclusion = same || so < sx;
  std::vector<z3::expr> preferences{B > 0, B < sum(ctx, w), !same};
  for (unsigned k = 0; k < n; ++k) preferences.push_back(w[k] >= 1);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .preferences = preferences};
  q.witness = {{{"w", w}, {"s", s}, {"x", x}, {"x′", other}}, {{"B", B}}};
  q.replay = [w, s, x, other, B, free_scores](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto sv = rationals_of(m, s, "s");
    const auto xv = rationals_of(m, x, "x");
    const auto ov = rationals_of(m, other, "x'");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Allocation a = queue_by(wv, sv, budget);
    if (a.seized != xv || (ov != xv && inner(sv, ov) >= inner(sv, xv))) {
      return runner::mismatch("adl::ref::queue gives x = " + show(a.seized) + " (closed form " + show(xv) +
                              "), ⟨s, x⟩ = " + ref::to_fraction(inner(sv, a.seized)) +
                              ", ⟨s, x′⟩ = " + ref::to_fraction(inner(sv, ov)));
    }
    return runner::reproduced(std::string(free_scores ? "free scores s = " : "fixed scores s = ") + show(sv) +
                              ": adl::ref::queue returns x = " + show(xv) +
                              " with ⟨s, x⟩ = " + ref::to_fraction(inner(sv, xv)) +
                              " > ⟨s, x′⟩ = " + ref::to_fraction(inner(sv, ov)) + " for x′ = " + show(ov) +
                              " (w = " + show(wv) + ", B = " + ref::to_fraction(budget) + ")");
  };
  return q;
}

ClaimResult check(const Options& options) {
  const unsigned max_n = runner::bound(options.max_n, 6);
  const unsigned nra_n = std::min(max_n, 4u);
  const auto free = [](z3::context& ctx, const runner::Size& size) { return query(ctx, size, true); };
  const auto fixed = [](z3::context& ctx, const runner::Size& size) { return query(ctx, size, false); };
  return runner::check_parts(
      options, "THM-QUEUE-MAX-SCORE",
      {{.sizes = runner::sizes(1, nra_n), .query = free, .tag = ".free", .qualifier = " (free scores)"},
       {.sizes = runner::sizes(1, max_n), .query = fixed, .tag = ".fixed", .qualifier = " (fixed scores)"}},
      Verdict::Proved,
      "n ≤ " + std::to_string(nra_n) + " (free scores, NRA), n ≤ " + std::to_string(max_n) + " (fixed scores, LRA)");
}

const bool registered = register_claim({"THM-QUEUE-MAX-SCORE",
                                        "the queue is the unique maximiser of ⟨s, x⟩ over P(w, B) (distinct scores)",
                                        Verdict::Proved, check});

}  // namespace
}  // namespace adl::proofs
