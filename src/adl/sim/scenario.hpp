/// @file
/// Scenario generators of `adl simulate` (spec/online.md §4): heavy-tailed
/// Pareto books (SIM-SCENARIO-PARETO), the alternating two-regime sequence
/// (SIM-SCENARIO-ALTERNATING) and the sequence calibrated to the October-10
/// waves (SIM-SCENARIO-OCT10). Every generator is a pure function of its
/// options: randomness comes from std::mt19937_64 raw outputs transformed by
/// our own code (FX-GENERATOR's rule, no std distributions, no libm).
#pragma once

#include "adl/sim/engine.hpp"
#include "adl/sim/round_input.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <random>

namespace adl::sim {

/// Deterministic variates from one std::mt19937_64 (FX-GENERATOR's rule): a
/// uniform u ∈ (0, 1] from the top 53 bits, an integer in [0, m) by multiply
/// and shift, a Pareto multiplier u^(−1/α) from our own log and exp.
/// @spec SIM-SCENARIO-PARETO
class ScenarioDraws {
 public:
  /// A stream seeded with `seed`.
  explicit ScenarioDraws(std::uint64_t seed);
  /// The next raw 64-bit output.
  std::uint64_t raw();
  /// u ∈ (0, 1]: (top 53 bits + 1)·2⁻⁵³.
  double unit();
  /// An integer in [0, count) (count ≥ 1): ⌊r·count/2⁶⁴⌋.
  std::uint64_t below(std::uint64_t count);

 private:
  std::mt19937_64 engine_;
};

/// u^(−1/α) = e^(−ln(u)/α) for u ∈ (0, 1] and α ＞ 0, computed with IEEE-754
/// basic operations only (fixed iteration counts, no libm), so it is
/// bit-identical on every platform with IEEE doubles. Saturates at 2⁶⁰.
/// @spec SIM-SCENARIO-PARETO
double pareto_multiplier(double u, double alpha);

/// The per-round seed: round t of a scenario seeded with `seed` draws from its
/// own stream, so rounds can be generated in any order (splitmix64 mixing).
/// @spec SIM-SCENARIO-PARETO
std::uint64_t round_seed(std::uint64_t seed, std::size_t t);

/// Options of the Pareto scenario. Money in micro-USD (integers), so every
/// generated amount is an exact decimal with at most six places.
/// @spec SIM-SCENARIO-PARETO
struct ParetoOptions {
  std::size_t rounds = 100;                        ///< T ≥ 1.
  std::size_t winners = 1000;                      ///< n ≥ 1 winners per round (ids 1..n, matched across rounds).
  std::size_t losers = 100;                        ///< n_ℓ ≥ 1 losers per round (enter only through D_t).
  double alpha_win = 1.5;                          ///< α₊ ＞ 0: tail index of the endowments.
  double alpha_loss = 1.5;                         ///< α₋ ＞ 0: tail index of the shortfalls.
  std::int64_t win_scale = 1'000'000;              ///< x_m ≥ 1 (micro-USD): Pareto minimum of an endowment.
  std::int64_t loss_scale = 1'000'000;             ///< y_m ≥ 1 (micro-USD): Pareto minimum of a shortfall.
  std::int64_t max_value = std::int64_t{1} << 50;  ///< Truncation of every variate (micro-USD, ≤ 2⁵⁰).
  int max_leverage = 20;                           ///< ℓ is a whole number in [1, max_leverage] ≤ 10⁴.
  Rational fee_rate = 0;                           ///< ρ ≥ 0: φ_t = ρ·Σ w.
  Rational initial_fund = 0;                       ///< IF_1 ≥ 0.
  std::uint64_t seed = 1;                          ///< Seed of the scenario.
};

/// Round t (1-based) of the Pareto scenario. Per winner i = 1..n, four draws
/// in this order from the round's stream (round_seed): u_w, u_cash (raw),
/// the cap index, the leverage; then per loser one u_s. Endowment
/// w = min(⌊x_m·u_w^(−1/α₊)⌋, max) micro-USD; cash = ⌊w·r/2⁶⁴⌋ (a uniform
/// fraction of w), e = w + cash; β = k/10 with k uniform in {5, …, 10};
/// leverage ℓ uniform in [1, max_leverage], risk weight λ = ℓ and queue
/// score ℓ (ties by id); shortfall s = min(⌊y_m·u_s^(−1/α₋)⌋, max);
/// D_t = Σ s; φ_t = ρ·Σ w; θ⋆_t left to the engine. Throws
/// adl::ref::InvalidInput on invalid options.
/// @spec SIM-SCENARIO-PARETO
RoundInput pareto_round(const ParetoOptions& options, std::size_t t);

/// The whole Pareto scenario (rounds 1..T of pareto_round).
/// @spec SIM-SCENARIO-PARETO
Scenario pareto_scenario(const ParetoOptions& options);

/// Round t of the Pareto scenario written straight into the fast engine's
/// fixed-point buffers: the same values as pareto_round (money in micro-USD,
/// caps ⌊β·w⌋, risk and score ℓ at 10⁻⁹), without building rationals.
/// @spec SIM-SCENARIO-PARETO
void pareto_fast_round(const ParetoOptions& options, std::size_t t, FastRound& round);

/// The Pareto scenario streamed for the fast engine (pareto_fast_round per round).
/// @spec SIM-SCENARIO-PARETO
FastScenario pareto_fast_scenario(const ParetoOptions& options);

/// Options of the alternating two-regime scenario.
/// @spec SIM-SCENARIO-ALTERNATING
struct AlternatingOptions {
  std::size_t rounds = 100;  ///< T ≥ 2, even.
  Rational lambda = 1;       ///< λ ＞ 0: R_t = D_t = λ every round.
  Rational m = 2;            ///< M ＞ 1: θ⋆ alternates 1/M (odd t) and 1 (even t).
  std::size_t winners = 2;   ///< n ≥ 1 winners, each w = λ, e = 2λ, β = 1 (so C_t = n·λ ≥ R_t).
};

/// The alternating sequence of SIM-LINEAR-REGRET: D_t = λ, no fund and no
/// fees (so R_t = λ), θ⋆_t = 1/M for odd t and 1 for even t, a book with
/// C_t = n·λ ≥ R_t so B^needed_t = θ⋆_t·R_t is attainable. Throws
/// adl::ref::InvalidInput on invalid options.
/// @spec SIM-SCENARIO-ALTERNATING
/// @spec SIM-LINEAR-REGRET
Scenario alternating_scenario(const AlternatingOptions& options);

/// Options of the October-10 calibrated scenario.
/// @spec SIM-SCENARIO-OCT10
struct Oct10Options {
  std::filesystem::path per_wave_dir;  ///< The `per-wave/` folder of the October-10 data.
  std::size_t winners = 100;           ///< n ≥ 1 winners in each round's synthetic book.
  std::uint64_t seed = 1;              ///< Seed of the books' shape (not of D_t or θ⋆_t).
};

/// The 16 published waves in time order (adl::emp::load_per_wave; the
/// horizon-0 rows of two_pass_by_wave.csv): D_t = deficit_usd, IF ≡ 0 (so
/// R_t = D_t), θ⋆_t = theta_needed_capped. Each round's book is a Pareto book
/// of n winners (α = 3/2, β = 1) scaled exactly so that C_t = Σ β·w = D_t ≥
/// B^needed_t. Throws adl::io::InputError when the data cannot be read.
/// @spec SIM-SCENARIO-OCT10
Scenario oct10_scenario(const Oct10Options& options);

}  // namespace adl::sim
