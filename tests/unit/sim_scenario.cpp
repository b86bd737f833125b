// Unit tests of the scenario generators of `adl simulate` (spec/online.md §4):
// SIM-SCENARIO-PARETO (determinism from the seed, the stated ranges, the
// Pareto tail), SIM-SCENARIO-ALTERNATING and SIM-SCENARIO-OCT10 (real data,
// skipped when ../shared/data/oct10 is absent).
//
// Expected values come from the spec's definitions, from the C++ standard
// (the 10000th output of a default-seeded std::mt19937_64) and from
// statistics of the Pareto law (the Hill estimator), never from the
// generator's own output.
#include <gtest/gtest.h>

#include "paths.hpp"

#include "adl/emp/perwave.hpp"
#include "adl/io/read.hpp"
#include "adl/ref/error.hpp"
#include "adl/sim/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using adl::ref::Rational;
using adl::sim::AlternatingOptions;
using adl::sim::ParetoOptions;
using adl::sim::RoundInput;
using adl::sim::Scenario;

bool same_round(const RoundInput& a, const RoundInput& b) {
  if (a.winners.size() != b.winners.size() || a.bad_debt != b.bad_debt || a.fee_inflow != b.fee_inflow ||
      a.theta_star != b.theta_star) {
    return false;
  }
  for (std::size_t i = 0; i < a.winners.size(); ++i) {
    const auto& x = a.winners[i];
    const auto& y = b.winners[i];
    if (x.id != y.id || x.endowment != y.endowment || x.equity != y.equity || x.cap != y.cap || x.risk != y.risk ||
        x.score != y.score) {
      return false;
    }
  }
  return true;
}

ParetoOptions small_pareto(std::uint64_t seed) {
  ParetoOptions o;
  o.rounds = 6;
  o.winners = 50;
  o.losers = 7;
  o.seed = seed;
  o.fee_rate = Rational(1) / 100;
  return o;
}

TEST(SimScenario, DrawsUseTheStandardMersenneTwister) {
  // @spec SIM-SCENARIO-PARETO — the raw stream is std::mt19937_64's, fixed by the standard:
  // the 10000th output of a default-constructed engine (seed 5489) is 9981545732273789042.
  adl::sim::ScenarioDraws draws(5489);
  std::uint64_t last = 0;
  for (int i = 0; i < 10000; ++i) last = draws.raw();
  EXPECT_EQ(last, 9981545732273789042ULL);
}

TEST(SimScenario, UnitAndBelowStayInRange) {
  // @spec SIM-SCENARIO-PARETO — u ∈ (0, 1]; below(m) ∈ [0, m); mean of u near 1/2
  // (10⁵ draws: standard error 1/√(12·10⁵) ≈ 0.0009, tolerance 0.005).
  adl::sim::ScenarioDraws draws(42);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = draws.unit();
    ASSERT_GT(u, 0.0);
    ASSERT_LE(u, 1.0);
    sum += u;
    ASSERT_LT(draws.below(6), 6u);
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.005);
}

TEST(SimScenario, ParetoMultiplierMatchesThePower) {
  // @spec SIM-SCENARIO-PARETO — u^(−1/α) by our own log and exp agrees with libm's pow
  // to 10⁻¹³ relative over a grid of u and α; u = 1 gives exactly 1.
  for (double alpha : {0.5, 1.0, 1.5, 2.0, 3.0}) {
    EXPECT_EQ(adl::sim::pareto_multiplier(1.0, alpha), 1.0);
    for (double u = 1e-9; u < 1.0; u *= 1.7) {
      const double expected = std::pow(u, -1.0 / alpha);
      EXPECT_NEAR(adl::sim::pareto_multiplier(u, alpha) / expected, 1.0, 1e-13) << "u=" << u << " alpha=" << alpha;
    }
  }
  EXPECT_THROW(adl::sim::pareto_multiplier(0.0, 1.5), adl::ref::InvalidInput);
  EXPECT_THROW(adl::sim::pareto_multiplier(0.5, 0.0), adl::ref::InvalidInput);
}

TEST(SimScenario, ParetoTailIndexIsRecoveredByTheHillEstimator) {
  // @spec SIM-SCENARIO-PARETO — for an exact Pareto(α) sample the Hill estimator on the top
  // k order statistics, α̂ = k / Σ_{i≤k} ln(X_(i)/X_(k+1)), has standard error α/√k. With
  // 2·10⁵ variates and k = 2000 that is 0.034 at α = 1.5 and 0.011 at α = 0.5; the tolerance
  // is 5 standard errors.
  for (double alpha : {0.5, 1.5, 3.0}) {
    adl::sim::ScenarioDraws draws(7);
    std::vector<double> x(200000);
    for (double& v : x) v = adl::sim::pareto_multiplier(draws.unit(), alpha);
    std::sort(x.begin(), x.end(), std::greater<>());
    const std::size_t k = 2000;
    double sum = 0;
    for (std::size_t i = 0; i < k; ++i) sum += std::log(x[i] / x[k]);
    const double hill = static_cast<double>(k) / sum;
    EXPECT_NEAR(hill, alpha, 5 * alpha / std::sqrt(static_cast<double>(k))) << "alpha=" << alpha;
  }
}

TEST(SimScenario, ParetoIsAFunctionOfTheSeed) {
  // @spec SIM-SCENARIO-PARETO — the same options give the same scenario, run after run;
  // another seed gives another one; round t alone equals round t of the whole scenario.
  const Scenario a = adl::sim::pareto_scenario(small_pareto(3));
  const Scenario b = adl::sim::pareto_scenario(small_pareto(3));
  const Scenario c = adl::sim::pareto_scenario(small_pareto(4));
  ASSERT_EQ(a.rounds.size(), 6u);
  for (std::size_t t = 0; t < a.rounds.size(); ++t) {
    EXPECT_TRUE(same_round(a.rounds[t], b.rounds[t])) << "round " << t + 1;
    EXPECT_FALSE(same_round(a.rounds[t], c.rounds[t])) << "round " << t + 1;
    EXPECT_TRUE(same_round(a.rounds[t], adl::sim::pareto_round(small_pareto(3), t + 1)));
  }
  EXPECT_FALSE(same_round(a.rounds[0], a.rounds[1]));  // rounds differ from each other
}

TEST(SimScenario, ParetoBookHasTheStatedShape) {
  // @spec SIM-SCENARIO-PARETO — w ≥ x_m, e = w + cash with cash ∈ [0, w], β ∈ {5/10, …, 1},
  // risk = score = ℓ ∈ [1, max_leverage], ids 1..n, D_t = Σ of n_ℓ shortfalls ≥ n_ℓ·y_m,
  // φ_t = ρ·Σ w, θ⋆ left to the engine, amounts whole micro-USD.
  const ParetoOptions o = small_pareto(11);
  const Scenario s = adl::sim::pareto_scenario(o);
  for (const RoundInput& r : s.rounds) {
    ASSERT_EQ(r.winners.size(), o.winners);
    Rational total = 0;
    for (std::size_t i = 0; i < r.winners.size(); ++i) {
      const auto& w = r.winners[i];
      EXPECT_EQ(w.id, i + 1);
      EXPECT_GE(w.endowment, 1);
      EXPECT_GE(w.equity, w.endowment);
      EXPECT_LE(w.equity, 2 * w.endowment);
      EXPECT_EQ(denominator(Rational(w.equity * 1'000'000)), 1);
      EXPECT_EQ(denominator(Rational(w.cap * 10)), 1);
      EXPECT_GE(w.cap, Rational(1, 2));
      EXPECT_LE(w.cap, 1);
      EXPECT_GE(w.risk, 1);
      EXPECT_LE(w.risk, o.max_leverage);
      EXPECT_EQ(w.score, w.risk);
      total += w.endowment;
    }
    EXPECT_GE(r.bad_debt, 7);
    EXPECT_EQ(r.fee_inflow, total / 100);
    EXPECT_FALSE(r.theta_star.has_value());
  }
}

TEST(SimScenario, ParetoFastRoundHoldsTheSameValues) {
  // @spec SIM-SCENARIO-PARETO — the fixed-point form holds the exact round's values:
  // money ×10⁶, caps ⌊β·w⌋, risk and score ×10⁹, φ floored to the micro-USD.
  const ParetoOptions o = small_pareto(5);
  adl::sim::FastRound fast;
  for (std::size_t t = 1; t <= o.rounds; ++t) {
    const RoundInput exact = adl::sim::pareto_round(o, t);
    adl::sim::pareto_fast_round(o, t, fast);
    ASSERT_EQ(fast.endowment.size(), exact.winners.size());
    for (std::size_t i = 0; i < exact.winners.size(); ++i) {
      const auto& w = exact.winners[i];
      EXPECT_EQ(Rational(fast.endowment[i].raw()), w.endowment * 1'000'000);
      EXPECT_EQ(Rational(fast.equity[i].raw()), w.equity * 1'000'000);
      const Rational cap = w.cap * w.endowment * 1'000'000;
      EXPECT_LE(Rational(fast.cap[i].raw()), cap);
      EXPECT_GT(Rational((fast.cap[i] + 1).raw()), cap);
      EXPECT_EQ(Rational(fast.risk[i].raw()), w.risk * 1'000'000'000);
      EXPECT_EQ(Rational(fast.score[i].raw()), w.score * 1'000'000'000);
    }
    EXPECT_EQ(Rational(fast.bad_debt.raw()), exact.bad_debt * 1'000'000);
    const Rational fee = exact.fee_inflow * 1'000'000;
    EXPECT_LE(Rational(fast.fee_inflow.raw()), fee);
    EXPECT_GT(Rational((fast.fee_inflow + 1).raw()), fee);
  }
}

TEST(SimScenario, ParetoRejectsInvalidOptions) {
  // @spec SIM-SCENARIO-PARETO
  ParetoOptions o = small_pareto(1);
  o.rounds = 0;
  EXPECT_THROW(adl::sim::pareto_scenario(o), adl::ref::InvalidInput);
  o = small_pareto(1);
  o.alpha_win = 0;
  EXPECT_THROW(adl::sim::pareto_scenario(o), adl::ref::InvalidInput);
  o = small_pareto(1);
  o.fee_rate = -1;
  EXPECT_THROW(adl::sim::pareto_scenario(o), adl::ref::InvalidInput);
  EXPECT_THROW(adl::sim::pareto_round(small_pareto(1), 7), adl::ref::InvalidInput);  // T = 6
}

TEST(SimScenario, AlternatingFollowsSimLinearRegret) {
  // @spec SIM-SCENARIO-ALTERNATING — R_t = λ (no fund, no fees), θ⋆_t = 1/M for odd t and 1
  // for even t, capacity n·λ ≥ R_t.
  AlternatingOptions o;
  o.rounds = 8;
  o.lambda = Rational(5, 2);
  o.m = 4;
  o.winners = 3;
  const Scenario s = adl::sim::alternating_scenario(o);
  ASSERT_EQ(s.rounds.size(), 8u);
  EXPECT_EQ(s.initial_fund, 0);
  for (std::size_t t = 1; t <= 8; ++t) {
    const RoundInput& r = s.rounds[t - 1];
    EXPECT_EQ(r.bad_debt, Rational(5, 2));
    EXPECT_EQ(r.fee_inflow, 0);
    ASSERT_TRUE(r.theta_star.has_value());
    EXPECT_EQ(*r.theta_star, t % 2 == 1 ? Rational(1, 4) : Rational(1));
    Rational capacity = 0;
    for (const auto& w : r.winners) capacity += w.cap * w.endowment;
    EXPECT_GE(capacity, r.bad_debt);
  }
  o.rounds = 7;  // T must be even
  EXPECT_THROW(adl::sim::alternating_scenario(o), adl::ref::InvalidInput);
  o.rounds = 8;
  o.m = 1;  // M > 1
  EXPECT_THROW(adl::sim::alternating_scenario(o), adl::ref::InvalidInput);
}

TEST(SimScenario, Oct10FollowsThePublishedWaves) {
  // @spec SIM-SCENARIO-OCT10 — 16 rounds, D_t and θ⋆_t = theta_needed_capped of the horizon-0
  // rows of two_pass_by_wave.csv in time order, no fund, C_t = D_t ≥ B^needed_t.
  const fs::path dir = fs::path(adl::test::shared_dir()) / "data" / "oct10" / "per-wave";
  if (!fs::is_directory(dir)) GTEST_SKIP() << "October-10 data absent: " << dir.string();
  adl::sim::Oct10Options o;
  o.per_wave_dir = dir;
  o.winners = 20;
  const Scenario s = adl::sim::oct10_scenario(o);
  adl::emp::Findings findings;
  const auto tables = adl::emp::read_per_wave_tables(dir, findings);
  std::vector<const adl::emp::TwoPassRow*> rows;
  for (const auto& r : tables.two_pass.rows) {
    if (r.eval_horizon_ms == 0) rows.push_back(&r);
  }
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->t_start_ms < b->t_start_ms; });
  ASSERT_EQ(rows.size(), 16u);
  ASSERT_EQ(s.rounds.size(), 16u);
  EXPECT_EQ(s.initial_fund, 0);
  for (std::size_t t = 0; t < 16; ++t) {
    const RoundInput& r = s.rounds[t];
    EXPECT_EQ(r.bad_debt, rows[t]->deficit_usd) << "wave " << rows[t]->wave;
    ASSERT_TRUE(r.theta_star.has_value());
    EXPECT_EQ(*r.theta_star, rows[t]->theta_needed_capped);
    Rational capacity = 0;
    for (const auto& w : r.winners) capacity += w.cap * w.endowment;
    EXPECT_EQ(capacity, r.bad_debt);
    EXPECT_GE(capacity, *r.theta_star * r.bad_debt);
  }
}

TEST(SimScenario, Oct10MissingDataIsAnInputError) {
  // @spec SIM-SCENARIO-OCT10 — a folder without the tables is an adl::io::InputError.
  adl::sim::Oct10Options o;
  o.per_wave_dir = fs::path(adl::test::test_data_dir()) / "no-such-folder";
  EXPECT_THROW(adl::sim::oct10_scenario(o), adl::io::InputError);
}

}  // namespace
