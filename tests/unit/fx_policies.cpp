// fx == round_to_fx(ref), bit for bit, for every wealth-space policy
// (spec/fx.md, FX-ROUNDING and FX-POL-*): exhaustive loops over small books
// (zero endowments, ties, caps 0 and w, budgets up to and one past the
// capacity) and deterministic random books with large values; invariants on fx
// alone; and the same kind of error as the reference on invalid input.
#include <gtest/gtest.h>

#include "adl/fx/convert.hpp"
#include "adl/fx/policies.hpp"

#include "adl/ref/error.hpp"
#include "adl/ref/policies.hpp"

#include <cstdint>
#include <algorithm>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using adl::fx::Fraction;
using adl::fx::Money;
using adl::ref::Rational;

constexpr Fraction inf = adl::fx::infinite_score;

enum class Outcome { Ok, InvalidInput, Infeasible, Overflow };

const char* name(Outcome o) {
  switch (o) {
    case Outcome::Ok: return "ok";
    case Outcome::InvalidInput: return "InvalidInput";
    case Outcome::Infeasible: return "Infeasible";
    case Outcome::Overflow: return "Overflow";
  }
  return "?";
}

struct FxRun {
  Outcome outcome = Outcome::Ok;
  std::vector<Money> seized;
};

struct RefRun {
  Outcome outcome = Outcome::Ok;
  std::vector<Rational> seized;
};

FxRun run_fx(const std::function<adl::fx::Allocation()>& f) {
  try {
    return {Outcome::Ok, f().seized};
  } catch (const adl::fx::Overflow&) {
    return {Outcome::Overflow, {}};
  } catch (const adl::ref::InvalidInput&) {
    return {Outcome::InvalidInput, {}};
  } catch (const adl::ref::Infeasible&) {
    return {Outcome::Infeasible, {}};
  }
}

RefRun run_ref(const std::function<adl::ref::Allocation()>& f) {
  try {
    return {Outcome::Ok, f().seized};
  } catch (const adl::ref::InvalidInput&) {
    return {Outcome::InvalidInput, {}};
  } catch (const adl::ref::Infeasible&) {
    return {Outcome::Infeasible, {}};
  }
}

std::string show(const std::vector<Money>& v) {
  std::ostringstream out;
  out << "(";
  for (std::size_t i = 0; i < v.size(); ++i) out << (i ? ", " : "") << v[i];
  out << ")";
  return out.str();
}

std::string show(const std::vector<Rational>& v) {
  std::ostringstream out;
  out << "(";
  for (std::size_t i = 0; i < v.size(); ++i) out << (i ? ", " : "") << adl::ref::to_fraction(v[i]);
  out << ")";
  return out.str();
}

/// Both engines agree: same outcome, and on success fx == round_to_fx(ref) bit for bit,
/// with the FX-ROUNDING invariants on fx alone (Σx = B, 0 ≤ x ≤ cap ≤ w).
::testing::AssertionResult agree(const FxRun& fx, const RefRun& ref, Money budget, const std::vector<Money>& endowment,
                                 const std::vector<Money>& caps, const std::string& input) {
  if (fx.outcome != ref.outcome) {
    return ::testing::AssertionFailure() << input << ": fx " << name(fx.outcome) << " but ref " << name(ref.outcome);
  }
  if (fx.outcome != Outcome::Ok) return ::testing::AssertionSuccess();
  const std::vector<Money> expected = adl::fx::round_to_fx(ref.seized, budget);
  if (fx.seized != expected) {
    return ::testing::AssertionFailure() << input << ": fx " << show(fx.seized) << " but round(ref) " << show(expected)
                                         << " from ref " << show(ref.seized);
  }
  std::int64_t total = 0;
  for (std::size_t i = 0; i < fx.seized.size(); ++i) {
    const Money bound = caps.empty() ? endowment[i] : caps[i];
    if (fx.seized[i] < 0 || fx.seized[i] > bound || fx.seized[i] > endowment[i]) {
      return ::testing::AssertionFailure() << input << ": bound violated at account " << i + 1;
    }
    total += fx.seized[i].raw();
  }
  if (total != budget.raw()) return ::testing::AssertionFailure() << input << ": Σx = " << total << " ≠ B";
  return ::testing::AssertionSuccess();
}

// A column of either unit, for messages.
struct Shown {
  Shown(const std::vector<Money>& v) : text(show(v)) {}  // NOLINT: implicit, for brace lists
  Shown(const std::vector<Fraction>& v) {                // NOLINT: implicit; shown as raw counts, like money
    std::vector<Money> counts;
    for (const Fraction x : v) counts.emplace_back(x.raw());
    text = show(counts);
  }
  std::string text;
};

std::string describe(const char* policy, const std::vector<std::pair<const char*, Shown>>& columns, Money budget) {
  std::ostringstream out;
  out << policy;
  for (const auto& [label, column] : columns) out << " " << label << "=" << column.text;
  out << " B=" << budget;
  return out.str();
}

// The same counts in 10⁻⁹ units: the exhaustive loops enumerate small counts for every column.
std::vector<Fraction> fractions(const std::vector<Money>& v) {
  std::vector<Fraction> out;
  for (const Money x : v) out.emplace_back(x.raw());
  return out;
}

// Calls f(v) for every vector v of length n with entries in [0, limit(i, prefix)].
void for_each_vector(std::size_t n, const std::function<int(std::size_t)>& limit,
                     const std::function<void(const std::vector<Money>&)>& f) {
  std::vector<Money> v(n, 0);
  std::function<void(std::size_t)> rec = [&](std::size_t i) {
    if (i == n) {
      f(v);
      return;
    }
    const int top = limit(i);
    for (int value = 0; value <= top; ++value) {
      v[i] = value;
      rec(i + 1);
    }
  };
  rec(0);
}

Money sum(const std::vector<Money>& v) {
  Money s = 0;
  for (const Money x : v) s += x;
  return s;
}

// ---------------------------------------------------------------- pro-rata

/// @spec FX-POL-PRO-RATA
/// @spec FX-ROUNDING
TEST(FxProRata, ExhaustiveSmallBooksMatchRoundedReference) {
  for (std::size_t n = 1; n <= 4; ++n) {
    const int top = n <= 3 ? 6 : 3;
    for_each_vector(
        n, [&](std::size_t) { return top; },
        [&](const std::vector<Money>& w) {
          const Money U = sum(w);
          for (Money B = 0; B <= U + 1; ++B) {
            const auto fx = run_fx([&] { return adl::fx::pro_rata(w, B); });
            const auto ref = run_ref(
                [&] { return adl::ref::pro_rata(adl::fx::to_exact_money(w), adl::fx::to_exact_money(B)); });
            ASSERT_TRUE(agree(fx, ref, B, w, {}, describe("pro-rata", {{"w", w}}, B)));
          }
        });
  }
}

/// @spec FX-POL-PRO-RATA
/// @spec FX-ROUNDING
TEST(FxProRata, TiesInRemaindersGoToTheLowerIndex) {
  // w = (1, 1, 1), B = 1: x⋆ = 1/3 each; the one unit goes to account 1.
  EXPECT_EQ(adl::fx::pro_rata(std::vector<Money>{1, 1, 1}, 1).seized, (std::vector<Money>{1, 0, 0}));
  // w = (1, 1, 1), B = 2: two units to accounts 1 and 2.
  EXPECT_EQ(adl::fx::pro_rata(std::vector<Money>{1, 1, 1}, 2).seized, (std::vector<Money>{1, 1, 0}));
  // w = (3, 5, 5), B = 7: x⋆ = (21/13, 35/13, 35/13) → floors (1, 2, 2), remainders (8, 9, 9)/13.
  EXPECT_EQ(adl::fx::pro_rata(std::vector<Money>{3, 5, 5}, 7).seized, (std::vector<Money>{1, 3, 3}));
}

/// @spec FX-POL-PRO-RATA
/// @spec EX-5ACCT
TEST(FxProRata, FiveAccountExampleInMicroUsd) {
  // EX-5ACCT: w = (8, 4, 0.5, 0, 0) USD, B = 7.5 USD: x = (4.8, 2.4, 0.3, 0, 0) exactly.
  const std::vector<Money> w = {8'000'000, 4'000'000, 500'000, 0, 0};
  EXPECT_EQ(adl::fx::pro_rata(w, 7'500'000).seized, (std::vector<Money>{4'800'000, 2'400'000, 300'000, 0, 0}));
}

// ---------------------------------------------------------------- queue

/// @spec FX-POL-QUEUE
/// @spec FX-PREFIX-SELECT
TEST(FxQueue, ExhaustiveSmallBooksMatchReference) {
  const std::vector<Fraction> score_values = {-1, 0, 2, inf};
  for (std::size_t n = 1; n <= 3; ++n) {
    for_each_vector(
        n, [](std::size_t) { return 4; },
        [&](const std::vector<Money>& w) {
          const Money U = sum(w);
          for_each_vector(
              n, [](std::size_t) { return 3; },
              [&](const std::vector<Money>& pick) {
                std::vector<Fraction> s(n);
                for (std::size_t i = 0; i < n; ++i) s[i] = score_values[static_cast<std::size_t>(pick[i])];
                for (Money B = 0; B <= U + 1; ++B) {
                  const auto fx = run_fx([&] { return adl::fx::queue(w, s, B); });
                  const auto ref = run_ref([&] {
                    return adl::ref::queue(adl::fx::to_exact_money(w), adl::fx::to_exact_scores(s),
                                           adl::fx::to_exact_money(B));
                  });
                  ASSERT_TRUE(agree(fx, ref, B, w, {}, describe("queue", {{"w", w}, {"s", s}}, B)));
                }
              });
        });
  }
}

/// @spec FX-POL-QUEUE
/// @spec AMB-P-03
TEST(FxQueue, InfiniteScoresRankFirstAndTieByIndex) {
  const std::vector<Money> w = {4, 4, 4, 4};
  const std::vector<Fraction> s = {1000, inf, 5, inf};
  EXPECT_EQ(adl::fx::queue(w, s, 6).seized, (std::vector<Money>{0, 4, 0, 2}));
  EXPECT_EQ(adl::fx::queue(w, s, 13).seized, (std::vector<Money>{4, 4, 1, 4}));
}

// ---------------------------------------------------------------- capped pro-rata

/// @spec FX-POL-CAPPED-PRO-RATA
/// @spec FX-WATERFILL-SELECT
/// @spec FX-ROUNDING
TEST(FxCappedProRata, ExhaustiveSmallBooksMatchRoundedReference) {
  for (std::size_t n = 1; n <= 4; ++n) {
    const int top = n <= 3 ? 4 : 3;
    for_each_vector(
        n, [&](std::size_t) { return top; },
        [&](const std::vector<Money>& w) {
          for_each_vector(
              n, [&](std::size_t i) { return static_cast<int>(w[i]); },
              [&](const std::vector<Money>& c) {
                const Money C = sum(c);
                for (Money B = 0; B <= C + 1; ++B) {
                  const auto fx = run_fx([&] { return adl::fx::capped_pro_rata(w, c, B); });
                  const auto ref = run_ref([&] {
                    return adl::ref::capped_pro_rata(adl::fx::to_exact_money(w), adl::fx::to_exact_caps(w, c),
                                                     adl::fx::to_exact_money(B));
                  });
                  ASSERT_TRUE(agree(fx, ref, B, w, c, describe("capped", {{"w", w}, {"c", c}}, B)));
                }
              });
        });
  }
}

/// @spec FX-POL-CAPPED-PRO-RATA
/// @spec POL-CAPPED-PRO-RATA
TEST(FxCappedProRata, FiveAccountExampleWithAFloor) {
  // POL-CAPPED-PRO-RATA test: w = (8, 4, 0.5) USD, β = (1/2, 1, 1), B = 7.5 USD:
  // x⋆ = (4, 28/9, 7/18) USD = (4000000, 3111111.1…, 388888.8…) micro-USD.
  const std::vector<Money> w = {8'000'000, 4'000'000, 500'000};
  const std::vector<Money> c = {4'000'000, 4'000'000, 500'000};
  EXPECT_EQ(adl::fx::capped_pro_rata(w, c, 7'500'000).seized, (std::vector<Money>{4'000'000, 3'111'111, 388'889}));
}

// ---------------------------------------------------------------- RAP and levered pro-rata

/// @spec FX-POL-RAP
/// @spec FX-WATERFILL-SELECT
/// @spec FX-ROUNDING
TEST(FxRap, ExhaustiveSmallBooksMatchRoundedReference) {
  for (std::size_t n = 1; n <= 3; ++n) {
    for_each_vector(
        n, [](std::size_t) { return 3; },
        [&](const std::vector<Money>& w) {
          for_each_vector(
              n, [&](std::size_t i) { return static_cast<int>(w[i]); },
              [&](const std::vector<Money>& c) {
                for_each_vector(
                    n, [](std::size_t) { return 3; },
                    [&](const std::vector<Money>& tw) {
                      Money C = 0;
                      for (std::size_t i = 0; i < n; ++i) C += tw[i] > 0 ? c[i] : 0;
                      for (Money B = 0; B <= C + 1; ++B) {
                        const auto fx = run_fx([&] { return adl::fx::rap(w, c, fractions(tw), B); });
                        const auto ref = run_ref([&] {
                          return adl::ref::rap(adl::fx::to_exact_money(w), adl::fx::to_exact_caps(w, c),
                                               adl::fx::to_exact_fractions(fractions(tw)), adl::fx::to_exact_money(B));
                        });
                        ASSERT_TRUE(agree(fx, ref, B, w, c, describe("rap", {{"w", w}, {"c", c}, {"tw", tw}}, B)));
                      }
                    });
              });
        });
  }
}

/// @spec FX-POL-RAP
/// @spec ALG-RAP-WATERFILL
TEST(FxRap, SpecExampleInMicroUsd) {
  // ALG-RAP-WATERFILL test: w = (8, 4, 0.5), β = 1, w̃ = (1, 2, 4), B = 7.5: h = (7/16, 7/8, 1),
  // x = (3.5, 3.5, 0.5) USD.
  const std::vector<Money> w = {8'000'000, 4'000'000, 500'000};
  const std::vector<Fraction> tw = {1'000'000'000, 2'000'000'000, 4'000'000'000};
  EXPECT_EQ(adl::fx::rap(w, w, tw, 7'500'000).seized, (std::vector<Money>{3'500'000, 3'500'000, 500'000}));
}

/// @spec FX-POL-LEV-PRO-RATA
/// @spec FX-ROUNDING
TEST(FxLeveredProRata, ExhaustiveSmallBooksMatchRoundedReference) {
  for (std::size_t n = 1; n <= 3; ++n) {
    for_each_vector(
        n, [](std::size_t) { return 3; },
        [&](const std::vector<Money>& w) {
          for_each_vector(
              n, [&](std::size_t i) { return static_cast<int>(w[i]); },
              [&](const std::vector<Money>& c) {
                for_each_vector(
                    n, [](std::size_t) { return 3; },
                    [&](const std::vector<Money>& lev) {
                      const Money C = sum(c);
                      for (Money B = 0; B <= C + 1; ++B) {
                        const auto fx = run_fx([&] { return adl::fx::levered_pro_rata(w, c, fractions(lev), B); });
                        const auto ref = run_ref([&] {
                          return adl::ref::levered_pro_rata(adl::fx::to_exact_money(w), adl::fx::to_exact_caps(w, c),
                                                            adl::fx::to_exact_fractions(fractions(lev)),
                                                            adl::fx::to_exact_money(B));
                        });
                        ASSERT_TRUE(
                            agree(fx, ref, B, w, c, describe("levered", {{"w", w}, {"c", c}, {"lev", lev}}, B)));
                      }
                    });
              });
        });
  }
}

/// @spec FX-POL-LEV-PRO-RATA
/// @spec POL-LEV-PRO-RATA
TEST(FxLeveredProRata, SpecExampleInMicroUsd) {
  // POL-LEV-PRO-RATA test: EX-5ACCT, leverage (2, 5, 10), B = 7.5: x = (28/9, 35/9, 1/2) USD.
  const std::vector<Money> w = {8'000'000, 4'000'000, 500'000, 0, 0};
  const std::vector<Fraction> lev = {2'000'000'000, 5'000'000'000, 10'000'000'000, 0, 0};
  // x⋆ = (3111111.1…, 3888888.8…, 500000): floors (3111111, 3888888, 500000), one unit left → account 2.
  EXPECT_EQ(adl::fx::levered_pro_rata(w, w, lev, 7'500'000).seized,
            (std::vector<Money>{3'111'111, 3'888'889, 500'000, 0, 0}));
}

// ---------------------------------------------------------------- min–max

/// @spec FX-POL-MINMAX-CONT
/// @spec FX-WATERFILL-SELECT
/// @spec FX-ROUNDING
TEST(FxMinMax, ExhaustiveSmallBooksMatchRoundedReference) {
  for (std::size_t n = 1; n <= 3; ++n) {
    for_each_vector(
        n, [](std::size_t) { return 3; },
        [&](const std::vector<Money>& w) {
          for_each_vector(
              n, [&](std::size_t i) { return static_cast<int>(w[i]); },
              [&](const std::vector<Money>& c) {
                // Equity e = w + cash with cash in {0, 1, 3}; a zero-endowment account may have e ≤ 0.
                for_each_vector(
                    n, [](std::size_t) { return 2; },
                    [&](const std::vector<Money>& pick) {
                      std::vector<Money> e(n);
                      for (std::size_t i = 0; i < n; ++i)
                        e[i] = w[i] + (pick[i] == 2 ? 3 : pick[i]) - (w[i] == 0 ? 1 : 0);
                      const Money C = sum(c);
                      for (Money B = 0; B <= C + 1; ++B) {
                        const auto fx = run_fx([&] { return adl::fx::min_max_burden(w, e, c, B); });
                        const auto ref = run_ref([&] {
                          return adl::ref::min_max_burden(adl::fx::to_exact_money(w), adl::fx::to_exact_money(e),
                                                          adl::fx::to_exact_caps(w, c), adl::fx::to_exact_money(B));
                        });
                        ASSERT_TRUE(agree(fx, ref, B, w, c, describe("min-max", {{"w", w}, {"e", e}, {"c", c}}, B)));
                      }
                    });
              });
        });
  }
}

// ---------------------------------------------------------------- greedy one-step

/// @spec FX-POL-GREEDY-ONESTEP
/// @spec FX-PREFIX-SELECT
TEST(FxGreedy, ExhaustiveSmallBooksMatchReference) {
  const std::vector<Money> equity_offsets = {-5, 2, 0};  // e = w + offset: any sign of e
  for (std::size_t n = 1; n <= 3; ++n) {
    // Three accounts: smaller endowments and two equity offsets keep the loop near a second.
    const int top_w = n <= 2 ? 3 : 2;
    const int top_pick = n <= 2 ? 2 : 1;
    for_each_vector(
        n, [&](std::size_t) { return top_w; },
        [&](const std::vector<Money>& w) {
          for_each_vector(
              n, [&](std::size_t i) { return static_cast<int>(w[i]); },
              [&](const std::vector<Money>& c) {
                for_each_vector(
                    n, [&](std::size_t) { return top_pick; },
                    [&](const std::vector<Money>& pick) {
                      for_each_vector(
                          n, [](std::size_t) { return 2; },
                          [&](const std::vector<Money>& rho) {
                            std::vector<Money> e(n);
                            for (std::size_t i = 0; i < n; ++i)
                              e[i] = w[i] + equity_offsets[static_cast<std::size_t>(pick[i])];
                            const Money C = sum(c);
                            for (Money B = 0; B <= C + 1; ++B) {
                              const auto fx = run_fx(
                                  [&] { return adl::fx::greedy_one_step(w, e, c, fractions(rho), B); });
                              const auto ref = run_ref([&] {
                                return adl::ref::greedy_one_step(adl::fx::to_exact_money(w), adl::fx::to_exact_money(e),
                                                                 adl::fx::to_exact_caps(w, c),
                                                                 adl::fx::to_exact_fractions(fractions(rho)),
                                                                 adl::fx::to_exact_money(B));
                              });
                              ASSERT_TRUE(agree(fx, ref, B, w, c,
                                                describe("greedy", {{"w", w}, {"e", e}, {"c", c}, {"rho", rho}}, B)));
                            }
                          });
                    });
              });
        });
  }
}

/// @spec FX-POL-GREEDY-ONESTEP
/// @spec POL-GREEDY-ONESTEP
TEST(FxGreedy, SpecExampleInMicroUsd) {
  // POL-GREEDY-ONESTEP test: EX-5ACCT, ρ = (4, 25, 100): order (3, 2, 1), x = (3, 4, 1/2) USD.
  const std::vector<Money> w = {8'000'000, 4'000'000, 500'000, 0, 0};
  const std::vector<Money> e = {10'000'000, 5'000'000, 1'000'000, -7'000'000, -500'000};
  const std::vector<Fraction> rho = {4'000'000'000, 25'000'000'000, 100'000'000'000, 0, 0};
  EXPECT_EQ(adl::fx::greedy_one_step(w, e, w, rho, 7'500'000).seized,
            (std::vector<Money>{3'000'000, 4'000'000, 500'000, 0, 0}));
}

// ---------------------------------------------------------------- random books with large values

struct RandomBook {
  std::vector<Money> w, c, e;
  std::vector<Fraction> s, tw, lev, rho;
};

RandomBook random_book(std::mt19937_64& rng, std::size_t n, Money scale) {
  RandomBook b;
  const auto draw = [&](Money top) { return static_cast<Money>(rng() % static_cast<std::uint64_t>(top + 1)); };
  for (std::size_t i = 0; i < n; ++i) {
    const Money w = rng() % 5 == 0 ? 0 : draw(scale);
    const int cap_kind = static_cast<int>(rng() % 4);
    const Money c = cap_kind == 0 ? 0 : cap_kind == 1 ? w : draw(w);
    b.w.push_back(w);
    b.c.push_back(c);
    b.e.push_back(w + draw(scale) - (rng() % 7 == 0 ? scale : 0));
    b.s.push_back(rng() % 10 == 0 ? inf : static_cast<Fraction>(rng() % 5));  // many ties
    b.tw.push_back(rng() % 6 == 0 ? 0 : static_cast<Fraction>(rng() % 4'000'000'000'000ULL));
    b.lev.push_back(1 + static_cast<Fraction>(rng() % 100) * 1'000'000'000);
    b.rho.push_back(static_cast<Fraction>((rng() % 3) * (rng() % 1'000'000'000'000ULL)));
  }
  return b;
}

/// @spec FX-ROUNDING
/// @spec FX-POL-PRO-RATA
/// @spec FX-POL-QUEUE
/// @spec FX-POL-CAPPED-PRO-RATA
/// @spec FX-POL-RAP
/// @spec FX-POL-LEV-PRO-RATA
/// @spec FX-POL-MINMAX-CONT
/// @spec FX-POL-GREEDY-ONESTEP
TEST(FxAllPolicies, RandomBooksWithLargeValuesMatchRoundedReference) {
  std::mt19937_64 rng(20240501);
  const std::vector<Money> scales = {10, 1'000'000, 1'000'000'000'000, 100'000'000'000'000'000};
  for (int round = 0; round < 160; ++round) {
    const Money scale = scales[static_cast<std::size_t>(round) % scales.size()];
    const std::size_t n = 1 + static_cast<std::size_t>(rng() % 40);
    const RandomBook b = random_book(rng, n, scale);
    Money U = 0, C = 0, C_rap = 0;
    for (std::size_t i = 0; i < n; ++i) {
      U += b.w[i];
      C += b.c[i];
      C_rap += b.tw[i] > 0 ? b.c[i] : 0;
    }
    const auto budgets = [&](Money capacity) {
      std::vector<Money> out = {0, capacity, capacity + 1, capacity > 0 ? capacity - 1 : 0};
      for (int k = 0; k < 3; ++k)
        out.push_back(capacity > 0 ? static_cast<Money>(rng() % static_cast<std::uint64_t>(capacity)) : 0);
      return out;
    };
    const auto W = adl::fx::to_exact_money(b.w);
    const auto beta = adl::fx::to_exact_caps(b.w, b.c);
    const auto E = adl::fx::to_exact_money(b.e);
    for (const Money B : budgets(U)) {
      const auto XB = adl::fx::to_exact_money(B);
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::pro_rata(b.w, B); }),
                        run_ref([&] { return adl::ref::pro_rata(W, XB); }), B, b.w, {},
                        describe("pro-rata", {{"w", b.w}}, B)));
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::queue(b.w, b.s, B); }),
                        run_ref([&] { return adl::ref::queue(W, adl::fx::to_exact_scores(b.s), XB); }), B, b.w, {},
                        describe("queue", {{"w", b.w}, {"s", b.s}}, B)));
    }
    for (const Money B : budgets(C)) {
      const auto XB = adl::fx::to_exact_money(B);
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::capped_pro_rata(b.w, b.c, B); }),
                        run_ref([&] { return adl::ref::capped_pro_rata(W, beta, XB); }), B, b.w, b.c,
                        describe("capped", {{"w", b.w}, {"c", b.c}}, B)));
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::levered_pro_rata(b.w, b.c, b.lev, B); }), run_ref([&] {
                          return adl::ref::levered_pro_rata(W, beta, adl::fx::to_exact_fractions(b.lev), XB);
                        }),
                        B, b.w, b.c, describe("levered", {{"w", b.w}, {"c", b.c}, {"lev", b.lev}}, B)));
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::greedy_one_step(b.w, b.e, b.c, b.rho, B); }), run_ref([&] {
                          return adl::ref::greedy_one_step(W, E, beta, adl::fx::to_exact_fractions(b.rho), XB);
                        }),
                        B, b.w, b.c, describe("greedy", {{"w", b.w}, {"e", b.e}, {"c", b.c}, {"rho", b.rho}}, B)));
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::min_max_burden(b.w, b.e, b.c, B); }),
                        run_ref([&] { return adl::ref::min_max_burden(W, E, beta, XB); }), B, b.w, b.c,
                        describe("min-max", {{"w", b.w}, {"e", b.e}, {"c", b.c}}, B)));
    }
    for (const Money B : budgets(C_rap)) {
      const auto XB = adl::fx::to_exact_money(B);
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::rap(b.w, b.c, b.tw, B); }),
                        run_ref([&] { return adl::ref::rap(W, beta, adl::fx::to_exact_fractions(b.tw), XB); }), B, b.w,
                        b.c, describe("rap", {{"w", b.w}, {"c", b.c}, {"tw", b.tw}}, B)));
    }
  }
}

// ---------------------------------------------------------------- the bucket narrowing (FX-BUCKET-NARROW)

/// @spec FX-BUCKET-NARROW
/// @spec FX-POL-CAPPED-PRO-RATA
TEST(FxBucketNarrow, CappedRatiosOnAndAroundBucketBoundaries) {
  // Ratios c/w = b/2¹⁵ exactly and one micro-USD either side, with small and huge endowments
  // (above 2⁵³ the double estimate of the bucket is inexact and must be corrected).
  std::mt19937_64 rng(31);
  const std::vector<Money> units = {1, 3, 1'000'003, std::int64_t{1} << 40, (std::int64_t{1} << 45) - 1};
  for (int round = 0; round < 60; ++round) {
    const Money unit = units[static_cast<std::size_t>(round) % units.size()];
    // Keep U = n·w within int64 (beyond it fx throws Overflow by design, FX-OVERFLOW).
    const auto fit = static_cast<std::size_t>(std::numeric_limits<Money>::max() / (unit * 32768));
    const std::size_t n = std::min<std::size_t>(fit, 2 + static_cast<std::size_t>(rng() % 12));
    std::vector<Money> w(n), c(n);
    for (std::size_t i = 0; i < n; ++i) {
      w[i] = unit * 32768;
      // Half the time a boundary of the 16-bucket histogram these small books use (b a multiple of 2¹¹).
      const auto b = rng() % 2 == 0 ? static_cast<std::int64_t>(rng() % 17) * 2048
                                    : static_cast<std::int64_t>(rng() % 32769);
      const Money delta = static_cast<Money>(rng() % 3) - 1;  // −1, 0, +1
      c[i] = std::clamp<Money>(unit * b + delta, 0, w[i]);
    }
    const Money C = sum(c);
    for (const Money B : {Money{1}, C / 3, C / 2, C - 1, C}) {
      if (B < 0 || B > C) continue;
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::capped_pro_rata(w, c, B); }), run_ref([&] {
                          return adl::ref::capped_pro_rata(adl::fx::to_exact_money(w), adl::fx::to_exact_caps(w, c),
                                                           adl::fx::to_exact_money(B));
                        }),
                        B, w, c, describe("capped", {{"w", w}, {"c", c}}, B)));
    }
  }
}

/// @spec FX-BUCKET-NARROW
/// @spec FX-POL-CAPPED-PRO-RATA
TEST(FxBucketNarrow, CappedWithEveryRatioEqual) {
  // One bucket holds every account: the exact selection runs on all of them.
  std::vector<Money> w, c;
  for (Money i = 1; i <= 300; ++i) {
    w.push_back(7 * i);
    c.push_back(3 * i);
  }
  const Money C = sum(c);
  for (const Money B : {Money{1}, Money{299}, C / 2, C - 1, C}) {
    ASSERT_TRUE(agree(run_fx([&] { return adl::fx::capped_pro_rata(w, c, B); }), run_ref([&] {
                        return adl::ref::capped_pro_rata(adl::fx::to_exact_money(w), adl::fx::to_exact_caps(w, c),
                                                         adl::fx::to_exact_money(B));
                      }),
                      B, w, c, "equal ratios"));
  }
}

/// @spec FX-BUCKET-NARROW
/// @spec FX-POL-QUEUE
TEST(FxBucketNarrow, QueueScoresAcrossTheWholeInt64Range) {
  std::mt19937_64 rng(32);
  const std::vector<Fraction> extremes = {std::numeric_limits<Fraction>::min(), -1, 0, 1, inf - 1, inf};
  for (int round = 0; round < 200; ++round) {
    const std::size_t n = 1 + static_cast<std::size_t>(rng() % 60);
    std::vector<Money> w(n);
    std::vector<Fraction> s(n);
    for (std::size_t i = 0; i < n; ++i) {
      w[i] = rng() % 4 == 0 ? 0 : static_cast<Money>(rng() % 1000);
      switch (round % 4) {
        case 0: s[i] = extremes[static_cast<std::size_t>(rng() % extremes.size())]; break;  // full range
        case 1: s[i] = static_cast<Fraction>(rng()); break;                                 // random bits
        case 2: s[i] = 5; break;                                                            // one tie bucket
        default: s[i] = static_cast<Fraction>(rng() % 70'000) - 35'000; break;              // ＞ 2¹⁵ values
      }
    }
    const Money U = sum(w);
    for (const Money B : {Money{0}, Money{1}, U / 3, U / 2, U - 1, U}) {
      if (B < 0) continue;
      ASSERT_TRUE(agree(run_fx([&] { return adl::fx::queue(w, s, B); }), run_ref([&] {
                          return adl::ref::queue(adl::fx::to_exact_money(w), adl::fx::to_exact_scores(s),
                                                 adl::fx::to_exact_money(B));
                        }),
                        B, w, {}, describe("queue", {{"w", w}, {"s", s}}, B)));
    }
  }
}

/// @spec FX-BUCKET-NARROW
/// @spec FX-POL-QUEUE
/// @spec FX-POL-CAPPED-PRO-RATA
TEST(FxBucketNarrow, LargeBooksUseTheFullHistogram) {
  // n = 40000 gives 2¹⁵ key buckets; ratios on their boundaries, ± one micro-USD, and ties.
  std::mt19937_64 rng(33);
  const std::size_t n = 40000;
  std::vector<Money> w(n), c(n);
  std::vector<Fraction> s(n);
  for (std::size_t i = 0; i < n; ++i) {
    w[i] = rng() % 10 == 0 ? 0 : 32768 * static_cast<Money>(1 + rng() % 1000);
    const Money unit = w[i] / 32768;
    const auto b = static_cast<std::int64_t>(rng() % 32769);
    c[i] = std::clamp<Money>(unit * b + static_cast<Money>(rng() % 3) - 1, 0, w[i]);
    s[i] = rng() % 50 == 0 ? inf : static_cast<Fraction>(rng() % 100'000) * 1'000'000;
  }
  const auto W = adl::fx::to_exact_money(w);
  const auto beta = adl::fx::to_exact_caps(w, c);
  const auto S = adl::fx::to_exact_scores(s);
  const Money U = sum(w);
  const Money C = sum(c);
  for (const Money B : {Money{1}, U / 7, U / 2, U - 1}) {
    ASSERT_TRUE(agree(run_fx([&] { return adl::fx::queue(w, s, B); }),
                      run_ref([&] { return adl::ref::queue(W, S, adl::fx::to_exact_money(B)); }), B, w, {},
                      "large queue"));
  }
  for (const Money B : {Money{1}, C / 7, C / 2, C - 1, C}) {
    ASSERT_TRUE(agree(run_fx([&] { return adl::fx::capped_pro_rata(w, c, B); }),
                      run_ref([&] { return adl::ref::capped_pro_rata(W, beta, adl::fx::to_exact_money(B)); }), B, w, c,
                      "large capped"));
  }
}

// ---------------------------------------------------------------- invalid input, as the reference

/// @spec FX-OVERFLOW
/// @spec POL-VALID
TEST(FxValidation, InvalidInputsThrowLikeTheReference) {
  using adl::fx::InvalidInput;
  const std::vector<Money> w = {5, 3};
  const std::vector<Money> c = {5, 3};
  const std::vector<Fraction> one = {1, 1};
  EXPECT_THROW(adl::fx::pro_rata(std::vector<Money>{5, -1}, 1), InvalidInput);
  EXPECT_THROW(adl::fx::pro_rata(w, -1), InvalidInput);
  EXPECT_THROW(adl::fx::queue(w, std::vector<Fraction>{1}, 1), InvalidInput);
  EXPECT_THROW(adl::fx::capped_pro_rata(w, std::vector<Money>{6, 3}, 1), InvalidInput);   // c > w (β > 1)
  EXPECT_THROW(adl::fx::capped_pro_rata(w, std::vector<Money>{-1, 3}, 1), InvalidInput);  // β < 0
  EXPECT_THROW(adl::fx::capped_pro_rata(std::vector<Money>{0, 3}, std::vector<Money>{1, 3}, 1), InvalidInput);
  EXPECT_THROW(adl::fx::rap(w, c, std::vector<Fraction>{1, -1}, 1), InvalidInput);
  EXPECT_THROW(adl::fx::levered_pro_rata(w, c, std::vector<Fraction>{1, 0}, 1), InvalidInput);
  EXPECT_THROW(adl::fx::min_max_burden(w, std::vector<Money>{5, 0}, c, 1), InvalidInput);
  EXPECT_THROW(adl::fx::greedy_one_step(w, w, c, std::vector<Fraction>{1, -1}, 1), InvalidInput);
  EXPECT_THROW(adl::fx::greedy_one_step(w, w, c, one, -1), InvalidInput);
  // Infeasible: above the policy's capacity; B = 0 is always feasible.
  EXPECT_THROW(adl::fx::pro_rata(std::vector<Money>{0, 0}, 1), adl::fx::Infeasible);
  EXPECT_EQ(adl::fx::pro_rata(std::vector<Money>{0, 0}, 0).seized, (std::vector<Money>{0, 0}));
  EXPECT_THROW(adl::fx::capped_pro_rata(w, std::vector<Money>{0, 0}, 1), adl::fx::Infeasible);
  EXPECT_THROW(adl::fx::rap(w, c, std::vector<Fraction>{0, 0}, 1), adl::fx::Infeasible);
}

}  // namespace
