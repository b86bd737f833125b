/// @file
/// A small unsigned 256-bit integer for the exact products of three int64 (or of
/// an int64 and a 128-bit weight) that fx compares and divides (FX-WIDE).
#pragma once

#include "adl/fx/number.hpp"

#include <array>
#include <compare>
#include <cstdint>

namespace adl::fx {

/// An unsigned 256-bit integer: four 64-bit limbs, least significant first.
/// Addition and subtraction wrap modulo 2²⁵⁶ (callers stay in range, FX-WIDE);
/// products of two 128-bit numbers are exact.
/// @spec FX-WIDE
struct U256 {
  std::array<std::uint64_t, 4> limb{};  ///< limb[0] is the least significant.

  /// The value v.
  static constexpr U256 from(u128 v) {
    U256 r;
    r.limb[0] = static_cast<std::uint64_t>(v);
    r.limb[1] = static_cast<std::uint64_t>(v >> 64);
    return r;
  }
  /// True when the value is below 2¹²⁸.
  constexpr bool fits_u128() const { return limb[2] == 0 && limb[3] == 0; }
  /// The low 128 bits.
  constexpr u128 low128() const { return (static_cast<u128>(limb[1]) << 64) | limb[0]; }
  /// The high 128 bits.
  constexpr u128 high128() const { return (static_cast<u128>(limb[3]) << 64) | limb[2]; }
  /// Number of significant bits (0 for zero).
  int bit_width() const;
  /// Bit i (0 = least significant) as 0 or 1.
  constexpr std::uint64_t bit(int i) const { return (limb[static_cast<unsigned>(i) / 64] >> (i % 64)) & 1U; }

  /// Equality of the values.
  friend constexpr bool operator==(const U256&, const U256&) = default;
  /// Ordering of the values (most significant limb first).
  friend constexpr std::strong_ordering operator<=>(const U256& a, const U256& b) {
    for (int i = 3; i >= 0; --i) {
      const auto k = static_cast<unsigned>(i);
      if (a.limb[k] != b.limb[k]) return a.limb[k] <=> b.limb[k];
    }
    return std::strong_ordering::equal;
  }
};

/// a + b modulo 2²⁵⁶.
/// @spec FX-WIDE
U256 operator+(const U256& a, const U256& b);

/// a − b modulo 2²⁵⁶.
/// @spec FX-WIDE
U256 operator-(const U256& a, const U256& b);

/// The exact product a·b (below 2²⁵⁶).
/// @spec FX-WIDE
U256 multiply(u128 a, u128 b);

/// Quotient and remainder of a 256-bit division.
/// @spec FX-WIDE
struct DivMod256 {
  U256 quotient;   ///< ⌊n/d⌋.
  u128 remainder;  ///< n − d·⌊n/d⌋ ＜ d.
};

/// ⌊n/d⌋ and n mod d for d ＞ 0 (throws std::domain_error for d = 0).
/// @spec FX-WIDE
DivMod256 divmod(const U256& n, u128 d);

/// Division of 128-bit numerators by one fixed 64-bit divisor d ＞ 0. On x86-64
/// divide() is one hardware `divq` (measured faster there); elsewhere, and always
/// in divide_by_reciprocal(), it uses a precomputed reciprocal (Möller and
/// Granlund, "Improved division by invariant integers", 2011, Algorithm 4): one
/// 64×64→128 multiplication and at most two corrections. Exact; precondition:
/// the high 64 bits of n are below d (the quotient fits 64 bits).
/// @spec FX-WIDE
class InvariantDivider {
 public:
  /// Precomputes the reciprocal of d ＞ 0 (throws std::domain_error for d = 0).
  explicit InvariantDivider(std::uint64_t d);
  /// ⌊n/d⌋ and n mod d, by the platform's fastest exact method.
  DivMod64 divide(u128 n) const {
#if defined(__x86_64__)
    return divmod_128_by_64(n, divisor_);
#else
    return divide_by_reciprocal(n);
#endif
  }
  /// ⌊n/d⌋ and n mod d through the reciprocal (the portable method).
  DivMod64 divide_by_reciprocal(u128 n) const {
    const u128 normalized = n << shift_;
    const auto u1 = static_cast<std::uint64_t>(normalized >> 64);
    const auto u0 = static_cast<std::uint64_t>(normalized);
    const u128 q = static_cast<u128>(reciprocal_) * u1 + normalized;  // mod 2¹²⁸
    auto q1 = static_cast<std::uint64_t>(q >> 64) + 1;
    const auto q0 = static_cast<std::uint64_t>(q);
    std::uint64_t r = u0 - q1 * normalized_divisor_;
    if (r > q0) {
      q1 -= 1;
      r += normalized_divisor_;
    }
    if (r >= normalized_divisor_) {
      q1 += 1;
      r -= normalized_divisor_;
    }
    return {q1, r >> shift_};
  }
  /// The divisor d.
  std::uint64_t divisor() const { return divisor_; }

 private:
  std::uint64_t divisor_;
  std::uint64_t normalized_divisor_;  // d·2^shift, top bit set
  std::uint64_t reciprocal_;          // ⌊(2¹²⁸ − 1)/d_norm⌋ − 2⁶⁴
  int shift_;
};

/// Exact comparison of a·b with c·d for unsigned 128-bit operands:
/// negative, zero or positive as a·b is below, equal to or above c·d.
/// @spec FX-WIDE
int compare_products(u128 a, u128 b, u128 c, u128 d);

}  // namespace adl::fx
