/// @file
/// The multi-round engines of spec/online.md (SIM-ENGINES): the exact engine
/// (adl::ref rationals, exact_engine.cpp) and the fast engine (adl::fx money,
/// controllers in double, fast_engine.cpp), each with its own controllers.
/// Policies are in policy.hpp, the records both engines fill in records.hpp,
/// regrets and bounds in regret.hpp (all included here).
#pragma once

#include "adl/fx/number.hpp"
#include "adl/sim/policy.hpp"
#include "adl/sim/records.hpp"
#include "adl/sim/regret.hpp"
#include "adl/sim/round_input.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace adl::sim {

/// Checks a scenario against SIM-ROUND's domain: IF_1, D_t, φ_t ≥ 0, θ⋆_t ∈ [0, 1]
/// when given, and per winner w ≥ 0, e ≥ w, β ∈ [0, 1], λ ≥ 0. Throws
/// adl::ref::InvalidInput naming the scenario, the round and the winner.
/// @spec SIM-ROUND
void check_scenario(const Scenario& scenario);

/// The exact engine: every round in rationals (SIM-ROUND), square roots as
/// ⌊10¹²·√x⌋/10¹². Throws adl::ref::InvalidInput on a malformed scenario (negative
/// money, e ＜ w, cap outside [0, 1], negative risk, θ⋆ outside [0, 1]) naming round and account.
/// @spec SIM-ENGINES
/// @spec SIM-ROUND
RunResult run_exact(const Scenario& scenario, const PolicySpec& policy, const RunOptions& options = {});

/// One round's book in fixed point for the fast engine (buffers reused from round to round).
/// @spec SIM-ENGINES
struct FastRound {
  std::vector<fx::Money> endowment;  ///< w, micro-USD.
  std::vector<fx::Money> equity;     ///< e ≥ w, micro-USD.
  std::vector<fx::Money> cap;        ///< Money caps ⌊β·w⌋ ∈ [0, w], micro-USD.
  std::vector<fx::Fraction> risk;    ///< Risk weights at 10⁻⁹.
  std::vector<fx::Fraction> score;   ///< Queue scores at 10⁻⁹.
  fx::Money bad_debt = 0;            ///< D_t, micro-USD.
  fx::Money fee_inflow = 0;          ///< φ_t, micro-USD.
  std::optional<double> theta_star;  ///< θ⋆_t when the scenario gives it.
};

/// A scenario streamed round by round: `fill(t, round)` (t = 1..rounds) overwrites
/// `round` (resize the columns, keep their capacity). It must be deterministic:
/// the fast engine may call it twice per round (a first pass for hindsight steps).
/// @spec SIM-ENGINES
struct FastScenario {
  std::string name;                                   ///< Scenario name.
  std::string parameters;                             ///< Human-readable parameters.
  fx::Money initial_fund = 0;                         ///< IF_1, micro-USD.
  std::size_t rounds = 0;                             ///< T.
  std::function<void(std::size_t, FastRound&)> fill;  ///< Round generator.
};

/// Converts an exact scenario to fixed point (money to micro-USD, fractions to
/// 10⁻⁹, caps ⌊β·w⌋), throwing fx::Overflow / adl::ref::InvalidInput on values that
/// do not fit or are not multiples of the scale (never rounds silently).
/// @spec SIM-ENGINES
FastScenario to_fast(const Scenario& scenario);

/// The fast engine on several policies at once: each round is generated once
/// (twice when a policy needs a hindsight step) and allocated by every policy
/// with adl::fx; controllers in double. O(n) per round and policy.
/// @spec SIM-ENGINES
std::vector<FastRunResult> run_fast(const FastScenario& scenario, const std::vector<PolicySpec>& policies,
                                    const RunOptions& options = {});

/// The fast engine on one exact scenario (to_fast, then run_fast).
/// @spec SIM-ENGINES
FastRunResult run_fast(const Scenario& scenario, const PolicySpec& policy, const RunOptions& options = {});

/// Plays a controller on a bare loss sequence (R_t, θ⋆_t) — no books — and
/// returns θ_1..θ_T, exactly as run_exact would (hindsight steps from the same
/// sequence; `match` uses U_t = R_t; `mdic` uses C_t = R_t). Lets a test drive
/// a raw linear-loss sequence g_t·θ through R_t = |g_t|, θ⋆_t = [g_t ＜ 0].
/// @spec SIM-CONTROLLERS
/// @spec SIM-SEVERITY-LOSS
std::vector<Rational> play_controller(const PolicySpec& policy, const std::vector<Rational>& residual,
                                      const std::vector<Rational>& theta_star);

}  // namespace adl::sim
