/// @file
/// What a scenario hands the round engine for one round (spec/online.md,
/// SIM-ROUND): the winners' book, the bad debt and the fund's inflow. Exact
/// rationals; the fast engine converts them once (adl::fx scales).
#pragma once

#include "adl/ref/number.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace adl::sim {

using ref::Rational;

/// One winner of a round. Accounts are matched across rounds by `id`.
/// @spec SIM-ROUND
struct Winner {
  std::uint64_t id = 0;  ///< Stable account identity across rounds.
  Rational endowment;    ///< w ≥ 0 (positive PnL, DEF-ENDOWMENT).
  Rational equity;       ///< e ≥ w.
  Rational cap = 1;      ///< β ∈ [0, 1] (DEF-CAPS): at most β·w may be seized.
  Rational risk = 1;     ///< λ ≥ 0 (DEF-RISK-MODEL): risk weight for RAP and MDIC.
  Rational score = 0;    ///< Queue score (higher is haircut first; ties by id).
};

/// The input of one round.
/// @spec SIM-ROUND
struct RoundInput {
  std::vector<Winner> winners;  ///< The winners' book (losers enter only through bad_debt).
  Rational bad_debt;            ///< D_t ≥ 0 (DEF-BAD-DEBT).
  Rational fee_inflow;          ///< φ_t ≥ 0 added to the insurance fund after the round's draw.
  /// θ⋆_t given by the scenario (calibrated to data, SIM-SCENARIO-OCT10, or the alternating
  /// sequence); when absent the engine derives it as min(R_t, C_t)/R_t.
  std::optional<Rational> theta_star;
};

/// A whole scenario: rounds in order plus a name and its parameters for reports.
/// @spec SIM-ROUND
struct Scenario {
  std::string name;                ///< `pareto`, `alternating`, `oct10`, …
  std::string parameters;          ///< Human-readable parameters (`n=1000 alpha=1.5 seed=7`).
  Rational initial_fund = 0;       ///< IF_1 ≥ 0.
  std::vector<RoundInput> rounds;  ///< t = 1..T.
};

}  // namespace adl::sim
