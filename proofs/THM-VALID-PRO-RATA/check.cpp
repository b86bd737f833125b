// Statement (@spec THM-VALID-PRO-RATA): for U ＞ 0 and 0 ≤ B ≤ U, x_i = B·w_i/U satisfies
//   Σ x_i = B and 0 ≤ x_i ≤ w_i with h_i = B/U on eligible accounts (0 elsewhere); for B ＞ U
//   (or U = 0 ＜ B) no allocation exists.
// Encoding: QF_NRA. Variables w_1..w_n, B, the level r and x_1..x_n with the denominators
//   cleared: r·U = B and x_i·U = B·w_i (U ＞ 0 is an explicit hypothesis); h_i = r for w_i ＞ 0,
//   else 0. Part 2 (B ＞ U, which includes U = 0 ＜ B): free x with 0 ≤ x ≤ w, LRA.
// Assumptions and bounds: w ≥ 0, U = Σ w ＞ 0, 0 ≤ B ≤ U (part 2: B ＞ U); n from 1 to the
//   bound (default 6).
// Expected: PROVED (negations unsat for every n; assumptions satisfiable).
// Not modelled: caps (wealth pro-rata does not bind them).
// Replay: adl::ref::pro_rata on each witness book must return the encoded x and h exactly and
//   pass check_allocation; on the part-2 witness it must throw Infeasible.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

#include "adl/ref/policies.hpp"

namespace adl::proofs {
namespace {

using namespace books;
using namespace validity;

runner::SizedQuery pro_rata_is_valid(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const auto w = reals(ctx, "w", n);
  const auto x = reals(ctx, "x", n);
  const z3::expr B = ctx.real_const("B");
  const z3::expr r = ctx.real_const("r");
  const z3::expr U = sum(ctx, w);
  std::vector<z3::expr> assumptions;
  for (const auto& wk : w) assumptions.push_back(wk >= 0);
  assumptions.push_back(U > 0);
  assumptions.push_back(B >= 0 && B <= U);
  assumptions.push_back(r * U == B);
  for (unsigned k = 0; k < n; ++k) assumptions.push_back(x[k] * U == B * w[k]);
  std::vector<z3::expr> h;
  for (unsigned k = 0; k < n; ++k) h.push_back(z3::ite(w[k] > 0, r, ctx.real_val(0)));
  z3::expr conclusion = budget_and_bounds(ctx, w, x, B);
  for (unsigned k = 0; k < n; ++k) conclusion = conclusion && h[k] >= 0 && h[k] <= 1 && h[k] * w[k] == x[k];
  // A witness worth replaying: 0 < B < U and every account eligible.
  std::vector<z3::expr> preferences{B > 0, B < U};
  for (const auto& wk : w) preferences.push_back(wk >= 1);
  runner::SizedQuery q{.assumptions = assumptions, .conclusion = conclusion, .preferences = preferences};
  q.witness = {{{"w", w}, {"x", x}, {"h", h}}, {{"B", B}}};
  q.replay = [w, x, h, B, n](const z3::model& m) {
    const auto wv = rationals_of(m, w, "w");
    const auto xv = rationals_of(m, x, "x");
    const auto hv = rationals_of(m, h, "h");
    const ref::Rational budget = rational_of(m, B, "B");
    const ref::Allocation a = ref::pro_rata(wv, budget);
    const auto report = check_on_book(replay_book(wv, budget), a.seized, a.haircut, budget, false);
    if (a.seized != xv || a.haircut != hv || !report.valid()) {
      return runner::mismatch("n = " + std::to_string(n) + ": adl::ref::pro_rata gives x = " + show(a.seized) + " (" +
                              describe(report) + "); the encoding gives x = " + show(xv));
    }
    return runner::reproduced("adl::ref::pro_rata reproduces x = " + show(xv) + ", h = " + show(hv) +
                              " on the n = " + std::to_string(n) + " witness w = " + show(wv) +
                              ", B = " + ref::to_fraction(budget) + ", valid by check_allocation");
  };
  return q;
}

// Valid for 0 ≤ B ≤ U; for B > U no allocation exists and adl::ref refuses it.
const bool registered = register_claim(policy_claim(
    "THM-VALID-PRO-RATA", "wealth pro-rata is valid for 0 ≤ B ≤ U (h = B/U); B > U is infeasible", 6, pro_rata_is_valid,
    "pro_rata",
    [](const std::vector<ref::Rational>& w, const ref::Rational& budget) { (void)ref::pro_rata(w, budget); }));

}  // namespace
}  // namespace adl::proofs
