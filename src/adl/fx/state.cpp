#include "adl/fx/state.hpp"

#include "adl/fx/wide.hpp"

#include <algorithm>
#include <optional>

namespace adl::fx {
namespace {

void require_columns(const Book& book) {
  const std::size_t n = book.endowment.size();
  require_indexable(n);
  if (book.equity.size() != n) {
    throw InvalidInput("the fx book has " + std::to_string(n) + " endowments but " +
                       std::to_string(book.equity.size()) + " equities");
  }
  if (!book.cap.empty() && book.cap.size() != n) {
    throw InvalidInput("the fx book has " + std::to_string(n) + " endowments but " + std::to_string(book.cap.size()) +
                       " caps");
  }
}

}  // namespace

BookState summarize(const Book& book) {
  require_columns(book);
  BookState s;
  i128 deficit = 0;
  i128 capacity = 0;
  i128 capped = 0;
  i128 winner_equity = 0;
  for (std::size_t i = 0; i < book.endowment.size(); ++i) {
    const Money w = book.endowment[i];
    const Money e = book.equity[i];
    if (w < 0) throw InvalidInput("account " + std::to_string(i + 1) + ": negative endowment");
    const Money c = book.cap.empty() ? w : book.cap[i];
    if (c < 0 || c > w) throw InvalidInput("account " + std::to_string(i + 1) + ": money cap outside [0, w]");
    capacity += w.raw();
    capped += c.raw();
    s.max_endowment = std::max(s.max_endowment, w);
    if (e > 0) {
      winner_equity += e.raw();
      ++s.winners;
    } else if (e < 0) {
      // −e ≤ 2⁶³ fits i128; Δ must fit int64 (e = INT64_MIN is out of range).
      const i128 shortfall = -static_cast<i128>(e);
      deficit += shortfall;
      s.max_shortfall = std::max(s.max_shortfall, Money::narrow(shortfall, "a shortfall e⁻"));
      ++s.losers;
    }
  }
  s.deficit = Money::narrow(deficit, "the deficit D = Σ e⁻");
  s.capacity = Money::narrow(capacity, "the capacity U = Σ w");
  s.capped_capacity = Money::narrow(capped, "the capped capacity C = Σ c");
  s.winner_equity = Money::narrow(winner_equity, "the winners' equity W = Σ e⁺");
  s.solvency = Money::narrow(winner_equity - deficit, "the solvency W − D");
  return s;
}

bool less(const Ratio& a, const Ratio& b) {
  // a.n/a.d ＜ b.n/b.d ⇔ a.n·b.d ＜ b.n·a.d, all factors non-negative and below 2¹²⁷.
  return compare_products(static_cast<u128>(a.numerator), static_cast<u128>(b.denominator),
                          static_cast<u128>(b.numerator), static_cast<u128>(a.denominator)) < 0;
}

RoundMetrics evaluate(const Book& book, const BookState& state, const Allocation& allocation) {
  require_columns(book);
  const std::size_t n = book.endowment.size();
  if (allocation.seized.size() != n) {
    throw InvalidInput("the allocation does not match the book's " + std::to_string(n) + " accounts");
  }
  if (allocation.budget < 0 || allocation.budget > state.deficit) {
    throw InvalidInput("the budget B = θ·D must lie in [0, D]");
  }
  RoundMetrics m;
  for (std::size_t i = 0; i < n; ++i) {
    const Money x = allocation.seized[i];
    const Money w = book.endowment[i];
    const Money e = book.equity[i];
    const i128 survivor = static_cast<i128>(w) - x.raw();
    if (survivor > m.top_survivor.raw()) m.top_survivor = Money::narrow(survivor, "a survivor w − x");
    if (e > 0 && x > 0) {
      const Ratio burden{x.raw(), e.raw()};
      if (less(m.max_burden, burden)) m.max_burden = burden;
    }
    if (w > 0 && x > 0) {
      const Ratio haircut{x.raw(), w.raw()};
      if (less(m.max_haircut, haircut)) m.max_haircut = haircut;
    }
    if (x > 0) ++m.winners_touched;
    if (w > 0 && survivor > 0) ++m.surviving_winners;
  }
  m.socialized = allocation.budget;
  m.remaining_deficit = state.deficit - allocation.budget;
  if (allocation.budget != 0) m.ptsr = Ratio{m.top_survivor.raw(), allocation.budget.raw()};
  // θ·Δ = B·Δ/D: non-zero iff B ＞ 0 and Δ ＞ 0 (then D ≥ Δ ＞ 0).
  if (allocation.budget != 0 && state.max_shortfall != 0) {
    m.pmr = Ratio{static_cast<i128>(m.top_survivor) * state.deficit.raw(),
                  static_cast<i128>(allocation.budget) * state.max_shortfall.raw()};
  }
  return m;
}

std::vector<std::string> violations(const Book& book, const Allocation& allocation, bool enforce_caps) {
  std::vector<std::string> out;
  const std::size_t n = book.endowment.size();
  if (allocation.seized.size() != n) {
    out.push_back("size: " + std::to_string(allocation.seized.size()) + " seized amounts for " + std::to_string(n) +
                  " accounts");
    return out;
  }
  i128 total = 0;
  std::optional<std::size_t> out_of_bounds;
  std::optional<std::size_t> over_cap;
  for (std::size_t i = 0; i < n; ++i) {
    const Money x = allocation.seized[i];
    total += x.raw();
    if ((x < 0 || x > book.endowment[i]) && !out_of_bounds) out_of_bounds = i;
    if (enforce_caps && !book.cap.empty() && x > book.cap[i] && !over_cap) over_cap = i;
  }
  if (total != allocation.budget.raw()) out.push_back("budget: Σ x ≠ B");
  if (out_of_bounds) out.push_back("bounds: x ∉ [0, w] at account " + std::to_string(*out_of_bounds + 1));
  if (over_cap) out.push_back("caps: x ＞ c at account " + std::to_string(*over_cap + 1));
  return out;
}

}  // namespace adl::fx
