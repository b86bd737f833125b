#include "adl/ref/metrics.hpp"

#include "adl/ref/error.hpp"

#include <algorithm>
#include <functional>

namespace adl::ref {
namespace {

std::string who(const Book& book, std::size_t i) { return "account '" + book.accounts[i].id + "'"; }

std::vector<Rational> sorted_decreasing(std::vector<Rational> v) {
  std::sort(v.begin(), v.end(), std::greater<>());
  return v;
}

}  // namespace

ValidityReport check_allocation(const Book& book, const BookState& state, const Allocation& allocation,
                                bool enforce_caps) {
  ValidityReport report;
  const std::size_t n = book.accounts.size();
  const auto fail = [&](std::string predicate, std::optional<std::size_t> account, std::string detail) {
    report.violations.push_back({std::move(predicate), account, std::move(detail)});
  };
  if (allocation.seized.size() != n || allocation.haircut.size() != n) {
    fail("size", std::nullopt,
         "the allocation has " + std::to_string(allocation.seized.size()) + " seized amounts and " +
             std::to_string(allocation.haircut.size()) + " haircuts for " + std::to_string(n) + " accounts");
    return report;
  }
  const Rational& theta = allocation.severity;
  const Rational& B = allocation.budget;
  if (theta < 0 || theta > 1) {
    fail("severity", std::nullopt, "θ = " + format_exact(theta) + " is outside [0, 1]");
  }
  // Budget balance: Σ x_i = B and B = θ·D.
  Rational total = 0;
  for (const Rational& x : allocation.seized) total += x;
  if (total != B) {
    fail("budget-balance", std::nullopt, "Σx = " + format_exact(total) + " but the budget B = " + format_exact(B));
  }
  if (B != theta * state.deficit) {
    fail("budget-balance", std::nullopt,
         "B = " + format_exact(B) + " but θ·D = " + format_exact(theta * state.deficit));
  }
  // Feasibility: B ≤ U.
  if (B > state.capacity) {
    fail("feasibility", std::nullopt,
         "B = " + format_exact(B) + " exceeds the capacity U = " + format_exact(state.capacity));
  }
  for (std::size_t i = 0; i < n; ++i) {
    const Rational& x = allocation.seized[i];
    const Rational& h = allocation.haircut[i];
    const Rational& w = state.endowment[i];
    // Bounds: 0 ≤ x ≤ w, so principal (cash) is never touched.
    if (x < 0 || x > w) {
      fail("bounds", i,
           who(book, i) + ": seized " + format_exact(x) + " outside [0, w = " + format_exact(w) +
               "] (ADL may seize only positive PnL)");
    }
    // Haircut consistency: h ∈ [0, 1], h·w = x, h = 0 when w = 0.
    if (h < 0 || h > 1) {
      fail("haircut", i, who(book, i) + ": haircut " + format_exact(h) + " outside [0, 1]");
    } else if (w == 0 && h != 0) {
      fail("haircut", i, who(book, i) + ": haircut " + format_exact(h) + " on a zero endowment");
    } else if (h * w != x) {
      fail("haircut", i, who(book, i) + ": h·w = " + format_exact(h * w) + " differs from x = " + format_exact(x));
    }
    if (!enforce_caps) continue;
    if (h > state.cap[i]) {
      fail(
          "cap", i,
          who(book, i) + ": haircut " + format_exact(h) + " above the effective cap β = " + format_exact(state.cap[i]));
    }
    const auto& floor = book.accounts[i].min_equity;
    if (floor && x > 0 && state.equity[i] - x < *floor) {
      fail("min-equity", i,
           who(book, i) + ": post-ADL equity " + format_exact(state.equity[i] - x) + " below the minimum " +
               format_exact(*floor));
    }
  }
  return report;
}

RoundMetrics evaluate(const Book& book, const BookState& state, const Allocation& allocation) {
  const std::size_t n = book.accounts.size();
  if (allocation.seized.size() != n || allocation.haircut.size() != n) {
    throw InvalidInput("the allocation does not match the book's " + std::to_string(n) + " accounts");
  }
  RoundMetrics m;
  m.post_equity.reserve(n);
  m.survivor.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Rational& x = allocation.seized[i];
    const Rational& w = state.endowment[i];
    const Rational& e = state.equity[i];
    m.post_equity.push_back(e - x);
    m.survivor.push_back(w - x);
    m.top_survivor = std::max(m.top_survivor, positive_part(w - x));
    if (e > 0) m.max_burden = std::max(m.max_burden, x / e);
    m.max_haircut = std::max(m.max_haircut, allocation.haircut[i]);
    if (x > 0) ++m.winners_touched;
    if (w > 0 && w - x > 0) ++m.surviving_winners;
  }
  m.socialized = allocation.severity * state.deficit;
  m.remaining_deficit = (1 - allocation.severity) * state.deficit;
  if (m.socialized != 0) m.ptsr = m.top_survivor / m.socialized;
  const Rational pmr_denominator = allocation.severity * state.max_shortfall;
  if (pmr_denominator != 0) m.pmr = m.top_survivor / pmr_denominator;
  return m;
}

BudgetGap budget_gap(const Rational& budget, const Rational& needed) {
  const Rational gap = budget - needed;
  return {gap, positive_part(gap), negative_part(gap)};
}

bool weakly_submajorized(const std::vector<Rational>& x, const std::vector<Rational>& y) {
  if (x.size() != y.size()) {
    throw InvalidInput("majorization compares vectors of equal length (" + std::to_string(x.size()) + " vs " +
                       std::to_string(y.size()) + ")");
  }
  const std::vector<Rational> xs = sorted_decreasing(x);
  const std::vector<Rational> ys = sorted_decreasing(y);
  Rational top_x = 0;
  Rational top_y = 0;
  for (std::size_t k = 0; k < xs.size(); ++k) {
    top_x += xs[k];
    top_y += ys[k];
    if (top_x > top_y) return false;
  }
  return true;
}

bool majorized(const std::vector<Rational>& x, const std::vector<Rational>& y) {
  if (!weakly_submajorized(x, y)) return false;
  Rational sx = 0;
  Rational sy = 0;
  for (const Rational& v : x) sx += v;
  for (const Rational& v : y) sy += v;
  return sx == sy;
}

}  // namespace adl::ref
