// Unit tests of positions: notional, open interest, leverage, margins,
// funding, PnL, equity, stop time and effective leverage (model.md §1–2).
#include <gtest/gtest.h>

#include "rationals.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/position.hpp"

#include <optional>
#include <string>
#include <vector>

namespace {

using adl::test::q;
using adl::test::v;

using adl::ref::InvalidInput;
using adl::ref::MarketPath;
using adl::ref::Position;
using adl::ref::PositionTuple;
using adl::ref::Rational;
using adl::ref::Side;

PositionTuple tuple(const char* quantity, const char* collateral, std::int64_t open, Side side) {
  return PositionTuple{q(quantity), q(collateral), open, side};
}

Position book_position(const char* quantity, const char* entry, const char* collateral, Side side,
                       const char* funding = "0") {
  Position p;
  p.account = "acct";
  p.market = "PERP";
  p.side = side;
  p.quantity = q(quantity);
  p.entry_price = q(entry);
  p.collateral = q(collateral);
  p.funding = q(funding);
  return p;
}

// Marks (1, 2, 3) and rates (7, 1/10, −1/5): γ_0 = 7 must never be used.
MarketPath three_step_path() { return MarketPath{v({"1", "2", "3"}), v({"7", "1/10", "-1/5"})}; }

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "(no InvalidInput thrown)";
}

// @spec DEF-POSITION
TEST(Position, SideSign) {
  EXPECT_EQ(adl::ref::side_sign(Side::Long), 1);
  EXPECT_EQ(adl::ref::side_sign(Side::Short), -1);
  EXPECT_THROW(adl::ref::side_sign(static_cast<Side>(0)), InvalidInput);
}

// @spec DEF-POSITION
TEST(Position, ValidateTuple) {
  EXPECT_NO_THROW(adl::ref::validate_position(tuple("0", "0", 0, Side::Long)));
  EXPECT_NE(message_of([] { adl::ref::validate_position(tuple("-1", "1", 0, Side::Long)); }).find("quantity"),
            std::string::npos);
  EXPECT_NE(message_of([] { adl::ref::validate_position(tuple("1", "-1/2", 0, Side::Long)); }).find("collateral"),
            std::string::npos);
  EXPECT_NE(message_of([] { adl::ref::validate_position(tuple("1", "1", -1, Side::Short)); }).find("open_time"),
            std::string::npos);
  EXPECT_THROW(adl::ref::validate_position(tuple("1", "1", 0, static_cast<Side>(2))), InvalidInput);
}

// @spec DEF-POSITION: book positions; messages name account, market and field.
TEST(Position, ValidateBookPosition) {
  Position p = book_position("1", "1", "1", Side::Long);
  EXPECT_NO_THROW(adl::ref::validate_position(p));
  p.entry_price = 0;
  const std::string m = message_of([&] { adl::ref::validate_position(p); });
  EXPECT_NE(m.find("acct"), std::string::npos);
  EXPECT_NE(m.find("PERP"), std::string::npos);
  EXPECT_NE(m.find("entry_price"), std::string::npos);
  p = book_position("1", "1", "1", Side::Long);
  p.account.clear();
  EXPECT_THROW(adl::ref::validate_position(p), InvalidInput);
  p = book_position("1", "1", "1", Side::Long);
  p.market.clear();
  EXPECT_THROW(adl::ref::validate_position(p), InvalidInput);
  p = book_position("1", "1", "1", Side::Long);
  p.open_time = -3;
  EXPECT_THROW(adl::ref::validate_position(p), InvalidInput);
}

// @spec DEF-NOTIONAL: n = p·q.
TEST(Position, Notional) {
  EXPECT_EQ(adl::ref::notional(q("3/2"), q("4")), 6);
  EXPECT_EQ(adl::ref::notional(q("0"), q("4")), 0);  // a bankruptcy price may be 0
  EXPECT_EQ(adl::ref::notional(q("5"), q("0")), 0);
  EXPECT_THROW(adl::ref::notional(q("1"), q("-1")), InvalidInput);
  EXPECT_THROW(adl::ref::notional(q("-1"), q("1")), InvalidInput);
}

// @spec DEF-OPEN-INTEREST: L over longs, S over shorts, at one mark.
TEST(Position, OpenInterest) {
  // Longs 1 + 2, short 3, at mark 2: L = 6, S = 6, OI = 12.
  const std::vector<PositionTuple> book{tuple("1", "1", 0, Side::Long), tuple("2", "1", 0, Side::Long),
                                        tuple("3", "1", 0, Side::Short)};
  const auto oi = adl::ref::open_interest(book, q("2"));
  EXPECT_EQ(oi.long_side, 6);
  EXPECT_EQ(oi.short_side, 6);
  EXPECT_EQ(oi.total, 12);
  const auto empty = adl::ref::open_interest(std::vector<PositionTuple>{}, q("2"));
  EXPECT_EQ(empty.total, 0);
  EXPECT_THROW(adl::ref::open_interest(book, q("0")), InvalidInput);
  EXPECT_THROW(adl::ref::open_interest({tuple("-1", "1", 0, Side::Long)}, q("1")), InvalidInput);

  // Book positions: the same numbers.
  const std::vector<Position> positions{book_position("1", "1", "1", Side::Long),
                                        book_position("2", "5", "1", Side::Long),
                                        book_position("3", "1", "1", Side::Short)};
  const auto oi2 = adl::ref::open_interest(positions, q("2"));
  EXPECT_EQ(oi2.long_side, 6);
  EXPECT_EQ(oi2.short_side, 6);
  EXPECT_EQ(oi2.total, 12);
}

// @spec DEF-LEVERAGE: ℓ = p_{t_i}·q/c; undefined when c = 0.
TEST(Position, InitialLeverage) {
  EXPECT_EQ(*adl::ref::initial_leverage(q("2"), q("3"), q("4")), q("3/2"));
  EXPECT_FALSE(adl::ref::initial_leverage(q("2"), q("3"), q("0")).has_value());
  EXPECT_EQ(*adl::ref::initial_leverage(q("2"), q("0"), q("4")), 0);  // q = 0: no exposure
  EXPECT_THROW(adl::ref::initial_leverage(q("0"), q("1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::initial_leverage(q("1"), q("1"), q("-1")), InvalidInput);
}

// @spec DEF-LEVERAGE: ℓ_t = 1{t ≥ t_i}·p_t·q/c_t.
TEST(Position, LeverageAtTime) {
  EXPECT_EQ(*adl::ref::leverage_at(3, 1, q("3"), q("2"), q("4")), q("3/2"));
  EXPECT_EQ(*adl::ref::leverage_at(1, 1, q("3"), q("2"), q("4")), q("3/2"));  // t = t_i counts
  EXPECT_EQ(*adl::ref::leverage_at(0, 1, q("3"), q("2"), q("4")), 0);         // before opening
  EXPECT_FALSE(adl::ref::leverage_at(3, 1, q("3"), q("2"), q("0")).has_value());
  EXPECT_FALSE(adl::ref::leverage_at(0, 1, q("3"), q("2"), q("0")).has_value());
  EXPECT_THROW(adl::ref::leverage_at(3, -1, q("3"), q("2"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::leverage_at(3, 0, q("0"), q("2"), q("1")), InvalidInput);
}

// @spec DEF-INITIAL-MARGIN: m_I·p·q ≤ c, ℓ^max = 1/m_I.
TEST(Position, InitialMargin) {
  EXPECT_EQ(adl::ref::max_leverage(q("1/10")), 10);
  EXPECT_TRUE(adl::ref::meets_initial_margin(q("1/10"), q("1"), q("1"), q("1/10")));  // equality
  EXPECT_FALSE(adl::ref::meets_initial_margin(q("1/10"), q("1"), q("1"), q("99/1000")));
  EXPECT_TRUE(adl::ref::meets_initial_margin(q("1/10"), q("1"), q("0"), q("0")));  // q = 0
  EXPECT_THROW(adl::ref::max_leverage(q("0")), InvalidInput);
  EXPECT_THROW(adl::ref::max_leverage(q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::meets_initial_margin(q("3/2"), q("1"), q("1"), q("1")), InvalidInput);
}

// @spec DEF-MAINT-MARGIN: liquidatable iff e ≤ μ·p·q (non-strict).
TEST(Position, MaintenanceMargin) {
  EXPECT_EQ(adl::ref::maintenance_requirement(q("1/10"), q("7/5"), q("1")), q("7/50"));
  EXPECT_TRUE(adl::ref::maintenance_insolvent(q("7/50"), q("1/10"), q("7/5"), q("1")));
  EXPECT_FALSE(adl::ref::maintenance_insolvent(q("7001/50000"), q("1/10"), q("7/5"), q("1")));
  EXPECT_TRUE(adl::ref::maintenance_insolvent(q("-1"), q("1/10"), q("7/5"), q("1")));
  // q = 0: requirement 0, so only e ≤ 0 is "liquidatable".
  EXPECT_TRUE(adl::ref::maintenance_insolvent(q("0"), q("1/10"), q("1"), q("0")));
  EXPECT_FALSE(adl::ref::maintenance_insolvent(q("1/100"), q("1/10"), q("1"), q("0")));
  EXPECT_THROW(adl::ref::maintenance_requirement(q("1"), q("1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::maintenance_requirement(q("0"), q("1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::maintenance_requirement(q("1/10"), q("0"), q("1")), InvalidInput);
}

// @spec DEF-FUNDING-RATE: γ = κ(L/S − p/p̂).
TEST(Position, FundingRate) {
  // κ = 2, L/S = 3/5, p/p̂ = 1: 2·(3/5 − 1) = −4/5 (longs pay shorts).
  EXPECT_EQ(adl::ref::funding_rate(q("2"), q("3"), q("5"), q("1"), q("1")), q("-4/5"));
  // L/S = 2, p/p̂ = 4/5: 1·(2 − 4/5) = 6/5 > 0 (shorts pay longs, AMB-M-01).
  EXPECT_EQ(adl::ref::funding_rate(q("1"), q("4"), q("2"), q("4"), q("5")), q("6/5"));
  EXPECT_EQ(adl::ref::funding_rate(q("1"), q("0"), q("2"), q("1"), q("1")), -1);  // L = 0
  EXPECT_NE(message_of([] { adl::ref::funding_rate(q("1"), q("1"), q("0"), q("1"), q("1")); }).find("short_oi"),
            std::string::npos);
  EXPECT_NE(message_of([] { adl::ref::funding_rate(q("1"), q("1"), q("1"), q("1"), q("0")); }).find("spot"),
            std::string::npos);
  EXPECT_THROW(adl::ref::funding_rate(q("0"), q("1"), q("1"), q("1"), q("1")), InvalidInput);
  EXPECT_THROW(adl::ref::funding_rate(q("1"), q("-1"), q("1"), q("1"), q("1")), InvalidInput);
}

// @spec DEF-FUNDING-PAYMENT: one step is γ·p·b·q.
TEST(Position, FundingStep) {
  // 1/10 · 3 · 2 = 3/5 for the long, −3/5 for the short.
  EXPECT_EQ(adl::ref::funding_step(Side::Long, q("2"), q("1/10"), q("3")), q("3/5"));
  EXPECT_EQ(adl::ref::funding_step(Side::Short, q("2"), q("1/10"), q("3")), q("-3/5"));
  EXPECT_EQ(adl::ref::funding_step(Side::Short, q("0"), q("1/10"), q("3")), 0);
  EXPECT_THROW(adl::ref::funding_step(Side::Long, q("-1"), q("1"), q("1")), InvalidInput);
}

// @spec DEF-FUNDING-PAYMENT: Γ(𝔭, t, T) = Σ_{s=t+1}^{T} b·q·γ_s·p_s.
TEST(Position, FundingPayment) {
  const MarketPath path = three_step_path();
  const PositionTuple long1 = tuple("1", "1", 0, Side::Long);
  // s = 1: 1/10·2 = 1/5; s = 2: −1/5·3 = −3/5; total −2/5 (γ_0 = 7 unused).
  EXPECT_EQ(adl::ref::funding_payment(long1, path, 0, 2), q("-2/5"));
  EXPECT_EQ(adl::ref::funding_payment(long1, path, 1, 2), q("-3/5"));
  EXPECT_EQ(adl::ref::funding_payment(tuple("1", "1", 0, Side::Short), path, 0, 2), q("2/5"));
  EXPECT_EQ(adl::ref::funding_payment(long1, path, 2, 2), 0);  // empty sum
  EXPECT_EQ(adl::ref::funding_payment(long1, path, 2, 1), 0);
  EXPECT_THROW(adl::ref::funding_payment(long1, path, 0, 3), InvalidInput);  // T off the path
}

// @spec DEF-FUNDING-PAYMENT: a malformed path is rejected, naming the field.
TEST(Position, PathValidation) {
  EXPECT_THROW(adl::ref::validate_path(MarketPath{}), InvalidInput);
  EXPECT_NE(message_of([] {
              adl::ref::validate_path(MarketPath{v({"1", "2"}), v({"0"})});
            }).find("funding_rate"),
            std::string::npos);
  EXPECT_NE(message_of([] {
              adl::ref::validate_path(MarketPath{v({"1", "0"}), v({"0", "0"})});
            }).find("path.mark[1]"),
            std::string::npos);
}

// @spec DEF-PNL: PNL_{s:T} = 1{s ≤ t_i < T}(b·q·(p_{T̂} − p_{t_i}) + Γ(t_i, T̂)).
TEST(Position, PnlWithIndicatorAndStopTime) {
  const MarketPath path = three_step_path();
  const PositionTuple long2 = tuple("2", "1", 0, Side::Long);
  // 2·(3 − 1) + 2·(−2/5) = 4 − 4/5 = 16/5.
  EXPECT_EQ(adl::ref::pnl(long2, path, 2), q("16/5"));
  EXPECT_EQ(adl::ref::pnl_between(long2, path, 0, 2), q("16/5"));
  // The indicator: s > t_i, or T ≤ t_i, gives 0.
  EXPECT_EQ(adl::ref::pnl_between(long2, path, 1, 2), 0);
  EXPECT_EQ(adl::ref::pnl(long2, path, 0), 0);
  // Stop time τ = 1: T̂ = 1, 2·(2 − 1) + 2·(1/10·2) = 2 + 2/5 = 12/5.
  EXPECT_EQ(adl::ref::pnl(long2, path, 2, 1), q("12/5"));
  // τ ≥ T changes nothing.
  EXPECT_EQ(adl::ref::pnl(long2, path, 2, 5), q("16/5"));
  // Opened at t = 1: entry p_1 = 2; 2·(3 − 2) + 2·(−1/5·3) = 2 − 6/5 = 4/5.
  EXPECT_EQ(adl::ref::pnl(tuple("2", "1", 1, Side::Long), path, 2), q("4/5"));
  // A short mirrors a long: −16/5.
  EXPECT_EQ(adl::ref::pnl(tuple("2", "1", 0, Side::Short), path, 2), q("-16/5"));
  // q = 0: no PnL.
  EXPECT_EQ(adl::ref::pnl(tuple("0", "1", 0, Side::Long), path, 2), 0);
  EXPECT_THROW(adl::ref::pnl(tuple("2", "1", 1, Side::Long), path, 2, 0), InvalidInput);  // τ < t_i
  EXPECT_THROW(adl::ref::pnl(long2, path, 3), InvalidInput);                              // off path
  EXPECT_THROW(adl::ref::pnl(tuple("2", "1", 4, Side::Long), path, 5), InvalidInput);
}

// @spec DEF-EQUITY: e = c + PNL.
TEST(Position, Equity) {
  const MarketPath path = three_step_path();
  EXPECT_EQ(adl::ref::equity(tuple("2", "1", 0, Side::Long), path, 2), q("21/5"));
  EXPECT_EQ(adl::ref::equity(tuple("2", "1", 0, Side::Short), path, 2), q("-11/5"));
  EXPECT_EQ(adl::ref::equity(tuple("2", "1", 0, Side::Long), path, 2, 1), q("17/5"));
}

// @spec DEF-PNL, DEF-EQUITY at the current mark of a book position.
TEST(Position, PnlAtMark) {
  // Long 2 from 1 at 3/2 with Γ = −1/2: 2·(1/2) − 1/2 = 1/2; equity 1 + 1/2.
  const Position lng = book_position("2", "1", "1", Side::Long, "-1/2");
  EXPECT_EQ(adl::ref::pnl_at_mark(lng, q("3/2")), q("1/2"));
  EXPECT_EQ(adl::ref::equity_at_mark(lng, q("3/2")), q("3/2"));
  // The short: −2·(1/2) − 1/2 = −3/2.
  const Position sht = book_position("2", "1", "1", Side::Short, "-1/2");
  EXPECT_EQ(adl::ref::pnl_at_mark(sht, q("3/2")), q("-3/2"));
  EXPECT_THROW(adl::ref::pnl_at_mark(lng, q("0")), InvalidInput);
}

// @spec DEF-STOP-TIME: first s in t_i+1..t with e_s ≤ μ·p_s·q (AMB-M-02).
TEST(Position, StopTime) {
  const MarketPath path{v({"1", "19/20", "9/10", "4/5"}), v({"0", "0", "0", "0"})};
  const PositionTuple lng = tuple("1", "1/5", 0, Side::Long);
  // s = 1: e = 1/5 − 1/20 = 3/20 > 19/200; s = 2: e = 1/10 > 9/100; s = 3: e = 0 ≤ 2/25.
  EXPECT_EQ(adl::ref::stop_time(lng, path, 3, q("1/10")), std::optional<std::int64_t>(3));
  EXPECT_FALSE(adl::ref::stop_time(lng, path, 2, q("1/10")).has_value());
  // A short on a falling path never breaches.
  EXPECT_FALSE(adl::ref::stop_time(tuple("1", "1/5", 0, Side::Short), path, 3, q("1/10")));
  // Equality binds: path (1, 1/2), c = 11/20: e_1 = 11/20 − 1/2 = 1/20 = μ·p_1.
  const MarketPath half{v({"1", "1/2"}), v({"0", "0"})};
  EXPECT_EQ(adl::ref::stop_time(tuple("1", "11/20", 0, Side::Long), half, 1, q("1/10")),
            std::optional<std::int64_t>(1));
  // The search starts at t_i + 1: c = 1/20 < μ·p_0 is not flagged at t_i, but at s = 1.
  const MarketPath flat{v({"1", "1"}), v({"0", "0"})};
  EXPECT_EQ(adl::ref::stop_time(tuple("1", "1/20", 0, Side::Long), flat, 1, q("1/10")), std::optional<std::int64_t>(1));
  EXPECT_FALSE(adl::ref::stop_time(tuple("1", "1/20", 0, Side::Long), flat, 0, q("1/10")));
  EXPECT_THROW(adl::ref::stop_time(lng, path, 3, q("0")), InvalidInput);
  EXPECT_THROW(adl::ref::stop_time(lng, path, 4, q("1/10")), InvalidInput);
}

// @spec DEF-EFFECTIVE-LEVERAGE: λ = n/|e|; e = 0 is in neither set.
TEST(Position, EffectiveLeverage) {
  EXPECT_EQ(*adl::ref::effective_leverage(q("6"), q("2")), 3);
  EXPECT_EQ(*adl::ref::effective_leverage(q("6"), q("-3")), 2);
  EXPECT_FALSE(adl::ref::effective_leverage(q("6"), q("0")).has_value());
  EXPECT_EQ(*adl::ref::effective_leverage(q("0"), q("5")), 0);
  EXPECT_THROW(adl::ref::effective_leverage(q("-1"), q("1")), InvalidInput);
}

}  // namespace
