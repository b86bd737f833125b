// Unit tests of the ADL state, budgets and validity predicates.
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/metrics.hpp"
#include "adl/ref/state.hpp"

#include <set>
#include <string>

namespace {

using adl::test::q;

using adl::ref::Account;
using adl::ref::Book;
using adl::ref::BudgetRequest;
using adl::ref::Infeasible;
using adl::ref::InvalidInput;
using adl::ref::Rational;

Account acct(const char* id, const char* cash, const char* pnl) {
  Account a;
  a.id = id;
  a.cash = q(cash);
  a.pnl = q(pnl);
  return a;
}

// A book with D = 6, U = 4.
Book thin_book() { return Book{{acct("w", "1", "4"), acct("l", "0", "-6")}}; }

// @spec DEF-ENDOWMENT: w = (PNL)₊; an equity winner may have zero endowment.
TEST(State, EquityWinnerWithZeroEndowment) {
  const auto s = adl::ref::summarize(Book{{acct("a", "5", "-1")}});
  EXPECT_EQ(s.equity[0], 4);
  EXPECT_EQ(s.endowment[0], 0);
  EXPECT_EQ(s.cap[0], 0);  // β = 0 when w = 0
  EXPECT_EQ(s.winners.size(), 1u);
  EXPECT_EQ(s.deficit, 0);
}

// @spec DEF-WINNER-LOSER: zero equity is neither winner nor loser.
TEST(State, ZeroEquityIsNeither) {
  const auto s = adl::ref::summarize(Book{{acct("z", "2", "-2")}});
  EXPECT_TRUE(s.winners.empty());
  EXPECT_TRUE(s.losers.empty());
}

// @spec DEF-CAPS: β = clip(min(h̄, 1 − (e̲ − c)/w)).
TEST(State, EffectiveCap) {
  Account a = acct("a", "2", "8");
  EXPECT_EQ(adl::ref::effective_cap(a), 1);
  a.max_haircut = q("1/4");
  EXPECT_EQ(adl::ref::effective_cap(a), q("1/4"));
  a.min_equity = q("9");  // 1 − (9 − 2)/8 = 1/8
  EXPECT_EQ(adl::ref::effective_cap(a), q("1/8"));
  a.min_equity = q("20");  // guarantee already violated pre-ADL (AMB-P-06): β = 0
  EXPECT_EQ(adl::ref::effective_cap(a), 0);
  a.max_haircut.reset();
  a.min_equity = q("-5");  // a floor below cash does not bind
  EXPECT_EQ(adl::ref::effective_cap(a), 1);
}

// @spec FMT-WEALTH-CSV: domain checks name the account and field.
TEST(State, ValidateBook) {
  Book b{{acct("a", "-1", "2")}};
  EXPECT_THROW(adl::ref::validate_book(b), InvalidInput);
  b = Book{{acct("a", "1", "2"), acct("a", "1", "2")}};
  EXPECT_THROW(adl::ref::validate_book(b), InvalidInput);
  b = Book{{acct("a", "1", "2")}};
  b.accounts[0].max_haircut = q("3/2");
  try {
    adl::ref::validate_book(b);
    FAIL() << "cap 3/2 accepted";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("max_haircut"), std::string::npos);
  }
}

// @spec DEF-SEVERITY-POLICY: θ = 0 and θ = 1, budgets, clipping only on request.
TEST(Budget, SeverityBounds) {
  const auto s = adl::ref::summarize(thin_book());
  EXPECT_EQ(adl::ref::resolve_budget(s, {q("0"), std::nullopt, false}).budget, 0);
  EXPECT_EQ(adl::ref::resolve_budget(s, {q("2/3"), std::nullopt, false}).budget, 4);  // B = U exactly
  EXPECT_THROW(adl::ref::resolve_budget(s, {q("1"), std::nullopt, false}), Infeasible);
  const auto clipped = adl::ref::resolve_budget(s, {q("1"), std::nullopt, true});
  EXPECT_EQ(clipped.budget, 4);
  EXPECT_EQ(clipped.severity, q("2/3"));
  EXPECT_TRUE(clipped.clipped);
  EXPECT_THROW(adl::ref::resolve_budget(s, {q("3/2"), std::nullopt, false}), InvalidInput);
  EXPECT_THROW(adl::ref::resolve_budget(s, {q("-1/2"), std::nullopt, false}), InvalidInput);
}

// @spec DEF-SEVERITY-POLICY: budgets in USD and the full-coverage default B* = min(D, U).
TEST(Budget, BudgetsAndDefault) {
  const auto s = adl::ref::summarize(thin_book());
  const auto b = adl::ref::resolve_budget(s, {std::nullopt, q("3"), false});
  EXPECT_EQ(b.severity, q("1/2"));
  EXPECT_THROW(adl::ref::resolve_budget(s, {std::nullopt, q("5"), false}), Infeasible);
  EXPECT_THROW(adl::ref::resolve_budget(s, {std::nullopt, q("7"), false}), InvalidInput);
  EXPECT_THROW(adl::ref::resolve_budget(s, {q("1/2"), q("3"), false}), InvalidInput);
  const auto def = adl::ref::resolve_budget(s, {});
  EXPECT_EQ(def.budget, 4);
  EXPECT_EQ(def.severity, q("2/3"));
}

// @spec DEF-SEVERITY-POLICY: θ = 1 on a book with U ≥ D socialises the whole deficit, B = D,
// and leaves no remaining deficit (THM-SEPARATION).
TEST(Budget, FullSeverityWhenCapacitySuffices) {
  const Book book{{acct("w", "1", "10"), acct("l", "0", "-6")}};
  const auto s = adl::ref::summarize(book);
  const auto b = adl::ref::resolve_budget(s, {q("1"), std::nullopt, false});
  EXPECT_EQ(b.budget, 6);
  EXPECT_EQ(b.severity, 1);
  EXPECT_FALSE(b.clipped);
  adl::ref::Allocation a;
  a.severity = b.severity;
  a.budget = b.budget;
  a.seized = {q("6"), q("0")};
  a.haircut = {q("3/5"), q("0")};
  EXPECT_TRUE(adl::ref::check_allocation(book, s, a, true).valid());
  EXPECT_EQ(adl::ref::evaluate(book, s, a).remaining_deficit, 0);
  // The default request is the same full-coverage budget here: min(D, U) = D.
  EXPECT_EQ(adl::ref::resolve_budget(s, {}).budget, 6);
}

// @spec POL-VALID: D = 0 ⇒ B = 0 and θ reported 0.
TEST(Budget, ZeroDeficit) {
  const auto s = adl::ref::summarize(Book{{acct("a", "1", "2")}});
  const auto b = adl::ref::resolve_budget(s, {q("1"), std::nullopt, false});
  EXPECT_EQ(b.severity, 0);
  EXPECT_EQ(b.budget, 0);
  EXPECT_THROW(adl::ref::resolve_budget(s, {std::nullopt, q("1"), false}), InvalidInput);
}

// @spec POL-VALID: each predicate reports its own violation.
TEST(Validity, EachPredicateCanFail) {
  const Book book = thin_book();
  const auto s = adl::ref::summarize(book);
  adl::ref::Allocation a;
  a.severity = q("1/2");
  a.budget = 3;
  a.seized = {q("3"), q("0")};
  a.haircut = {q("3/4"), q("0")};
  EXPECT_TRUE(adl::ref::check_allocation(book, s, a, true).valid());

  auto broken = a;
  broken.seized[0] = q("5");  // more than w = 4, and Σx ≠ B
  broken.haircut[0] = q("5/4");
  auto r = adl::ref::check_allocation(book, s, broken, false);
  std::set<std::string> preds;
  for (const auto& v : r.violations) preds.insert(v.predicate);
  EXPECT_EQ(preds, (std::set<std::string>{"budget-balance", "bounds", "haircut"}));

  broken = a;
  broken.haircut[0] = q("1/2");  // h·w ≠ x
  r = adl::ref::check_allocation(book, s, broken, false);
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].predicate, "haircut");

  broken = a;
  broken.haircut[1] = q("1/2");  // haircut on a zero endowment
  r = adl::ref::check_allocation(book, s, broken, false);
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].account, 1u);

  broken = a;
  broken.budget = 4;  // B ≠ θ·D and Σx ≠ B
  r = adl::ref::check_allocation(book, s, broken, false);
  EXPECT_EQ(r.violations.size(), 2u);

  broken = a;
  broken.severity = 1;  // θ·D = 6 > U, and B = 3 ≠ 6
  broken.budget = 6;
  broken.seized = {q("6"), q("0")};
  broken.haircut = {q("3/2"), q("0")};
  r = adl::ref::check_allocation(book, s, broken, false);
  preds.clear();
  for (const auto& v : r.violations) preds.insert(v.predicate);
  EXPECT_TRUE(preds.count("feasibility"));

  broken = a;
  broken.seized.pop_back();
  r = adl::ref::check_allocation(book, s, broken, false);
  ASSERT_EQ(r.violations.size(), 1u);
  EXPECT_EQ(r.violations[0].predicate, "size");
}

// @spec DEF-CAPS: the cap and minimum-equity predicates apply only when enforced.
TEST(Validity, CapsOnlyWhenEnforced) {
  Book book = thin_book();
  book.accounts[0].max_haircut = q("1/2");
  book.accounts[0].min_equity = q("3");
  const auto s = adl::ref::summarize(book);
  adl::ref::Allocation a;
  a.severity = q("1/2");
  a.budget = 3;
  a.seized = {q("3"), q("0")};  // h = 3/4 > β = 1/2; e' = 2 < 3
  a.haircut = {q("3/4"), q("0")};
  EXPECT_TRUE(adl::ref::check_allocation(book, s, a, false).valid());
  const auto r = adl::ref::check_allocation(book, s, a, true);
  ASSERT_EQ(r.violations.size(), 2u);
  EXPECT_EQ(r.violations[0].predicate, "cap");
  EXPECT_EQ(r.violations[1].predicate, "min-equity");
}

// @spec MET-PTSR: PTSR and PMR are undefined when θ·D = 0; metrics of a zero round.
TEST(Metrics, UndefinedRatiosAtZeroSeverity) {
  const Book book = thin_book();
  const auto s = adl::ref::summarize(book);
  adl::ref::Allocation a;
  a.severity = 0;
  a.budget = 0;
  a.seized = {q("0"), q("0")};
  a.haircut = {q("0"), q("0")};
  const auto m = adl::ref::evaluate(book, s, a);
  EXPECT_FALSE(m.ptsr.has_value());
  EXPECT_FALSE(m.pmr.has_value());
  EXPECT_EQ(m.top_survivor, 4);
  EXPECT_EQ(m.remaining_deficit, 6);
  EXPECT_EQ(m.winners_touched, 0u);
  EXPECT_EQ(m.surviving_winners, 1u);
}

// @spec MET-MAX-BURDEN: burden x/e over accounts with e > 0; θ = 2/3 takes all of U.
TEST(Metrics, MaxBurdenAndFullSeizure) {
  const Book book = thin_book();
  const auto s = adl::ref::summarize(book);
  adl::ref::Allocation a;
  a.severity = q("2/3");
  a.budget = 4;
  a.seized = {q("4"), q("0")};
  a.haircut = {q("1"), q("0")};
  const auto m = adl::ref::evaluate(book, s, a);
  EXPECT_EQ(m.max_burden, q("4/5"));
  EXPECT_EQ(m.max_haircut, 1);
  EXPECT_EQ(m.surviving_winners, 0u);
  EXPECT_EQ(m.post_equity[0], 1);  // cash is protected
  EXPECT_EQ(*m.ptsr, 0);
}

// @spec MET-OVERSHOOT
TEST(Metrics, BudgetGap) {
  const auto over = adl::ref::budget_gap(q("5"), q("3"));
  EXPECT_EQ(over.signed_gap, 2);
  EXPECT_EQ(over.overshoot, 2);
  EXPECT_EQ(over.undershoot, 0);
  const auto under = adl::ref::budget_gap(q("1"), q("3"));
  EXPECT_EQ(under.signed_gap, -2);
  EXPECT_EQ(under.overshoot, 0);
  EXPECT_EQ(under.undershoot, 2);
}

}  // namespace
