/// @file
/// Regrets and bounds of a run (spec/online.md, SIM-REGRET, SIM-BOUNDS): the
/// exact versions (exact_regret.cpp, square roots rounded up to 10⁻¹²) and the
/// fast versions in IEEE double (fast_regret.cpp), written separately.
#pragma once

#include "adl/sim/records.hpp"

#include <cstddef>
#include <vector>

namespace adl::sim {

/// Static and dynamic regret with P_T (SIM-REGRET); the static minimum is exact
/// (weighted median of θ⋆ with weights R_t).
/// @spec SIM-REGRET
Regret regret(const std::vector<LossRound>& rounds);
/// Double version for the fast engine.
/// @spec SIM-REGRET
FastRegret regret(const std::vector<FastLossRound>& rounds);

/// The five SIM-BOUNDS rows for a policy and its regret; `applies` only for the
/// controller and step each is stated for (`ogd` only with the default hindsight
/// step, `omd` literal only with θ₁ = 1/2 and D_max² = 1/8 … see the table).
/// T is the number of rounds.
/// @spec SIM-BOUNDS
std::vector<Bound> bounds(const PolicySpec& policy, const Regret& regret, std::size_t rounds);
/// Double version.
/// @spec SIM-BOUNDS
std::vector<FastBound> bounds(const PolicySpec& policy, const FastRegret& regret, std::size_t rounds);

/// Policy-class regret (SIM-REGRET): each run's total L^λ minus the smallest
/// total L^λ among the runs (same scenario), in the order given.
/// @spec SIM-REGRET
std::vector<Rational> policy_class_regret(const std::vector<RunResult>& runs);
/// Double version.
/// @spec SIM-REGRET
std::vector<double> policy_class_regret(const std::vector<FastRunResult>& runs);

/// ⌈10¹²·√x⌉/10¹², exactly (x ≥ 0): ref::ceil_sqrt at 12 digits, the upward counterpart of SIM-ENGINES' floored roots,
/// used to evaluate bounds so that "realized ≤ bound" is never an artefact of rounding.
/// @spec SIM-BOUNDS
Rational ceil_sqrt12(const Rational& x);

}  // namespace adl::sim
