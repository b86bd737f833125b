/// @file
/// Fixed-point numbers of adl::fx: the scales of money, fractions and
/// contracts, the 128-bit integer types, and checked narrowing and sums.
#pragma once

#include "adl/fx/error.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

namespace adl::fx {

/// Signed 128-bit integer (GNU extension; `__extension__` keeps -Wpedantic quiet).
/// @spec FX-WIDE
__extension__ typedef __int128 i128;
/// Unsigned 128-bit integer.
/// @spec FX-WIDE
__extension__ typedef unsigned __int128 u128;

/// Money in micro-USD: one unit is 10⁻⁶ USD.
/// @spec FX-SCALES
using Money = std::int64_t;
/// A fraction in units of 10⁻⁹ (caps β, severity θ, leverage, risk weights, ρ, scores).
/// @spec FX-SCALES
using Fraction = std::int64_t;
/// A contract quantity, in units of 10⁻ᵏ contracts (k given with the book), or
/// whole contracts for the output of contract pro-rata.
/// @spec FX-SCALES
using Contracts = std::int64_t;

/// Micro-USD per USD.
/// @spec FX-SCALES
inline constexpr std::int64_t money_scale = 1'000'000;
/// Fraction units per 1.
/// @spec FX-SCALES
inline constexpr std::int64_t fraction_scale = 1'000'000'000;
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

/// Throws Overflow with a message naming `what`.
/// @spec FX-OVERFLOW
[[noreturn]] void throw_overflow(const std::string& what);

/// The value as int64, or Overflow naming `what` when it does not fit.
/// @spec FX-OVERFLOW
inline std::int64_t narrow_to_int64(i128 value, const char* what) {
  if (value > std::numeric_limits<std::int64_t>::max() ||
      value < std::numeric_limits<std::int64_t>::min()) {
    throw_overflow(what);
  }
  return static_cast<std::int64_t>(value);
}

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

/// Σ values, or Overflow naming `what` when the sum leaves int64. The sum is
/// accumulated in 128 bits, so only the final narrowing can fail.
/// @spec FX-OVERFLOW
std::int64_t checked_sum(std::span<const std::int64_t> values, const char* what);

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
