/// @file
/// The two forms of a book: wealth space (cash and PnL per account) and
/// position space (positions and mark prices), and the conversion between them.
#pragma once

#include "adl/ref/number.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace adl::ref {

/// One account of a wealth-space book (spec/formats.md, FMT-WEALTH-CSV).
/// @spec DEF-EQUITY-DECOMP
struct Account {
  std::string id;                            ///< Account identifier, unique in the book.
  Rational cash;                             ///< Protected cash c ≥ 0, never haircut.
  Rational pnl;                              ///< Profit and loss PNL (any sign).
  std::optional<Rational> score;             ///< Explicit queue score (higher is deleveraged first).
  std::optional<Rational> leverage;          ///< Leverage ℓ (or λ, see FMT-WEALTH-CSV), > 0.
  std::optional<Rational> max_haircut;       ///< Per-round haircut cap h̄ ∈ [0, 1].
  std::optional<Rational> min_equity;        ///< Minimum post-ADL equity e̲.
  std::optional<Rational> notional;          ///< Current notional |p·q| ≥ 0 (position books).
  std::optional<Rational> bankruptcy_score;  ///< Binance queue score ℓ·p̂/p^bk (position books); empty = +∞.
  bool bankruptcy_score_infinite = false;    ///< True when p^bk = 0 (AMB-P-03: the score is +∞).
};

/// A wealth-space book: accounts in file order. The order is the tie-break
/// order of every sort in the model (ties by ascending index).
/// @spec DEF-EXCHANGE
struct Book {
  std::vector<Account> accounts;  ///< The accounts, in input order.
};

/// Long (+1) or short (−1): the side b of a position.
/// @spec DEF-POSITION
enum class Side : int { Long = 1, Short = -1 };

/// One position of a position-space book (spec/formats.md, FMT-POSITION-CSV).
/// @spec DEF-POSITION
struct Position {
  std::string account;         ///< Owning account; an account may hold several positions.
  std::string market;          ///< Market (coin) the position trades.
  Side side = Side::Long;      ///< b ∈ {+1, −1}.
  Rational quantity;           ///< q ≥ 0, contracts.
  Rational entry_price;        ///< p_{t_i} > 0, the price at the opening time.
  Rational collateral;         ///< c ≥ 0, cash posted for the position.
  std::int64_t open_time = 0;  ///< t_i ≥ 0.
  Rational funding;            ///< Γ, cumulative funding received to now (may be negative).
};

/// A position-space book: positions, the mark price per market and optional
/// per-account caps and scores.
/// @spec DEF-EXCHANGE
struct PositionBook {
  std::vector<Position> positions;              ///< Positions in input order.
  std::map<std::string, Rational> marks;        ///< Mark price p_t per market.
  std::map<std::string, Rational> max_haircut;  ///< h̄ per account, where given.
  std::map<std::string, Rational> min_equity;   ///< e̲ per account, where given.
  std::map<std::string, Rational> score;        ///< Explicit queue score per account, where given.
};

}  // namespace adl::ref
