// The fx ↔ ref seam (spec/fx.md, FX-TO-EXACT, FX-ROUNDING, FX-SCALES): exact
// images, the rounding written from the spec, and checked book conversion.
#include <gtest/gtest.h>

#include "adl/fx/convert.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/number.hpp"

#include <string>
#include <vector>

namespace {

using adl::fx::Fraction;
using adl::fx::Money;
using adl::ref::parse_rational;
using adl::ref::Rational;

std::vector<Rational> usd(std::initializer_list<const char*> items) {
  std::vector<Rational> out;
  for (const char* s : items) out.push_back(parse_rational(s));
  return out;
}

/// @spec FX-TO-EXACT
/// @spec FX-SCALES
TEST(FxToExact, ScalesAndCaps) {
  EXPECT_EQ(adl::fx::to_exact_money(1'500'000), parse_rational("1.5"));
  EXPECT_EQ(adl::fx::to_exact_money(-1), parse_rational("-0.000001"));
  EXPECT_EQ(adl::fx::to_exact_fraction(250'000'000), parse_rational("1/4"));
  EXPECT_EQ(adl::fx::to_exact_quantity(12345, 3), parse_rational("12.345"));
  EXPECT_THROW(adl::fx::to_exact_quantity(1, 19), adl::fx::InvalidInput);
  // β′ = c/w, and 0 for a zero endowment.
  EXPECT_EQ(adl::fx::to_exact_caps(std::vector<Money>{8, 0, 3}, std::vector<Money>{4, 0, 3}), usd({"1/2", "0", "1"}));
  const auto scores = adl::fx::to_exact_scores(std::vector<Fraction>{adl::fx::infinite_score, -2'000'000'000});
  EXPECT_TRUE(scores[0].infinite);
  EXPECT_FALSE(scores[1].infinite);
  EXPECT_EQ(scores[1].value, Rational(-2));
  EXPECT_EQ(adl::fx::to_exact(adl::fx::ContractRounding::Round), adl::ref::ContractRounding::Round);
}

/// @spec FX-TO-EXACT
TEST(FxToExact, BookColumns) {
  adl::fx::Book book;
  book.endowment = {2'000'000, 0};
  book.equity = {3'000'000, -1};
  book.cap = {1'000'000, 0};
  book.score = {adl::fx::infinite_score, 7};
  book.quantity = {15, 4};
  book.quantity_decimals = 1;
  book.loss_per_contract = 2'500'000;
  const adl::fx::ExactBook exact = adl::fx::to_exact(book);
  EXPECT_EQ(exact.endowment, usd({"2", "0"}));
  EXPECT_EQ(exact.equity, usd({"3", "-0.000001"}));
  EXPECT_EQ(exact.cap, usd({"1/2", "0"}));
  EXPECT_TRUE(exact.score[0].infinite);
  EXPECT_EQ(exact.quantity, usd({"1.5", "0.4"}));
  EXPECT_EQ(exact.loss_per_contract, parse_rational("2.5"));
  EXPECT_TRUE(exact.leverage.empty());
}

/// @spec FX-ROUNDING
TEST(FxRoundToFx, LargestRemaindersTiesByAscendingIndex) {
  // x⋆ = (1/3, 1/3, 1/3) micro-USD, B = 1: the unit goes to account 1.
  const Rational third_micro = Rational(1, 3'000'000);
  EXPECT_EQ(adl::fx::round_to_fx({third_micro, third_micro, third_micro}, 1), (std::vector<Money>{1, 0, 0}));
  // x⋆ = (1.2, 2.45, 0.35) micro-USD, B = 4: floors (1, 2, 0), remainders (.2, .45, .35): L = 1 → account 2.
  EXPECT_EQ(adl::fx::round_to_fx({Rational(12, 10'000'000), Rational(245, 100'000'000), Rational(35, 100'000'000)}, 4),
            (std::vector<Money>{1, 3, 0}));
  // Integral amounts are kept; zeros stay zero.
  EXPECT_EQ(adl::fx::round_to_fx(usd({"4.8", "2.4", "0.3", "0", "0"}), 7'500'000),
            (std::vector<Money>{4'800'000, 2'400'000, 300'000, 0, 0}));
  EXPECT_TRUE(adl::fx::round_to_fx({}, 0).empty());
}

/// @spec FX-ROUNDING
TEST(FxRoundToFx, RejectsAnExactResultThatDoesNotBalanceTheBudget) {
  EXPECT_THROW(adl::fx::round_to_fx(usd({"1", "2"}), 3), adl::fx::InvalidInput);  // 3 USD ≠ 3 micro-USD
  EXPECT_THROW(adl::fx::round_to_fx(usd({"-0.000001", "0.000004"}), 3), adl::fx::InvalidInput);
  EXPECT_EQ(adl::fx::round_to_fx(usd({"0.000001", "0.000002"}), 3), (std::vector<Money>{1, 2}));
}

/// @spec FX-TO-EXACT
/// @spec FX-OVERFLOW
TEST(FxToFx, ValuesAreCheckedNeverRounded) {
  EXPECT_EQ(adl::fx::to_fx_money(parse_rational("12.345678"), "cash"), 12'345'678);
  EXPECT_EQ(adl::fx::to_fx_fraction(parse_rational("0.000000001"), "leverage"), 1);
  try {
    adl::fx::to_fx_money(parse_rational("0.0000001"), "account 'A' field cash");
    FAIL() << "expected InvalidInput";
  } catch (const adl::fx::InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("account 'A' field cash"), std::string::npos) << e.what();
  }
  EXPECT_THROW(adl::fx::to_fx_fraction(parse_rational("1/3"), "score"), adl::fx::InvalidInput);
  EXPECT_EQ(adl::fx::to_fx_contracts(usd({"3", "0"})), (std::vector<adl::fx::Contracts>{3, 0}));
  EXPECT_THROW(adl::fx::to_fx_contracts(usd({"1/2"})), adl::fx::InvalidInput);
  // The cap rounding of FX-SCALES: ⌊β·w⌋.
  EXPECT_EQ(adl::fx::to_fx_cap(parse_rational("2/3"), 10, "cap"), 6);
  EXPECT_EQ(adl::fx::to_fx_cap(parse_rational("1"), 10, "cap"), 10);
  EXPECT_THROW(adl::fx::to_fx_cap(parse_rational("11/10"), 10, "cap"), adl::fx::InvalidInput);
}

adl::ref::Account account(const char* id, const char* cash, const char* pnl) {
  adl::ref::Account a;
  a.id = id;
  a.cash = parse_rational(cash);
  a.pnl = parse_rational(pnl);
  return a;
}

/// @spec FX-TO-EXACT
/// @spec FX-SCALES
/// @spec DEF-CAPS
TEST(FxFromRefBook, ConvertsColumnsAndFloorsTheEffectiveCap) {
  adl::ref::Book book;
  book.accounts.push_back(account("1", "2", "8"));
  book.accounts.back().min_equity = parse_rational("6");  // β = 1 − (6 − 2)/8 = 1/2
  book.accounts.back().leverage = parse_rational("2");
  book.accounts.back().score = parse_rational("4.5");
  book.accounts.push_back(account("2", "1", "4"));
  book.accounts.back().max_haircut = parse_rational("0.333333333");  // c = ⌊1333333.332⌋
  book.accounts.push_back(account("3", "0.5", "-7.000001"));
  const adl::fx::Book fx = adl::fx::from_ref_book(book);
  EXPECT_EQ(fx.endowment, (std::vector<Money>{8'000'000, 4'000'000, 0}));
  EXPECT_EQ(fx.equity, (std::vector<Money>{10'000'000, 5'000'000, -6'500'001}));
  EXPECT_EQ(fx.cap, (std::vector<Money>{4'000'000, 1'333'333, 0}));
  EXPECT_EQ(fx.leverage, (std::vector<Fraction>{2'000'000'000, 0, 0}));
  EXPECT_EQ(fx.score, (std::vector<Fraction>{4'500'000'000, 0, 0}));
  EXPECT_TRUE(fx.quantity.empty());
}

/// @spec FX-TO-EXACT
TEST(FxFromRefBook, AnInexactValueIsAnErrorNamingAccountAndField) {
  const auto expect_error = [](const adl::ref::Book& book, const std::string& needle) {
    try {
      adl::fx::from_ref_book(book);
      FAIL() << "expected InvalidInput mentioning " << needle;
    } catch (const adl::fx::InvalidInput& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  adl::ref::Book pnl;
  pnl.accounts.push_back(account("alice", "1", "0.0000005"));
  expect_error(pnl, "account 'alice' field pnl");
  adl::ref::Book leverage;
  leverage.accounts.push_back(account("bob", "1", "1"));
  leverage.accounts.back().leverage = parse_rational("1/3");
  expect_error(leverage, "account 'bob' field leverage");
  adl::ref::Book floor;
  floor.accounts.push_back(account("carol", "1", "1"));
  floor.accounts.back().min_equity = parse_rational("0.1234567");
  expect_error(floor, "account 'carol' field min_equity");
  adl::ref::Book big;
  big.accounts.push_back(account("dave", "9223372036854.775807", "0.000001"));
  EXPECT_THROW(adl::fx::from_ref_book(big), adl::fx::Overflow);  // equity one unit past INT64_MAX
}

}  // namespace
