/// @file
/// The Monte Carlo experiments of `adl simulate --experiment` (spec/online.md,
/// SIM-MONTE-CARLO): PTSR against n for pro-rata and queue under Pareto tails
/// with the reference line b_n/(θ·n) (MET-EV-SCALE, THM-PTSR-SCALING), and the
/// fairness price of anarchy against κ_n = θ·n/b_n (MET-KAPPA, THM-POA-FAIR).
/// Each cell is one round of the fast engine on a Pareto book; the summary is
/// the view model the command renders.
#pragma once

#include "adl/sim/round_input.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace adl::sim {

/// The two experiments.
/// @spec SIM-MONTE-CARLO
enum class ExperimentKind {
  PtsrScaling,  ///< `ptsr-scaling`: mean PTSR of pro-rata and queue against b_n/(θn).
  Poa,          ///< `poa`: mean PoA_Fair (pro-rata at θ against θ_n = b_n/n) against κ_n.
};

/// `ptsr-scaling` or `poa`.
/// @spec SIM-MONTE-CARLO
std::string experiment_name(ExperimentKind kind);

/// The parameters of an experiment.
/// @spec SIM-MONTE-CARLO
struct ExperimentParameters {
  ExperimentKind kind = ExperimentKind::PtsrScaling;  ///< Which experiment.
  std::vector<std::size_t> sizes;                     ///< n₁, n₂, … (each ≥ 2).
  std::string sizes_text;                             ///< The sizes as typed (for the command).
  std::size_t seeds = 1;                              ///< Seeds per size.
  std::uint64_t first_seed = 1;                       ///< First seed.
  Rational alpha = Rational(3, 2);                    ///< Tail index α of winners and losers.
  Rational theta = Rational(1, 2);                    ///< Severity θ ∈ (0, 1].
};

/// The command that reproduces an experiment.
/// @spec SIM-MONTE-CARLO
std::string experiment_command(const ExperimentParameters& parameters);

/// One cell: one round of a Pareto book of n winners (n/10 losers, x_m = 1 USD) on the fast engine.
/// @spec SIM-MONTE-CARLO
struct ExperimentCell {
  double ptsr_pro_rata = 0;    ///< PTSR of pro-rata at θ (NaN when B = 0).
  double ptsr_queue = 0;       ///< PTSR of the queue at θ.
  double welfare_static = 0;   ///< W_Fair(PR, θ) = PTSR.
  double welfare_dynamic = 0;  ///< W_Fair(PR, θ_n = b_n/n).
};

/// The cell of job j = size index × seeds + seed index (seed = first_seed + seed index).
/// @spec SIM-MONTE-CARLO
ExperimentCell experiment_cell(const ExperimentParameters& parameters, std::size_t job);

/// The number of cells: sizes × seeds.
/// @spec SIM-MONTE-CARLO
std::size_t experiment_jobs(const ExperimentParameters& parameters);

/// One size's means over the seeds (finite values only; NaN when there are none).
/// @spec SIM-MONTE-CARLO
struct ExperimentRow {
  std::size_t n = 0;              ///< Winners.
  double mean_ptsr_pro_rata = 0;  ///< Mean PTSR, pro-rata.
  double mean_ptsr_queue = 0;     ///< Mean PTSR, queue.
  double reference = 0;           ///< b_n/(θn) with b_n = n^(1/α) (MET-EV-SCALE).
  double pro_rata_ratio = 0;      ///< mean PTSR pro-rata / reference.
  double queue_ratio = 0;         ///< mean PTSR queue / reference.
  double kappa = 0;               ///< κ_n = θn/b_n.
  double mean_poa = 0;            ///< Mean PoA_Fair = W_Fair(dynamic)/W_Fair(static).
  double poa_ratio = 0;           ///< mean PoA_Fair / κ_n.
};

/// What `adl simulate --experiment` prints.
/// @spec SIM-MONTE-CARLO
struct ExperimentSummary {
  ExperimentParameters parameters;  ///< The experiment.
  std::string command;              ///< experiment_command(parameters).
  std::vector<ExperimentRow> rows;  ///< One row per size, in the order given.
};

/// The summary of an experiment's cells (indexed as experiment_cell's jobs).
/// @spec SIM-MONTE-CARLO
ExperimentSummary summarise_experiment(const ExperimentParameters& parameters,
                                       const std::vector<ExperimentCell>& cells);

}  // namespace adl::sim
