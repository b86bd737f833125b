/// @file
/// A deterministic generator of large synthetic fx books (FX-GENERATOR): heavy-
/// tailed PnL, cash and shortfalls, caps, leverage, scores, risk weights and
/// contract quantities, with a feasible budget, bit-identical for equal options.
#pragma once

#include "adl/fx/book.hpp"
#include "adl/fx/number.hpp"

#include <cstddef>
#include <cstdint>

namespace adl::fx {

/// Which optional columns the generator stores (every value is drawn anyway, so
/// the book's other columns do not depend on this choice). The endowment is always stored.
/// @spec FX-GENERATOR
struct GeneratedColumns {
  bool equity = true;       ///< e.
  bool cap = true;          ///< Money caps c.
  bool score = true;        ///< Queue scores.
  bool leverage = true;     ///< ℓ.
  bool risk_weight = true;  ///< w̃ = ℓ².
  bool rho = true;          ///< ρ = ℓ².
  bool quantity = true;     ///< |q| and the contract fields.
};

/// Options of generate_book. Shares are probabilities in [0, 1]; money in micro-USD.
/// @spec FX-GENERATOR
struct GeneratorOptions {
  std::size_t accounts = 1000;                    ///< n.
  std::uint64_t seed = 1;                         ///< Seed of the std::mt19937_64.
  double pareto_alpha = 1.5;                      ///< Tail index α ＞ 0 of cash, PnL and shortfalls.
  Money pnl_scale = 100 * money_scale;            ///< Pareto minimum x_m of a winner's PnL and of a shortfall.
  Money cash_scale = 1000 * money_scale;          ///< Pareto minimum x_m of cash.
  Money max_value = 1'000'000'000 * money_scale;  ///< Truncation of every Pareto variate (at most 2⁶⁰).
  double winner_share = 0.5;                      ///< Accounts with PnL ＞ 0.
  double zero_share = 0.05;                       ///< Accounts with PnL = 0 (the rest are losers).
  double bankrupt_share = 0.2;                    ///< Losers whose loss exceeds their cash (e ＜ 0).
  double capped_share = 0.3;                      ///< Accounts with a drawn cap fraction (others β = 1).
  double cap_zero_share = 0.05;                   ///< Capped accounts with β = 0 exactly.
  double cap_one_share = 0.05;                    ///< Capped accounts with β = 1 exactly.
  int max_leverage = 50;                          ///< ℓ is a whole number in [1, max_leverage] ≤ 10⁴.
  double infinite_score_share = 0.01;             ///< Accounts whose queue score is +∞.
  Fraction budget_fraction = fraction_scale / 2;  ///< f: B = ⌊f·C⌋, raw at 10⁻⁹ in [0, 10⁹].
  int quantity_decimals = 3;                      ///< k of the market.
  Money mark_price = 50'000 * money_scale;        ///< Mark price p per contract.
  Fraction price_move = fraction_scale / 100;     ///< m: loss per contract d = max(1, ⌊p·m⌋), raw in (0, 10⁹].
  GeneratedColumns columns;                       ///< Which optional columns to store.
};

/// A generated book with its budget and aggregates.
/// @spec FX-GENERATOR
struct GeneratedBook {
  Book book;                  ///< The columns (those asked for).
  Money budget = 0;           ///< B = ⌊f·C⌋ ≤ C.
  Money capacity = 0;         ///< U = Σ w.
  Money capped_capacity = 0;  ///< C = Σ c.
  Money deficit = 0;          ///< D = Σ e⁻ (reported, not used).
};

/// Builds a book from the options, deterministically (FX-GENERATOR). Throws
/// InvalidInput for options out of range and Overflow when an aggregate (U, D)
/// or a quantity leaves int64.
/// @spec FX-GENERATOR
GeneratedBook generate_book(const GeneratorOptions& options);

/// ln x for x > 0 from basic IEEE-754 operations only (no libm), so the result is
/// bit-identical on every platform: x = m·2^e, m ∈ [√½, √2), ln m = 2·atanh(s),
/// s = (m − 1)/(m + 1), 22 odd terms. Shared by every deterministic generator.
/// @spec FX-GENERATOR
double deterministic_log(double x);

/// e^t for 0 ≤ t ≤ 1000 from basic operations (Cody–Waite split of ln 2, 27
/// Taylor terms), bit-identical on every platform.
/// @spec FX-GENERATOR
double deterministic_exp(double t);

}  // namespace adl::fx
