#include "adl/fx/wide.hpp"

#include <stdexcept>

namespace adl::fx {

int U256::bit_width() const {
  for (int i = 3; i >= 0; --i) {
    const std::uint64_t word = limb[static_cast<unsigned>(i)];
    if (word != 0) return 64 * i + (64 - __builtin_clzll(word));
  }
  return 0;
}

U256 operator+(const U256& a, const U256& b) {
  U256 r;
  std::uint64_t carry = 0;
  for (unsigned i = 0; i < 4; ++i) {
    const u128 s = static_cast<u128>(a.limb[i]) + b.limb[i] + carry;
    r.limb[i] = static_cast<std::uint64_t>(s);
    carry = static_cast<std::uint64_t>(s >> 64);
  }
  return r;
}

U256 operator-(const U256& a, const U256& b) {
  U256 r;
  std::uint64_t borrow = 0;
  for (unsigned i = 0; i < 4; ++i) {
    const std::uint64_t x = a.limb[i];
    const std::uint64_t y = b.limb[i];
    r.limb[i] = x - y - borrow;
    borrow = (x < y || (x == y && borrow != 0)) ? 1U : 0U;
  }
  return r;
}

U256 multiply(u128 a, u128 b) {
  // Schoolbook on 64-bit limbs: each partial product fits 128 bits, and each
  // column sum is accumulated with explicit carries.
  const std::uint64_t x[2] = {static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(a >> 64)};
  const std::uint64_t y[2] = {static_cast<std::uint64_t>(b), static_cast<std::uint64_t>(b >> 64)};
  U256 r;
  for (unsigned i = 0; i < 2; ++i) {
    std::uint64_t carry = 0;
    for (unsigned j = 0; j < 2; ++j) {
      const u128 t = static_cast<u128>(x[i]) * y[j] + r.limb[i + j] + carry;
      r.limb[i + j] = static_cast<std::uint64_t>(t);
      carry = static_cast<std::uint64_t>(t >> 64);
    }
    r.limb[i + 2] = carry;
  }
  return r;
}

DivMod256 divmod(const U256& n, u128 d) {
  if (d == 0) throw std::domain_error("U256 division by zero");
  DivMod256 out;
  if ((d >> 64) == 0) {
    // One-limb divisor: long division limb by limb, each step a 128/64 division
    // whose quotient fits 64 bits because the running remainder is below d.
    const auto d64 = static_cast<std::uint64_t>(d);
    std::uint64_t remainder = 0;
    for (int i = 3; i >= 0; --i) {
      const auto k = static_cast<unsigned>(i);
      const DivMod64 step = divmod_128_by_64((static_cast<u128>(remainder) << 64) | n.limb[k], d64);
      out.quotient.limb[k] = step.quotient;
      remainder = step.remainder;
    }
    out.remainder = remainder;
    return out;
  }
  // Two-limb divisor: restoring binary division over the significant bits of n.
  // The running remainder r stays below d ＜ 2¹²⁸; 2r + bit may need 129 bits, so
  // the bit shifted out is kept as a carry and the subtraction is done mod 2¹²⁸.
  u128 r = 0;
  for (int i = n.bit_width() - 1; i >= 0; --i) {
    const bool carry = (r >> 127) != 0;
    r = (r << 1) | n.bit(i);
    if (carry || r >= d) {
      r -= d;
      out.quotient.limb[static_cast<unsigned>(i) / 64] |= std::uint64_t{1} << (i % 64);
    }
  }
  out.remainder = r;
  return out;
}

InvariantDivider::InvariantDivider(std::uint64_t d) : divisor_(d) {
  if (d == 0) throw std::domain_error("InvariantDivider: division by zero");
  shift_ = __builtin_clzll(d);
  normalized_divisor_ = d << shift_;
  // ⌊(2¹²⁸ − 1)/d_norm⌋ lies in [2⁶⁴, 2⁶⁵) because d_norm ≥ 2⁶³; drop the 2⁶⁴.
  reciprocal_ = static_cast<std::uint64_t>(~static_cast<u128>(0) / normalized_divisor_);
}

int compare_products(u128 a, u128 b, u128 c, u128 d) {
  const U256 left = multiply(a, b);
  const U256 right = multiply(c, d);
  if (left < right) return -1;
  return left == right ? 0 : 1;
}

}  // namespace adl::fx
