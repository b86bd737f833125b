/// @file
/// The view model of `adl simulate` and `adl simulate merge` (spec/online.md):
/// the parameters of a sweep (a scenario × policies × seeds), each seed's exact
/// totals, regrets and bounds, the per-round rows, and the means over the
/// seeds. Renderers (text, JSON, CSV, HTML) only format a RunSummary; the shard
/// result file (result_file.hpp) stores its per-seed part.
///
/// Reproducibility: a seed's result depends on nothing but the parameters and
/// the seed, and every figure that crosses seeds (sums, means) is an exact
/// rational of the per-seed totals (fast-engine doubles convert exactly), so a
/// merged sweep equals one run byte for byte (SIM-SHARDS).
#pragma once

#include "adl/sim/engine.hpp"
#include "adl/sim/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace adl::sim {

/// Everything a sweep's result depends on (not threads, shard or output files).
/// @spec SIM-SHARDS
struct SweepParameters {
  std::string scenario;                   ///< `pareto`, `alternating` or `oct10`.
  std::size_t rounds = 0;                 ///< T.
  std::vector<PolicySpec> policies;       ///< The policies, in the order given.
  std::vector<std::string> policy_names;  ///< policy_name of each policy.
  std::uint64_t first_seed = 1;           ///< First seed S.
  std::uint64_t seed_count = 1;           ///< K: seeds S..S+K−1.
  std::string engine;                     ///< `exact` or `fast` (resolved).
  Rational lambda = 1;                    ///< λ of L^λ (SIM-LOSSES).
  ParetoOptions pareto;                   ///< The Pareto scenario's options (seed set per run).
  Rational alpha_win = 0;                 ///< α₊ as typed (exact); pareto.alpha_win is its double.
  Rational alpha_loss = 0;                ///< α₋ as typed (exact).
  AlternatingOptions alternating;         ///< The alternating scenario's options.
  std::size_t oct10_winners = 100;        ///< n of the oct10 scenario.
  std::filesystem::path data_dir;         ///< The October-10 data folder (holding per-wave/).
};

/// The command that reproduces the whole (unsharded) sweep, every parameter spelled out.
/// @spec SIM-SHARDS
std::string canonical_command(const SweepParameters& parameters);

/// The seeds of shard `index`/`count` (1 ≤ index ≤ count): s mod count = index − 1, in order.
/// @spec SIM-SHARDS
std::vector<std::uint64_t> shard_seeds(const SweepParameters& parameters, std::uint64_t index, std::uint64_t count);

/// A per-round figure as its engine computed it: exact (exact engine) or a double in USD (fast engine).
/// @spec SIM-ENGINES
using Figure = std::variant<Rational, double>;

/// The figure as a double (an exact value converted to the nearest double), for plots.
/// @spec SIM-ENGINES
double as_double(const Figure& figure);

/// One round of one policy (the CSV row and the plots' points).
/// @spec SIM-ROUND
/// @spec SIM-LOSSES
struct RoundRow {
  std::size_t t = 0;           ///< Round index, 1-based.
  Figure bad_debt;             ///< D_t.
  Figure fund;                 ///< IF_t.
  Figure residual;             ///< R_t.
  Figure capacity;             ///< C_t.
  Figure needed;               ///< B^needed_t.
  Figure theta_star;           ///< θ⋆_t.
  Figure theta;                ///< θ_t.
  Figure budget;               ///< B_t.
  Figure uncovered;            ///< R_t − B_t.
  Figure severity_loss;        ///< f_t(θ_t).
  Figure tracking;             ///< ℓ^track_t.
  Figure fairness;             ///< ℓ^fair_t.
  Figure objective;            ///< L^λ_t.
  std::optional<Figure> ptsr;  ///< MET-PTSR; absent when B_t = 0.
  double churn = 0;            ///< MET-CHURN.
  std::size_t touched = 0;     ///< Winners touched.
  double cumulative_loss = 0;  ///< Σ_{s≤t} f_s(θ_s) in double (the regret plot).
};

/// One policy's totals on one seed, exact (the fast engine's doubles converted exactly).
/// @spec SIM-REGRET
/// @spec SIM-LOSSES
struct SeedTotals {
  Rational loss;               ///< Σ f_t(θ_t) = the dynamic regret against θ⋆.
  Rational static_regret;      ///< loss − min over θ of Σ f_t(θ).
  Rational best_static_theta;  ///< The static comparator.
  Rational path_length;        ///< P_T.
  Rational sum_r2;             ///< Σ R_t².
  Rational max_r;              ///< R̄.
  Rational tracking;           ///< Σ ℓ^track_t.
  Rational fairness;           ///< Σ max burden.
  Rational objective;          ///< Σ L^λ_t.
  Rational class_regret;       ///< objective − the smallest objective among the sweep's policies.
  Rational uncovered;          ///< Σ (R_t − B_t).
  Rational budget;             ///< Σ B_t.
  Rational final_fund;         ///< IF(T+1).
  Rational churn;              ///< Σ churn (the exact value of the double).
  std::size_t touched = 0;     ///< Σ winners touched.
  std::vector<Bound> bounds;   ///< The SIM-BOUNDS rows that apply to the policy.
};

/// One seed of a sweep.
/// @spec SIM-SHARDS
struct SeedResult {
  std::uint64_t seed = 0;                     ///< The seed.
  std::vector<SeedTotals> policies;           ///< Per policy, in the sweep's order.
  std::vector<std::vector<RoundRow>> rounds;  ///< Per policy (empty unless rounds were kept).
};

/// Runs every policy of the sweep on one seed's scenario with the sweep's
/// engine. Throws adl::ref::InvalidInput when a scenario does not fit the fast
/// engine's micro-USD scale.
/// @spec SIM-ENGINES
/// @spec SIM-REGRET
SeedResult run_seed(const SweepParameters& parameters, std::uint64_t seed, bool keep_rounds);

/// A bound averaged over the seeds where it applies.
/// @spec SIM-BOUNDS
struct BoundSummary {
  Bound mean;             ///< Name, claim, verdict and kind; value and realized are the means.
  std::size_t holds = 0;  ///< Seeds where the realized regret is at most the bound.
  std::size_t seeds = 0;  ///< Seeds where the bound applies.
};

/// One policy's means over the seeds.
/// @spec SIM-REGRET
struct PolicySummary {
  std::string policy;                ///< policy_name.
  Rational loss;                     ///< Mean Σ f_t(θ_t) (= dynamic regret).
  Rational static_regret;            ///< Mean static regret.
  Rational tracking;                 ///< Mean Σ ℓ^track_t.
  Rational objective;                ///< Mean Σ L^λ_t.
  Rational class_regret;             ///< Mean policy-class regret.
  Rational uncovered;                ///< Mean Σ (R_t − B_t).
  Rational mean_burden;              ///< Mean max burden per round (over seeds and rounds).
  Rational churn;                    ///< Mean Σ churn.
  Rational touched;                  ///< Mean Σ winners touched.
  std::vector<BoundSummary> bounds;  ///< The bounds that apply, in SIM-BOUNDS order.
};

/// Everything `adl simulate` and `adl simulate merge` print.
/// @spec SIM-REGRET
/// @spec SIM-BOUNDS
/// @spec SIM-SHARDS
struct RunSummary {
  SweepParameters parameters;           ///< The sweep.
  std::string command;                  ///< canonical_command(parameters).
  std::string shard;                    ///< `1/1`, `I/K`, or `partial` (a merge of some shards).
  std::vector<SeedResult> seeds;        ///< The seeds held, in seed order.
  std::vector<PolicySummary> policies;  ///< Means over `seeds`, per policy.
};

/// The view model of a sweep's seeds (in seed order) and its shard label.
/// @spec SIM-REGRET
RunSummary summarise(SweepParameters parameters, std::vector<SeedResult> seeds, std::string shard);

}  // namespace adl::sim
