// Statement (@spec THM-MINMAX-PR): for U ＞ 0 and 0 ≤ B ≤ U, the minimum over x ∈ P(w, B) of
//   max over w_i ＞ 0 of x_i/w_i is B/U, attained only by pro-rata (h_i = B/U).
// Encoding: QF_NRA with the denominators cleared (U ＞ 0, w_i ＞ 0 explicit): a free x′ ∈ P(w, B);
//   "h′_i ≥ B/U" is x′_i·U ≥ B·w_i. Conclusion: some eligible i has x′_i·U ≥ B·w_i (max h′ ≥ B/U),
//   and if every eligible x′_i·U ≤ B·w_i then every x′_i·U = B·w_i (x′ is pro-rata).
// Assumptions and bounds: w ≥ 0, U = Σ w ＞ 0, 0 ≤ B ≤ U; n from 1 to the bound (default 4: NRA;
//   the spec's n ≤ 6 is not reached, n = 5 exceeds the 20 s query timeout).
// Expected: PROVED.
// Not modelled: caps.
// Replay: on a non-degenerate model adl::ref::pro_rata has maximum haircut exactly B/U
//   (adl::ref::evaluate), and the model's x′ has maximum haircut ≥ B/U in exact arithmetic.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"

#include "adl/ref/metrics.hpp"
#include "adl/ref/policies.hpp"
#include "adl/ref/state.hpp"

namespace adl::proofs {
namespace {

using namespace books;

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const auto x = reals(ctx, "xp", n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr U = sum(ctx, w);
  std::vector<z3::expr> assumptions;
  for (unsigned i = 0; i < n; ++i) assumptions.push_back(w[i] >= 0 && x[i] >= 0 && x[i] <= w[i]);
  assumptions.push_back(U > 0 && B >= 0 && B <= U);
  assumptions.push_back(sum(ctx, x) == B);
  z3::expr reaches = ctx.bool_val(false);
  z3::expr below = ctx.bool_val(true);
  z3::expr pro_rata = ctx.bool_val(true);
  for (unsigned i = 0; i < n; ++i) {
    reaches = reaches || (w[i] > 0 && x[i] * U >= B * w[i]);
    below = below && z3::implies(w[i] > 0, x[i] * U <= B * w[i]);
    pro_rata = pro_rata && x[i] * U == B * w[i];
  }
  const z3::expr conclusion = reaches && z3::implies(below, pro_rata);
  std::vector<z3::expr> preferences{B > 0, B < U, !pro_rata};
  for (const auto& wi : w) preferences.push_back(wi >= 1);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .preferences = preferences};
  q.witness = {{{"w", w}, {"x′", x}}, {{"B", B}}};
  q.replay = [w, x, B, n](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto xv = rationals_of(m, x, "x'");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Rational level = budget / total(wv);
    const ref::Allocation a = ref::pro_rata(wv, budget);
    const ref::Book rb = replay_book(wv, budget);
    ref::Allocation padded = a;
    padded.seized.push_back(0);
    padded.haircut.push_back(0);
    const ref::Rational ours = ref::evaluate(rb, ref::summarize(rb), padded).max_haircut;
    ref::Rational theirs = 0;
    for (unsigned i = 0; i < n; ++i) {
      if (wv[i] > 0) theirs = std::max(theirs, ref::Rational(xv[i] / wv[i]));
    }
    if (ours != level || theirs < level || (theirs == level && xv != a.seized)) {
      return runner::mismatch("adl::ref::pro_rata has max haircut " + ref::to_fraction(ours) + ", B/U = " +
                              ref::to_fraction(level) + ", x′ = " + show(xv) + " has " + ref::to_fraction(theirs));
    }
    return runner::reproduced("adl::ref::pro_rata has max haircut B/U = " + ref::to_fraction(level) +
                              " while x′ = " + show(xv) + " has " + ref::to_fraction(theirs) + " (w = " + show(wv) +
                              ", B = " + ref::to_fraction(budget) + ", n = " + std::to_string(n) + ")");
  };
  return q;
}

// NRA; n = 5 exceeds 20 s.
const bool registered = register_claim(runner::each_n(
    "THM-MINMAX-PR", "pro-rata is the unique minimiser of the maximum haircut, value B/U", Verdict::Proved, 4, query));

}  // namespace
}  // namespace adl::proofs
