// fx at the edge of its range (spec/fx.md, FX-OVERFLOW and FX-WIDE): values
// near INT64_MAX that still fit give exactly round(ref); a capacity, a sum or a
// conversion that leaves int64 throws adl::fx::Overflow, never wraps or clamps.
#include <gtest/gtest.h>

#include "adl/fx/convert.hpp"
#include "adl/fx/contracts.hpp"
#include "adl/fx/policies.hpp"

#include "adl/ref/policies.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

namespace {

using adl::fx::Fraction;
using adl::fx::Money;
using adl::fx::Overflow;

constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();

struct Case {
  std::vector<Money> w, c, e;
  std::vector<Fraction> weight, rho, score;
};

// Every policy on one book at one budget equals the FX-ROUNDING of the reference.
void expect_all_match(const Case& k, Money B) {
  SCOPED_TRACE("budget " + std::to_string(B.raw()));
  const auto W = adl::fx::to_exact_money(k.w);
  const auto beta = adl::fx::to_exact_caps(k.w, k.c);
  const auto E = adl::fx::to_exact_money(k.e);
  const auto XB = adl::fx::to_exact_money(B);
  Money C = 0;
  for (const Money c : k.c) C += c;
  Money U = 0;
  for (const Money w : k.w) U += w;
  if (B <= U) {
    EXPECT_EQ(adl::fx::pro_rata(k.w, B).seized, adl::fx::round_to_fx(adl::ref::pro_rata(W, XB).seized, B));
    EXPECT_EQ(adl::fx::queue(k.w, k.score, B).seized,
              adl::fx::round_to_fx(adl::ref::queue(W, adl::fx::to_exact_scores(k.score), XB).seized, B));
  }
  if (B <= C) {
    EXPECT_EQ(adl::fx::capped_pro_rata(k.w, k.c, B).seized,
              adl::fx::round_to_fx(adl::ref::capped_pro_rata(W, beta, XB).seized, B));
    EXPECT_EQ(adl::fx::rap(k.w, k.c, k.weight, B).seized,
              adl::fx::round_to_fx(adl::ref::rap(W, beta, adl::fx::to_exact_fractions(k.weight), XB).seized, B));
    EXPECT_EQ(
        adl::fx::levered_pro_rata(k.w, k.c, k.weight, B).seized,
        adl::fx::round_to_fx(adl::ref::levered_pro_rata(W, beta, adl::fx::to_exact_fractions(k.weight), XB).seized, B));
    EXPECT_EQ(adl::fx::min_max_burden(k.w, k.e, k.c, B).seized,
              adl::fx::round_to_fx(adl::ref::min_max_burden(W, E, beta, XB).seized, B));
    EXPECT_EQ(
        adl::fx::greedy_one_step(k.w, k.e, k.c, k.rho, B).seized,
        adl::fx::round_to_fx(adl::ref::greedy_one_step(W, E, beta, adl::fx::to_exact_fractions(k.rho), XB).seized, B));
  }
}

/// @spec FX-OVERFLOW
/// @spec FX-ROUNDING
TEST(FxNearLimits, OneAccountHoldingTheWholeRange) {
  const Case k{{max64}, {max64}, {max64}, {max64}, {max64}, {max64 - 1}};
  for (const Money B : std::initializer_list<Money>{0, 1, max64 / 3, max64 - 1, max64}) expect_all_match(k, B);
}

/// @spec FX-OVERFLOW
/// @spec FX-WIDE
/// @spec FX-ROUNDING
TEST(FxNearLimits, CapacityExactlyInt64MaxWithHugeWeights) {
  // U = INT64_MAX exactly; weights w·w̃ near 2¹²⁶, so RAP's numerators (B − S)·w·w̃ reach 2¹⁸⁹
  // and its denominators exceed 2⁶⁴ (the 256-bit path of FX-WIDE).
  const std::vector<Case> cases = {
      {{max64 - 1, 1}, {max64 - 1, 1}, {max64, max64}, {max64, max64 - 1}, {max64, max64}, {min64, max64 - 1}},
      {{max64 / 2, max64 / 2 + 1},
       {max64 / 3, max64 / 2 + 1},
       {max64, max64 - 7},
       {max64 - 12345, max64},
       {max64 - 1, max64},
       {5, 5}},
      {{max64 - (std::int64_t{1} << 40), std::int64_t{1} << 40},
       {max64 - (std::int64_t{1} << 40), (std::int64_t{1} << 40) - 3},
       {max64, std::int64_t{1} << 41},
       {1, max64},
       {1, max64},
       {-1, -2}},
      {{max64 / 3, max64 / 3, max64 / 3 + 1},
       {max64 / 5, max64 / 3, max64 / 7},
       {max64, max64 / 2, max64 / 3},
       {max64, max64 / 2, 3},
       {max64, 2, max64 / 2},
       {max64 - 1, max64 - 1, max64 - 1}},
  };
  for (const Case& k : cases) {
    Money C = 0;
    for (const Money c : k.c) C += c;
    for (const Money B : std::initializer_list<Money>{1, 7, C / 3, C / 2 + 1, C - 1, C, max64 - 1, max64})
      expect_all_match(k, B);
  }
}

/// @spec FX-POL-GREEDY-ONESTEP
/// @spec FX-WIDE
TEST(FxNearLimits, GreedyKeysOfAnySignAtTheInt64Limits) {
  // Keys e·ρ/w with e = INT64_MIN (magnitude 2⁶³), ρ = INT64_MAX: products of three int64.
  const Case k{{max64 / 4, max64 / 4, max64 / 4, 3},
               {max64 / 4, max64 / 4, max64 / 4, 3},
               {min64, -1, max64, max64},
               {1, 1, 1, 1},
               {max64, max64, max64 - 1, max64},
               {0, 0, 0, 0}};
  const auto W = adl::fx::to_exact_money(k.w);
  const auto beta = adl::fx::to_exact_caps(k.w, k.c);
  const auto E = adl::fx::to_exact_money(k.e);
  const auto R = adl::fx::to_exact_fractions(k.rho);
  for (const Money B : std::initializer_list<Money>{1, max64 / 4, max64 / 4 + 1, max64 / 2, max64 / 4 * 3 + 3}) {
    const auto exact = adl::ref::greedy_one_step(W, E, beta, R, adl::fx::to_exact_money(B)).seized;
    EXPECT_EQ(adl::fx::greedy_one_step(k.w, k.e, k.c, k.rho, B).seized, adl::fx::round_to_fx(exact, B));
  }
  // By hand: keys ≈ (−2⁶⁵, −4, 2⁶⁵, 2¹²⁶/3), so the order is 4, 3, 2, 1 and B = 4 takes 3 then 1.
  EXPECT_EQ(adl::fx::greedy_one_step(k.w, k.e, k.c, k.rho, 4).seized, (std::vector<Money>{0, 0, 1, 3}));
}

/// @spec FX-OVERFLOW
TEST(FxOverflow, CapacityAboveInt64MaxThrowsForEveryPolicyWhateverTheBudget) {
  const std::vector<Money> w = {max64, 1};
  const std::vector<Money> c = {0, 0};
  const std::vector<Money> e = {max64, 1};
  const std::vector<Fraction> one = {1, 1};
  for (const Money B : {Money{0}, Money{1}}) {
    EXPECT_THROW(adl::fx::pro_rata(w, B), Overflow);
    EXPECT_THROW(adl::fx::queue(w, one, B), Overflow);
    EXPECT_THROW(adl::fx::capped_pro_rata(w, c, B), Overflow);
    EXPECT_THROW(adl::fx::rap(w, c, one, B), Overflow);
    EXPECT_THROW(adl::fx::levered_pro_rata(w, c, one, B), Overflow);
    EXPECT_THROW(adl::fx::min_max_burden(w, e, c, B), Overflow);
    EXPECT_THROW(adl::fx::greedy_one_step(w, e, c, one, B), Overflow);
  }
  // Capped pro-rata sums per ratio bucket before U is known: caps 0, caps = w and interior
  // ratios must all end in Overflow, not in a wrapped sum (checked under UBSan).
  for (const std::vector<Money>& caps :
       {std::vector<Money>{max64, 1}, std::vector<Money>{max64 / 2, 0}, std::vector<Money>{max64 - 5, 1}}) {
    EXPECT_THROW(adl::fx::capped_pro_rata(w, caps, 1), Overflow);
  }
  const std::vector<Money> many(5, max64 / 3);
  EXPECT_THROW(adl::fx::capped_pro_rata(many, many, 1), Overflow);
}

/// @spec FX-OVERFLOW
/// @spec FX-TO-EXACT
TEST(FxOverflow, ConversionsOutOfRangeThrow) {
  const adl::ref::Rational too_much = adl::fx::to_exact_money(max64) + adl::ref::Rational(1, 1'000'000);
  EXPECT_THROW(adl::fx::to_fx_money(too_much, "cash"), Overflow);
  EXPECT_EQ(adl::fx::to_fx_money(adl::fx::to_exact_money(max64), "cash"), max64);
  EXPECT_EQ(adl::fx::to_fx_money(adl::fx::to_exact_money(min64), "cash"), min64);
  EXPECT_THROW(adl::fx::to_fx_fraction(adl::fx::to_exact_fraction(max64) * 2, "leverage"), Overflow);
  // A finite score that would land on the +∞ code is out of range.
  std::vector<adl::ref::Score> scores(1);
  scores[0].value = adl::fx::to_exact_fraction(max64);
  EXPECT_THROW(adl::fx::to_fx_scores(scores), Overflow);
  // round_to_fx of an exact amount above INT64_MAX micro-USD.
  EXPECT_THROW(adl::fx::round_to_fx({too_much, adl::ref::Rational(-1, 1'000'000)}, max64), adl::fx::InvalidInput);
}

/// @spec FX-OVERFLOW
/// @spec FX-POL-CONTRACT-PRO-RATA
TEST(FxOverflow, ContractLossesOverflowThrows) {
  const std::vector<adl::fx::Contracts> closed = {2, (max64 / 3) + 1};
  EXPECT_THROW(adl::fx::contract_losses(closed, 3), Overflow);
  EXPECT_EQ(adl::fx::contract_losses(std::vector<adl::fx::Contracts>{2, max64 / 3}, 3),
            (std::vector<Money>{6, max64 / 3 * 3}));
}

}  // namespace
