/// @file
/// The renderers of `adl simulate` and `adl simulate merge` (spec/online.md):
/// each formats a view model of adl::sim (RunSummary, ExperimentSummary) and
/// computes nothing. The same summary gives the same bytes whichever command
/// built it (a run or a merge of its shards).
#pragma once

#include "adl/sim/experiment.hpp"
#include "adl/sim/summary.hpp"

#include <string>

namespace adl::cli {

/// The text output: parameters, then per policy the means, the bounds that apply and how often they hold.
/// @spec SIM-REGRET
/// @spec SIM-BOUNDS
std::string simulate_text(const sim::RunSummary& summary);

/// One JSON document, schema `adlref.simulate/1`: parameters, seeds, per policy
/// the means, the bounds and every seed's exact totals.
/// @spec SIM-REGRET
/// @spec SIM-BOUNDS
/// @spec SIM-SHARDS
std::string simulate_json(const sim::RunSummary& summary);

/// The per-round CSV of every seed and policy (exact engine: fractions; fast engine: doubles, 17 digits).
/// @spec SIM-ROUND
/// @spec SIM-LOSSES
std::string simulate_csv(const sim::RunSummary& summary);

/// The HTML report: the text output and two plots of the first seed (cumulative
/// regret against the dynamic bounds, PTSR per round). Needs at least one seed.
/// @spec SIM-BOUNDS
/// @spec MET-PTSR
std::string simulate_html(const sim::RunSummary& summary);

/// The text output of an experiment: the table per size and what the claim predicts.
/// @spec SIM-MONTE-CARLO
std::string experiment_text(const sim::ExperimentSummary& summary);

/// One JSON document, schema `adlref.simulate-experiment/1`.
/// @spec SIM-MONTE-CARLO
std::string experiment_json(const sim::ExperimentSummary& summary);

/// The HTML report of an experiment: the plot against n and the text output.
/// @spec SIM-MONTE-CARLO
std::string experiment_html(const sim::ExperimentSummary& summary);

}  // namespace adl::cli
