// Unit tests of to_wealth_book: positions aggregated into wealth-space
// accounts (DEF-ACCOUNT-AGGREGATE).
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/ref/aggregate.hpp"
#include "adl/ref/error.hpp"
#include "adl/ref/state.hpp"

#include <stdexcept>
#include <string>

namespace {

using adl::test::q;

using adl::ref::Account;
using adl::ref::Book;
using adl::ref::InvalidInput;
using adl::ref::Position;
using adl::ref::PositionBook;
using adl::ref::Rational;
using adl::ref::Side;

Position pos(const char* account, const char* market, Side side, const char* quantity, const char* entry,
             const char* collateral, const char* funding = "0") {
  Position p;
  p.account = account;
  p.market = market;
  p.side = side;
  p.quantity = q(quantity);
  p.entry_price = q(entry);
  p.collateral = q(collateral);
  p.funding = q(funding);
  return p;
}

// Marks M1 = 2, M2 = 1/2. X holds two positions; the others one each.
PositionBook mixed_book() {
  PositionBook b;
  b.marks = {{"M1", q("2")}, {"M2", q("1/2")}};
  b.positions = {pos("X", "M1", Side::Long, "3", "1", "1", "1/10"),  pos("Y", "M1", Side::Short, "1", "3/2", "1/2"),
                 pos("X", "M2", Side::Short, "4", "1", "2", "-1/5"), pos("Z", "M2", Side::Long, "1", "1", "2"),
                 pos("W", "M1", Side::Long, "2", "1", "0"),          pos("V", "M1", Side::Long, "0", "1", "1"),
                 pos("U", "M1", Side::Long, "1", "1", "1/2", "-1/4")};
  return b;
}

const Account& account_of(const Book& book, const std::string& id) {
  for (const Account& a : book.accounts) {
    if (a.id == id) return a;
  }
  throw std::runtime_error("no account " + id);
}

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no InvalidInput thrown)";
}

// @spec DEF-ACCOUNT-AGGREGATE: accounts in order of first appearance.
TEST(Aggregate, AccountOrder) {
  const Book book = adl::ref::to_wealth_book(mixed_book());
  ASSERT_EQ(book.accounts.size(), 6u);
  const char* order[] = {"X", "Y", "Z", "W", "V", "U"};
  for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(book.accounts[i].id, order[i]);
}

// @spec DEF-ACCOUNT-AGGREGATE: a two-market account sums cash, PnL, notional.
TEST(Aggregate, MultiPositionAccount) {
  const Book book = adl::ref::to_wealth_book(mixed_book());
  const Account& x = account_of(book, "X");
  EXPECT_EQ(x.cash, 3);
  // 3·(2 − 1) + 1/10 − 4·(1/2 − 1) − 1/5 = 3 + 1/10 + 2 − 1/5 = 49/10.
  EXPECT_EQ(x.pnl, q("49/10"));
  EXPECT_EQ(*x.notional, 8);                     // 3·2 + 4·(1/2)
  EXPECT_EQ(*x.leverage, q("7/3"));              // (1·3 + 1·4)/3
  EXPECT_FALSE(x.bankruptcy_score.has_value());  // multi-position: left absent
  EXPECT_FALSE(x.bankruptcy_score_infinite);
  EXPECT_FALSE(x.score.has_value());
}

// @spec DEF-ACCOUNT-AGGREGATE: single positions carry the Binance score ℓ·p̂/p^bk.
TEST(Aggregate, BinanceScore) {
  const Book book = adl::ref::to_wealth_book(mixed_book());
  // Y: short 1 from 3/2, c = 1/2, mark 2: PNL = −1/2, ℓ = 3, p^bk = 3/2 + 1/2 = 2, s = 3·2/2.
  const Account& y = account_of(book, "Y");
  EXPECT_EQ(y.pnl, q("-1/2"));
  EXPECT_EQ(*y.notional, 2);
  EXPECT_EQ(*y.leverage, 3);
  EXPECT_EQ(*y.bankruptcy_score, 3);
  EXPECT_FALSE(y.bankruptcy_score_infinite);
  // U: long 1 from 1, c = 1/2, Γ = −1/4: p^bk = 1 − (1/2 − 1/4) = 3/4, ℓ = 2, s = 2·2/(3/4).
  const Account& u = account_of(book, "U");
  EXPECT_EQ(u.pnl, q("3/4"));
  EXPECT_EQ(*u.bankruptcy_score, q("16/3"));
  // Z: long 1 from 1 with c = 2: p^bk = max(1 − 2, 0) = 0 ⇒ +∞ (AMB-P-03).
  const Account& z = account_of(book, "Z");
  EXPECT_EQ(*z.leverage, q("1/2"));
  EXPECT_TRUE(z.bankruptcy_score_infinite);
  EXPECT_FALSE(z.bankruptcy_score.has_value());
}

// @spec DEF-LEVERAGE: c = 0 leaves leverage (and the score) absent; so does q = 0.
TEST(Aggregate, UndefinedLeverage) {
  const Book book = adl::ref::to_wealth_book(mixed_book());
  const Account& w = account_of(book, "W");
  EXPECT_EQ(w.cash, 0);
  EXPECT_EQ(w.pnl, 2);
  EXPECT_EQ(*w.notional, 4);
  EXPECT_FALSE(w.leverage.has_value());
  EXPECT_FALSE(w.bankruptcy_score.has_value());
  EXPECT_FALSE(w.bankruptcy_score_infinite);
  const Account& v = account_of(book, "V");
  EXPECT_EQ(v.cash, 1);
  EXPECT_EQ(v.pnl, 0);
  EXPECT_EQ(*v.notional, 0);
  EXPECT_FALSE(v.leverage.has_value());
  EXPECT_FALSE(v.bankruptcy_score.has_value());
  EXPECT_FALSE(v.bankruptcy_score_infinite);
}

// @spec DEF-ACCOUNT-AGGREGATE: per-account maps are copied; unknown accounts rejected.
TEST(Aggregate, PerAccountMaps) {
  PositionBook b = mixed_book();
  b.max_haircut["X"] = q("1/2");
  b.min_equity["Y"] = q("0");
  b.score["Z"] = q("7");
  const Book book = adl::ref::to_wealth_book(b);
  EXPECT_EQ(*account_of(book, "X").max_haircut, q("1/2"));
  EXPECT_EQ(*account_of(book, "Y").min_equity, 0);
  EXPECT_EQ(*account_of(book, "Z").score, 7);
  EXPECT_FALSE(account_of(book, "X").min_equity.has_value());
  for (auto map : {&PositionBook::max_haircut, &PositionBook::min_equity, &PositionBook::score}) {
    PositionBook bad = mixed_book();
    (bad.*map)["nobody"] = q("1/2");
    const std::string m = message_of([&] { adl::ref::to_wealth_book(bad); });
    EXPECT_NE(m.find("nobody"), std::string::npos) << m;
  }
  PositionBook out_of_range = mixed_book();
  out_of_range.max_haircut["X"] = q("3/2");
  EXPECT_NE(message_of([&] { adl::ref::to_wealth_book(out_of_range); }).find("max_haircut"), std::string::npos);
}

// @spec DEF-POSITION: invalid positions name the account, the market and the field.
TEST(Aggregate, InvalidPositions) {
  struct Case {
    const char* field;
    void (*change)(Position&);
  };
  const Case cases[] = {
      {"quantity", [](Position& p) { p.quantity = -1; }},
      {"entry_price", [](Position& p) { p.entry_price = 0; }},
      {"collateral", [](Position& p) { p.collateral = q("-1/2"); }},
      {"open_time", [](Position& p) { p.open_time = -1; }},
  };
  for (const Case& c : cases) {
    PositionBook b = mixed_book();
    c.change(b.positions[1]);  // Y's position in M1
    const std::string m = message_of([&] { adl::ref::to_wealth_book(b); });
    EXPECT_NE(m.find("'Y'"), std::string::npos) << m;
    EXPECT_NE(m.find("M1"), std::string::npos) << m;
    EXPECT_NE(m.find(c.field), std::string::npos) << m;
  }
  PositionBook no_mark = mixed_book();
  no_mark.marks.erase("M2");
  const std::string m = message_of([&] { adl::ref::to_wealth_book(no_mark); });
  EXPECT_NE(m.find("M2"), std::string::npos) << m;
  EXPECT_NE(m.find("mark"), std::string::npos) << m;
  PositionBook zero_mark = mixed_book();
  zero_mark.marks["M1"] = 0;
  EXPECT_THROW(adl::ref::to_wealth_book(zero_mark), InvalidInput);
  PositionBook empty_account = mixed_book();
  empty_account.positions[0].account.clear();
  EXPECT_THROW(adl::ref::to_wealth_book(empty_account), InvalidInput);
}

// @spec DEF-ACCOUNT-AGGREGATE: an empty book is an empty wealth book.
TEST(Aggregate, EmptyBook) { EXPECT_TRUE(adl::ref::to_wealth_book(PositionBook{}).accounts.empty()); }

// @spec DEF-CAPACITY: the aggregated book feeds the ADL state directly.
TEST(Aggregate, FeedsTheState) {
  const auto s = adl::ref::summarize(adl::ref::to_wealth_book(mixed_book()));
  // w = (49/10, 0, 0, 2, 0, 3/4): U = 153/20; equities (79/10, 0, 3/2, 2, 1, 5/4), D = 0.
  EXPECT_EQ(s.capacity, q("153/20"));
  EXPECT_EQ(s.deficit, 0);
  EXPECT_EQ(s.winners.size(), 5u);  // Y has e = 0: neither winner nor loser
}

}  // namespace
