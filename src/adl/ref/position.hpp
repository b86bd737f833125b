/// @file
/// Positions on a perpetual-futures exchange: notional, open interest,
/// leverage, margins, funding, PnL, equity and the stop time (model.md §1–2).
///
/// Everything is exact (Rational). Times are integers; a price path is a pair
/// of vectors indexed by time s = 0, 1, …, N. Impossible inputs throw
/// InvalidInput naming the field; nothing is clamped except where a
/// definition itself says so.
#pragma once

#include "adl/ref/book.hpp"
#include "adl/ref/number.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace adl::ref {

/// The position tuple 𝔭 = (q, c, t, b) of DEF-POSITION, as used on a price
/// path: the entry price is the path's mark at the opening time, p_{t_i}.
/// The collateral is the current one, c_{i,t}.
/// @spec DEF-POSITION
struct PositionTuple {
  Rational quantity;           ///< q ≥ 0, contracts.
  Rational collateral;         ///< c ≥ 0, cash posted ("initial margin").
  std::int64_t open_time = 0;  ///< t_i ≥ 0.
  Side side = Side::Long;      ///< b ∈ {+1, −1}.
};

/// A market's price path: the mark p_s and the funding rate γ_s for
/// s = 0, …, N (both vectors have N + 1 entries). γ_0 is never used: funding
/// accrues from t_i + 1 on (DEF-FUNDING-PAYMENT).
/// @spec DEF-FUNDING-PAYMENT
struct MarketPath {
  std::vector<Rational> mark;          ///< p_s > 0, futures/mark price.
  std::vector<Rational> funding_rate;  ///< γ_s, any sign (γ > 0: shorts pay longs).
};

/// The side as the number b.
/// @param side long or short; any other enum value throws InvalidInput.
/// @return +1 for a long, −1 for a short.
/// @spec DEF-POSITION
int side_sign(Side side);

/// Checks a tuple against DEF-POSITION: q ≥ 0, c ≥ 0, t_i ≥ 0, b = ±1.
/// @param position the tuple; throws InvalidInput naming the field.
/// @spec DEF-POSITION
void validate_position(const PositionTuple& position);

/// Checks a book position against DEF-POSITION and FMT-POSITION-CSV:
/// non-empty account and market, q ≥ 0, entry price > 0, c ≥ 0, t_i ≥ 0,
/// b = ±1. The message names the account, the market and the field.
/// @param position the book position.
/// @spec DEF-POSITION
void validate_position(const Position& position);

/// n = p·q.
/// @param price the price p ≥ 0 (a mark, or a bankruptcy price, which may be 0).
/// @param quantity q ≥ 0.
/// @return the notional p·q.
/// @spec DEF-NOTIONAL
Rational notional(const Rational& price, const Rational& quantity);

/// Open interest at one mark: L = Σ_{b=+1} q·p, S = Σ_{b=−1} q·p, OI = L + S
/// ("trader OI" over 𝒫_n; a venue reporting over the mirrored book shows 2·OI).
/// @spec DEF-OPEN-INTEREST
struct OpenInterest {
  Rational long_side;   ///< L_t.
  Rational short_side;  ///< S_t.
  Rational total;       ///< OI_t = L_t + S_t.
};

/// L, S and OI of a set of positions at the mark p_t.
/// @param positions the tuples (each validated).
/// @param mark p_t > 0.
/// @return the open interest.
/// @spec DEF-OPEN-INTEREST
OpenInterest open_interest(const std::vector<PositionTuple>& positions, const Rational& mark);

/// L, S and OI of book positions at the mark p_t (their own market is not
/// consulted: pass the positions of one market).
/// @param positions the book positions (each validated).
/// @param mark p_t > 0.
/// @return the open interest.
/// @spec DEF-OPEN-INTEREST
OpenInterest open_interest(const std::vector<Position>& positions, const Rational& mark);

/// Initial leverage ℓ = p_{t_i}·q / c.
/// @param entry_price p_{t_i} > 0.
/// @param quantity q ≥ 0.
/// @param collateral c ≥ 0.
/// @return ℓ, or empty when c = 0 (undefined, "treat as +∞").
/// @spec DEF-LEVERAGE
std::optional<Rational> initial_leverage(const Rational& entry_price, const Rational& quantity,
                                         const Rational& collateral);

/// Time-t leverage ℓ_{i,t} = 1{t ≥ t_i}·p_t·q / c_{i,t}.
/// The denominator is checked first: c = 0 gives empty even before t_i.
/// @param time t.
/// @param open_time t_i ≥ 0.
/// @param mark p_t > 0.
/// @param quantity q ≥ 0.
/// @param collateral c_{i,t} ≥ 0.
/// @return ℓ_{i,t} (0 before the opening time), or empty when c = 0.
/// @spec DEF-LEVERAGE
std::optional<Rational> leverage_at(std::int64_t time, std::int64_t open_time, const Rational& mark,
                                    const Rational& quantity, const Rational& collateral);

/// The largest admissible leverage ℓ^max = 1/m_I.
/// @param initial_margin m_I ∈ (0, 1).
/// @return 1/m_I.
/// @spec DEF-INITIAL-MARGIN
Rational max_leverage(const Rational& initial_margin);

/// The initial-margin test of a new position: m_I·p_{t_i}·q ≤ c.
/// @param initial_margin m_I ∈ (0, 1).
/// @param entry_price p_{t_i} > 0.
/// @param quantity q ≥ 0.
/// @param collateral c ≥ 0.
/// @return true iff the position is a valid new position.
/// @spec DEF-INITIAL-MARGIN
bool meets_initial_margin(const Rational& initial_margin, const Rational& entry_price, const Rational& quantity,
                          const Rational& collateral);

/// The maintenance requirement μ·p_t·|q|.
/// @param maintenance_margin μ = m_μ ∈ (0, 1).
/// @param mark p_t > 0.
/// @param quantity q ≥ 0.
/// @return μ·p_t·q.
/// @spec DEF-MAINT-MARGIN
Rational maintenance_requirement(const Rational& maintenance_margin, const Rational& mark, const Rational& quantity);

/// The maintenance test: liquidatable iff e ≤ μ·p_t·|q| (non-strict).
/// @param equity e of the position at t (any sign).
/// @param maintenance_margin μ ∈ (0, 1).
/// @param mark p_t > 0.
/// @param quantity q ≥ 0.
/// @return true iff the position is maintenance-insolvent (liquidatable).
/// @spec DEF-MAINT-MARGIN
bool maintenance_insolvent(const Rational& equity, const Rational& maintenance_margin, const Rational& mark,
                           const Rational& quantity);

/// Funding rate γ_t = κ·(L_t/S_t − p_t/p̂_t); γ > 0 means shorts pay longs
/// (AMB-M-01: implemented as written).
/// @param kappa κ > 0.
/// @param long_oi L_t ≥ 0.
/// @param short_oi S_t > 0 (0 throws InvalidInput: the ratio is undefined).
/// @param mark p_t > 0, the futures price.
/// @param spot p̂_t > 0, the spot/oracle price (0 throws InvalidInput).
/// @return γ_t.
/// @spec DEF-FUNDING-RATE
/// @spec AMB-M-01
Rational funding_rate(const Rational& kappa, const Rational& long_oi, const Rational& short_oi, const Rational& mark,
                      const Rational& spot);

/// One step of funding cash, γ_s·p_s·b·q (positive = received).
/// @param side b.
/// @param quantity q ≥ 0.
/// @param rate γ_s.
/// @param mark p_s > 0.
/// @return the cash received at step s.
/// @spec DEF-FUNDING-PAYMENT
Rational funding_step(Side side, const Rational& quantity, const Rational& rate, const Rational& mark);

/// Checks a path: both vectors equally long and non-empty, every mark > 0.
/// @param path the path; throws InvalidInput naming the field and time.
/// @spec DEF-FUNDING-PAYMENT
void validate_path(const MarketPath& path);

/// Cumulative funding received Γ(𝔭, t, T) = Σ_{s=t+1}^{T} b·q·γ_s·p_s
/// (an empty sum, 0, when T ≤ t).
/// @param position the tuple (its open time is not used: the sum starts at `from` + 1).
/// @param path the price and rate path; T must lie on it.
/// @param from t, the time the accrual starts after.
/// @param to T, the last step included.
/// @return Γ.
/// @spec DEF-FUNDING-PAYMENT
Rational funding_payment(const PositionTuple& position, const MarketPath& path, std::int64_t from, std::int64_t to);

/// PNL_{s:T}(𝔭) = 1{s ≤ t_i < T}·(b·q·(p_{T̂} − p_{t_i}) + Γ(𝔭, t_i, T̂)),
/// with T̂ = min(T, τ) and τ the stop time (none: T̂ = T).
/// @param position the tuple; its entry price is path.mark[t_i].
/// @param path the price and rate path; t_i and T must lie on it.
/// @param start s.
/// @param horizon T.
/// @param stop_time τ ≥ t_i, or empty for "never stopped".
/// @return PNL_{s:T}.
/// @spec DEF-PNL
Rational pnl_between(const PositionTuple& position, const MarketPath& path, std::int64_t start, std::int64_t horizon,
                     std::optional<std::int64_t> stop_time = std::nullopt);

/// PNL_T := PNL_{0:T}.
/// @param position the tuple; its entry price is path.mark[t_i].
/// @param path the price and rate path.
/// @param horizon T.
/// @param stop_time τ, or empty for "never stopped".
/// @return PNL_T.
/// @spec DEF-PNL
Rational pnl(const PositionTuple& position, const MarketPath& path, std::int64_t horizon,
             std::optional<std::int64_t> stop_time = std::nullopt);

/// e_T = c + PNL_T.
/// @param position the tuple (c is its current collateral).
/// @param path the price and rate path.
/// @param horizon T.
/// @param stop_time τ, or empty for "never stopped".
/// @return the equity e_T (negative = totally insolvent).
/// @spec DEF-EQUITY
Rational equity(const PositionTuple& position, const MarketPath& path, std::int64_t horizon,
                std::optional<std::int64_t> stop_time = std::nullopt);

/// PnL of a book position at the current mark, b·q·(p_t − p_{t_i}) + Γ,
/// with Γ the funding accrued so far (the position's `funding` field).
/// @param position the book position (validated).
/// @param mark p_t > 0.
/// @return the PnL at the mark.
/// @spec DEF-PNL
Rational pnl_at_mark(const Position& position, const Rational& mark);

/// Equity of a book position at the current mark, c + b·q·(p_t − p_{t_i}) + Γ.
/// @param position the book position (validated).
/// @param mark p_t > 0.
/// @return the equity at the mark.
/// @spec DEF-EQUITY
Rational equity_at_mark(const Position& position, const Rational& mark);

/// Stop time τ = min{s : e(𝔭_s) ≤ μ·p_s·q}, searched over s = t_i + 1, …, t
/// (the paper's p_{1:t} for t_i = 0; AMB-M-02: the maintenance test, not
/// total insolvency).
/// @param position the tuple.
/// @param path the price and rate path; t must lie on it.
/// @param horizon t, the last time searched.
/// @param maintenance_margin μ ∈ (0, 1).
/// @return τ, or empty when the test never binds up to t.
/// @spec DEF-STOP-TIME
/// @spec AMB-M-02
std::optional<std::int64_t> stop_time(const PositionTuple& position, const MarketPath& path, std::int64_t horizon,
                                      const Rational& maintenance_margin);

/// Effective leverage λ = n/|e|: λ⁺ for a winner (e > 0), λ⁻ for a loser (e < 0).
/// @param notional n ≥ 0.
/// @param equity e (any sign).
/// @return λ, or empty when e = 0 (in neither set, DEF-WINNER-LOSER).
/// @spec DEF-EFFECTIVE-LEVERAGE
std::optional<Rational> effective_leverage(const Rational& notional, const Rational& equity);

}  // namespace adl::ref
