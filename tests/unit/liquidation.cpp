// Unit tests of liquidation: the exact surd, bankruptcy and liquidation
// prices, execution, shortfall, fees, adjusted equity, bad debt, the greedy
// strategy and the order-book walk (model.md §3).
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/liquidation.hpp"

#include <string>
#include <vector>

namespace {

using adl::test::q;

using adl::ref::BookLevel;
using adl::ref::FeeSchedule;
using adl::ref::GreedyBranch;
using adl::ref::GreedyInput;
using adl::ref::Infeasible;
using adl::ref::InvalidInput;
using adl::ref::Rational;
using adl::ref::Side;
using adl::ref::Surd;

Surd surd(const char* a, int sign, const char* radicand) { return Surd::make(q(a), sign, q(radicand)); }

// ------------------------------------------------------------------ Surd

// @spec DEF-LIQ-STRATEGY: the surd normalises rational roots away.
TEST(Surd, Normalisation) {
  const Surd x = surd("2", -1, "2");
  EXPECT_FALSE(x.is_rational());
  EXPECT_EQ(x.rational_part(), 2);
  EXPECT_EQ(x.root_sign(), -1);
  EXPECT_EQ(x.radicand(), 2);
  EXPECT_THROW(x.as_rational(), InvalidInput);
  // 1 + √4 = 3; 1 − √(9/4) = −1/2; 5 + 0·√7 = 5; 0 + √0 = 0.
  EXPECT_TRUE(surd("1", 1, "4").is_rational());
  EXPECT_EQ(surd("1", 1, "4").as_rational(), 3);
  EXPECT_EQ(surd("1", -1, "9/4").as_rational(), q("-1/2"));
  EXPECT_EQ(surd("5", 0, "7").as_rational(), 5);
  EXPECT_EQ(surd("0", 1, "0").as_rational(), 0);
  EXPECT_EQ(surd("5", 0, "7"), Surd(q("5")));
  EXPECT_EQ(Surd().as_rational(), 0);
  // √(4/9·2) keeps its radicand 8/9: one representation per number.
  EXPECT_EQ(surd("0", 1, "8/9"), surd("0", 1, "8/9"));
  EXPECT_FALSE(surd("0", 1, "8/9") == surd("0", 1, "8"));
  EXPECT_THROW(surd("1", 2, "2"), InvalidInput);
  EXPECT_THROW(surd("1", 1, "-2"), InvalidInput);
  EXPECT_EQ(-surd("2", -1, "2"), surd("-2", 1, "2"));
}

// @spec DEF-LIQ-STRATEGY: exact comparison with rationals.
TEST(Surd, CompareWithRational) {
  const Surd x = surd("2", -1, "2");  // 0.5857864…
  EXPECT_TRUE(x > q("1/2"));
  EXPECT_TRUE(x < q("3/5"));
  EXPECT_TRUE(x < q("5858/10000"));
  EXPECT_TRUE(x > q("5857/10000"));
  EXPECT_TRUE(x > Rational(0));
  EXPECT_FALSE(x == q("5858/10000"));
  EXPECT_TRUE(q("1/2") < x);          // the reversed form
  const Surd y = surd("-1", 1, "3");  // 0.7320508…
  EXPECT_TRUE(y > q("73/100"));
  EXPECT_TRUE(y < q("74/100"));
  EXPECT_TRUE(surd("0", -1, "2") < q("-141/100"));
  EXPECT_TRUE(surd("0", -1, "2") > q("-142/100"));
  EXPECT_TRUE(surd("3", 0, "0") == Rational(3));
  EXPECT_TRUE((surd("3", 0, "0") <=> Rational(3)) == 0);
}

// @spec DEF-LIQ-STRATEGY: exact comparison of two surds.
TEST(Surd, CompareSurds) {
  EXPECT_TRUE(surd("0", 1, "2") < surd("0", 1, "3"));
  EXPECT_TRUE(surd("0", -1, "2") > surd("0", -1, "3"));
  EXPECT_TRUE(surd("1", 1, "2") > surd("3", -1, "2"));   // 2.414 > 1.586
  EXPECT_TRUE(surd("0", 1, "2") > surd("2", -1, "2"));   // 1.414 > 0.586
  EXPECT_TRUE(surd("1", 1, "2") < surd("0", 1, "6"));    // 2.414 < 2.449
  EXPECT_TRUE(surd("1", 1, "2") > surd("0", 1, "5"));    // 2.414 > 2.236
  EXPECT_TRUE(surd("-3", 1, "2") < surd("0", -1, "2"));  // −1.586 < −1.414
  EXPECT_TRUE((surd("1", 1, "2") <=> surd("1", 1, "2")) == 0);
  EXPECT_TRUE(Surd(q("3")) > surd("1", 1, "2"));  // 3 > 2.414
  EXPECT_TRUE(surd("1", 1, "2") > Surd(q("2")));
}

// @spec DEF-LIQ-STRATEGY: ⌊x⌋ by integer square roots.
TEST(Surd, Floor) {
  EXPECT_EQ(adl::ref::floor(surd("2", -1, "2")), 0);
  EXPECT_EQ(adl::ref::floor(surd("0", -1, "2")), -2);
  EXPECT_EQ(adl::ref::floor(surd("0", 1, "2")), 1);
  EXPECT_EQ(adl::ref::floor(surd("10", 1, "99")), 19);  // √99 = 9.949…
  EXPECT_EQ(adl::ref::floor(surd("0", 1, "1/50")), 0);  // √(1/50) = 0.141…
  EXPECT_EQ(adl::ref::floor(Surd(q("-3/2"))), -2);
  EXPECT_EQ(adl::ref::floor(Surd(q("7"))), 7);
}

// @spec FMT-NUMBER: exact decimal rendering, rounded half away from zero.
TEST(Surd, ToDecimal) {
  EXPECT_EQ(adl::ref::to_decimal(surd("2", -1, "2"), 6), "0.585786\u2026");  // 0.58578643…
  EXPECT_EQ(adl::ref::to_decimal(surd("2", -1, "2"), 4), "0.5858\u2026");    // rounds up
  EXPECT_EQ(adl::ref::to_decimal(surd("0", 1, "2"), 0), "1\u2026");
  EXPECT_EQ(adl::ref::to_decimal(surd("0", -1, "2"), 3), "-1.414\u2026");
  EXPECT_EQ(adl::ref::to_decimal(surd("0", 1, "3"), 3), "1.732\u2026");  // 1.7320508…
  EXPECT_EQ(adl::ref::to_decimal(surd("0", 1, "3"), 1), "1.7\u2026");
  EXPECT_EQ(adl::ref::to_decimal(surd("0", 1, "1/10000"), 2), "0.01");  // rational: exact
  EXPECT_EQ(adl::ref::to_decimal(surd("0", 1, "2/10000000000"), 3), "0.000\u2026");
  EXPECT_EQ(adl::ref::to_decimal(surd("0", 1, "99999999/100000000"), 3), "1.000\u2026");
  EXPECT_THROW(adl::ref::to_decimal(surd("0", 1, "2"), -1), InvalidInput);
  EXPECT_EQ(adl::ref::to_string(surd("2", -1, "2")), "2 - sqrt(2)");
  EXPECT_EQ(adl::ref::to_string(surd("0", -1, "2")), "-sqrt(2)");
  EXPECT_EQ(adl::ref::to_string(surd("1/2", 1, "3")), "1/2 + sqrt(3)");
  EXPECT_EQ(adl::ref::to_string(Surd(q("7/16"))), "7/16");
}

// ---------------------------------------------------------- prices

// @spec DEF-BANKRUPTCY-PRICE: entry form max(p_{t_i} − (c+Γ)/(b·q), 0).
TEST(Liquidation, BankruptcyPriceEntryForm) {
  EXPECT_EQ(adl::ref::bankruptcy_price(Side::Long, q("1"), q("1"), q("2/3")), q("1/3"));
  EXPECT_EQ(adl::ref::bankruptcy_price(Side::Long, q("1"), q("1"), q("2")), 0);  // clipped
  EXPECT_EQ(adl::ref::bankruptcy_price(Side::Short, q("4"), q("1"), q("8/3")), q("5/3"));
  // Funding received moves it away: long with Γ = −1/6: 1 − (2/3 − 1/6) = 1/2.
  EXPECT_EQ(adl::ref::bankruptcy_price(Side::Long, q("1"), q("1"), q("2/3"), q("-1/6")), q("1/2"));
  // With Γ = 0 it is p_{t_i}·max(1 − b/ℓ, 0): a long at ℓ = 4 bankrupts after a 1/4 fall.
  EXPECT_EQ(adl::ref::bankruptcy_price(Side::Long, q("2"), q("5"), q("5/2")), q("15/4"));
  // A short with c = 0 bankrupts at its entry.
  EXPECT_EQ(adl::ref::bankruptcy_price(Side::Short, q("2"), q("5"), q("0")), 5);
  EXPECT_THROW(adl::ref::bankruptcy_price(Side::Long, q("0"), q("1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::bankruptcy_price(Side::Long, q("-1"), q("1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::bankruptcy_price(Side::Long, q("1"), q("0"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::bankruptcy_price(Side::Long, q("1"), q("1"), q("-1")), InvalidInput);
}

// @spec DEF-BANKRUPTCY-PRICE: p_t − e_t/(b·q) equals the entry form.
TEST(Liquidation, BankruptcyPriceFromEquity) {
  // Long q = 1 from 1 with c = 2/3, at 7/5: e = 2/3 + 2/5 = 16/15; 7/5 − 16/15 = 1/3.
  EXPECT_EQ(adl::ref::bankruptcy_price_from_equity(Side::Long, q("1"), q("7/5"), q("16/15")), q("1/3"));
  // Short q = 4 from 1 with c = 8/3, at 7/5: e = 8/3 − 8/5 = 16/15; 7/5 + 16/60 = 5/3.
  EXPECT_EQ(adl::ref::bankruptcy_price_from_equity(Side::Short, q("4"), q("7/5"), q("16/15")), q("5/3"));
  EXPECT_EQ(adl::ref::bankruptcy_price_from_equity(Side::Long, q("1"), q("1"), q("3")), 0);
  EXPECT_THROW(adl::ref::bankruptcy_price_from_equity(Side::Long, q("0"), q("1"), q("1")), InvalidInput);
}

// @spec DEF-BANKRUPTCY-PRICE: the paper's App.-B variant p_t ∓ c/q (AMB-M-03).
TEST(Liquidation, BankruptcyPriceCurrentMark) {
  EXPECT_EQ(adl::ref::bankruptcy_price_current_mark(Side::Long, q("1"), q("19/20"), q("2/3")), q("17/60"));
  EXPECT_EQ(adl::ref::bankruptcy_price_current_mark(Side::Short, q("4"), q("8/5"), q("8/3")), q("34/15"));
  EXPECT_EQ(adl::ref::bankruptcy_price_current_mark(Side::Long, q("1"), q("13/10"), q("2")), 0);
  EXPECT_THROW(adl::ref::bankruptcy_price_current_mark(Side::Long, q("0"), q("1"), q("1")), InvalidInput);
}

// @spec DEF-LIQUIDATION-PRICE: both sides (AMB-M-04).
TEST(Liquidation, LiquidationPrice) {
  const Rational mu = q("1/10");
  // Long: (1 − 2/3)/(9/10) = 10/27; short: (1 + 2/3)/(11/10) = 50/33.
  EXPECT_EQ(adl::ref::liquidation_price(Side::Long, q("1"), q("1"), q("2/3"), mu), q("10/27"));
  EXPECT_EQ(adl::ref::liquidation_price(Side::Short, q("4"), q("1"), q("8/3"), mu), q("50/33"));
  EXPECT_EQ(adl::ref::liquidation_price(Side::Long, q("1"), q("1"), q("2"), mu), 0);  // clipped
  // Funding Γ = −1/6 on the long: (1 − 1/2)/(9/10) = 5/9.
  EXPECT_EQ(adl::ref::liquidation_price(Side::Long, q("1"), q("1"), q("2/3"), mu, q("-1/6")), q("5/9"));
  EXPECT_THROW(adl::ref::liquidation_price(Side::Long, q("0"), q("1"), q("1"), mu), InvalidInput);
  EXPECT_THROW(adl::ref::liquidation_price(Side::Long, q("1"), q("1"), q("1"), q("0")), InvalidInput);
  EXPECT_THROW(adl::ref::liquidation_price(Side::Long, q("1"), q("1"), q("1"), q("1")), InvalidInput);
}

// @spec DEF-LIQUIDATION-PRICE: a long liquidates at or below, a short at or above.
TEST(Liquidation, CrossesLiquidationPrice) {
  EXPECT_TRUE(adl::ref::crosses_liquidation_price(Side::Long, q("10/27"), q("10/27")));
  EXPECT_TRUE(adl::ref::crosses_liquidation_price(Side::Long, q("10/27"), q("1/3")));
  EXPECT_FALSE(adl::ref::crosses_liquidation_price(Side::Long, q("10/27"), q("1/2")));
  EXPECT_TRUE(adl::ref::crosses_liquidation_price(Side::Short, q("50/33"), q("50/33")));
  EXPECT_TRUE(adl::ref::crosses_liquidation_price(Side::Short, q("50/33"), q("2")));
  EXPECT_FALSE(adl::ref::crosses_liquidation_price(Side::Short, q("50/33"), q("3/2")));
  EXPECT_FALSE(adl::ref::crosses_liquidation_price(Side::Long, q("0"), q("1/1000")));
  EXPECT_THROW(adl::ref::crosses_liquidation_price(Side::Long, q("1"), q("0")), InvalidInput);
}

// ---------------------------------------------------------- slices

// @spec DEF-EXEC-PRICE: p^exec = p_t − b·(α/2)·Δq; slippage −(α/2)Δq² for both sides.
TEST(Liquidation, ExecutionPrice) {
  EXPECT_EQ(adl::ref::execution_price(Side::Long, q("13/10"), q("1"), q("1/2")), q("21/20"));
  EXPECT_EQ(adl::ref::execution_price(Side::Short, q("8/5"), q("1"), q("2")), q("13/5"));
  EXPECT_EQ(adl::ref::execution_price(Side::Short, q("8/5"), q("0"), q("2")), q("8/5"));
  EXPECT_EQ(adl::ref::execution_price(Side::Long, q("8/5"), q("3"), q("0")), q("8/5"));
  // Not clipped: a long with α·Δq/2 > p_t executes "below zero" in the linear model.
  EXPECT_EQ(adl::ref::execution_price(Side::Long, q("1"), q("4"), q("1")), -1);
  // b·Δq·(p^exec − p_t) = −(α/2)Δq² = −(3/2)(1/4) = −3/8 on both sides (α = 3, Δq = 1/2).
  for (Side side : {Side::Long, Side::Short}) {
    const int b = side == Side::Long ? 1 : -1;
    const Rational exec = adl::ref::execution_price(side, q("2"), q("3"), q("1/2"));
    EXPECT_EQ(b * q("1/2") * (exec - 2), q("-3/8"));
  }
  EXPECT_THROW(adl::ref::execution_price(Side::Long, q("1"), q("-1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::execution_price(Side::Long, q("1"), q("1"), q("-1")), InvalidInput);
  EXPECT_THROW(adl::ref::execution_price(Side::Long, q("0"), q("1"), q("1")), InvalidInput);
}

// @spec DEF-LIQ-SHORTFALL: only the adverse side of p^bk counts.
TEST(Liquidation, Shortfall) {
  // Long: (831/950 − 78/100)·(2/5) = (90/950)(2/5) = 18/475.
  EXPECT_EQ(adl::ref::liquidation_shortfall(Side::Long, q("831/950"), q("78/100"), q("2/5")), q("18/475"));
  EXPECT_EQ(adl::ref::liquidation_shortfall(Side::Long, q("1/3"), q("17/20"), q("1/5")), 0);
  // Short: (13/5 − 34/15)·2 = (1/3)·2 = 2/3.
  EXPECT_EQ(adl::ref::liquidation_shortfall(Side::Short, q("34/15"), q("13/5"), q("2")), q("2/3"));
  EXPECT_EQ(adl::ref::liquidation_shortfall(Side::Short, q("34/15"), q("2"), q("2")), 0);
  EXPECT_EQ(adl::ref::liquidation_shortfall(Side::Long, q("1"), q("1"), q("2")), 0);  // at p^bk
  EXPECT_THROW(adl::ref::liquidation_shortfall(Side::Long, q("1"), q("1"), q("-1")), InvalidInput);
  EXPECT_THROW(adl::ref::liquidation_shortfall(Side::Long, q("-1"), q("1"), q("1")), InvalidInput);
}

// @spec DEF-LIQ-FEE: affine schedules, example venues.
TEST(Liquidation, Fees) {
  // Binance (0, 40 bps, 0) at p = 13/10, Δq = 1/2: 0.004·0.65 = 0.0026.
  EXPECT_EQ(adl::ref::liquidation_fee(adl::ref::kBinanceLiquidationFee, q("13/10"), q("33/25"), q("1/2")),
            q("13/5000"));  // 0.0026
  // Hyperliquid (0, 20 bps, 10 bps): 0.002·0.65 + 0.001·0.66 = 0.0013 + 0.00066.
  EXPECT_EQ(adl::ref::liquidation_fee(adl::ref::kHyperliquidLiquidationFee, q("13/10"), q("33/25"), q("1/2")),
            q("49/25000"));  // 0.00196
  EXPECT_EQ(adl::ref::kBinanceLiquidationFee.mark_rate, q("1/250"));
  EXPECT_EQ(adl::ref::kHyperliquidLiquidationFee.exec_rate, q("1/1000"));
  const FeeSchedule flat{q("1/100"), q("0"), q("0")};
  EXPECT_EQ(adl::ref::liquidation_fee(flat, q("1"), q("1"), q("0")), q("1/100"));
  EXPECT_THROW(adl::ref::liquidation_fee(FeeSchedule{q("-1"), q("0"), q("0")}, q("1"), q("1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::liquidation_fee(flat, q("1"), q("-1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::liquidation_fee(flat, q("1"), q("1"), q("-1")), InvalidInput);
}

// @spec DEF-ADJ-EQUITY, DEF-BAD-DEBT.
TEST(Liquidation, AdjustedEquityAndBadDebt) {
  // Long: 1/10 + 1·(9/10 − 1) − 1/100 = −1/100.
  EXPECT_EQ(adl::ref::adjusted_equity(Side::Long, q("1/10"), q("1"), q("9/10"), q("1"), q("1/100")), q("-1/100"));
  // Short at a favourable 9/10: 1/10 − 1·(9/10 − 1) = 1/5.
  EXPECT_EQ(adl::ref::adjusted_equity(Side::Short, q("1/10"), q("1"), q("9/10"), q("1"), q("0")), q("1/5"));
  EXPECT_EQ(adl::ref::bad_debt({q("-1/100"), q("1/2"), q("-3"), q("0")}), q("301/100"));
  EXPECT_EQ(adl::ref::bad_debt({}), 0);
  EXPECT_THROW(adl::ref::adjusted_equity(Side::Long, q("1"), q("1"), q("1"), q("1"), q("-1")), InvalidInput);
}

// @spec DEF-ADJ-EQUITY: a slice executed on the linear book, fee charged.
TEST(Liquidation, ExecuteSlice) {
  const FeeSchedule flat{q("1/100"), q("0"), q("0")};
  // Long q = 1, e = 1/10, p = 1, α = 1/5, Δq = 1: p^exec = 9/10, τ = 1/100, ẽ = −1/100.
  const auto out = adl::ref::execute_slice(Side::Long, q("1"), q("1/10"), q("1"), q("1/5"), q("1"), flat);
  EXPECT_EQ(out.execution_price, q("9/10"));
  EXPECT_EQ(out.fee, q("1/100"));
  EXPECT_EQ(out.adjusted_equity, q("-1/100"));
  EXPECT_EQ(out.bad_debt, q("1/100"));
  // A full close without fees: ẽ⁻ equals the shortfall against the entry-form p^bk.
  // Long q = 1 from 1, c = 1/10, at 19/20: e = 1/20, p^bk = 9/10, α = 1/5 ⇒ p^exec = 17/20.
  const auto close = adl::ref::execute_slice(Side::Long, q("1"), q("1/20"), q("19/20"), q("1/5"), q("1"),
                                             FeeSchedule{});
  EXPECT_EQ(close.bad_debt, adl::ref::liquidation_shortfall(
                                Side::Long, adl::ref::bankruptcy_price(Side::Long, q("1"), q("1"), q("1/10")),
                                close.execution_price, q("1")));
  EXPECT_EQ(close.bad_debt, q("1/20"));
  EXPECT_THROW(adl::ref::execute_slice(Side::Long, q("1"), q("0"), q("1"), q("0"), q("2"), flat), InvalidInput);
}

// ---------------------------------------------------------- greedy

GreedyInput base_input() {
  // (p_t, q, e, μ, α, τ) = (1, 1, 1/20, 1/10, 1/20, 0): model.md's test case.
  return GreedyInput{.equity = q("1/20"),
                     .quantity = q("1"),
                     .mark = q("1"),
                     .maintenance_margin = q("1/10"),
                     .impact = q("1/20"),
                     .fee = q("0")};
}

// @spec DEF-LIQ-STRATEGY: step 4, the smaller root 2 − √2 (derived).
TEST(Greedy, SmallerRoot) {
  // disc = 1/100 − 2·(1/20)·(1/20) = 1/200; (1/10 − √(1/200))/(1/20) = 2 − √(400/200).
  const auto slice = adl::ref::greedy_liquidation(base_input());
  EXPECT_EQ(slice.branch, GreedyBranch::SmallerRoot);
  EXPECT_EQ(slice.quantity, surd("2", -1, "2"));
  EXPECT_FALSE(slice.quantity.is_rational());
}

// @spec DEF-LIQ-STRATEGY: a constant fee raises the slice.
TEST(Greedy, SmallerRootWithFee) {
  GreedyInput in = base_input();
  in.fee = q("1/100");
  // constant = 1/10 − 1/20 + 1/100 = 3/50; disc = 1/100 − (1/10)(3/50) = 1/250;
  // root = 2 − √((1/250)/(1/400)) = 2 − √(8/5) ≈ 0.735.
  const auto slice = adl::ref::greedy_liquidation(in);
  EXPECT_EQ(slice.branch, GreedyBranch::SmallerRoot);
  EXPECT_EQ(slice.quantity, surd("2", -1, "8/5"));
  EXPECT_TRUE(slice.quantity > adl::ref::greedy_liquidation(base_input()).quantity);
}

// @spec DEF-LIQ-STRATEGY: a perfect-square discriminant gives a rational slice.
TEST(Greedy, RationalRoot) {
  // p = 1, q = 1, μ = 1/10, α = 1/10, e = 1/16: constant = 3/80, disc = 1/100 − 3/400 = 1/400,
  // root = 1 − √((1/400)/(1/100)) = 1 − 1/2 = 1/2.
  const auto slice = adl::ref::greedy_liquidation(GreedyInput{.equity = q("1/16"),
                                                              .quantity = q("1"),
                                                              .mark = q("1"),
                                                              .maintenance_margin = q("1/10"),
                                                              .impact = q("1/10"),
                                                              .fee = q("0")});
  EXPECT_EQ(slice.branch, GreedyBranch::SmallerRoot);
  ASSERT_TRUE(slice.quantity.is_rational());
  EXPECT_EQ(slice.quantity.as_rational(), q("1/2"));
}

// @spec DEF-LIQ-STRATEGY: step 3, disc < 0 ⇒ full close (AMB-M-05).
TEST(Greedy, NoRealRootIsFullClose) {
  GreedyInput in = base_input();
  in.impact = q("1/5");  // disc = 1/100 − 2·(1/5)·(1/20) = −1/100
  const auto slice = adl::ref::greedy_liquidation(in);
  EXPECT_EQ(slice.branch, GreedyBranch::NoRealRoot);
  EXPECT_EQ(slice.quantity, Rational(1));
}

// @spec DEF-LIQ-STRATEGY: step 4 capped at q (AMB-M-05).
TEST(Greedy, RootAboveQuantityIsCapped) {
  // p = 1, q = 1, μ = 1/10, α = 1/100, e = 0: disc = 1/100 − 1/500 = 1/125,
  // root = 10 − √(80) ≈ 1.056 > 1.
  const auto slice = adl::ref::greedy_liquidation(GreedyInput{.equity = q("0"),
                                                              .quantity = q("1"),
                                                              .mark = q("1"),
                                                              .maintenance_margin = q("1/10"),
                                                              .impact = q("1/100"),
                                                              .fee = q("0")});
  EXPECT_EQ(slice.branch, GreedyBranch::SmallerRootCapped);
  EXPECT_EQ(slice.quantity, Rational(1));
}

// @spec DEF-LIQ-STRATEGY: step 1, not liquidatable; equality is liquidatable with Δq = 0.
TEST(Greedy, NotLiquidatableAndBoundary) {
  GreedyInput in = base_input();
  in.equity = q("11/100");
  const auto none = adl::ref::greedy_liquidation(in);
  EXPECT_EQ(none.branch, GreedyBranch::NotLiquidatable);
  EXPECT_EQ(none.quantity, Rational(0));
  in.equity = q("1/10");  // e = μ·p·q: constant 0, disc = μ²p², root = 0
  const auto edge = adl::ref::greedy_liquidation(in);
  EXPECT_EQ(edge.branch, GreedyBranch::SmallerRoot);
  EXPECT_EQ(edge.quantity, Rational(0));
}

// @spec DEF-LIQ-STRATEGY: step 2, α = 0 (linear), capped at q.
TEST(Greedy, NoImpact) {
  GreedyInput in = base_input();
  in.impact = 0;
  // (1/10 − 1/20 + 0)/(1/10) = 1/2.
  auto slice = adl::ref::greedy_liquidation(in);
  EXPECT_EQ(slice.branch, GreedyBranch::NoImpact);
  EXPECT_EQ(slice.quantity, q("1/2"));
  in.fee = q("1/40");  // (1/20 + 1/40)/(1/10) = 3/4
  EXPECT_EQ(adl::ref::greedy_liquidation(in).quantity, q("3/4"));
  in.fee = 0;
  in.equity = q("-1");  // (1/10 + 1)/(1/10) = 11 > 1
  slice = adl::ref::greedy_liquidation(in);
  EXPECT_EQ(slice.branch, GreedyBranch::NoImpactCapped);
  EXPECT_EQ(slice.quantity, Rational(1));
}

// @spec DEF-LIQ-STRATEGY: q = 0 never yields a positive slice.
TEST(Greedy, ZeroQuantity) {
  GreedyInput in = base_input();
  in.quantity = 0;
  in.equity = 0;
  EXPECT_EQ(adl::ref::greedy_liquidation(in).quantity, Rational(0));
  in.equity = q("-1");
  EXPECT_EQ(adl::ref::greedy_liquidation(in).quantity, Rational(0));
  in.equity = q("1");
  EXPECT_EQ(adl::ref::greedy_liquidation(in).branch, GreedyBranch::NotLiquidatable);
}

// @spec DEF-LIQ-STRATEGY: invalid parameters throw.
TEST(Greedy, InvalidInputs) {
  const auto with = [](auto change) {
    GreedyInput in = base_input();
    change(in);
    return in;
  };
  EXPECT_THROW(adl::ref::greedy_liquidation(with([](GreedyInput& i) { i.maintenance_margin = 0; })), InvalidInput);
  EXPECT_THROW(adl::ref::greedy_liquidation(with([](GreedyInput& i) { i.maintenance_margin = 1; })), InvalidInput);
  EXPECT_THROW(adl::ref::greedy_liquidation(with([](GreedyInput& i) { i.impact = -1; })), InvalidInput);
  EXPECT_THROW(adl::ref::greedy_liquidation(with([](GreedyInput& i) { i.fee = -1; })), InvalidInput);
  EXPECT_THROW(adl::ref::greedy_liquidation(with([](GreedyInput& i) { i.mark = 0; })), InvalidInput);
  EXPECT_THROW(adl::ref::greedy_liquidation(with([](GreedyInput& i) { i.quantity = -1; })), InvalidInput);
}

// @spec DEF-LIQ-STRATEGY: App.-B linear variant with a fixed p^exec and fee φ·p·Δq.
TEST(Greedy, FixedExecutionPrice) {
  const Rational mu = q("1/10");
  // k = (99/100 − 1) + 1/10 = 9/100; Δq = (1/10 − 1/20)/(9/100) = 5/9.
  EXPECT_EQ(adl::ref::greedy_liquidation_fixed_price(Side::Long, q("1/20"), q("1"), q("1"), mu, q("99/100"), q("0")),
            q("5/9"));
  // With φ = 1/100: k = 8/100, Δq = (1/20)/(2/25) = 5/8.
  EXPECT_EQ(
      adl::ref::greedy_liquidation_fixed_price(Side::Long, q("1/20"), q("1"), q("1"), mu, q("99/100"), q("1/100")),
      q("5/8"));
  // k = 1/20: Δq = 1 = q exactly; p^exec = 9/10 makes k = 0 ⇒ full close.
  EXPECT_EQ(adl::ref::greedy_liquidation_fixed_price(Side::Long, q("1/20"), q("1"), q("1"), mu, q("19/20"), q("0")), 1);
  EXPECT_EQ(adl::ref::greedy_liquidation_fixed_price(Side::Long, q("1/20"), q("1"), q("1"), mu, q("9/10"), q("0")), 1);
  // Short at a favourable 101/100 is adverse: k = −1/100 + 1/10 = 9/100 ⇒ 5/9 as well.
  EXPECT_EQ(adl::ref::greedy_liquidation_fixed_price(Side::Short, q("1/20"), q("1"), q("1"), mu, q("101/100"), q("0")),
            q("5/9"));
  // Not liquidatable, and the binding boundary: 0.
  EXPECT_EQ(adl::ref::greedy_liquidation_fixed_price(Side::Long, q("1/5"), q("1"), q("1"), mu, q("99/100"), q("0")), 0);
  EXPECT_EQ(adl::ref::greedy_liquidation_fixed_price(Side::Long, q("1/10"), q("1"), q("1"), mu, q("99/100"), q("0")),
            0);
  EXPECT_THROW(adl::ref::greedy_liquidation_fixed_price(Side::Long, q("0"), q("1"), q("1"), mu, q("1"), q("-1")),
               InvalidInput);
}

// ---------------------------------------------------------- order book

// @spec DEF-EXEC-PRICE: a market order walks the levels, best first.
TEST(OrderBook, WalkAndErrors) {
  const std::vector<BookLevel> asks{{q("1"), q("1")}, {q("11/10"), q("3")}, {q("6/5"), q("10")}};
  const auto half = adl::ref::market_buy(asks, q("1/2"));
  EXPECT_EQ(half.vwap, 1);
  EXPECT_EQ(half.notional, q("1/2"));
  // 4 contracts: 1·1 + 3·1.1 = 4.3, VWAP 43/40.
  EXPECT_EQ(adl::ref::market_buy(asks, q("4")).vwap, q("43/40"));
  // The whole book: 1 + 3.3 + 12 = 16.3 over 14.
  EXPECT_EQ(adl::ref::market_buy(asks, q("14")).notional, q("163/10"));
  EXPECT_THROW(adl::ref::market_buy(asks, q("141/10")), Infeasible);
  EXPECT_THROW(adl::ref::market_buy(asks, q("0")), InvalidInput);
  EXPECT_THROW(adl::ref::market_buy({{q("1"), q("1")}, {q("1"), q("1")}}, q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::market_buy({{q("0"), q("1")}}, q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::market_buy({{q("1"), q("0")}}, q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::market_buy({}, q("1")), Infeasible);
  // Bids, best (highest) first: sell 4 = 2·1.2 + 2·1.1 = 4.6, VWAP 23/20.
  const std::vector<BookLevel> bids{{q("6/5"), q("2")}, {q("11/10"), q("3")}};
  const auto sold = adl::ref::market_sell(bids, q("4"));
  EXPECT_EQ(sold.notional, q("23/5"));
  EXPECT_EQ(sold.vwap, q("23/20"));
  EXPECT_THROW(adl::ref::market_sell(asks, q("1")), InvalidInput);  // ascending is not a bid book
}

}  // namespace
