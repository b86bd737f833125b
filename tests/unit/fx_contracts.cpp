// Integer contract pro-rata in fixed point equals the reference's, bit for bit
// (spec/fx.md, FX-POL-CONTRACT-PRO-RATA): exhaustive small books for each
// rounding of Q, the spec's example, ties (larger index first) and int64 edges.
#include <gtest/gtest.h>

#include "adl/fx/contracts.hpp"
#include "adl/fx/convert.hpp"

#include "adl/ref/benchmark_allocators.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <vector>

namespace {

using adl::fx::ContractRounding;
using adl::fx::Contracts;
using adl::fx::Money;

constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();

std::vector<Contracts> reference(const std::vector<Contracts>& q, int decimals, Money d, Money B,
                                 ContractRounding rounding) {
  return adl::fx::to_fx_contracts(
      adl::ref::contract_pro_rata_integer(adl::fx::to_exact_quantities(q, decimals), adl::fx::to_exact_money(d),
                                          adl::fx::to_exact_money(B), adl::fx::to_exact(rounding)));
}

/// @spec FX-POL-CONTRACT-PRO-RATA
/// @spec POL-CONTRACT-PRO-RATA
TEST(FxContractProRata, SpecExample) {
  // |q| = (3.7, 1.2, 0.6), Q = 2.3 (B = 23, d = 10 micro-USD): Q_int = 3, closed = (2, 1, 0).
  const std::vector<Contracts> q = {37, 12, 6};
  EXPECT_EQ(adl::fx::contract_pro_rata_integer(q, 1, 10, 23), (std::vector<Contracts>{2, 1, 0}));
  EXPECT_EQ(reference(q, 1, 10, 23, ContractRounding::Ceil), (std::vector<Contracts>{2, 1, 0}));
}

/// @spec FX-POL-CONTRACT-PRO-RATA
TEST(FxContractProRata, TiesGoToTheLargerIndexFirst) {
  // Equal quantities, Q = 1: the one contract goes to the last account (AMB: numpy's reversed argsort).
  const std::vector<Contracts> q = {2, 2, 2};
  EXPECT_EQ(adl::fx::contract_pro_rata_integer(q, 0, 1, 1), (std::vector<Contracts>{0, 0, 1}));
  EXPECT_EQ(reference(q, 0, 1, 1, ContractRounding::Ceil), (std::vector<Contracts>{0, 0, 1}));
}

/// @spec FX-POL-CONTRACT-PRO-RATA
TEST(FxContractProRata, ExhaustiveSmallBooksMatchReference) {
  const ContractRounding roundings[] = {ContractRounding::Ceil, ContractRounding::Floor, ContractRounding::Round};
  for (std::size_t n = 1; n <= 3; ++n) {
    std::vector<Contracts> q(n, 0);
    std::function<void(std::size_t)> rec = [&](std::size_t i) {
      if (i == n) {
        for (const int decimals : {0, 1}) {
          for (const Money d : {Money{1}, Money{2}, Money{3}}) {
            for (Money B = 0; B <= 13; ++B) {
              for (const ContractRounding r : roundings) {
                ASSERT_EQ(adl::fx::contract_pro_rata_integer(q, decimals, d, B, r), reference(q, decimals, d, B, r))
                    << "q=" << ::testing::PrintToString(q) << " decimals=" << decimals << " d=" << d << " B=" << B
                    << " rounding=" << static_cast<int>(r);
              }
            }
          }
        }
        return;
      }
      for (Contracts v : {0, 1, 2, 3, 5, 9, 10, 14, 25}) {
        q[i] = v;
        rec(i + 1);
      }
    };
    rec(0);
  }
}

/// @spec FX-POL-CONTRACT-PRO-RATA
TEST(FxContractProRata, RandomBooksMatchReference) {
  std::mt19937_64 rng(77);
  for (int round = 0; round < 2000; ++round) {
    const std::size_t n = 1 + static_cast<std::size_t>(rng() % 30);
    const int decimals = static_cast<int>(rng() % 7);
    std::vector<Contracts> q(n);
    for (auto& v : q) v = static_cast<Contracts>(rng() % 100'000'000);
    const Money d = 1 + static_cast<Money>(rng() % 1'000'000);
    // Q around the whole contracts available, so floors, caps and the pass all matter.
    Contracts whole = 0;
    std::int64_t scale = 1;
    for (int k = 0; k < decimals; ++k) scale *= 10;
    for (const Contracts v : q) whole += v / scale;
    const auto target = static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(whole + 3));
    const Money B = d * target + static_cast<Money>(rng() % static_cast<std::uint64_t>(d));
    const auto r = static_cast<ContractRounding>(rng() % 3);
    ASSERT_EQ(adl::fx::contract_pro_rata_integer(q, decimals, d, B, r), reference(q, decimals, d, B, r));
  }
}

/// @spec FX-POL-CONTRACT-PRO-RATA
/// @spec FX-OVERFLOW
TEST(FxContractProRata, Int64EdgesMatchReference) {
  // Q = INT64_MAX contracts; total weight above 2⁶⁴ (the 128-bit remainder path).
  const std::vector<std::vector<Contracts>> books = {
      {max64, max64, max64}, {max64, 1, max64 - 1}, {max64}, {max64 / 3, max64 / 7, 5}};
  for (const auto& q : books) {
    for (const int decimals : {0, 9, 18}) {
      for (const Money B : std::initializer_list<Money>{1, max64 / 2, max64 - 1, max64}) {
        for (const Money d : std::initializer_list<Money>{1, 3, max64}) {
          ASSERT_EQ(adl::fx::contract_pro_rata_integer(q, decimals, d, B, ContractRounding::Round),
                    reference(q, decimals, d, B, ContractRounding::Round));
          ASSERT_EQ(adl::fx::contract_pro_rata_integer(q, decimals, d, B, ContractRounding::Ceil),
                    reference(q, decimals, d, B, ContractRounding::Ceil));
        }
      }
    }
  }
}

/// @spec FX-POL-CONTRACT-PRO-RATA
/// @spec FX-OVERFLOW
TEST(FxContractProRata, InvalidInputsThrowLikeTheReference) {
  const std::vector<Contracts> q = {3, 4};
  EXPECT_THROW(adl::fx::contract_pro_rata_integer(std::vector<Contracts>{3, -1}, 0, 1, 1), adl::fx::InvalidInput);
  EXPECT_THROW(adl::fx::contract_pro_rata_integer(q, 0, 0, 1), adl::fx::InvalidInput);
  EXPECT_THROW(adl::fx::contract_pro_rata_integer(q, 0, 1, -1), adl::fx::InvalidInput);
  EXPECT_THROW(adl::fx::contract_pro_rata_integer(q, 19, 1, 1), adl::fx::InvalidInput);
  EXPECT_THROW(adl::fx::contract_pro_rata_integer(q, -1, 1, 1), adl::fx::InvalidInput);
}

}  // namespace
