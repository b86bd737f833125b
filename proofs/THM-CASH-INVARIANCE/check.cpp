// Statement (@spec THM-CASH-INVARIANCE): for two allocations x^A, x^B of the same book,
//   e′^A − e′^B = x^B − x^A, independent of the cash c.
// Encoding: QF_LRA. Variables per account: cash c_i and an alternative cash c′_i, PNL_i, seized
//   x^A_i, x^B_i; the budget B. w_i = (PNL_i)₊ by if-then-else (DEF-ENDOWMENT) and
//   e′_i = c_i + PNL_i − x_i (DEF-POST-ADL-EQUITY).
// Assumptions and bounds: c, c′ ≥ 0, B ≥ 0, x^A, x^B ∈ P(w, B) (0 ≤ x_i ≤ w_i, Σ x_i = B);
//   every n from 1 to the bound (default 6). Conclusion: for every i,
//   e′^A_i − e′^B_i = x^B_i − x^A_i under c, and the same differences under c′.
// Expected: PROVED (negation unsat for every n; assumptions satisfiable).
// Not modelled: the consequences the statement draws (results using only budget balance and
//   the order or convexity of w − x carry over; feasibility θ·D ≤ U changes with w).
// Replay: on a non-degenerate witness of every n (B ＞ 0, PNL ＞ 0, c ≠ c′, x^A ≠ x^B for n ≥ 2)
//   both allocations run through adl::ref::evaluate on the book with cash c and on the book
//   with cash c′ (one loser of shortfall B added, θ = B/D); adl::ref::check_allocation must
//   find all four valid and the post-ADL equity differences must equal x^B − x^A exactly.
#include "catalog.hpp"
#include "books.hpp"
#include "runner.hpp"
#include "smt.hpp"
#include "validity.hpp"

namespace adl::proofs {
namespace {

using ref::Rational;

std::vector<z3::expr> post_equity(const std::vector<z3::expr>& cash, const std::vector<z3::expr>& pnl,
                                  const std::vector<z3::expr>& seized) {
  std::vector<z3::expr> out;
  for (std::size_t i = 0; i < pnl.size(); ++i) out.push_back(cash[i] + pnl[i] - seized[i]);
  return out;
}

// Differences e′^A − e′^B through adl::ref on the book with the given cash; empty on a
// validity failure (`why` says which).
std::vector<Rational> differences(const std::vector<Rational>& cash, const std::vector<Rational>& pnl,
                                  const std::vector<Rational>& xa, const std::vector<Rational>& xb,
                                  const Rational& budget, std::string& why) {
  const ref::Book book = books::replay_book(cash, pnl, {}, {}, budget);
  const auto a = books::replay_allocation(book, xa, budget);
  const auto b = books::replay_allocation(book, xb, budget);
  if (!a.validity.valid() || !b.validity.valid()) {
    why = "check_allocation: x^A " + validity::describe(a.validity) + ", x^B " + validity::describe(b.validity);
    return {};
  }
  std::vector<Rational> out;
  for (std::size_t i = 0; i < pnl.size(); ++i) out.push_back(a.metrics.post_equity[i] - b.metrics.post_equity[i]);
  return out;
}

runner::SizedQuery query(z3::context& ctx, const runner::Size& size) {
  const unsigned n = size.n;
  const std::string name = "THM-CASH-INVARIANCE.n" + std::to_string(n);
  const auto cash = reals(ctx, "c", n), cash_alt = reals(ctx, "c_alt", n), pnl = reals(ctx, "PNL", n);
  const auto xa = reals(ctx, "xA", n), xb = reals(ctx, "xB", n);
  const z3::expr B = ctx.real_const("B");
  std::vector<z3::expr> w;
  for (const auto& p : pnl) w.push_back(positive_part(p));
  std::vector<z3::expr> assumptions{B >= 0, validity::budget_and_bounds(ctx, w, xa, B),
                                    validity::budget_and_bounds(ctx, w, xb, B)};
  std::vector<z3::expr> preferences{B > 0};
  for (unsigned i = 0; i < n; ++i) {
    assumptions.push_back(cash[i] >= 0 && cash_alt[i] >= 0);
    preferences.push_back(pnl[i] > 0 && cash[i] > 0 && cash[i] != cash_alt[i]);
  }
  if (n >= 2) preferences.push_back(xa[0] != xb[0]);
  const auto ea = post_equity(cash, pnl, xa), eb = post_equity(cash, pnl, xb);
  const auto ea_alt = post_equity(cash_alt, pnl, xa), eb_alt = post_equity(cash_alt, pnl, xb);
  z3::expr conclusion = ctx.bool_val(true);
  for (unsigned i = 0; i < n; ++i) {
    conclusion = conclusion && ea[i] - eb[i] == xb[i] - xa[i] && ea_alt[i] - eb_alt[i] == ea[i] - eb[i];
  }
  runner::SizedQuery q = runner::non_degenerate_query(
      assumptions, conclusion, preferences,
      {{"c", cash}, {"c′", cash_alt}, {"PNL", pnl}, {"w", w}, {"x^A", xa}, {"x^B", xb}}, {{"B", B}});
  q.replay = [cash, cash_alt, pnl, xa, xb, B, n, name](const z3::model& m) {
    const auto c_v = rationals_of(m, cash, "c"), c_alt_v = rationals_of(m, cash_alt, "c_alt");
    const auto pnl_v = rationals_of(m, pnl, "PNL"), xa_v = rationals_of(m, xa, "xA");
    const auto xb_v = rationals_of(m, xb, "xB");
    const Rational budget = rational_of(m, B, "B");
    std::string why;
    const auto with_c = differences(c_v, pnl_v, xa_v, xb_v, budget, why);
    const auto with_alt = why.empty() ? differences(c_alt_v, pnl_v, xa_v, xb_v, budget, why) : with_c;
    if (!why.empty()) return runner::mismatch(name + ": " + why);
    for (unsigned i = 0; i < n; ++i) {
      if (with_c[i] != xb_v[i] - xa_v[i] || with_alt[i] != with_c[i]) {
        return runner::mismatch(name + ": account " + std::to_string(i + 1) + ": adl::ref gives e′^A − e′^B = " +
                                ref::to_fraction(with_c[i]) + " (cash c) and " + ref::to_fraction(with_alt[i]) +
                                " (cash c′), x^B − x^A = " + ref::to_fraction(xb_v[i] - xa_v[i]));
      }
    }
    return runner::reproduced("adl::ref::evaluate on the books with cash c and c′ of every n ≤ " + std::to_string(n) +
                              " (last: x^A = " + books::show(xa_v) + ", x^B = " + books::show(xb_v) +
                              ") gives e′^A − e′^B = x^B − x^A = " + books::show(with_c) +
                              " under both cash vectors; check_allocation finds every allocation valid");
  };
  return q;
}

const bool registered = register_claim(
    runner::each_n("THM-CASH-INVARIANCE", "e′ differences do not depend on cash", Verdict::Proved, 6, query));

}  // namespace
}  // namespace adl::proofs
