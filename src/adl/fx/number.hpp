/// @file
/// Fixed-point numbers of adl::fx: the scales of money, fractions and
/// contracts, the 128-bit integer types, and checked narrowing and sums.
#pragma once

#include "adl/fx/error.hpp"

#include <compare>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

namespace adl::fx {

/// Signed 128-bit integer (GNU extension; `__extension__` keeps -Wpedantic quiet).
/// @spec FX-WIDE
__extension__ typedef __int128 i128;
/// Unsigned 128-bit integer.
/// @spec FX-WIDE
__extension__ typedef unsigned __int128 u128;

/// Throws Overflow with a message naming `what`.
/// @spec FX-OVERFLOW
[[noreturn]] void throw_overflow(const std::string& what);

/// The value as int64, or Overflow naming `what` when it does not fit.
/// @spec FX-OVERFLOW
inline std::int64_t narrow_to_int64(i128 value, const char* what) {
  if (value > std::numeric_limits<std::int64_t>::max() || value < std::numeric_limits<std::int64_t>::min()) {
    throw_overflow(what);
  }
  return static_cast<std::int64_t>(value);
}

/// A whole number of a unit, held in int64 (FX-SCALES): money, fractions and
/// contracts are distinct types, so a cap column cannot be passed where a
/// risk-weight column is expected, nor a money amount added to a fraction.
/// The unit's scale and the checked narrowing live in the type (the model is
/// CNL's and fpm's fixed-point types); the generated code is that of int64.
///
/// A raw count converts implicitly (`Money budget = 5;`, so literals and raw
/// columns read naturally) and back only explicitly (`raw()`,
/// `static_cast<i128>(x)`). Arithmetic stays within one unit: `+`, `−` and
/// comparisons of two values of the unit, and scaling by a plain integer.
/// Operators do not check overflow (the algorithms widen to 128 bits where a
/// sum can leave int64, FX-OVERFLOW); `narrow` and the checked_* functions do.
/// @spec FX-SCALES
template <class Unit>
class Fixed {
 public:
  /// The raw representation: a count of units.
  using Rep = std::int64_t;
  /// Units per 1 (10⁶ for money, 10⁹ for fractions; 0 for contracts, whose scale 10ᵏ is the market's).
  static constexpr Rep scale = Unit::scale;

  /// Zero.
  constexpr Fixed() noexcept = default;
  /// A raw count of units.
  constexpr Fixed(Rep raw) noexcept : raw_(raw) {}  // NOLINT(google-explicit-constructor): raw literals
  /// A raw count of units held in another integer type (explicit: `static_cast<Money>(u)`).
  template <class I>
  requires(std::is_integral_v<I> && !std::is_same_v<I, Rep>) constexpr explicit Fixed(I raw) noexcept
      : raw_(static_cast<Rep>(raw)) {}

  /// The raw count.
  [[nodiscard]] constexpr Rep raw() const noexcept { return raw_; }
  /// The raw count as another arithmetic type (explicit: `static_cast<i128>(x)`).
  template <class I>
  requires std::is_arithmetic_v<I>
  constexpr explicit operator I() const noexcept { return static_cast<I>(raw_); }
  /// A 128-bit count narrowed to the unit, or Overflow naming `what` (FX-OVERFLOW).
  static Fixed narrow(i128 value, const char* what) { return Fixed(narrow_to_int64(value, what)); }

  /// Sum within the unit.
  friend constexpr Fixed operator+(Fixed a, Fixed b) noexcept { return Fixed(a.raw_ + b.raw_); }
  /// Difference within the unit.
  friend constexpr Fixed operator-(Fixed a, Fixed b) noexcept { return Fixed(a.raw_ - b.raw_); }
  /// Negation.
  constexpr Fixed operator-() const noexcept { return Fixed(-raw_); }
  /// Scaling by a plain count.
  friend constexpr Fixed operator*(Fixed a, Rep k) noexcept { return Fixed(a.raw_ * k); }
  /// Scaling by a plain count.
  friend constexpr Fixed operator*(Rep k, Fixed a) noexcept { return Fixed(k * a.raw_); }
  /// Division by a plain count (truncating, as int64).
  friend constexpr Fixed operator/(Fixed a, Rep k) noexcept { return Fixed(a.raw_ / k); }
  /// Remainder by a plain count.
  friend constexpr Fixed operator%(Fixed a, Rep k) noexcept { return Fixed(a.raw_ % k); }
  /// How many whole b fit in a: a plain count (truncating, as int64).
  friend constexpr Rep operator/(Fixed a, Fixed b) noexcept { return a.raw_ / b.raw_; }
  /// What is left of a after a / b whole b.
  friend constexpr Fixed operator%(Fixed a, Fixed b) noexcept { return Fixed(a.raw_ % b.raw_); }
  /// Adds within the unit.
  constexpr Fixed& operator+=(Fixed b) noexcept {
    raw_ += b.raw_;
    return *this;
  }
  /// Subtracts within the unit.
  constexpr Fixed& operator-=(Fixed b) noexcept {
    raw_ -= b.raw_;
    return *this;
  }
  /// One unit more.
  constexpr Fixed& operator++() noexcept {
    ++raw_;
    return *this;
  }
  /// One unit less.
  constexpr Fixed& operator--() noexcept {
    --raw_;
    return *this;
  }
  // Comparisons are written out on the raw counts, by value: GCC 12 compiles a
  // defaulted operator<=> used through `<` or `>` into branchier code than the
  // int64 comparison (a branch in the capacity scan of pro-rata), and the type
  // promises int64's code.
  /// Equal raw counts.
  friend constexpr bool operator==(Fixed a, Fixed b) noexcept { return a.raw_ == b.raw_; }
  /// Ordered as the raw counts.
  friend constexpr bool operator<(Fixed a, Fixed b) noexcept { return a.raw_ < b.raw_; }
  /// Ordered as the raw counts.
  friend constexpr bool operator>(Fixed a, Fixed b) noexcept { return a.raw_ > b.raw_; }
  /// Ordered as the raw counts.
  friend constexpr bool operator<=(Fixed a, Fixed b) noexcept { return a.raw_ <= b.raw_; }
  /// Ordered as the raw counts.
  friend constexpr bool operator>=(Fixed a, Fixed b) noexcept { return a.raw_ >= b.raw_; }
  /// Ordered as the raw counts (for std::compare_three_way and friends).
  friend constexpr std::strong_ordering operator<=>(Fixed a, Fixed b) noexcept { return a.raw_ <=> b.raw_; }
  /// Prints the raw count.
  friend std::ostream& operator<<(std::ostream& out, Fixed x) { return out << x.raw_; }

 private:
  Rep raw_ = 0;
};

/// Money: one unit is 10⁻⁶ USD (micro-USD).
/// @spec FX-SCALES
struct MoneyUnit {
  static constexpr std::int64_t scale = 1'000'000;  ///< Units per USD.
};
/// A fraction: one unit is 10⁻⁹ (caps β, severity θ, leverage, risk weights, ρ, scores).
/// @spec FX-SCALES
struct FractionUnit {
  static constexpr std::int64_t scale = 1'000'000'000;  ///< Units per 1.
};
/// A contract quantity: one unit is 10⁻ᵏ contracts, k given with the market.
/// @spec FX-SCALES
struct ContractsUnit {
  static constexpr std::int64_t scale = 0;  ///< Set per market (10ᵏ), not by the type.
};

/// Money in micro-USD: one unit is 10⁻⁶ USD.
/// @spec FX-SCALES
using Money = Fixed<MoneyUnit>;
/// A fraction in units of 10⁻⁹ (caps β, severity θ, leverage, risk weights, ρ, scores).
/// @spec FX-SCALES
using Fraction = Fixed<FractionUnit>;
/// A contract quantity, in units of 10⁻ᵏ contracts (k given with the book), or
/// whole contracts for the output of contract pro-rata.
/// @spec FX-SCALES
using Contracts = Fixed<ContractsUnit>;

/// The raw counts of a column of one unit (for wire formats and mixed results).
/// @spec FX-SCALES
template <class Column>
std::vector<std::int64_t> raw_counts(const Column& column) {
  std::vector<std::int64_t> out;
  out.reserve(column.size());
  for (const auto x : column) out.push_back(x.raw());
  return out;
}

/// A fixed-point count as JSON: its raw integer. nlohmann::json finds this
/// by argument-dependent lookup, so no JSON header is needed here.
/// @spec FX-SCALES
template <class Json, class Unit>
void to_json(Json& json, const Fixed<Unit>& x) {
  json = x.raw();
}

static_assert(sizeof(Money) == sizeof(std::int64_t) && std::is_trivially_copyable_v<Money>,
              "a Money column has the layout of an int64 column");

/// Micro-USD per USD.
/// @spec FX-SCALES
inline constexpr std::int64_t money_scale = Money::scale;
/// Fraction units per 1.
/// @spec FX-SCALES
inline constexpr std::int64_t fraction_scale = Fraction::scale;
/// The queue score +∞ (AMB-P-03); finite scores are below it.
/// @spec FX-SCALES
/// @spec AMB-P-03
inline constexpr Fraction infinite_score = std::numeric_limits<std::int64_t>::max();
/// Largest number of quantity decimals k of a market.
/// @spec FX-SCALES
inline constexpr int max_quantity_decimals = 18;
/// Largest number of accounts (indices are uint32).
/// @spec FX-OVERFLOW
inline constexpr std::size_t max_accounts = std::numeric_limits<std::uint32_t>::max();

/// a + b, or Overflow naming `what`.
/// @spec FX-OVERFLOW
inline std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw_overflow(what);
  return sum;
}

/// a − b, or Overflow naming `what`.
/// @spec FX-OVERFLOW
inline std::int64_t checked_sub(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t difference = 0;
  if (__builtin_sub_overflow(a, b, &difference)) throw_overflow(what);
  return difference;
}

/// a·b, or Overflow naming `what`.
/// @spec FX-OVERFLOW
inline std::int64_t checked_mul(std::int64_t a, std::int64_t b, const char* what) {
  std::int64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) throw_overflow(what);
  return product;
}

/// a + b in 128 bits unsigned, or Overflow naming `what`.
/// @spec FX-OVERFLOW
inline u128 checked_add(u128 a, u128 b, const char* what) {
  u128 sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw_overflow(what);
  return sum;
}

/// a + b within a unit, or Overflow naming `what`.
/// @spec FX-OVERFLOW
template <class Unit>
Fixed<Unit> checked_add(Fixed<Unit> a, Fixed<Unit> b, const char* what) {
  return checked_add(a.raw(), b.raw(), what);
}

/// a − b within a unit, or Overflow naming `what`.
/// @spec FX-OVERFLOW
template <class Unit>
Fixed<Unit> checked_sub(Fixed<Unit> a, Fixed<Unit> b, const char* what) {
  return checked_sub(a.raw(), b.raw(), what);
}

/// Σ values, or Overflow naming `what` when the sum leaves int64. The sum is
/// accumulated in 128 bits, so only the final narrowing can fail.
/// @spec FX-OVERFLOW
std::int64_t checked_sum(std::span<const std::int64_t> values, const char* what);

/// Σ values of one unit, as checked_sum of their counts.
/// @spec FX-OVERFLOW
template <class Unit>
Fixed<Unit> checked_sum(std::span<const Fixed<Unit>> values, const char* what) {
  i128 total = 0;
  for (const Fixed<Unit> v : values) total += v.raw();
  return Fixed<Unit>::narrow(total, what);
}

/// Throws Overflow when a book has more accounts than uint32 indices can address.
/// @spec FX-OVERFLOW
void require_indexable(std::size_t accounts);

/// Capacity U = Σ w_i of an endowment column, checked to fit int64 (FX-OVERFLOW).
/// @spec DEF-CAPACITY
/// @spec FX-OVERFLOW
Money capacity(std::span<const Money> endowment);

/// Deficit D = Σ e_i⁻ of an equity column, checked to fit int64.
/// @spec DEF-DEFICIT
/// @spec FX-OVERFLOW
Money deficit(std::span<const Money> equity);

/// Money cap c = ⌊β·w⌋ from a cap fraction β (raw, 10⁻⁹) and an endowment w ≥ 0.
/// Throws InvalidInput when β is outside [0, 10⁹] or w ＜ 0.
/// @spec FX-SCALES
/// @spec DEF-CAPS
Money cap_from_fraction(Money endowment, Fraction cap_fraction);

/// ⌊n/d⌋ and n mod d for n ＜ d·2⁶⁴ (the quotient fits 64 bits), d ＞ 0. One `divq` on x86-64.
/// @spec FX-WIDE
struct DivMod64 {
  std::uint64_t quotient;   ///< ⌊n/d⌋.
  std::uint64_t remainder;  ///< n − d·⌊n/d⌋.
};

/// Divides a 128-bit numerator by a 64-bit divisor; precondition: the high 64
/// bits of n are below d (so the quotient fits 64 bits) and d ＞ 0.
/// @spec FX-WIDE
inline DivMod64 divmod_128_by_64(u128 n, std::uint64_t d) {
#if defined(__x86_64__)
  std::uint64_t quotient = 0;
  std::uint64_t remainder = 0;
  __asm__("divq %4"
          : "=a"(quotient), "=d"(remainder)
          : "a"(static_cast<std::uint64_t>(n)), "d"(static_cast<std::uint64_t>(n >> 64)), "rm"(d));
  return {quotient, remainder};
#else
  const u128 quotient = n / d;
  return {static_cast<std::uint64_t>(quotient), static_cast<std::uint64_t>(n - quotient * d)};
#endif
}

}  // namespace adl::fx

/// The range of a fixed-point unit: that of its int64 count.
/// @spec FX-OVERFLOW
template <class Unit>
struct std::numeric_limits<adl::fx::Fixed<Unit>> : std::numeric_limits<std::int64_t> {
  /// The smallest count.
  static constexpr adl::fx::Fixed<Unit> min() noexcept { return std::numeric_limits<std::int64_t>::min(); }
  /// The most negative count.
  static constexpr adl::fx::Fixed<Unit> lowest() noexcept { return std::numeric_limits<std::int64_t>::lowest(); }
  /// The largest count.
  static constexpr adl::fx::Fixed<Unit> max() noexcept { return std::numeric_limits<std::int64_t>::max(); }
};
