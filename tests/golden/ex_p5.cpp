// Golden tests for the running five-position example EX-P5 (model.md §6) with
// exact rationals: the position table, open interest, funding, PnL and equity,
// maintenance, effective leverage, the PNL-only view at t = 2, the Appendix-B
// liquidation examples, the five-step path, the greedy examples and the order
// book. Every expected value is derived by hand from the reference's
// definitions; the paper's printed (rounded) values are checked to 3
// significant digits as AMB-M-09 asks.
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "agreement.hpp"

#include "adl/ref/aggregate.hpp"
#include "adl/ref/error.hpp"
#include "adl/ref/insurance.hpp"
#include "adl/ref/liquidation.hpp"
#include "adl/ref/position.hpp"
#include "adl/ref/state.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace {

using adl::test::q;
using adl::test::v;

using adl::test::agrees;
using adl::ref::FeeFlows;
using adl::ref::GreedyBranch;
using adl::ref::GreedyInput;
using adl::ref::InsuranceShares;
using adl::ref::MarketPath;
using adl::ref::Position;
using adl::ref::PositionBook;
using adl::ref::PositionTuple;
using adl::ref::Rational;
using adl::ref::Side;
using adl::ref::Surd;

// Exact values are written as integers or fractions.
// A printed decimal ("-0.4667") read exactly (FMT-NUMBER).
Rational decimal(const char* text) { return adl::ref::parse_rational(text); }

// The helpers themselves: exact decimal reading, and a tolerance that can fail.
TEST(ExP5, AgreementHelperIsStrict) {
  EXPECT_EQ(decimal("-0.4667"), q("-4667/10000"));
  EXPECT_EQ(decimal("0.00196"), q("49/25000"));
  EXPECT_EQ(decimal("36.269"), q("36269/1000"));
  EXPECT_TRUE(agrees(q("21/29"), "0.7246", 3));   // off by 0.00046 ≤ 0.0005
  EXPECT_FALSE(agrees(q("21/29"), "0.7250", 3));  // off by 0.00086
  EXPECT_FALSE(agrees(q("21/29"), "0.7246", 4));  // 4 digits: > 0.00005
  EXPECT_FALSE(agrees(q("816725/40617"), "20.102", 4));
  EXPECT_FALSE(agrees(q("1/1000"), "0", 3));
}

// ---------------------------------------------------------------- the book

// @spec EX-P5: p_0 = 1, m_I = μ = 1/10, κ = 1, all t_i = 0.
const Rational kMu = Rational(1, 10);
const Rational kKappa = Rational(1);
const char* const kNames[] = {"A", "B", "C", "D", "E"};

std::vector<PositionTuple> ex_p5() {
  return {PositionTuple{q("1"), q("2"), 0, Side::Long}, PositionTuple{q("1"), q("2/3"), 0, Side::Long},
          PositionTuple{q("4"), q("8/3"), 0, Side::Short}, PositionTuple{q("1"), q("2/19"), 0, Side::Long},
          PositionTuple{q("1"), q("10/99"), 0, Side::Short}};
}

// (p̂_t, p_t) = (1, 1), (3/2, 7/5), (5/4, 13/10). The rates are the hand
// values checked in FundingRates: γ_1 = −1/3, γ_2 = −11/25 (γ_0 unused).
MarketPath ex_p5_path() { return MarketPath{v({"1", "7/5", "13/10"}), v({"0", "-1/3", "-11/25"})}; }

// ---------------------------------------------------------------- table

// @spec EX-P5
// @spec DEF-LEVERAGE
// @spec DEF-BANKRUPTCY-PRICE
// @spec DEF-LIQUIDATION-PRICE
TEST(ExP5, PositionTable) {
  const auto book = ex_p5();
  // ℓ_0 = q/c: 1/2, 3/2, 4/(8/3) = 3/2, 19/2, 99/10.
  const auto l0 = v({"1/2", "3/2", "3/2", "19/2", "99/10"});
  // ℓ_1 = (7/5)·ℓ_0: 7/10, 21/10, 21/10, 133/10, 693/50.
  const auto l1 = v({"7/10", "21/10", "21/10", "133/10", "693/50"});
  // p^bk = max(1 − c/(b·q), 0): A 1 − 2 < 0 ⇒ 0; B 1/3; C 1 + (8/3)/4 = 5/3; D 17/19; E 109/99.
  const auto bk = v({"0", "1/3", "5/3", "17/19", "109/99"});
  // p̂^liq: long (1 − c/q)/(9/10), short (1 + c/q)/(11/10):
  // A ⇒ 0; B (1/3)(10/9) = 10/27; C (5/3)(10/11) = 50/33; D (17/19)(10/9) = 170/171;
  // E (109/99)(10/11) = 1090/1089.
  const auto liq = v({"0", "10/27", "50/33", "170/171", "1090/1089"});
  const char* printed_l1[] = {"0.7", "2.1", "2.1", "13.3", "13.86"};
  const char* printed_bk[] = {"0", "0.3333", "1.6667", "0.8947", "1.1010"};
  const char* printed_liq[] = {"0", "0.3704", "1.5152", "0.9942", "1.0010"};
  Rational net = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(kNames[i]);
    const PositionTuple& p = book[i];
    EXPECT_EQ(*adl::ref::initial_leverage(q("1"), p.quantity, p.collateral), l0[i]);
    EXPECT_EQ(*adl::ref::leverage_at(1, 0, q("7/5"), p.quantity, p.collateral), l1[i]);
    EXPECT_EQ(adl::ref::bankruptcy_price(p.side, p.quantity, q("1"), p.collateral), bk[i]);
    EXPECT_EQ(adl::ref::liquidation_price(p.side, p.quantity, q("1"), p.collateral, kMu), liq[i]);
    EXPECT_TRUE(agrees(l1[i], printed_l1[i], 3));
    EXPECT_TRUE(agrees(bk[i], printed_bk[i], 3));
    EXPECT_TRUE(agrees(liq[i], printed_liq[i], 3));
    // Every position is a valid new position at m_I = 1/10 (ℓ_0 ≤ ℓ^max = 10).
    EXPECT_TRUE(adl::ref::meets_initial_margin(kMu, q("1"), p.quantity, p.collateral));
    EXPECT_EQ(adl::ref::notional(q("1"), p.quantity), i == 2 ? 4 : 1);  // (1, 1, 4, 1, 1)
    net += adl::ref::side_sign(p.side) * p.quantity;
  }
  EXPECT_EQ(adl::ref::max_leverage(kMu), 10);
  EXPECT_EQ(net, -2);  // net short 2: the venue holds q_V = 2 long
  // E's exact liquidation price is 1.00092 (the table's 1.0010 is rounded up).
  EXPECT_EQ(adl::ref::to_decimal(liq[4], 5), "1.00092\u2026");
}

// @spec EX-P5
// @spec DEF-OPEN-INTEREST
TEST(ExP5, OpenInterest) {
  const auto t0 = adl::ref::open_interest(ex_p5(), q("1"));
  EXPECT_EQ(t0.long_side, 3);
  EXPECT_EQ(t0.short_side, 5);
  EXPECT_EQ(t0.total, 8);
  const auto t1 = adl::ref::open_interest(ex_p5(), q("7/5"));
  EXPECT_EQ(t1.long_side, q("21/5"));                            // 4.2
  EXPECT_EQ(t1.short_side, 7);                                   // 7.0
  EXPECT_EQ(t1.total, q("56/5"));                                // 11.2
  const auto t2 = adl::ref::open_interest(ex_p5(), q("13/10"));  // derived: 3.9, 6.5
  EXPECT_EQ(t2.long_side, q("39/10"));
  EXPECT_EQ(t2.short_side, q("13/2"));
  // L/S = 3/5 throughout.
  EXPECT_EQ(t1.long_side / t1.short_side, q("3/5"));
  EXPECT_EQ(t2.long_side / t2.short_side, q("3/5"));
}

// @spec EX-P5
// @spec DEF-FUNDING-RATE
TEST(ExP5, FundingRates) {
  // γ_1 = 3/5 − (7/5)/(3/2) = 3/5 − 14/15 = −1/3.
  const auto t1 = adl::ref::open_interest(ex_p5(), q("7/5"));
  EXPECT_EQ(adl::ref::funding_rate(kKappa, t1.long_side, t1.short_side, q("7/5"), q("3/2")), q("-1/3"));
  // γ_2 = 3/5 − (13/10)/(5/4) = 3/5 − 26/25 = −11/25 = −0.44 (longs pay shorts).
  const auto t2 = adl::ref::open_interest(ex_p5(), q("13/10"));
  const Rational g2 = adl::ref::funding_rate(kKappa, t2.long_side, t2.short_side, q("13/10"), q("5/4"));
  EXPECT_EQ(g2, q("-11/25"));
  EXPECT_EQ(g2, decimal("-0.44"));
}

// @spec EX-P5
// @spec DEF-FUNDING-PAYMENT
TEST(ExP5, FundingPerStep) {
  const auto book = ex_p5();
  // γ_1·p_1 = −7/15 per unit long; γ_2·p_2 = −143/250 per unit long.
  const auto step1 = v({"-7/15", "-7/15", "28/15", "-7/15", "7/15"});
  const auto step2 = v({"-143/250", "-143/250", "286/125", "-143/250", "143/250"});
  const char* printed1[] = {"-0.4667", "-0.4667", "1.8667", "-0.4667", "0.4667"};
  const char* printed2[] = {"-0.5720", "-0.5720", "2.2880", "-0.5720", "0.5720"};
  Rational sum1 = 0;
  Rational sum2 = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(kNames[i]);
    const auto& p = book[i];
    const Rational f1 = adl::ref::funding_step(p.side, p.quantity, q("-1/3"), q("7/5"));
    const Rational f2 = adl::ref::funding_step(p.side, p.quantity, q("-11/25"), q("13/10"));
    EXPECT_EQ(f1, step1[i]);
    EXPECT_EQ(f2, step2[i]);
    EXPECT_TRUE(agrees(f1, printed1[i], 3));
    EXPECT_TRUE(agrees(f2, printed2[i], 3));
    // Γ(𝔭, 0, 2) is the sum of both steps.
    EXPECT_EQ(adl::ref::funding_payment(p, ex_p5_path(), 0, 2), step1[i] + step2[i]);
    sum1 += f1;
    sum2 += f2;
  }
  // Zero-sum over the mirrored book: the venue's long 2 receives the rest (THM-ZERO-SUM).
  EXPECT_EQ(sum1 + adl::ref::funding_step(Side::Long, q("2"), q("-1/3"), q("7/5")), 0);
  EXPECT_EQ(sum2 + adl::ref::funding_step(Side::Long, q("2"), q("-11/25"), q("13/10")), 0);
}

// @spec EX-P5
// @spec DEF-PNL
// @spec DEF-EQUITY
TEST(ExP5, PnlAndEquity) {
  const auto book = ex_p5();
  const MarketPath path = ex_p5_path();
  // PNL_{0:1}: long 2/5 − 7/15 = −1/15; C −8/5 + 28/15 = 4/15; E −2/5 + 7/15 = 1/15.
  const auto pnl1 = v({"-1/15", "-1/15", "4/15", "-1/15", "1/15"});
  // PNL_{0:2}: long 3/10 − 779/750 = −277/375; C −6/5 + 4·779/750 = 1108/375; E 277/375.
  const auto pnl2 = v({"-277/375", "-277/375", "1108/375", "-277/375", "277/375"});
  // e = c + PNL: e.g. D_1 = 2/19 − 1/15 = 11/285, E_1 = 10/99 + 1/15 = 83/495,
  // D_2 = 2/19 − 277/375 = −4513/7125, E_2 = 10/99 + 277/375 = 10391/12375.
  const auto e1 = v({"29/15", "3/5", "44/15", "11/285", "83/495"});
  const auto e2 = v({"473/375", "-9/125", "2108/375", "-4513/7125", "10391/12375"});
  const char* printed_pnl1[] = {"-0.0667", "-0.0667", "0.2667", "-0.0667", "0.0667"};
  const char* printed_pnl2[] = {"-0.7387", "-0.7387", "2.9547", "-0.7387", "0.7387"};
  const char* printed_e1[] = {"1.9333", "0.6000", "2.9334", "0.0386", "0.1677"};
  const char* printed_e2[] = {"1.2613", "-0.0720", "5.6214", "-0.6334", "0.8397"};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(kNames[i]);
    EXPECT_EQ(adl::ref::pnl(book[i], path, 1), pnl1[i]);
    EXPECT_EQ(adl::ref::pnl(book[i], path, 2), pnl2[i]);
    EXPECT_EQ(adl::ref::pnl_between(book[i], path, 0, 2), pnl2[i]);
    EXPECT_EQ(adl::ref::equity(book[i], path, 1), e1[i]);
    EXPECT_EQ(adl::ref::equity(book[i], path, 2), e2[i]);
    EXPECT_TRUE(agrees(pnl1[i], printed_pnl1[i], 3));
    EXPECT_TRUE(agrees(pnl2[i], printed_pnl2[i], 3));
    EXPECT_TRUE(agrees(e1[i], printed_e1[i], 3));
    EXPECT_TRUE(agrees(e2[i], printed_e2[i], 3));
  }
}

// @spec EX-P5
// @spec DEF-MAINT-MARGIN
TEST(ExP5, MaintenanceAtT1) {
  const auto book = ex_p5();
  const MarketPath path = ex_p5_path();
  // μ·p_1·q = 7/50 (0.14) for q = 1, 14/25 (0.56) for C.
  const auto thresholds = v({"7/50", "7/50", "14/25", "7/50", "7/50"});
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(kNames[i]);
    EXPECT_EQ(adl::ref::maintenance_requirement(kMu, q("7/5"), book[i].quantity), thresholds[i]);
    // Only D: 11/285 ≈ 0.0386 ≤ 0.14.
    EXPECT_EQ(adl::ref::maintenance_insolvent(adl::ref::equity(book[i], path, 1), kMu, q("7/5"), book[i].quantity),
              i == 3);
  }
}

// @spec EX-P5
// @spec DEF-STOP-TIME
TEST(ExP5, StopTimesDerived) {
  const auto book = ex_p5();
  const MarketPath path = ex_p5_path();
  // Derived: D breaches at t = 1 (above); B at t = 2 (e_2 = −9/125 ≤ 13/100); A, C, E never
  // (A_2 = 473/375 > 13/100, C_2 = 2108/375 > 13/25, E_1 = 83/495 > 7/50, E_2 > 13/100).
  const std::optional<std::int64_t> expected[] = {std::nullopt, 2, std::nullopt, 1, std::nullopt};
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(kNames[i]);
    EXPECT_EQ(adl::ref::stop_time(book[i], path, 2, kMu), expected[i]);
  }
  // The table's PNL ignores stopping; with τ_D = 1, PNL_{0:2}(D) = PNL_{0:1}(D) = −1/15.
  EXPECT_EQ(adl::ref::pnl(book[3], path, 2, 1), q("-1/15"));
}

// @spec EX-P5
// @spec DEF-EFFECTIVE-LEVERAGE
// @spec DEF-LEVERAGE-MASS
TEST(ExP5, EffectiveLeverageAtT1) {
  const auto book = ex_p5();
  const MarketPath path = ex_p5_path();
  // λ⁺ = (7/5)q/e_1: A (7/5)/(29/15) = 21/29; B (7/5)/(3/5) = 7/3; C (28/5)/(44/15) = 21/11;
  // D (7/5)/(11/285) = 399/11; E (7/5)/(83/495) = 693/83.
  const auto lambda = v({"21/29", "7/3", "21/11", "399/11", "693/83"});
  const char* printed[] = {"0.7246", "2.3333", "1.9090", "36.269", "8.353"};
  const char* exact_printed[] = {"0.7241", "2.3333", "1.9091", "36.273", "8.349"};
  Rational mass = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(kNames[i]);
    const Rational n = adl::ref::notional(q("7/5"), book[i].quantity);
    const auto l = adl::ref::effective_leverage(n, adl::ref::equity(book[i], path, 1));
    ASSERT_TRUE(l.has_value());
    EXPECT_EQ(*l, lambda[i]);
    EXPECT_TRUE(agrees(*l, printed[i], 3));
    EXPECT_TRUE(agrees(*l, exact_printed[i], 4));
    mass += *l;
  }
  // ℓ⁺_1 = 21/29 + 7/3 + 21/11 + 399/11 + 693/83 = 3938879/79431 ≈ 49.5887.
  EXPECT_EQ(mass, q("3938879/79431"));
  EXPECT_TRUE(agrees(mass, "49.59", 3));
}

// @spec EX-P5
// @spec DEF-EFFECTIVE-LEVERAGE
// @spec DEF-LEVERAGE-MASS
TEST(ExP5, EffectiveLeverageAtT2) {
  const auto book = ex_p5();
  const MarketPath path = ex_p5_path();
  // n = (13/10)q. Winners: A (13/10)/(473/375) = 975/946, C (26/5)/(2108/375) = 975/1054,
  // E (13/10)/(10391/12375) = 32175/20782. Losers: B (13/10)/(9/125) = 325/18,
  // D (13/10)/(4513/7125) = 18525/9026.
  const auto lambda = v({"975/946", "325/18", "975/1054", "18525/9026", "32175/20782"});
  const char* printed[] = {"1.031", "18.05", "0.925", "2.052", "1.548"};
  Rational winners = 0;
  Rational losers = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    SCOPED_TRACE(kNames[i]);
    const Rational e = adl::ref::equity(book[i], path, 2);
    const auto l = adl::ref::effective_leverage(adl::ref::notional(q("13/10"), book[i].quantity), e);
    ASSERT_TRUE(l.has_value());
    EXPECT_EQ(*l, lambda[i]);
    EXPECT_TRUE(agrees(*l, printed[i], 3));
    (e > 0 ? winners : losers) += *l;
  }
  // ℓ⁺_2 = 18151519425/5180349922 ≈ 3.5039; ℓ⁻_2 = 325/18 + 18525/9026 = 816725/40617 ≈ 20.108.
  EXPECT_EQ(winners, q("18151519425/5180349922"));
  EXPECT_EQ(losers, q("816725/40617"));
  EXPECT_TRUE(agrees(winners, "3.504", 3));
  EXPECT_TRUE(agrees(losers, "20.102", 3));  // paper (rounded inputs)
  EXPECT_TRUE(agrees(losers, "20.108", 5));  // reference's exact value
  EXPECT_TRUE(agrees(losers / winners, "5.7", 2));
}

// @spec EX-P5
// @spec DEF-SOLVENCY
TEST(ExP5, SolvencyAtT2) {
  std::vector<Rational> equities;
  for (const auto& p : ex_p5()) equities.push_back(adl::ref::equity(p, ex_p5_path(), 2));
  const auto s = adl::ref::exchange_solvency(equities);
  // D_2 = 9/125 + 4513/7125 = 5026/7125; W_2 = 473/375 + 2108/375 + 10391/12375 = 95564/12375.
  EXPECT_EQ(s.deficit, q("5026/7125"));
  EXPECT_EQ(s.winner_equity, q("95564/12375"));
  EXPECT_EQ(s.solvency, s.winner_equity - s.deficit);
  EXPECT_FALSE(s.insolvent);
  EXPECT_TRUE(agrees(s.deficit, "0.705", 3));
  EXPECT_TRUE(agrees(s.winner_equity, "7.72", 3));
  // Equity pro-rata haircut D_2/W_2 ≈ 0.0913.
  EXPECT_TRUE(agrees(s.deficit / s.winner_equity, "0.0913", 3));
}

// The EX-P5 book at t = 2 in position space, as examples/ex-p5-t2.csv holds it:
// Γ per unit long = −7/15 − 143/250 = −779/750.
PositionBook ex_p5_at_t2() {
  PositionBook b;
  b.marks["PERP"] = q("13/10");
  const char* collateral[] = {"2", "2/3", "8/3", "2/19", "10/99"};
  const char* funding[] = {"-779/750", "-779/750", "1558/375", "-779/750", "779/750"};
  const auto tuples = ex_p5();
  for (std::size_t i = 0; i < 5; ++i) {
    Position p;
    p.account = kNames[i];
    p.market = "PERP";
    p.side = tuples[i].side;
    p.quantity = tuples[i].quantity;
    p.entry_price = 1;
    p.collateral = q(collateral[i]);
    p.funding = q(funding[i]);
    b.positions.push_back(p);
  }
  return b;
}

// @spec EX-P5
// @spec DEF-ACCOUNT-AGGREGATE
// @spec DEF-ENDOWMENT
// @spec DEF-CAPACITY
TEST(ExP5, PnlOnlyViewAtT2) {
  // The hand Γ agrees with the path's funding.
  EXPECT_EQ(adl::ref::funding_payment(ex_p5()[0], ex_p5_path(), 0, 2), q("-779/750"));
  const auto book = adl::ref::to_wealth_book(ex_p5_at_t2());
  const auto s = adl::ref::summarize(book);
  // w = (PNL)₊ = (0, 0, 1108/375, 0, 277/375).
  EXPECT_EQ(s.endowment, v({"0", "0", "1108/375", "0", "277/375"}));
  EXPECT_EQ(s.capacity, q("277/75"));          // U_2 = 1385/375 ≈ 3.6933
  EXPECT_EQ(s.max_endowment, q("1108/375"));   // υ_2 ≈ 2.9547
  EXPECT_EQ(s.max_shortfall, q("4513/7125"));  // Δ_2 ≈ 0.6334 (D)
  EXPECT_EQ(s.deficit, q("5026/7125"));
  // D_2/U_2 = (5026/7125)/(277/75) = 5026/26315 ≈ 0.19099.
  EXPECT_EQ(s.deficit / s.capacity, q("5026/26315"));
  EXPECT_TRUE(agrees(s.capacity, "3.6933", 5));
  EXPECT_TRUE(agrees(s.max_endowment, "2.9547", 5));
  EXPECT_TRUE(agrees(s.max_shortfall, "0.6334", 4));
  EXPECT_TRUE(agrees(s.deficit / s.capacity, "0.19099", 5));
  // A is an equity winner (e = 473/375 > 0) with zero endowment.
  EXPECT_EQ(adl::ref::equity(book.accounts[0]), q("473/375"));
  EXPECT_EQ(s.endowment[0], 0);
  // Leverage masses through the wealth book equal the position-space sums.
  const auto masses = adl::ref::leverage_masses(book);
  EXPECT_EQ(masses.winners, q("18151519425/5180349922"));
  EXPECT_EQ(masses.losers, q("816725/40617"));
}

// ---------------------------------------------------------------- App. B

// @spec EX-P5
// @spec DEF-EXEC-PRICE
// @spec DEF-LIQ-SHORTFALL
// @spec DEF-BANKRUPTCY-PRICE
TEST(ExP5, AppendixBExecutionPrices) {
  struct Case {
    const char* name;
    std::size_t index;
    const char* mark;
    const char* slice;
    const char* exec;        // p_t ∓ Δq/2 (α = 1)
    const char* bankruptcy;  // paper variant p_t ∓ c/q (AMB-M-03)
    const char* shortfall;   // DEF-LIQ-SHORTFALL with the paper's p^bk
    const char* printed_bk;
  };
  const Case cases[] = {
      // A: 13/10 − 1/4 = 21/20 > max(13/10 − 2, 0) = 0.
      {"A", 0, "13/10", "1/2", "21/20", "0", "0", "0"},
      // B: 19/20 − 1/10 = 17/20 > 19/20 − 2/3 = 17/60.
      {"B", 1, "19/20", "1/5", "17/20", "17/60", "0", "0.2833"},
      // C (short): 8/5 + 1 = 13/5 > 8/5 + 2/3 = 34/15, adverse: (13/5 − 34/15)·2 = 2/3 (derived).
      {"C", 2, "8/5", "2", "13/5", "34/15", "2/3", "2.2667"},
      // D: 49/50 − 1/5 = 39/50 < 49/50 − 2/19 = 831/950: (831/950 − 741/950)·(2/5) = 18/475.
      {"D", 3, "49/50", "2/5", "39/50", "831/950", "18/475", "0.8747"},
      // E (short): 21/20 + 1/5 = 5/4 > 21/20 + 10/99 = 2279/1980: (196/1980)·(2/5) = 98/2475
      // (derived).
      {"E", 4, "21/20", "2/5", "5/4", "2279/1980", "98/2475", "1.151"},
  };
  const auto book = ex_p5();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const PositionTuple& p = book[c.index];
    const Rational exec = adl::ref::execution_price(p.side, q(c.mark), q("1"), q(c.slice));
    EXPECT_EQ(exec, q(c.exec));
    const Rational bk = adl::ref::bankruptcy_price_current_mark(p.side, p.quantity, q(c.mark), p.collateral);
    EXPECT_EQ(bk, q(c.bankruptcy));
    EXPECT_TRUE(agrees(bk, c.printed_bk, 3));
    EXPECT_EQ(adl::ref::liquidation_shortfall(p.side, bk, exec, q(c.slice)), q(c.shortfall));
  }
  EXPECT_TRUE(agrees(q("18/475"), "0.0379", 3));  // D's printed shortfall
}

// @spec EX-P5
// @spec DEF-LIQ-FEE
TEST(ExP5, AppendixBFees) {
  // p_t = 13/10, Δq = 1/2, p^exec = 33/25 (1.32).
  // Binance: 40/10000·(13/10)·(1/2) = 13/5000 = 0.0026.
  const Rational binance = adl::ref::liquidation_fee(adl::ref::kBinanceLiquidationFee, q("13/10"), q("33/25"),
                                                     q("1/2"));
  EXPECT_EQ(binance, q("13/5000"));
  EXPECT_EQ(binance, decimal("0.0026"));
  // Hyperliquid: 20/10000·(13/20) + 10/10000·(33/50) = 13/10000 + 33/50000 = 98/50000 = 0.00196.
  const Rational hyperliquid = adl::ref::liquidation_fee(adl::ref::kHyperliquidLiquidationFee, q("13/10"), q("33/25"),
                                                         q("1/2"));
  EXPECT_EQ(hyperliquid, q("49/25000"));
  EXPECT_EQ(hyperliquid, decimal("0.00196"));
}

// p_{0:5} = (1.00, 0.96, 0.94, 0.97, 1.05, 1.12), p̂ = p, funding ignored (γ = 0) as the
// example does.
MarketPath five_step_path() {
  return MarketPath{v({"1", "24/25", "47/50", "97/100", "21/20", "28/25"}), v({"0", "0", "0", "0", "0", "0"})};
}

// @spec EX-P5
// @spec DEF-STOP-TIME
TEST(ExP5, FiveStepPathStopTimes) {
  const auto book = ex_p5();
  // AMB-M-04 (derived): D already fails maintenance at t = 1:
  // e = 2/19 − 1/25 = 31/475 ≈ 0.0653 ≤ μ·p_1 = 12/125 = 0.096.
  EXPECT_EQ(adl::ref::equity(book[3], five_step_path(), 1), q("31/475"));
  EXPECT_EQ(adl::ref::stop_time(book[3], five_step_path(), 5, kMu), std::optional<std::int64_t>(1));
  // E first breaches at t = 4: 10/99 + 1/25, + 3/50, + 3/100 stay above μ·p_t; then
  // e_4 = 10/99 − 1/20 = 101/1980 ≈ 0.0510 ≤ 21/200 = 0.105.
  EXPECT_EQ(adl::ref::equity(book[4], five_step_path(), 4), q("101/1980"));
  EXPECT_EQ(adl::ref::stop_time(book[4], five_step_path(), 5, kMu), std::optional<std::int64_t>(4));
}

// @spec EX-P5
// @spec DEF-ADJ-EQUITY
// @spec DEF-LIQ-SHORTFALL
TEST(ExP5, FiveStepPathPartialLiquidationOfD) {
  const PositionTuple d = ex_p5()[3];
  const Rational mark = q("47/50");
  // e_2 = 2/19 − 3/50 = 43/950.
  const Rational e2 = adl::ref::equity(d, five_step_path(), 2);
  EXPECT_EQ(e2, q("43/950"));
  // The reference's slice Δq = 0.2: p^exec = 47/50 − 1/10 = 21/25 (0.84).
  const auto out = adl::ref::execute_slice(d.side, d.quantity, e2, mark, q("1"), q("1/5"), adl::ref::FeeSchedule{});
  EXPECT_EQ(out.execution_price, q("21/25"));
  // Paper p^bk = 47/50 − 2/19 = 793/950 ≈ 0.8347 < 0.84: no shortfall.
  const Rational paper_bk = adl::ref::bankruptcy_price_current_mark(d.side, d.quantity, mark, d.collateral);
  EXPECT_EQ(paper_bk, q("793/950"));
  EXPECT_TRUE(agrees(paper_bk, "0.8347", 4));
  EXPECT_EQ(adl::ref::liquidation_shortfall(d.side, paper_bk, out.execution_price, q("1/5")), 0);
  // No bad debt by DEF-ADJ-EQUITY either: ẽ = 43/950 − (1/5)(1/10) = 12/475 > 0.
  EXPECT_EQ(out.adjusted_equity, q("12/475"));
  EXPECT_EQ(out.bad_debt, 0);
  // Derived: against the entry-form p^bk = 17/19 the slice is short (17/19 − 21/25)/5 = 26/2375,
  // but the remainder's equity covers it, so it is not bad debt.
  EXPECT_EQ(
      adl::ref::liquidation_shortfall(d.side, adl::ref::bankruptcy_price(d.side, d.quantity, q("1"), d.collateral),
                                      out.execution_price, q("1/5")),
      q("26/2375"));
  // Derived: the greedy strategy itself would close D in full at t = 2:
  // disc = (47/500)² − 2·(47/500 − 43/950) = 2209/250000 − 463/4750 < 0.
  const auto greedy = adl::ref::greedy_liquidation(GreedyInput{
      .equity = e2, .quantity = d.quantity, .mark = mark, .maintenance_margin = kMu, .impact = q("1"), .fee = q("0")});
  EXPECT_EQ(greedy.branch, GreedyBranch::NoRealRoot);
  EXPECT_EQ(greedy.quantity, Rational(1));
}

// @spec EX-P5
// @spec DEF-BAD-DEBT
// @spec DEF-INSURANCE-FUND
// @spec DEF-RESIDUAL
TEST(ExP5, FiveStepPathFullCloseOfE) {
  const PositionTuple e = ex_p5()[4];
  const Rational mark = q("21/20");
  const Rational e4 = adl::ref::equity(e, five_step_path(), 4);  // 101/1980
  // Greedy (α = 1, any τ ≥ 0): disc = (21/200)² − 2·(21/200 − 101/1980 + τ) < 0 ⇒ full close.
  const auto greedy = adl::ref::greedy_liquidation(GreedyInput{
      .equity = e4, .quantity = e.quantity, .mark = mark, .maintenance_margin = kMu, .impact = q("1"), .fee = q("0")});
  EXPECT_EQ(greedy.branch, GreedyBranch::NoRealRoot);
  EXPECT_EQ(greedy.quantity, Rational(1));
  // p^exec = 21/20 + 1/2 = 31/20 (1.55).
  const Rational exec = adl::ref::execution_price(e.side, mark, q("1"), q("1"));
  EXPECT_EQ(exec, q("31/20"));
  // Paper variant: p^bk = 21/20 + 10/99 = 2279/1980 ≈ 1.151, D_4 = 31/20 − 2279/1980 = 79/198.
  const Rational paper_bk = adl::ref::bankruptcy_price_current_mark(e.side, e.quantity, mark, e.collateral);
  EXPECT_EQ(paper_bk, q("2279/1980"));
  const Rational paper_d4 = adl::ref::liquidation_shortfall(e.side, paper_bk, exec, q("1"));
  EXPECT_EQ(paper_d4, q("79/198"));
  EXPECT_TRUE(agrees(paper_d4, "0.399", 3));
  // Entry form (AMB-M-03): p^bk = 109/99 ≈ 1.1010, D_4 = 31/20 − 109/99 = 889/1980 ≈ 0.449.
  const Rational entry_bk = adl::ref::bankruptcy_price(e.side, e.quantity, q("1"), e.collateral);
  const Rational entry_d4 = adl::ref::liquidation_shortfall(e.side, entry_bk, exec, q("1"));
  EXPECT_EQ(entry_d4, q("889/1980"));
  EXPECT_TRUE(agrees(entry_d4, "0.449", 3));
  // Without a fee the full-close shortfall is exactly ẽ⁻ (DEF-LIQ-SHORTFALL):
  // ẽ = 101/1980 − 1·(31/20 − 21/20) = 101/1980 − 990/1980 = −889/1980.
  EXPECT_EQ(adl::ref::adjusted_equity(e.side, e4, mark, exec, q("1"), q("0")), q("-889/1980"));
  // Fee τ_4 = 0.002·1.05 + 0.001·1.55 = 21/10000 + 31/20000 = 73/20000 (0.00365), Hyperliquid.
  const Rational fee = adl::ref::liquidation_fee(adl::ref::kHyperliquidLiquidationFee, mark, exec, q("1"));
  EXPECT_EQ(fee, q("73/20000"));
  EXPECT_EQ(fee, decimal("0.00365"));
  // With the fee charged to the trader the bad debt grows by τ_4 (entry form).
  const auto out = adl::ref::execute_slice(e.side, e.quantity, e4, mark, q("1"), q("1"),
                                           adl::ref::kHyperliquidLiquidationFee);
  EXPECT_EQ(out.bad_debt, q("889/1980") + q("73/20000"));
  EXPECT_EQ(adl::ref::bad_debt({out.adjusted_equity}), out.bad_debt);

  // The fund at t = 4 with the paper's D_4, insurance share α = 1/2, γ_4 = 0, V_4 ignored.
  const InsuranceShares shares{q("1/2"), q("0"), q("0")};
  const FeeFlows flows{fee, q("0"), q("0")};
  // IF_4 = 1/2 ≥ D_4: IF_5 = IF_4 + α·τ_4 − D_4 = 1/2 + 73/40000 − 79/198.
  const auto covered = adl::ref::insurance_fund_step(q("1/2"), paper_d4, shares, flows);
  EXPECT_EQ(covered.next_fund, q("1/2") + q("73/40000") - q("79/198"));
  EXPECT_EQ(covered.residual, 0);
  // IF_4 = 1/4 < D_4: IF_5 = α·τ_4 = 73/40000, R_4 = 79/198 − 1/4 = 59/396.
  const auto breached = adl::ref::insurance_fund_step(q("1/4"), paper_d4, shares, flows);
  EXPECT_EQ(breached.next_fund, q("73/40000"));
  EXPECT_EQ(breached.residual, q("59/396"));
  EXPECT_EQ(adl::ref::residual_shortfall(paper_d4, q("1/4")), q("59/396"));
}

// ---------------------------------------------------------------- greedy

// @spec DEF-LIQ-STRATEGY
TEST(ExP5, GreedyTwoMinusRootTwo) {
  // (p_t, q, e, μ, α, τ) = (1, 1, 0.05, 0.1, 0.05, 0): disc = 1/100 − 1/200 = 1/200,
  // Δq = (1/10 − √(1/200))·20 = 2 − √2 (derived).
  const auto slice = adl::ref::greedy_liquidation(GreedyInput{.equity = q("1/20"),
                                                              .quantity = q("1"),
                                                              .mark = q("1"),
                                                              .maintenance_margin = q("1/10"),
                                                              .impact = q("1/20"),
                                                              .fee = q("0")});
  EXPECT_EQ(slice.branch, GreedyBranch::SmallerRoot);
  EXPECT_EQ(slice.quantity, Surd::make(q("2"), -1, q("2")));
  EXPECT_EQ(adl::ref::to_decimal(slice.quantity, 6), "0.585786\u2026");  // 2 − 1.41421356…
  // α = 0.2: disc = 1/100 − 2·(1/5)·(1/20) = −1/100 < 0 ⇒ full close (derived).
  const auto full = adl::ref::greedy_liquidation(GreedyInput{.equity = q("1/20"),
                                                             .quantity = q("1"),
                                                             .mark = q("1"),
                                                             .maintenance_margin = q("1/10"),
                                                             .impact = q("1/5"),
                                                             .fee = q("0")});
  EXPECT_EQ(full.branch, GreedyBranch::NoRealRoot);
  EXPECT_EQ(full.quantity, Rational(1));
}

// @spec DEF-LIQ-STRATEGY
TEST(ExP5, GreedyShortEFixedPrice) {
  // Short E at p_t = 5.5: e = 10/99 − (11/2 − 1) = −871/198 ≈ −4.399; φ = 30 bps; p^exec = 5.55.
  const Rational e = q("10/99") - q("9/2");
  EXPECT_EQ(e, q("-871/198"));
  EXPECT_TRUE(agrees(e, "-4.399", 4));
  // Hand derivation: numerator μpq − e = 11/20 + 871/198 = 9799/1980 ≈ 4.949;
  // denominator −(111/20 − 11/2) − (3/1000)(11/2) + 11/20 = −1/20 − 33/2000 + 11/20 = 967/2000.
  const Rational ratio = q("9799/1980") / q("967/2000");
  EXPECT_TRUE(agrees(q("9799/1980"), "4.949", 4));
  EXPECT_TRUE(agrees(q("967/2000"), "0.4835", 4));
  EXPECT_TRUE(agrees(ratio, "10.24", 4));
  // The uncapped slice exceeds q = 1 ⇒ full close.
  EXPECT_EQ(adl::ref::greedy_liquidation_fixed_price(Side::Short, e, q("1"), q("11/2"), kMu, q("111/20"), q("3/1000")),
            1);
  // The quadratic (linear impact α = 1) agrees: disc = (11/20)² − 2·(9799/1980) < 0.
  const auto quadratic = adl::ref::greedy_liquidation(GreedyInput{
      .equity = e, .quantity = q("1"), .mark = q("11/2"), .maintenance_margin = kMu, .impact = q("1"), .fee = q("0")});
  EXPECT_EQ(quadratic.branch, GreedyBranch::NoRealRoot);
  EXPECT_EQ(quadratic.quantity, Rational(1));
}

// ---------------------------------------------------------------- order book

// @spec EX-P5
// @spec DEF-EXEC-PRICE
TEST(ExP5, OrderBookVwap) {
  // Asks (1.0, 1), (1.1, 3), (1.2, 10); buy 5: 1·1 + 3·(11/10) + 1·(6/5) = 11/2, VWAP 11/10.
  const std::vector<adl::ref::BookLevel> asks{{q("1"), q("1")}, {q("11/10"), q("3")}, {q("6/5"), q("10")}};
  const auto fill = adl::ref::market_buy(asks, q("5"));
  EXPECT_EQ(fill.quantity, 5);
  EXPECT_EQ(fill.notional, q("11/2"));
  EXPECT_EQ(fill.vwap, q("11/10"));
  EXPECT_EQ(fill.notional, decimal("5.5"));
  EXPECT_EQ(fill.vwap, decimal("1.1"));
  EXPECT_THROW(adl::ref::market_buy(asks, q("15")), adl::ref::Infeasible);
}

}  // namespace
