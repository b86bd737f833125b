#include "adl/ref/liquidation.hpp"

#include "adl/ref/detail/require.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/position.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace adl::ref {
namespace {

using detail::require_nonnegative;
using detail::require_positive;
using detail::require_open_unit;

using ref::Integer;

// q > 0: prices of a position are undefined without one (DEF-BANKRUPTCY-PRICE).
void require_position(const Rational& quantity) {
  if (quantity == 0) throw InvalidInput("quantity is 0: no position, the price is undefined");
  require_positive(quantity, "quantity");
}

// √n when n ≥ 0 is a perfect square, else empty.
std::optional<Integer> exact_integer_root(const Integer& n) {
  const Integer root = boost::multiprecision::sqrt(n);
  if (root * root == n) return root;
  return std::nullopt;
}

// √r when r ≥ 0 is the square of a rational (r = n/d in lowest terms: both squares).
std::optional<Rational> exact_rational_root(const Rational& r) {
  const auto n = exact_integer_root(boost::multiprecision::numerator(r));
  if (!n) return std::nullopt;
  const auto d = exact_integer_root(boost::multiprecision::denominator(r));
  if (!d) return std::nullopt;
  return Rational(*n, *d);
}

std::strong_ordering order(const Rational& x, const Rational& y) {
  if (x < y) return std::strong_ordering::less;
  if (x > y) return std::strong_ordering::greater;
  return std::strong_ordering::equal;
}

std::strong_ordering order(int x, int y) { return x <=> y; }

int sign_of(std::strong_ordering o) {
  if (o < 0) return -1;
  if (o > 0) return 1;
  return 0;
}

std::strong_ordering reversed(std::strong_ordering o) { return 0 <=> o; }

Fill walk(const std::vector<BookLevel>& levels, const Rational& quantity, bool ascending, const char* side) {
  require_positive(quantity, "order quantity");
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const std::string where = detail::indexed(side, i);
    require_positive(levels[i].price, where + ".price");
    require_positive(levels[i].quantity, where + ".quantity");
    if (i > 0) {
      const bool monotone = ascending ? levels[i - 1].price < levels[i].price : levels[i - 1].price > levels[i].price;
      if (!monotone) {
        throw InvalidInput(where + ".price " + to_fraction(levels[i].price) + " must be strictly " +
                           (ascending ? "above" : "below") + " the previous level's " +
                           to_fraction(levels[i - 1].price) + " (best level first)");
      }
    }
  }
  Fill fill;
  Rational remaining = quantity;
  for (const BookLevel& level : levels) {
    if (remaining == 0) break;
    const Rational take = std::min(remaining, level.quantity);
    fill.notional += take * level.price;
    remaining -= take;
  }
  if (remaining > 0) {
    throw Infeasible(std::string("the ") + side + " hold " + to_fraction(quantity - remaining) +
                     " contracts, the order needs " + to_fraction(quantity) + ": book too thin");
  }
  fill.quantity = quantity;
  fill.vwap = fill.notional / quantity;
  return fill;
}

}  // namespace

// ---------------------------------------------------------------- Surd

Surd::Surd(Rational value) : a_(std::move(value)) {}

Surd Surd::make(Rational a, int sign, Rational radicand) {
  if (sign < -1 || sign > 1) throw InvalidInput("surd sign must be -1, 0 or +1, got " + std::to_string(sign));
  require_nonnegative(radicand, "surd radicand");
  if (sign == 0) return Surd(std::move(a));
  if (const auto root = exact_rational_root(radicand)) return Surd(a + sign * *root);
  Surd s;
  s.a_ = std::move(a);
  s.sign_ = sign;
  s.radicand_ = std::move(radicand);
  return s;
}

Rational Surd::as_rational() const {
  if (!is_rational()) throw InvalidInput("the surd " + to_string(*this) + " is irrational");
  return a_;
}

Surd Surd::operator-() const { return make(-a_, -sign_, radicand_); }

std::strong_ordering operator<=>(const Surd& x, const Rational& y) {
  if (x.is_rational()) return order(x.rational_part(), y);
  // x vs y  ⇔  s·√r vs d with d = y − a.
  const Rational d = y - x.rational_part();
  if (x.root_sign() > 0) {
    if (d < 0) return std::strong_ordering::greater;  // √r ≥ 0 > d
    return order(x.radicand(), d * d);
  }
  // −√r vs d  ⇔  reversed(√r vs −d).
  if (d > 0) return std::strong_ordering::less;  // −√r ≤ 0 < d
  return reversed(order(x.radicand(), d * d));
}

bool operator==(const Surd& x, const Rational& y) { return (x <=> y) == 0; }

std::strong_ordering operator<=>(const Surd& x, const Surd& y) {
  if (y.is_rational()) return x <=> y.rational_part();
  // x − y.a = k + s√r =: X against Y = t·√u (t ≠ 0, u > 0).
  const Rational k = x.rational_part() - y.rational_part();
  const Surd big_x = Surd::make(k, x.root_sign(), x.radicand());
  const int sign_x = sign_of(big_x <=> Rational(0));
  const int sign_y = y.root_sign();
  if (sign_x != sign_y) return order(sign_x, sign_y);
  // Same strict sign: compare squares. X² = k² + r + 2ks√r = k² + r + sign(ks)·√(4k²r).
  const int cross = sign_of(order(k, Rational(0))) * big_x.root_sign();
  const Surd square = Surd::make(k * k + big_x.radicand(), cross, 4 * k * k * big_x.radicand());
  const std::strong_ordering by_square = square <=> y.radicand();
  return sign_x > 0 ? by_square : reversed(by_square);
}

Rational floor(const Surd& x) {
  if (x.is_rational()) return Rational(floor_of(x.rational_part()));
  // √r = √(n·d)/d ∈ [z/d, (z+1)/d] with z = ⌊√(n·d)⌋: a bracket of width ≤ 1.
  const Integer n = boost::multiprecision::numerator(x.radicand());
  const Integer d = boost::multiprecision::denominator(x.radicand());
  const Integer z = boost::multiprecision::sqrt(Integer(n * d));
  const Rational low_root(z, d);
  const Rational high_root(Integer(z + 1), d);
  const Rational& a = x.rational_part();
  const Rational low = x.root_sign() > 0 ? a + low_root : a - high_root;
  const Rational high = x.root_sign() > 0 ? a + high_root : a - low_root;
  for (Integer k = floor_of(high); k >= floor_of(low); --k) {
    if ((x <=> Rational(k)) >= 0) return Rational(k);
  }
  return Rational(floor_of(low));  // unreachable: x ≥ low ≥ ⌊low⌋
}

std::string to_decimal(const Surd& x, int max_fraction_digits) {
  if (max_fraction_digits < 0) {
    throw InvalidInput("max_fraction_digits must be >= 0, got " + std::to_string(max_fraction_digits));
  }
  if (x.is_rational()) return to_decimal(x.rational_part(), max_fraction_digits);
  Integer scale = 1;
  for (int i = 0; i < max_fraction_digits; ++i) scale *= 10;
  const Rational s(scale);
  // Irrational: never a tie, so rounding half away from zero is ⌊|X| + 1/2⌋.
  const bool negative = (x <=> Rational(0)) < 0;
  const Surd magnitude = negative ? -x : x;
  const Surd scaled = Surd::make(magnitude.rational_part() * s + Rational(1, 2), magnitude.root_sign(),
                                 magnitude.radicand() * s * s);
  const Integer rounded = boost::multiprecision::numerator(floor(scaled));
  const Integer whole = rounded / scale;
  std::string out = (negative ? "-" : "") + whole.str();
  if (max_fraction_digits > 0) {
    std::string fraction = Integer(rounded % scale).str();  // < 10^digits: at most `digits` digits
    fraction.insert(0, static_cast<std::size_t>(max_fraction_digits) - fraction.size(), '0');
    out += "." + fraction;
  }
  return out + "\u2026";
}

std::string to_string(const Surd& x) {
  if (x.is_rational()) return to_fraction(x.rational_part());
  const std::string root = "sqrt(" + to_fraction(x.radicand()) + ")";
  if (x.rational_part() == 0) return (x.root_sign() < 0 ? "-" : "") + root;
  return to_fraction(x.rational_part()) + (x.root_sign() < 0 ? " - " : " + ") + root;
}

std::ostream& operator<<(std::ostream& out, const Surd& x) { return out << to_string(x); }

// ------------------------------------------------- prices of a position

Rational bankruptcy_price(Side side, const Rational& quantity, const Rational& entry_price, const Rational& collateral,
                          const Rational& funding) {
  const int b = side_sign(side);
  require_position(quantity);
  require_positive(entry_price, "entry_price");
  require_nonnegative(collateral, "collateral");
  // DEF-BANKRUPTCY-PRICE, entry form (AMB-M-03): 0 = c + b·q·(p − p_{t_i}) + Γ.
  return positive_part(entry_price - (collateral + funding) / (b * quantity));
}

Rational bankruptcy_price_from_equity(Side side, const Rational& quantity, const Rational& mark,
                                      const Rational& equity) {
  const int b = side_sign(side);
  require_position(quantity);
  require_positive(mark, "mark");
  return positive_part(mark - equity / (b * quantity));
}

Rational bankruptcy_price_current_mark(Side side, const Rational& quantity, const Rational& mark,
                                       const Rational& collateral) {
  const int b = side_sign(side);
  require_position(quantity);
  require_positive(mark, "mark");
  require_nonnegative(collateral, "collateral");
  // The paper's App.-B computation p_t ∓ c/q: the original c, the current mark.
  return positive_part(mark - collateral / (b * quantity));
}

Rational liquidation_price(Side side, const Rational& quantity, const Rational& entry_price, const Rational& collateral,
                           const Rational& maintenance_margin, const Rational& funding) {
  const int b = side_sign(side);
  require_position(quantity);
  require_positive(entry_price, "entry_price");
  require_nonnegative(collateral, "collateral");
  require_open_unit(maintenance_margin, "maintenance_margin");
  // Solve c + Γ + b·q·(p − p_{t_i}) = μ·p·q for p.
  const Rational cushion = (collateral + funding) / quantity;
  if (b > 0) return positive_part((entry_price - cushion) / (1 - maintenance_margin));
  return (entry_price + cushion) / (1 + maintenance_margin);
}

bool crosses_liquidation_price(Side side, const Rational& liquidation_price, const Rational& price) {
  const int b = side_sign(side);
  require_positive(price, "price");
  return b > 0 ? price <= liquidation_price : price >= liquidation_price;
}

// ------------------------------------------------- executing a slice

Rational execution_price(Side side, const Rational& mark, const Rational& impact, const Rational& slice) {
  const int b = side_sign(side);
  require_positive(mark, "mark");
  require_nonnegative(impact, "impact");
  require_nonnegative(slice, "slice");
  // VWAP of ∫₀^Δq (p_t ∓ αx) dx / Δq.
  return mark - b * impact / 2 * slice;
}

Rational liquidation_shortfall(Side side, const Rational& bankruptcy_price, const Rational& execution_price,
                               const Rational& slice) {
  const int b = side_sign(side);
  require_nonnegative(bankruptcy_price, "bankruptcy_price");
  require_nonnegative(slice, "slice");
  // Long: (p^bk − p^exec)·Δq when positive; short: (p^exec − p^bk)·Δq.
  return positive_part(b * (bankruptcy_price - execution_price)) * slice;
}

Rational liquidation_fee(const FeeSchedule& schedule, const Rational& mark, const Rational& execution_price,
                         const Rational& slice) {
  require_nonnegative(schedule.fixed, "fee schedule fixed");
  require_nonnegative(schedule.mark_rate, "fee schedule mark_rate");
  require_nonnegative(schedule.exec_rate, "fee schedule exec_rate");
  require_positive(mark, "mark");
  require_nonnegative(execution_price, "execution_price");
  require_nonnegative(slice, "slice");
  return schedule.fixed + schedule.mark_rate * mark * slice + schedule.exec_rate * execution_price * slice;
}

Rational adjusted_equity(Side side, const Rational& equity, const Rational& mark, const Rational& execution_price,
                         const Rational& slice, const Rational& fee) {
  const int b = side_sign(side);
  require_positive(mark, "mark");
  require_nonnegative(slice, "slice");
  require_nonnegative(fee, "fee");
  return equity + b * slice * (execution_price - mark) - fee;
}

Rational bad_debt(const std::vector<Rational>& adjusted_equities) {
  Rational total = 0;
  for (const Rational& e : adjusted_equities) total += negative_part(e);
  return total;
}

SliceOutcome execute_slice(Side side, const Rational& quantity, const Rational& equity, const Rational& mark,
                           const Rational& impact, const Rational& slice, const FeeSchedule& fees) {
  require_nonnegative(quantity, "quantity");
  require_nonnegative(slice, "slice");
  if (slice > quantity) {
    throw InvalidInput("slice " + to_fraction(slice) + " exceeds the quantity " + to_fraction(quantity));
  }
  SliceOutcome out;
  out.execution_price = adl::ref::execution_price(side, mark, impact, slice);
  out.fee = liquidation_fee(fees, mark, out.execution_price, slice);
  out.adjusted_equity = adl::ref::adjusted_equity(side, equity, mark, out.execution_price, slice, out.fee);
  out.bad_debt = negative_part(out.adjusted_equity);
  return out;
}

// ------------------------------------------------- the greedy strategy

GreedySlice greedy_liquidation(const GreedyInput& in) {
  require_nonnegative(in.quantity, "quantity");
  require_positive(in.mark, "mark");
  require_open_unit(in.maintenance_margin, "maintenance_margin");
  require_nonnegative(in.impact, "impact");
  require_nonnegative(in.fee, "fee");
  const Rational mu_p = in.maintenance_margin * in.mark;
  // Step 1: not liquidatable.
  if (in.equity > mu_p * in.quantity) return {Surd(), GreedyBranch::NotLiquidatable};
  // The constant term μp_tq − e_T + τ ≥ τ ≥ 0 here.
  const Rational constant = mu_p * in.quantity - in.equity + in.fee;
  // Step 2: no impact, the equation is linear; Δq ≥ 0 since the constant is.
  if (in.impact == 0) {
    const Rational slice = constant / mu_p;
    if (slice > in.quantity) return {Surd(in.quantity), GreedyBranch::NoImpactCapped};
    return {Surd(slice), GreedyBranch::NoImpact};
  }
  // Step 3: no real root, no partial slice restores maintenance.
  const Rational disc = mu_p * mu_p - 2 * in.impact * constant;
  if (disc < 0) return {Surd(in.quantity), GreedyBranch::NoRealRoot};
  // Step 4: (μp_t − √disc)/α = μp_t/α − √(disc/α²), clipped to [0, q].
  // (The root is ≥ 0 whenever the constant is ≥ 0, so the clip at 0 is a guard.)
  const Surd root = Surd::make(mu_p / in.impact, -1, disc / (in.impact * in.impact));
  if (root < Rational(0)) return {Surd(), GreedyBranch::SmallerRootClipped};
  if (root > in.quantity) return {Surd(in.quantity), GreedyBranch::SmallerRootCapped};
  return {root, GreedyBranch::SmallerRoot};
}

Rational greedy_liquidation_fixed_price(Side side, const Rational& equity, const Rational& quantity,
                                        const Rational& mark, const Rational& maintenance_margin,
                                        const Rational& execution_price, const Rational& fee_rate) {
  const int b = side_sign(side);
  require_nonnegative(quantity, "quantity");
  require_positive(mark, "mark");
  require_open_unit(maintenance_margin, "maintenance_margin");
  require_nonnegative(execution_price, "execution_price");
  require_nonnegative(fee_rate, "fee_rate");
  const Rational requirement = maintenance_margin * mark * quantity;
  if (equity > requirement) return 0;
  const Rational numerator = requirement - equity;
  if (numerator == 0) return 0;  // the test binds with equality: Δq = 0 solves it
  // e + b·Δq·(p^exec − p_t) − φp_tΔq = μp_t(q − Δq)  ⇔  Δq·k = μp_tq − e.
  const Rational k = b * (execution_price - mark) - fee_rate * mark + maintenance_margin * mark;
  if (k <= 0) return quantity;  // every slice leaves the gap open: full close (AMB-M-05)
  return std::min(numerator / k, quantity);
}

// ------------------------------------------------- order book

Fill market_buy(const std::vector<BookLevel>& asks, const Rational& quantity) {
  return walk(asks, quantity, true, "asks");
}

Fill market_sell(const std::vector<BookLevel>& bids, const Rational& quantity) {
  return walk(bids, quantity, false, "bids");
}

}  // namespace adl::ref
