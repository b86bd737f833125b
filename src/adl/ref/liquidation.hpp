/// @file
/// Liquidation: bankruptcy and liquidation prices, execution under linear
/// impact, shortfall, fees, the greedy liquidation strategy, adjusted equity,
/// bad debt and an order-book walk (model.md §3).
///
/// The greedy slice is the smaller root of a quadratic, irrational in
/// general; it is returned as an exact quadratic surd (Surd), never a double.
#pragma once

#include "adl/ref/book.hpp"
#include "adl/ref/number.hpp"

#include <compare>
#include <ostream>
#include <string>
#include <vector>

namespace adl::ref {

// ---------------------------------------------------------------- Surd

/// An exact real number a + s·√r with a, r rational, r ≥ 0 and s ∈ {−1, 0, +1}.
///
/// Normalised so that equal numbers have equal representations: when the
/// radicand is the square of a rational (0 included) the root is folded into
/// a and s = 0, r = 0; otherwise s ≠ 0 and r is not a rational square. (Any
/// c·√d is written sign(c)·√(c²·d), so the representation is unique.)
/// Comparisons with rationals and with other surds are exact.
/// @spec DEF-LIQ-STRATEGY
class Surd {
 public:
  /// Zero.
  /// @spec DEF-LIQ-STRATEGY
  Surd() = default;

  /// The rational `value` (s = 0).
  /// @param value the number.
  /// @spec DEF-LIQ-STRATEGY
  explicit Surd(Rational value);

  /// a + sign·√radicand, normalised.
  /// @param a the rational part.
  /// @param sign −1, 0 or +1 (anything else throws InvalidInput).
  /// @param radicand r ≥ 0 (negative throws InvalidInput).
  /// @return the normalised surd.
  /// @spec DEF-LIQ-STRATEGY
  static Surd make(Rational a, int sign, Rational radicand);

  /// The rational part.
  /// @return a.
  /// @spec DEF-LIQ-STRATEGY
  const Rational& rational_part() const { return a_; }

  /// The sign of the root term.
  /// @return s ∈ {−1, 0, +1} (0 for a rational).
  /// @spec DEF-LIQ-STRATEGY
  int root_sign() const { return sign_; }

  /// The radicand.
  /// @return r (0 for a rational; otherwise not the square of a rational).
  /// @spec DEF-LIQ-STRATEGY
  const Rational& radicand() const { return radicand_; }

  /// Whether the number is rational.
  /// @return true iff s = 0 after normalisation.
  /// @spec DEF-LIQ-STRATEGY
  bool is_rational() const { return sign_ == 0; }

  /// The value as a rational.
  /// @return a when the surd is rational; throws InvalidInput otherwise.
  /// @spec DEF-LIQ-STRATEGY
  Rational as_rational() const;

  /// Negation.
  /// @return −x = −a − s·√r.
  /// @spec DEF-LIQ-STRATEGY
  Surd operator-() const;

  /// Numeric equality: memberwise, which is exact thanks to normalisation.
  /// @param x the first surd.
  /// @param y the second surd.
  /// @return true iff x = y.
  /// @spec DEF-LIQ-STRATEGY
  friend bool operator==(const Surd& x, const Surd& y) = default;

 private:
  Rational a_;
  int sign_ = 0;
  Rational radicand_;
};

/// Exact three-way comparison of a surd with a rational.
/// @param x the surd.
/// @param y the rational.
/// @return the ordering of x relative to y.
/// @spec DEF-LIQ-STRATEGY
std::strong_ordering operator<=>(const Surd& x, const Rational& y);

/// Exact equality of a surd with a rational.
/// @param x the surd.
/// @param y the rational.
/// @return true iff x = y.
/// @spec DEF-LIQ-STRATEGY
bool operator==(const Surd& x, const Rational& y);

/// Exact three-way comparison of two surds.
/// @param x the first surd.
/// @param y the second surd.
/// @return the ordering of x relative to y.
/// @spec DEF-LIQ-STRATEGY
std::strong_ordering operator<=>(const Surd& x, const Surd& y);

/// ⌊x⌋ exactly (integer square root plus exact comparisons, never a double).
/// @param x the surd.
/// @return the largest integer ≤ x.
/// @spec DEF-LIQ-STRATEGY
Rational floor(const Surd& x);

/// Decimal rendering with `max_fraction_digits` digits after the point, like
/// `to_decimal(const Rational&, int)`: a rational surd prints exactly as its
/// rational does; an irrational one is rounded half away from zero (exactly,
/// by integer square roots) and marked with a trailing `…`.
/// @param x the surd.
/// @param max_fraction_digits digits after the point, ≥ 0.
/// @return the decimal text.
/// @spec FMT-NUMBER
std::string to_decimal(const Surd& x, int max_fraction_digits = 6);

/// `a + sqrt(r)` / `a - sqrt(r)` (or the rational alone), in exact fractions.
/// @param x the surd.
/// @return the text.
/// @spec FMT-NUMBER
std::string to_string(const Surd& x);

/// Streams to_string(x) (used by test failure messages).
/// @param out the stream.
/// @param x the surd.
/// @return out.
/// @spec FMT-NUMBER
std::ostream& operator<<(std::ostream& out, const Surd& x);

// ------------------------------------------------- prices of a position

/// Bankruptcy price, entry form (AMB-M-03, the form the model implements):
/// p^bk = max(p_{t_i} − (c + Γ)/(b·q), 0), the price at which the equity
/// c + b·q·(p − p_{t_i}) + Γ is exactly zero, clipped at 0.
/// @param side b.
/// @param quantity q > 0 (q = 0 throws InvalidInput: no position).
/// @param entry_price p_{t_i} > 0.
/// @param collateral c_{i,t} ≥ 0.
/// @param funding Γ, the funding received so far (any sign; default 0).
/// @return p^bk ≥ 0.
/// @spec DEF-BANKRUPTCY-PRICE
Rational bankruptcy_price(Side side, const Rational& quantity, const Rational& entry_price, const Rational& collateral,
                          const Rational& funding = Rational(0));

/// Bankruptcy price from the current state, p^bk = max(p_t − e_t/(b·q), 0),
/// equal to the entry form when e_t = c + b·q·(p_t − p_{t_i}) + Γ.
/// @param side b.
/// @param quantity q > 0.
/// @param mark p_t > 0.
/// @param equity e_t (any sign).
/// @return p^bk ≥ 0.
/// @spec DEF-BANKRUPTCY-PRICE
Rational bankruptcy_price_from_equity(Side side, const Rational& quantity, const Rational& mark,
                                      const Rational& equity);

/// The paper's Appendix-B variant (AMB-M-03): current mark with the original
/// collateral, p^bk = max(p_t − c/(b·q), 0), which ignores accrued PnL. Kept
/// only to reproduce the paper's printed examples (e.g. D_4 ≈ 0.399).
/// @param side b.
/// @param quantity q > 0.
/// @param mark p_t > 0.
/// @param collateral the original collateral c ≥ 0.
/// @return the paper's p^bk ≥ 0.
/// @spec DEF-BANKRUPTCY-PRICE
/// @spec AMB-M-03
Rational bankruptcy_price_current_mark(Side side, const Rational& quantity, const Rational& mark,
                                       const Rational& collateral);

/// Liquidation price, the price at which the maintenance test binds
/// (AMB-M-04: the side flips the inequality):
/// long  p̂^liq = max((p_{t_i} − (c + Γ)/q)/(1 − μ), 0), liquidatable when the price ≤ p̂^liq;
/// short p̂^liq = (p_{t_i} + (c + Γ)/q)/(1 + μ), liquidatable when the price ≥ p̂^liq.
/// @param side b.
/// @param quantity q > 0 (q = 0 throws InvalidInput).
/// @param entry_price p_{t_i} > 0.
/// @param collateral c_{i,t} ≥ 0.
/// @param maintenance_margin μ ∈ (0, 1).
/// @param funding Γ (any sign; default 0).
/// @return p̂^liq (≥ 0 for a long; a short's value is not clipped — it is
///         negative only when c + Γ < −p_{t_i}·q, which no price reaches).
/// @spec DEF-LIQUIDATION-PRICE
/// @spec AMB-M-04
Rational liquidation_price(Side side, const Rational& quantity, const Rational& entry_price, const Rational& collateral,
                           const Rational& maintenance_margin, const Rational& funding = Rational(0));

/// Whether a price has crossed the liquidation price: a long at price ≤ p̂^liq,
/// a short at price ≥ p̂^liq.
/// @param side b.
/// @param liquidation_price p̂^liq.
/// @param price the (oracle) price, > 0.
/// @return true iff liquidatable at `price`.
/// @spec DEF-LIQUIDATION-PRICE
bool crosses_liquidation_price(Side side, const Rational& liquidation_price, const Rational& price);

// ------------------------------------------------- executing a slice

/// VWAP of a slice Δq on a linear book, p^exec = p_t − b·(α/2)·Δq (a long
/// sells down the bids, a short buys up the asks). Not clipped at 0.
/// @param side b of the position being closed.
/// @param mark p_t > 0.
/// @param impact α ≥ 0, the book's slope.
/// @param slice Δq ≥ 0.
/// @return p^exec.
/// @spec DEF-EXEC-PRICE
Rational execution_price(Side side, const Rational& mark, const Rational& impact, const Rational& slice);

/// Shortfall of a slice against the bankruptcy price: long (p^bk − p^exec)·Δq
/// when p^exec < p^bk, short (p^exec − p^bk)·Δq when p^exec > p^bk, else 0.
/// @param side b.
/// @param bankruptcy_price p^bk ≥ 0.
/// @param execution_price p^exec.
/// @param slice Δq ≥ 0.
/// @return the shortfall ≥ 0.
/// @spec DEF-LIQ-SHORTFALL
Rational liquidation_shortfall(Side side, const Rational& bankruptcy_price, const Rational& execution_price,
                               const Rational& slice);

/// Affine liquidation-fee schedule τ(Δq) = τ^fix + φ^mark·p_t·Δq + φ^exec·p^exec·Δq.
/// @spec DEF-LIQ-FEE
struct FeeSchedule {
  Rational fixed;      ///< τ^fix ≥ 0, USD per liquidation.
  Rational mark_rate;  ///< φ^mark ≥ 0, on the mark notional.
  Rational exec_rate;  ///< φ^exec ≥ 0, on the executed notional.
};

/// Binance's example schedule (0, 40 bps, 0).
/// @spec DEF-LIQ-FEE
inline const FeeSchedule kBinanceLiquidationFee{Rational(0), Rational(40, 10000), Rational(0)};

/// Hyperliquid's example schedule (0, 20 bps, 10 bps).
/// @spec DEF-LIQ-FEE
inline const FeeSchedule kHyperliquidLiquidationFee{Rational(0), Rational(20, 10000), Rational(10, 10000)};

/// τ_t(Δq) under an affine schedule.
/// @param schedule the fee schedule (all components ≥ 0).
/// @param mark p_t > 0.
/// @param execution_price p^exec ≥ 0.
/// @param slice Δq ≥ 0.
/// @return the fee ≥ 0 charged to the liquidated trader.
/// @spec DEF-LIQ-FEE
Rational liquidation_fee(const FeeSchedule& schedule, const Rational& mark, const Rational& execution_price,
                         const Rational& slice);

/// Adjusted equity after a slice, ẽ = e + b·Δq·(p^exec − p_t) − τ.
/// @param side b.
/// @param equity e_T before the slice.
/// @param mark p_t > 0.
/// @param execution_price p^exec.
/// @param slice Δq ≥ 0.
/// @param fee τ_t(Δq) ≥ 0.
/// @return ẽ (negative = the liquidation creates bad debt ẽ⁻).
/// @spec DEF-ADJ-EQUITY
Rational adjusted_equity(Side side, const Rational& equity, const Rational& mark, const Rational& execution_price,
                         const Rational& slice, const Rational& fee);

/// D = Σ_i ẽ_i⁻ over the liquidations of one time.
/// @param adjusted_equities the ẽ_i (any sign).
/// @return the total bad debt ≥ 0.
/// @spec DEF-BAD-DEBT
Rational bad_debt(const std::vector<Rational>& adjusted_equities);

/// The outcome of executing one slice on the linear book.
/// @spec DEF-ADJ-EQUITY
struct SliceOutcome {
  Rational execution_price;  ///< p^exec (DEF-EXEC-PRICE).
  Rational fee;              ///< τ_t(Δq) (DEF-LIQ-FEE).
  Rational adjusted_equity;  ///< ẽ (DEF-ADJ-EQUITY).
  Rational bad_debt;         ///< ẽ⁻ (DEF-BAD-DEBT).
};

/// Executes a slice Δq of a position on the linear book and charges the fee.
/// @param side b.
/// @param quantity q ≥ Δq.
/// @param equity e_T before the slice.
/// @param mark p_t > 0.
/// @param impact α ≥ 0.
/// @param slice Δq ∈ [0, q] (outside throws InvalidInput).
/// @param fees the fee schedule.
/// @return p^exec, τ, ẽ and ẽ⁻.
/// @spec DEF-ADJ-EQUITY
SliceOutcome execute_slice(Side side, const Rational& quantity, const Rational& equity, const Rational& mark,
                           const Rational& impact, const Rational& slice, const FeeSchedule& fees);

// ------------------------------------------------- the greedy strategy

/// Inputs of the greedy liquidation strategy (constant fee τ, linear impact).
/// @spec DEF-LIQ-STRATEGY
struct GreedyInput {
  Rational equity;              ///< e_T, any sign.
  Rational quantity;            ///< q ≥ 0.
  Rational mark;                ///< p_t > 0.
  Rational maintenance_margin;  ///< μ ∈ (0, 1).
  Rational impact;              ///< α ≥ 0.
  Rational fee;                 ///< τ ≥ 0, constant in Δq.
};

/// Which step of the algorithm (AMB-M-05) produced the slice.
/// @spec DEF-LIQ-STRATEGY
enum class GreedyBranch {
  NotLiquidatable,     ///< Step 1: e_T > μ·p_t·q, Δq = 0.
  NoImpact,            ///< Step 2: α = 0, Δq = (μp_tq − e_T + τ)/(μp_t) (within [0, q]).
  NoImpactCapped,      ///< Step 2 with the value above q: Δq = q.
  NoRealRoot,          ///< Step 3: disc < 0, full close Δq = q.
  SmallerRoot,         ///< Step 4: the smaller root, within [0, q].
  SmallerRootClipped,  ///< Step 4: the smaller root was < 0, Δq = 0.
  SmallerRootCapped,   ///< Step 4: the smaller root was > q, Δq = q.
};

/// The greedy slice and how it was obtained.
/// @spec DEF-LIQ-STRATEGY
struct GreedySlice {
  Surd quantity;        ///< Δq ∈ [0, q], exact.
  GreedyBranch branch;  ///< The step that decided it.
};

/// Greedy liquidation: the smallest Δq with
/// e_T + b·Δq·(p^exec − p_t) − τ = μ·p_t·(q − Δq), i.e. the smaller root of
/// (α/2)Δq² − μp_tΔq + (μp_tq − e_T + τ) = 0, with the edge cases of
/// AMB-M-05: not liquidatable ⇒ 0; α = 0 ⇒ linear (capped at q); disc < 0 ⇒
/// q; the root is clipped to [0, q].
/// @param input e_T, q, p_t, μ, α, τ (validated).
/// @return Δq as an exact surd and the branch taken.
/// @spec DEF-LIQ-STRATEGY
/// @spec AMB-M-05
GreedySlice greedy_liquidation(const GreedyInput& input);

/// App.-B variant with a fixed execution price and a proportional fee
/// τ = φ·p_t·Δq: the equation is linear,
/// Δq = (μp_tq − e)/(b·(p^exec − p_t) − φ·p_t + μ·p_t), capped at q.
/// Not liquidatable (e > μp_tq) ⇒ 0; e = μp_tq ⇒ 0; a non-positive
/// denominator (no slice restores maintenance) ⇒ q (AMB-M-05).
/// @param side b.
/// @param equity e (any sign).
/// @param quantity q ≥ 0.
/// @param mark p_t > 0.
/// @param maintenance_margin μ ∈ (0, 1).
/// @param execution_price the fixed p^exec.
/// @param fee_rate φ ≥ 0.
/// @return Δq ∈ [0, q].
/// @spec DEF-LIQ-STRATEGY
Rational greedy_liquidation_fixed_price(Side side, const Rational& equity, const Rational& quantity,
                                        const Rational& mark, const Rational& maintenance_margin,
                                        const Rational& execution_price, const Rational& fee_rate);

// ------------------------------------------------- order book

/// One price level of an order book.
/// @spec DEF-EXEC-PRICE
struct BookLevel {
  Rational price;     ///< > 0.
  Rational quantity;  ///< > 0, contracts available at the price.
};

/// The result of a market order walking the book.
/// @spec DEF-EXEC-PRICE
struct Fill {
  Rational quantity;  ///< Contracts filled (the full order).
  Rational notional;  ///< Σ price·filled at each level.
  Rational vwap;      ///< notional / quantity.
};

/// A market buy of `quantity` against ask levels, best (lowest) first; the
/// asks must be strictly ascending in price. Throws InvalidInput on a bad
/// level or quantity ≤ 0, Infeasible when the book is too thin.
/// @param asks the ask levels in book order.
/// @param quantity the order size > 0.
/// @return quantity, notional and VWAP.
/// @spec DEF-EXEC-PRICE
Fill market_buy(const std::vector<BookLevel>& asks, const Rational& quantity);

/// A market sell of `quantity` against bid levels, best (highest) first; the
/// bids must be strictly descending in price. Errors as market_buy.
/// @param bids the bid levels in book order.
/// @param quantity the order size > 0.
/// @return quantity, notional and VWAP.
/// @spec DEF-EXEC-PRICE
Fill market_sell(const std::vector<BookLevel>& bids, const Rational& quantity);

}  // namespace adl::ref
