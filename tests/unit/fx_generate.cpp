// The deterministic generator (spec/fx.md, FX-GENERATOR): reproducible, prefix
// stable, valid and feasible books; and on generated books every fx policy
// equals the FX-ROUNDING of the reference, bit for bit.
#include <gtest/gtest.h>

#include "adl/fx/contracts.hpp"
#include "adl/fx/convert.hpp"
#include "adl/fx/generate.hpp"
#include "adl/fx/policies.hpp"

#include "adl/ref/benchmark_allocators.hpp"
#include "adl/ref/policies.hpp"

#include <cstdint>
#include <vector>

namespace {

using adl::fx::GeneratedBook;
using adl::fx::GeneratorOptions;
using adl::fx::Money;

// FNV-1a over every column and the aggregates: a fingerprint of a generated book.
std::uint64_t fingerprint(const GeneratedBook& g) {
  std::uint64_t h = 1469598103934665603ULL;
  const auto mix = [&](std::int64_t v) {
    for (int i = 0; i < 8; ++i) {
      h ^= static_cast<std::uint64_t>(v >> (8 * i)) & 0xFFU;
      h *= 1099511628211ULL;
    }
  };
  using adl::fx::raw_counts;
  for (const auto& column : {raw_counts(g.book.endowment), raw_counts(g.book.equity), raw_counts(g.book.cap),
                             raw_counts(g.book.score), raw_counts(g.book.leverage), raw_counts(g.book.risk_weight),
                             raw_counts(g.book.rho), raw_counts(g.book.quantity)}) {
    mix(static_cast<std::int64_t>(column.size()));
    for (const std::int64_t v : column) mix(v);
  }
  for (const std::int64_t v : {g.budget.raw(), g.capacity.raw(), g.capped_capacity.raw(), g.deficit.raw(),
                               g.book.loss_per_contract.raw(), static_cast<std::int64_t>(g.book.quantity_decimals)}) {
    mix(v);
  }
  return h;
}

/// @spec FX-GENERATOR
TEST(FxGenerate, SameOptionsGiveTheSameBookAndAPinnedFingerprint) {
  GeneratorOptions o;
  o.accounts = 1000;
  o.seed = 1;
  const GeneratedBook a = adl::fx::generate_book(o);
  const GeneratedBook b = adl::fx::generate_book(o);
  EXPECT_EQ(fingerprint(a), fingerprint(b));
  EXPECT_EQ(a.book.endowment, b.book.endowment);
  // Pinned: a change here means the generator's output changed (FX-GENERATOR promises
  // bit-identical books across platforms and library versions).
  EXPECT_EQ(fingerprint(a), 0xcd39df69d16a834eULL) << std::hex << fingerprint(a);
  o.seed = 2;
  EXPECT_NE(fingerprint(adl::fx::generate_book(o)), fingerprint(a));
}

/// @spec FX-GENERATOR
TEST(FxGenerate, PrefixStable) {
  GeneratorOptions o;
  o.seed = 99;
  o.accounts = 700;
  const GeneratedBook big = adl::fx::generate_book(o);
  o.accounts = 250;
  const GeneratedBook small = adl::fx::generate_book(o);
  const auto prefix = [](const auto& v, std::size_t k) {
    return std::decay_t<decltype(v)>(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k));
  };
  EXPECT_EQ(prefix(big.book.endowment, 250), small.book.endowment);
  EXPECT_EQ(prefix(big.book.equity, 250), small.book.equity);
  EXPECT_EQ(prefix(big.book.cap, 250), small.book.cap);
  EXPECT_EQ(prefix(big.book.score, 250), small.book.score);
  EXPECT_EQ(prefix(big.book.quantity, 250), small.book.quantity);
}

/// @spec FX-GENERATOR
TEST(FxGenerate, ColumnsCanBeLeftOutWithoutChangingTheOthers) {
  GeneratorOptions o;
  o.accounts = 300;
  const GeneratedBook full = adl::fx::generate_book(o);
  o.columns = adl::fx::GeneratedColumns{false, true, false, false, false, false, false};
  const GeneratedBook lean = adl::fx::generate_book(o);
  EXPECT_EQ(lean.book.endowment, full.book.endowment);
  EXPECT_EQ(lean.book.cap, full.book.cap);
  EXPECT_TRUE(lean.book.equity.empty());
  EXPECT_TRUE(lean.book.score.empty());
  EXPECT_TRUE(lean.book.quantity.empty());
  EXPECT_EQ(lean.budget, full.budget);
}

/// @spec FX-GENERATOR
/// @spec FX-SCALES
TEST(FxGenerate, BooksAreValidAndTheBudgetFeasible) {
  GeneratorOptions o;
  o.accounts = 20000;
  o.seed = 5;
  const GeneratedBook g = adl::fx::generate_book(o);
  std::size_t winners = 0, bankrupt = 0, infinite = 0, zero_caps = 0, partial_caps = 0;
  Money U = 0, C = 0;
  for (std::size_t i = 0; i < o.accounts; ++i) {
    const Money w = g.book.endowment[i];
    ASSERT_GE(w, 0);
    ASSERT_GE(g.book.cap[i], 0);
    ASSERT_LE(g.book.cap[i], w);
    ASSERT_GE(g.book.leverage[i], adl::fx::fraction_scale);
    ASSERT_GE(g.book.quantity[i], 0);
    if (w > 0) {
      ++winners;
      ASSERT_GT(g.book.equity[i], w);  // cash ≥ cash_scale ＞ 0
      zero_caps += g.book.cap[i] == 0 ? 1U : 0U;
      partial_caps += g.book.cap[i] > 0 && g.book.cap[i] < w ? 1U : 0U;
    }
    bankrupt += g.book.equity[i] < 0 ? 1U : 0U;
    infinite += g.book.score[i] == adl::fx::infinite_score ? 1U : 0U;
    U += w;
    C += g.book.cap[i];
  }
  EXPECT_EQ(g.capacity, U);
  EXPECT_EQ(g.capped_capacity, C);
  EXPECT_EQ(g.budget, C / 2);
  EXPECT_EQ(g.deficit, adl::fx::deficit(g.book.equity));
  // Shares near their options (loose bounds: 20000 draws).
  EXPECT_NEAR(static_cast<double>(winners) / 20000.0, 0.5, 0.02);
  EXPECT_NEAR(static_cast<double>(bankrupt) / 20000.0, 0.45 * 0.2, 0.02);
  EXPECT_NEAR(static_cast<double>(infinite) / 20000.0, 0.01, 0.005);
  EXPECT_GT(zero_caps, 0U);
  EXPECT_GT(partial_caps, 0U);
  // Every policy is feasible at the generated budget.
  EXPECT_NO_THROW(adl::fx::capped_pro_rata(g.book.endowment, g.book.cap, g.budget));
  EXPECT_NO_THROW(adl::fx::rap(g.book.endowment, g.book.cap, g.book.risk_weight, g.budget));
  EXPECT_NO_THROW(adl::fx::greedy_one_step(g.book.endowment, g.book.equity, g.book.cap, g.book.rho, g.budget));
}

/// @spec FX-GENERATOR
/// @spec FX-OVERFLOW
TEST(FxGenerate, OptionsOutOfRangeAndOverflow) {
  GeneratorOptions bad;
  bad.pareto_alpha = 0;
  EXPECT_THROW(adl::fx::generate_book(bad), adl::fx::InvalidInput);
  bad = GeneratorOptions{};
  bad.winner_share = 0.9;
  bad.zero_share = 0.2;
  EXPECT_THROW(adl::fx::generate_book(bad), adl::fx::InvalidInput);
  bad = GeneratorOptions{};
  bad.max_leverage = 0;
  EXPECT_THROW(adl::fx::generate_book(bad), adl::fx::InvalidInput);
  // Nearly every variate at the 2⁶⁰ truncation: U = Σ w leaves int64.
  GeneratorOptions huge;
  huge.accounts = 200;
  huge.pareto_alpha = 0.01;
  huge.max_value = std::int64_t{1} << 60;
  huge.winner_share = 1.0;
  huge.zero_share = 0.0;
  EXPECT_THROW(adl::fx::generate_book(huge), adl::fx::Overflow);
}

/// @spec FX-GENERATOR
/// @spec FX-ROUNDING
/// @spec FX-POL-QUEUE
/// @spec FX-POL-PRO-RATA
/// @spec FX-POL-CAPPED-PRO-RATA
/// @spec FX-POL-RAP
/// @spec FX-POL-LEV-PRO-RATA
/// @spec FX-POL-MINMAX-CONT
/// @spec FX-POL-GREEDY-ONESTEP
/// @spec FX-POL-CONTRACT-PRO-RATA
TEST(FxGenerate, EveryPolicyOnGeneratedBooksEqualsRoundedReference) {
  for (const std::uint64_t seed : {1ULL, 2ULL, 3ULL, 4ULL}) {
    GeneratorOptions o;
    o.accounts = 300;
    o.seed = seed;
    o.pareto_alpha = seed % 2 == 0 ? 1.1 : 2.5;
    o.budget_fraction = seed == 4 ? adl::fx::fraction_scale : static_cast<adl::fx::Fraction>(seed) * 200'000'000;
    const GeneratedBook g = adl::fx::generate_book(o);
    const adl::fx::Book& b = g.book;
    const adl::fx::ExactBook x = adl::fx::to_exact(b);
    const Money B = g.budget;
    const auto XB = adl::fx::to_exact_money(B);
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_EQ(adl::fx::queue(b.endowment, b.score, B).seized,
              adl::fx::round_to_fx(adl::ref::queue(x.endowment, x.score, XB).seized, B));
    EXPECT_EQ(adl::fx::pro_rata(b.endowment, B).seized,
              adl::fx::round_to_fx(adl::ref::pro_rata(x.endowment, XB).seized, B));
    EXPECT_EQ(adl::fx::capped_pro_rata(b.endowment, b.cap, B).seized,
              adl::fx::round_to_fx(adl::ref::capped_pro_rata(x.endowment, x.cap, XB).seized, B));
    EXPECT_EQ(adl::fx::rap(b.endowment, b.cap, b.risk_weight, B).seized,
              adl::fx::round_to_fx(adl::ref::rap(x.endowment, x.cap, x.risk_weight, XB).seized, B));
    EXPECT_EQ(adl::fx::levered_pro_rata(b.endowment, b.cap, b.leverage, B).seized,
              adl::fx::round_to_fx(adl::ref::levered_pro_rata(x.endowment, x.cap, x.leverage, XB).seized, B));
    EXPECT_EQ(adl::fx::min_max_burden(b.endowment, b.equity, b.cap, B).seized,
              adl::fx::round_to_fx(adl::ref::min_max_burden(x.endowment, x.equity, x.cap, XB).seized, B));
    EXPECT_EQ(adl::fx::greedy_one_step(b.endowment, b.equity, b.cap, b.rho, B).seized,
              adl::fx::round_to_fx(adl::ref::greedy_one_step(x.endowment, x.equity, x.cap, x.rho, XB).seized, B));
    EXPECT_EQ(adl::fx::contract_pro_rata_integer(b.quantity, b.quantity_decimals, b.loss_per_contract, B),
              adl::fx::to_fx_contracts(adl::ref::contract_pro_rata_integer(x.quantity, x.loss_per_contract, XB)));
  }
}

}  // namespace
