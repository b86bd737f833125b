// Unit tests of fx's checked and wide arithmetic (spec/fx.md, FX-WIDE and
// FX-OVERFLOW), against GMP integers.
#include <gtest/gtest.h>

#include "adl/fx/number.hpp"
#include "adl/fx/wide.hpp"

#include <boost/multiprecision/gmp.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

using adl::fx::i128;
using adl::fx::Money;
using adl::fx::Overflow;
using adl::fx::U256;
using adl::fx::u128;
using Integer = boost::multiprecision::mpz_int;

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

Integer to_integer(u128 v) {
  return (Integer(static_cast<std::uint64_t>(v >> 64)) << 64) + Integer(static_cast<std::uint64_t>(v));
}

Integer to_integer(const U256& v) {
  Integer r = 0;
  for (int i = 3; i >= 0; --i) r = (r << 64) + Integer(v.limb[static_cast<unsigned>(i)]);
  return r;
}

U256 from_integer(const Integer& v) {
  U256 r;
  Integer rest = v;
  for (unsigned i = 0; i < 4; ++i) {
    r.limb[i] = static_cast<std::uint64_t>(rest & Integer(std::numeric_limits<std::uint64_t>::max()));
    rest >>= 64;
  }
  return r;
}

// Operands that stress carries: zero, one, all-ones limbs, powers of two, random.
std::vector<u128> interesting_u128(std::mt19937_64& rng, int random_count) {
  const u128 ones = ~static_cast<u128>(0);
  std::vector<u128> v = {0,
                         1,
                         2,
                         3,
                         std::numeric_limits<std::uint64_t>::max(),
                         static_cast<u128>(1) << 64,
                         (static_cast<u128>(1) << 64) + 1,
                         static_cast<u128>(1) << 127,
                         ones,
                         ones - 1,
                         ones >> 1,
                         static_cast<u128>(int64_max),
                         static_cast<u128>(int64_max) * static_cast<u128>(int64_max)};
  for (int k = 0; k < random_count; ++k) {
    const u128 value = (static_cast<u128>(rng()) << 64) | rng();
    const unsigned shift = static_cast<unsigned>(rng() % 128);
    v.push_back(value >> shift);
  }
  return v;
}

/// @spec FX-WIDE
TEST(FxWide, MultiplyMatchesGmp) {
  std::mt19937_64 rng(11);
  const auto values = interesting_u128(rng, 60);
  for (const u128 a : values) {
    for (const u128 b : values) {
      ASSERT_EQ(to_integer(adl::fx::multiply(a, b)), to_integer(a) * to_integer(b));
    }
  }
}

/// @spec FX-WIDE
TEST(FxWide, CompareProductsMatchesGmp) {
  std::mt19937_64 rng(12);
  const auto values = interesting_u128(rng, 14);
  for (const u128 a : values) {
    for (const u128 b : values) {
      for (std::size_t k = 0; k < 8; ++k) {
        const u128 c = values[(static_cast<std::size_t>(rng()) % values.size())];
        const u128 d = values[(static_cast<std::size_t>(rng()) % values.size())];
        const Integer left = to_integer(a) * to_integer(b);
        const Integer right = to_integer(c) * to_integer(d);
        const int expected = left < right ? -1 : (left == right ? 0 : 1);
        ASSERT_EQ(adl::fx::compare_products(a, b, c, d), expected);
      }
      // Equal products by construction: a·b versus b·a.
      ASSERT_EQ(adl::fx::compare_products(a, b, b, a), 0);
    }
  }
}

/// @spec FX-WIDE
TEST(FxWide, CompareProductsDistinguishesOneUnitAtThe190BitScale) {
  // Three-factor keys as in greedy one-step: (2⁶³−1)² · (2⁶³−1) against one unit less.
  const u128 m = static_cast<u128>(int64_max);
  EXPECT_EQ(adl::fx::compare_products(m * m, m, m * m, m - 1), 1);
  EXPECT_EQ(adl::fx::compare_products(m * m - 1, m, m * m, m), -1);
  EXPECT_EQ(adl::fx::compare_products(m * m, m, m, m * m), 0);
}

/// @spec FX-WIDE
TEST(FxWide, AdditionSubtractionAndOrderingMatchGmp) {
  std::mt19937_64 rng(13);
  const Integer modulus = Integer(1) << 256;
  for (int k = 0; k < 2000; ++k) {
    U256 a;
    U256 b;
    for (unsigned i = 0; i < 4; ++i) {
      a.limb[i] = (k % 3 == 0) ? std::numeric_limits<std::uint64_t>::max() : rng();
      b.limb[i] = (k % 5 == 0) ? a.limb[i] : rng();
    }
    const Integer x = to_integer(a);
    const Integer y = to_integer(b);
    ASSERT_EQ(to_integer(a + b), (x + y) % modulus);
    ASSERT_EQ(to_integer(a - b), ((x - y) % modulus + modulus) % modulus);
    ASSERT_EQ(a < b, x < y);
    ASSERT_EQ(a == b, x == y);
    ASSERT_EQ(from_integer(x), a);
  }
}

/// @spec FX-WIDE
TEST(FxWide, DivmodMatchesGmpForOneAndTwoLimbDivisors) {
  std::mt19937_64 rng(14);
  const auto divisors = interesting_u128(rng, 40);
  for (int k = 0; k < 400; ++k) {
    U256 n;
    const int limbs = 1 + k % 4;
    for (int i = 0; i < limbs; ++i) n.limb[static_cast<unsigned>(i)] = rng();
    if (k % 7 == 0) n.limb = {~0ULL, ~0ULL, ~0ULL, ~0ULL};
    for (const u128 d : divisors) {
      if (d == 0) continue;
      const auto result = adl::fx::divmod(n, d);
      const Integer N = to_integer(n);
      const Integer D = to_integer(d);
      ASSERT_EQ(to_integer(result.quotient), N / D);
      ASSERT_EQ(to_integer(result.remainder), N % D);
    }
  }
  EXPECT_THROW(adl::fx::divmod(U256::from(5), 0), std::domain_error);
}

/// @spec FX-WIDE
TEST(FxWide, BitWidthAndAccessors) {
  EXPECT_EQ(U256{}.bit_width(), 0);
  EXPECT_EQ(U256::from(1).bit_width(), 1);
  EXPECT_EQ(U256::from(static_cast<u128>(1) << 100).bit_width(), 101);
  const U256 top = adl::fx::multiply(static_cast<u128>(1) << 127, static_cast<u128>(1) << 127);
  EXPECT_EQ(top.bit_width(), 255);
  EXPECT_FALSE(top.fits_u128());
  EXPECT_EQ(top.high128(), static_cast<u128>(1) << 126);
  EXPECT_EQ(top.low128(), 0);
}

/// @spec FX-WIDE
TEST(FxWide, DivmodOf128By64MatchesPlainDivision) {
  std::mt19937_64 rng(15);
  for (int k = 0; k < 20000; ++k) {
    std::uint64_t d = rng() >> (rng() % 64);
    if (d == 0) d = 1;
    // Numerator with high part below d, so the quotient fits 64 bits.
    const u128 n = (static_cast<u128>(rng() % d) << 64) | rng();
    const auto q = adl::fx::divmod_128_by_64(n, d);
    ASSERT_EQ(q.quotient, static_cast<std::uint64_t>(n / d));
    ASSERT_EQ(q.remainder, static_cast<std::uint64_t>(n % d));
  }
  const auto edge = adl::fx::divmod_128_by_64(~static_cast<u128>(0) >> 1, std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(edge.quotient,
            static_cast<std::uint64_t>((~static_cast<u128>(0) >> 1) / std::numeric_limits<std::uint64_t>::max()));
}

/// @spec FX-WIDE
TEST(FxWide, InvariantDividerMatchesPlainDivisionOnBothPaths) {
  std::mt19937_64 rng(16);
  std::vector<std::uint64_t> divisors = {1,
                                         2,
                                         3,
                                         7,
                                         10,
                                         1'000'000,
                                         std::numeric_limits<std::uint64_t>::max(),
                                         std::numeric_limits<std::uint64_t>::max() - 1,
                                         std::uint64_t{1} << 63,
                                         (std::uint64_t{1} << 63) - 1,
                                         (std::uint64_t{1} << 63) + 1};
  for (int k = 0; k < 300; ++k) divisors.push_back(std::max<std::uint64_t>(1, rng() >> (rng() % 64)));
  for (const std::uint64_t d : divisors) {
    const adl::fx::InvariantDivider divider(d);
    EXPECT_EQ(divider.divisor(), d);
    for (int k = 0; k < 200; ++k) {
      u128 n = (static_cast<u128>(rng() % d) << 64) | rng();
      if (k == 0) n = 0;
      if (k == 1) n = (static_cast<u128>(d - 1) << 64) | std::numeric_limits<std::uint64_t>::max();  // largest allowed
      if (k == 2) n = static_cast<u128>(d) * (d - 1);
      const auto expected_q = static_cast<std::uint64_t>(n / d);
      const auto expected_r = static_cast<std::uint64_t>(n % d);
      const auto slow = divider.divide_by_reciprocal(n);
      const auto fast = divider.divide(n);
      ASSERT_EQ(slow.quotient, expected_q) << "d=" << d;
      ASSERT_EQ(slow.remainder, expected_r) << "d=" << d;
      ASSERT_EQ(fast.quotient, expected_q);
      ASSERT_EQ(fast.remainder, expected_r);
    }
  }
  EXPECT_THROW(adl::fx::InvariantDivider(0), std::domain_error);
}

/// @spec FX-OVERFLOW
TEST(FxChecked, NarrowingAndArithmeticThrowInsteadOfWrapping) {
  EXPECT_EQ(adl::fx::narrow_to_int64(static_cast<i128>(int64_max), "x"), int64_max);
  EXPECT_EQ(adl::fx::narrow_to_int64(static_cast<i128>(int64_min), "x"), int64_min);
  EXPECT_THROW(adl::fx::narrow_to_int64(static_cast<i128>(int64_max) + 1, "x"), Overflow);
  EXPECT_THROW(adl::fx::narrow_to_int64(static_cast<i128>(int64_min) - 1, "x"), Overflow);
  EXPECT_EQ(adl::fx::checked_add(int64_max - 1, std::int64_t{1}, "sum"), int64_max);
  EXPECT_THROW(adl::fx::checked_add(int64_max, std::int64_t{1}, "sum"), Overflow);
  EXPECT_THROW(adl::fx::checked_sub(int64_min, std::int64_t{1}, "difference"), Overflow);
  EXPECT_THROW(adl::fx::checked_mul(std::int64_t{1} << 32, std::int64_t{1} << 31, "product"), Overflow);
  EXPECT_EQ(adl::fx::checked_mul(std::int64_t{1} << 31, std::int64_t{1} << 31, "product"), std::int64_t{1} << 62);
  EXPECT_THROW(adl::fx::checked_add(~static_cast<u128>(0), static_cast<u128>(1), "wide sum"), Overflow);
  const std::vector<std::int64_t> near = {int64_max, -1, 1};
  EXPECT_EQ(adl::fx::checked_sum(near, "sum"), int64_max);
  const std::vector<std::int64_t> over = {int64_max, 1};
  EXPECT_THROW(adl::fx::checked_sum(over, "sum"), Overflow);
  EXPECT_THROW(adl::fx::require_indexable(adl::fx::max_accounts + 1), Overflow);
}

/// @spec FX-OVERFLOW
TEST(FxChecked, OverflowMessageNamesTheQuantity) {
  try {
    adl::fx::capacity(std::vector<Money>{int64_max, 1});
    FAIL() << "expected Overflow";
  } catch (const Overflow& e) {
    EXPECT_NE(std::string(e.what()).find("capacity"), std::string::npos) << e.what();
  }
  try {
    adl::fx::deficit(std::vector<Money>{int64_min + 1, -2});
    FAIL() << "expected Overflow";
  } catch (const Overflow& e) {
    EXPECT_NE(std::string(e.what()).find("deficit"), std::string::npos) << e.what();
  }
}

/// @spec DEF-CAPACITY
/// @spec DEF-DEFICIT
TEST(FxChecked, CapacityAndDeficitAtTheLimit) {
  EXPECT_EQ(adl::fx::capacity(std::vector<Money>{int64_max - 7, 7, 0}), int64_max);
  EXPECT_EQ(adl::fx::deficit(std::vector<Money>{-(int64_max - 3), -3, 5}), int64_max);
}

/// @spec FX-SCALES
TEST(FxChecked, CapFromFractionFloors) {
  EXPECT_EQ(adl::fx::cap_from_fraction(10, 500'000'000), 5);  // β = 1/2
  EXPECT_EQ(adl::fx::cap_from_fraction(7, 333'333'333), 2);   // ⌊2.333…⌋
  EXPECT_EQ(adl::fx::cap_from_fraction(int64_max, 1'000'000'000), int64_max);
  EXPECT_EQ(adl::fx::cap_from_fraction(int64_max, 999'999'999),
            static_cast<Money>(static_cast<i128>(int64_max) * 999'999'999 / 1'000'000'000));
  EXPECT_EQ(adl::fx::cap_from_fraction(0, 1'000'000'000), 0);
  EXPECT_THROW(adl::fx::cap_from_fraction(10, 1'000'000'001), adl::fx::InvalidInput);
  EXPECT_THROW(adl::fx::cap_from_fraction(10, -1), adl::fx::InvalidInput);
}

}  // namespace
