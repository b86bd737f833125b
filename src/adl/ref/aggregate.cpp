#include "adl/ref/aggregate.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/liquidation.hpp"
#include "adl/ref/position.hpp"
#include "adl/ref/state.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace adl::ref {
namespace {

// Per-account sums while aggregating, in order of first appearance.
struct Totals {
  Account account;
  Rational entry_notional;  // Σ p_{t_i}·q
  std::vector<const Position*> positions;
};

const Rational& mark_of(const PositionBook& book, const Position& p) {
  const auto it = book.marks.find(p.market);
  if (it == book.marks.end()) {
    throw InvalidInput("position (account '" + p.account + "', market '" + p.market +
                       "'): mark price missing for market '" + p.market + "'");
  }
  return it->second;
}

template <class Apply>
void apply_map(const std::map<std::string, Rational>& values, std::vector<Totals>& totals, const char* field,
               Apply apply) {
  for (const auto& [id, value] : values) {
    bool found = false;
    for (Totals& t : totals) {
      if (t.account.id == id) {
        apply(t.account, value);
        found = true;
        break;
      }
    }
    if (!found) {
      throw InvalidInput("account '" + id + "': " + field + " given for an account with no position");
    }
  }
}

}  // namespace

Book to_wealth_book(const PositionBook& book) {
  for (const auto& [market, mark] : book.marks) {
    if (mark <= 0) {
      throw InvalidInput("market '" + market + "': mark price must be > 0, got " + to_fraction(mark));
    }
  }
  std::vector<Totals> totals;
  for (const Position& p : book.positions) {
    validate_position(p);
    const Rational& mark = mark_of(book, p);
    Totals* t = nullptr;
    for (Totals& existing : totals) {
      if (existing.account.id == p.account) {
        t = &existing;
        break;
      }
    }
    if (t == nullptr) {
      totals.push_back(Totals{});
      t = &totals.back();
      t->account.id = p.account;
      t->account.notional = Rational(0);
    }
    // DEF-ACCOUNT-AGGREGATE: cash = Σ c, PNL = Σ (b·q·(p_t − p_{t_i}) + Γ), notional = Σ p_t·q.
    t->account.cash += p.collateral;
    t->account.pnl += pnl_at_mark(p, mark);
    *t->account.notional += notional(mark, p.quantity);
    t->entry_notional += p.entry_price * p.quantity;
    t->positions.push_back(&p);
  }

  for (Totals& t : totals) {
    Account& a = t.account;
    // Initial leverage Σ p_{t_i}·q / Σ c: undefined (absent) when Σ c = 0
    // (DEF-LEVERAGE), and absent when Σ p_{t_i}·q = 0 (no exposure: a
    // wealth-space leverage must be > 0, FMT-WEALTH-CSV).
    if (a.cash > 0 && t.entry_notional > 0) a.leverage = t.entry_notional / a.cash;
    // Binance score ℓ·p̂/p^bk (DEF-QUEUE-SCORE) only for single-position
    // accounts with a defined leverage; p^bk is the entry form (AMB-M-03).
    if (t.positions.size() == 1 && a.leverage) {
      const Position& p = *t.positions.front();
      const Rational& mark = mark_of(book, p);
      const Rational p_bk = bankruptcy_price(p.side, p.quantity, p.entry_price, p.collateral, p.funding);
      if (p_bk == 0) {
        a.bankruptcy_score_infinite = true;  // AMB-P-03: +∞
      } else {
        a.bankruptcy_score = *a.leverage * mark / p_bk;
      }
    }
  }

  apply_map(book.max_haircut, totals, "max_haircut", [](Account& a, const Rational& v) { a.max_haircut = v; });
  apply_map(book.min_equity, totals, "min_equity", [](Account& a, const Rational& v) { a.min_equity = v; });
  apply_map(book.score, totals, "score", [](Account& a, const Rational& v) { a.score = v; });

  Book out;
  out.accounts.reserve(totals.size());
  for (Totals& t : totals) out.accounts.push_back(std::move(t.account));
  validate_book(out);  // e.g. a max_haircut outside [0, 1], named by account
  return out;
}

}  // namespace adl::ref
