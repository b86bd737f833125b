/// @file
/// The per-wave part of the October-10 replay (spec/empirical.md): loaders of
/// the published pipeline's per-wave tables (EMP-PERWAVE-TABLES), their
/// identity and cross-file checks (findings, EMP-FINDINGS), the headline
/// totals and horizon band (EMP-HEADLINES, EMP-OVERSHOOT), the loss table
/// (EMP-LOSS-TABLE) and the regret scale 𝔅 (EMP-BOUND), all exact.
///
/// Every number is the exact rational of its CSV or JSON decimal. JSON
/// numbers are read from their text (adl::io's strict JSON reader keeps it),
/// never through a double, so the JSON scalars are as exact as the CSV cells.
/// Names of the computed fields follow the keys of `adl replay --json`
/// (EMP-REPLAY-JSON).
#pragma once

#include "adl/emp/finding.hpp"
#include "adl/ref/number.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adl::emp {

using ref::Rational;

// ---------------------------------------------------------------------------
// Files and policies.

/// File names of the per-wave folder (`../shared/data/oct10/per-wave/`).
/// The first three are core: load_per_wave fails without them.
/// @spec EMP-PERWAVE-TABLES
namespace perwave_files {
inline constexpr std::string_view kLoserWaves = "loser_waves.csv";                      ///< Core.
inline constexpr std::string_view kTwoPass = "two_pass_by_wave.csv";                    ///< Core.
inline constexpr std::string_view kPolicy = "policy_per_wave_metrics.csv";              ///< Core.
inline constexpr std::string_view kHorizonSummary = "two_pass_summary_by_horizon.csv";  ///< Optional.
inline constexpr std::string_view kHorizonSweep = "horizon_sweep.csv";                  ///< Optional.
inline constexpr std::string_view kWaveCoinGap = "wave_coin_gap.csv";                   ///< Optional.
inline constexpr std::string_view kSummaryTotals = "summary_totals.csv";                ///< Optional.
inline constexpr std::string_view kLoserWavesSummary = "loser_waves_summary.json";      ///< Optional.
inline constexpr std::string_view kHeadlines = "headlines.json";                        ///< Optional.
inline constexpr std::string_view kOvershootRobustness = "overshoot_robustness.json";   ///< Optional.
}  // namespace perwave_files

/// Number of policies in `policy_per_wave_metrics.csv`.
inline constexpr std::size_t kPolicyCount = 7;

/// The policies' column suffixes, in the file's order: production, wealth
/// pro-rata, PnL- and equity-weighted pro-rata, vector mirror descent, contract
/// pro-rata, min–max (the pipeline's greedy fallback, AMB-E-05).
/// @spec EMP-LOSS-TABLE
inline constexpr std::array<std::string_view, kPolicyCount> kPolicyNames = {
    "prod", "pr", "pnl_pr", "eq_pr", "vector", "contract_pr", "fixed_point_ilp_integer"};

/// Index of the min–max column in kPolicyNames: the fairness reference.
/// @spec EMP-LOSS-TABLE
inline constexpr std::size_t kFairReferencePolicy = 6;

/// Index of production in kPolicyNames.
/// @spec EMP-LOSS-TABLE
inline constexpr std::size_t kProductionPolicy = 0;

/// Tolerance of the money identities in the per-wave tables: 10⁻⁶ USD.
/// @spec EMP-FINDINGS
Rational money_tolerance();

/// Relative tolerance of the dimensionless identities (θ, ratios, gap per
/// contract): 10⁻⁹.
/// @spec EMP-FINDINGS
Rational ratio_tolerance();

// ---------------------------------------------------------------------------
// Rows as read. `line` is the 1-based line of the row in its file.

/// One row of `loser_waves.csv`: a global wave with positive deficit.
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-WAVES
/// @spec EMP-DEFICIT
struct LoserWaveRow {
  std::size_t line = 0;            ///< Line in the file.
  std::int64_t wave = 0;           ///< Wave id.
  std::int64_t t_start_ms = 0;     ///< First row time (ms).
  std::int64_t t_end_ms = 0;       ///< Last row time (ms).
  std::int64_t n_rows = 0;         ///< Event rows in the wave.
  std::int64_t unique_losers = 0;  ///< Distinct liquidated users.
  Rational deficit_usd;            ///< D_t (> 0).
  Rational max_loss_usd;           ///< Δ_t (≥ 0).
};

/// One row of `two_pass_by_wave.csv`: a (horizon, wave) pair.
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-TWO-PASS
struct TwoPassRow {
  std::size_t line = 0;                      ///< Line in the file.
  std::int64_t eval_horizon_ms = 0;          ///< Evaluation horizon Δ (ms).
  std::int64_t wave = 0;                     ///< Wave id.
  std::int64_t t_start_ms = 0;               ///< Wave start (ms).
  std::int64_t t_end_ms = 0;                 ///< Wave end (ms).
  std::int64_t t_eval_end_ms = 0;            ///< End of the evaluation (ms).
  Rational deficit_usd;                      ///< D_t (> 0).
  Rational max_loss_usd;                     ///< Δ_t (≥ 0).
  Rational budget_needed_usd;                ///< B^needed_t (≥ 0).
  Rational budget_prod_usd;                  ///< H^prod_t(Δ) (≥ 0).
  Rational overshoot_prod_minus_needed_usd;  ///< O_t(Δ) as published.
  Rational max_prod_haircut_usd;             ///< Largest per-user production haircut.
  Rational winners_equity_start_usd;         ///< Winners' equity at the wave start.
  Rational winners_pnl_start_usd;            ///< Winners' unrealized PnL at the wave start.
  Rational theta_prod;                       ///< H/D as published.
  Rational theta_prod_capped;                ///< clip₍₀,₁₎(θ_prod), in [0, 1].
  Rational theta_needed;                     ///< B^needed/D as published.
  Rational theta_needed_capped;              ///< clip₍₀,₁₎(θ_needed), in [0, 1].
  Rational H_star_equity;                    ///< The pipeline's H* (equity).
  Rational H_star_pnl;                       ///< The pipeline's H* (PnL).
};

/// The totals over the waves of one horizon that both horizon files publish
/// (the columns `num_waves` … `total_overshoot_prod_minus_needed_usd`).
/// @spec EMP-PERWAVE-TABLES
struct HorizonTotals {
  std::int64_t num_waves = 0;                      ///< Waves at this horizon.
  Rational total_deficit_usd;                      ///< ΣD.
  Rational total_budget_needed_usd;                ///< ΣB^needed.
  Rational total_H_prod_usd;                       ///< ΣH^prod(Δ).
  Rational total_overshoot_prod_minus_needed_usd;  ///< O(Δ).
};

/// One row of `two_pass_summary_by_horizon.csv`.
/// @spec EMP-PERWAVE-TABLES
struct HorizonSummaryRow {
  std::size_t line = 0;               ///< Line in the file.
  std::int64_t eval_horizon_ms = 0;   ///< Horizon Δ (ms).
  HorizonTotals totals;               ///< The totals both horizon files publish.
  Rational mean_theta_prod_capped;    ///< Mean capped θ_prod.
  Rational mean_theta_needed_capped;  ///< Mean capped θ_needed.
};

/// One row of `horizon_sweep.csv`.
/// @spec EMP-PERWAVE-TABLES
struct HorizonSweepRow {
  std::size_t line = 0;              ///< Line in the file.
  std::int64_t gap_ms = 0;           ///< Wave gap (ms).
  std::int64_t eval_horizon_ms = 0;  ///< Horizon Δ (ms).
  HorizonTotals totals;              ///< The totals both horizon files publish.
};

/// The metrics of one policy in one wave (`*_<policy>` columns).
/// @spec EMP-PERWAVE-TABLES
struct PolicyWaveValues {
  Rational budget;     ///< B^π_t (≥ 0).
  Rational overshoot;  ///< B^π_t − B^needed_t as published.
  Rational max_pct;    ///< maxpct_t(π) (MET-MAXPCT), in [0, 1].
  /// PTSR; absent when the cell is empty (undefined upstream, an info finding).
  std::optional<Rational> ptsr;
  std::optional<Rational> rd_nse;  ///< RD-NSE; absent when the cell is empty.
  std::optional<Rational> pmr;     ///< PMR; absent when the cell is empty.
};

/// One row of `policy_per_wave_metrics.csv`.
/// @spec EMP-PERWAVE-TABLES
struct PolicyWaveRow {
  std::size_t line = 0;                               ///< Line in the file.
  std::int64_t wave = 0;                              ///< Wave id.
  std::string t_start;                                ///< Start as the pipeline's timestamp text.
  std::string t_end;                                  ///< End as the pipeline's timestamp text.
  std::int64_t t_start_ms = 0;                        ///< t_start in epoch ms.
  std::int64_t t_end_ms = 0;                          ///< t_end in epoch ms.
  Rational budget_needed;                             ///< B^needed_t (≥ 0).
  std::array<PolicyWaveValues, kPolicyCount> policy;  ///< Per policy, in kPolicyNames order.
  Rational total_cap;                                 ///< Σ c_u (≥ 0).
  Rational budget_target;                             ///< Target budget handed to the benchmarks.
  Rational fixed_point_ilp_scale;                     ///< Scale of the min–max fallback (AMB-E-05).
  Rational deficit_usd;                               ///< D_t (> 0).
  Rational max_loss_usd;                              ///< Δ_t (≥ 0).
  Rational theta_prod_capped;                         ///< In [0, 1].
  Rational theta_needed_capped;                       ///< In [0, 1].
};

/// One row of `wave_coin_gap.csv`.
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-NEEDED
struct WaveCoinGapRow {
  std::size_t line = 0;           ///< Line in the file.
  std::int64_t wave = 0;          ///< Wave id.
  std::int64_t t_start_ms = 0;    ///< Wave start (ms).
  std::int64_t t_end_ms = 0;      ///< Wave end (ms).
  std::string coin;               ///< Market (non-empty).
  Rational gap_usd_x_qty;         ///< Σ |mark − px|·|sz| (≥ 0).
  Rational qty_contracts;         ///< Σ |sz| (> 0).
  Rational gap_per_contract_usd;  ///< As published.
};

/// One row of `summary_totals.csv` (the queue diagnostic's totals).
/// @spec EMP-PERWAVE-TABLES
struct SummaryTotalsRow {
  std::size_t line = 0;         ///< Line in the file.
  std::string policy;           ///< `queue`.
  Rational total_residual;      ///< Σ residual.
  Rational total_overshoot;     ///< Σ overshoot.
  Rational total_revenue_lost;  ///< Revenue proxy (not implemented upstream: 0).
  Rational avg_participation;   ///< Mean participation factor.
};

/// A JSON number with the line it is on.
/// @spec EMP-PERWAVE-TABLES
struct JsonScalar {
  Rational value;        ///< Exact value of the number's text.
  std::size_t line = 0;  ///< 1-based line.
};

/// `loser_waves_summary.json`.
/// @spec EMP-PERWAVE-TABLES
struct LoserWavesSummary {
  std::string deficit_measure;                       ///< `liquidated_total_equity`.
  std::int64_t gap_ms = 0;                           ///< Wave gap (ms).
  bool prefer_equity = true;                         ///< Equity preferred over uPnL.
  std::int64_t num_waves_with_positive_deficit = 0;  ///< T.
  std::size_t num_waves_line = 0;                    ///< Line of that count.
  JsonScalar total_deficit_usd;                      ///< ΣD.
  JsonScalar max_wave_deficit_usd;                   ///< max D_t.
  JsonScalar max_wave_max_loss_usd;                  ///< max Δ_t.
};

/// `headline.winner_overcollateralization_equity_over_pnl` of headlines.json
/// (EMP-OVERCOLLAT: reported as published).
/// @spec EMP-OVERCOLLAT
struct Overcollateralization {
  Rational mean;             ///< Mean of E/U.
  Rational median;           ///< Median.
  std::int64_t n_users = 0;  ///< Winners counted.
  Rational p10;              ///< 10th percentile.
  Rational p90;              ///< 90th percentile.
  Rational trimmed_mean;     ///< Trimmed mean (3 %).
};

/// `headlines.json`.
/// @spec EMP-PERWAVE-TABLES
struct PublishedHeadlines {
  JsonScalar prod_overshoot_vs_needed_usd;       ///< O(0).
  JsonScalar queue_total_overshoot_usd;          ///< The queue diagnostic's total (AMB-E-06).
  Overcollateralization overcollateralization;   ///< EMP-OVERCOLLAT.
  Rational factor_naive_expected_over_observed;  ///< The 2.18 residual (AMB-E-08).
  Rational naive_expected_pnl_closed_usd;        ///< Naive expectation.
  std::int64_t gap_ms = 0;                       ///< inputs.gap_ms.
  std::int64_t horizon_ms = 0;                   ///< inputs.horizon_ms.
  Rational trim_alpha;                           ///< inputs.trim_alpha.
};

/// One entry of `discounted` in overshoot_robustness.json.
/// @spec EMP-OVERSHOOT
struct DiscountedOvershoot {
  std::int64_t half_life_ms = 0;  ///< The key.
  JsonScalar delta_o_disc;        ///< DeltaO_disc.
  JsonScalar o_disc;              ///< O_disc (= O0 + DeltaO_disc).
};

/// `overshoot_robustness.json`.
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-OVERSHOOT
struct OvershootRobustness {
  JsonScalar O0;                                ///< O(0).
  JsonScalar O_min_band;                        ///< Band minimum.
  JsonScalar O_max_band;                        ///< Band maximum.
  std::int64_t band_max_ms = 0;                 ///< Largest horizon the pipeline allowed in the band.
  std::vector<DiscountedOvershoot> discounted;  ///< By half-life, in file order.
};

/// The rows of one CSV file and the name used for it in errors and findings.
/// @spec EMP-PERWAVE-TABLES
template <class Row>
struct CsvFile {
  std::string source;     ///< File name as given to the loader.
  std::vector<Row> rows;  ///< Rows in file order, none dropped.
};

/// A JSON file's content and the name used for it.
/// @spec EMP-PERWAVE-TABLES
template <class Content>
struct JsonFile {
  std::string source;  ///< File name as given to the loader.
  Content content;     ///< The values read.
};

/// Everything read from the per-wave folder. Optional files absent from the
/// folder are std::nullopt (and listed in `missing`).
/// @spec EMP-PERWAVE-TABLES
struct PerWaveTables {
  CsvFile<LoserWaveRow> loser_waves;                                  ///< Core.
  CsvFile<TwoPassRow> two_pass;                                       ///< Core.
  CsvFile<PolicyWaveRow> policy_per_wave;                             ///< Core.
  std::optional<CsvFile<HorizonSummaryRow>> horizon_summary;          ///< two_pass_summary_by_horizon.csv.
  std::optional<CsvFile<HorizonSweepRow>> horizon_sweep;              ///< horizon_sweep.csv.
  std::optional<CsvFile<WaveCoinGapRow>> wave_coin_gap;               ///< wave_coin_gap.csv.
  std::optional<CsvFile<SummaryTotalsRow>> summary_totals;            ///< summary_totals.csv.
  std::optional<JsonFile<LoserWavesSummary>> loser_waves_summary;     ///< loser_waves_summary.json.
  std::optional<JsonFile<PublishedHeadlines>> headlines;              ///< headlines.json.
  std::optional<JsonFile<OvershootRobustness>> overshoot_robustness;  ///< overshoot_robustness.json.
  std::vector<std::string> missing;                                   ///< Optional files that were absent.
};

// ---------------------------------------------------------------------------
// Parsers (text in memory; `source` names it). Each throws adl::io::InputError
// naming file, line, column and field: wrong header (exact column list, in
// order), a value that is not a number, a negative count or id, a time that is
// not a non-negative integer, a value outside its range (D_t ≤ 0, a negative
// budget or quantity, a capped θ or max_pct outside [0, 1], qty_contracts ≤ 0).
// The three core files must have at least one row, and two_pass_by_wave rows at
// horizon 0. Empty cells are errors, except PTSR, RD-NSE and PMR, which the
// pipeline leaves empty where undefined (an info finding of check_per_wave).

/// `loser_waves.csv`: wave,t_start_ms,t_end_ms,n_rows,unique_losers,deficit_usd,max_loss_usd.
/// @spec EMP-PERWAVE-TABLES
CsvFile<LoserWaveRow> parse_loser_waves(std::string_view text, const std::string& source);

/// `two_pass_by_wave.csv` (19 columns).
/// @spec EMP-PERWAVE-TABLES
CsvFile<TwoPassRow> parse_two_pass(std::string_view text, const std::string& source);

/// `two_pass_summary_by_horizon.csv`.
/// @spec EMP-PERWAVE-TABLES
CsvFile<HorizonSummaryRow> parse_horizon_summary(std::string_view text, const std::string& source);

/// `horizon_sweep.csv`.
/// @spec EMP-PERWAVE-TABLES
CsvFile<HorizonSweepRow> parse_horizon_sweep(std::string_view text, const std::string& source);

/// `policy_per_wave_metrics.csv` (53 columns; the column list is
/// policy_columns()).
/// @spec EMP-PERWAVE-TABLES
CsvFile<PolicyWaveRow> parse_policy_per_wave(std::string_view text, const std::string& source);

/// The exact header of `policy_per_wave_metrics.csv`.
/// @spec EMP-PERWAVE-TABLES
std::vector<std::string> policy_columns();

/// `wave_coin_gap.csv`.
/// @spec EMP-PERWAVE-TABLES
CsvFile<WaveCoinGapRow> parse_wave_coin_gap(std::string_view text, const std::string& source);

/// `summary_totals.csv`.
/// @spec EMP-PERWAVE-TABLES
CsvFile<SummaryTotalsRow> parse_summary_totals(std::string_view text, const std::string& source);

/// `loser_waves_summary.json` (keys used must be present; others are ignored).
/// @spec EMP-PERWAVE-TABLES
JsonFile<LoserWavesSummary> parse_loser_waves_summary(std::string_view text, const std::string& source);

/// `headlines.json`.
/// @spec EMP-PERWAVE-TABLES
JsonFile<PublishedHeadlines> parse_headlines(std::string_view text, const std::string& source);

/// `overshoot_robustness.json`.
/// @spec EMP-PERWAVE-TABLES
JsonFile<OvershootRobustness> parse_overshoot_robustness(std::string_view text, const std::string& source);

/// Reads every file of `dir` (file names as perwave_files; sources are
/// `dir / name`). A missing core file throws InputError; a missing optional
/// file adds an `info` finding `file.missing` and leaves its section absent.
/// @spec EMP-PERWAVE-TABLES
PerWaveTables read_per_wave_tables(const std::filesystem::path& dir, Findings& findings);

// ---------------------------------------------------------------------------
// Checks.

/// The identity and cross-file checks of EMP-PERWAVE-TABLES, appended to
/// `findings` (warning beyond the EMP-FINDINGS tolerances; info for
/// documented quirks). Rows are never changed. Checks whose inputs are absent
/// are skipped. Check names: `two_pass.*`, `loser_waves.*`, `horizon.*`,
/// `policy.*`, `wave_coin_gap.*`, `json.*`.
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-FINDINGS
void check_per_wave(const PerWaveTables& tables, Findings& findings);

// ---------------------------------------------------------------------------
// Results.

/// Totals at one evaluation horizon (from two_pass_by_wave).
/// @spec EMP-OVERSHOOT
struct HorizonTotal {
  std::int64_t horizon_ms = 0;  ///< Δ.
  std::size_t num_waves = 0;    ///< Rows at Δ.
  Rational prod_usd;            ///< ΣH^prod(Δ).
  Rational needed_usd;          ///< ΣB^needed at Δ.
  Rational overshoot_usd;       ///< O(Δ) = ΣH^prod(Δ) − ΣB^needed.
};

/// EMP-HEADLINES: the totals, the three readings of overshoot and the band.
/// @spec EMP-HEADLINES
/// @spec EMP-OVERSHOOT
struct Totals {
  std::size_t num_waves = 0;             ///< Rows of loser_waves.
  Rational deficit_usd;                  ///< ΣD_t (loser_waves).
  Rational needed_usd;                   ///< ΣB^needed_t (two_pass, horizon 0).
  Rational prod_usd;                     ///< ΣH^prod_t(0).
  Rational overshoot_usd;                ///< O(0) = ΣH − ΣB^needed (signed).
  Rational overshoot_positive_usd;       ///< Σ(O_t)₊ at horizon 0.
  Rational overshoot_abs_usd;            ///< Σ|O_t| at horizon 0.
  std::size_t waves_undershoot = 0;      ///< Waves with O_t(0) < 0.
  std::vector<HorizonTotal> horizons;    ///< Per horizon, ascending Δ.
  Rational band_min_usd;                 ///< min_Δ O(Δ).
  Rational band_max_usd;                 ///< max_Δ O(Δ).
  std::int64_t band_min_horizon_ms = 0;  ///< Smallest Δ attaining the minimum.
  std::int64_t band_max_horizon_ms = 0;  ///< Smallest Δ attaining the maximum.
};

/// One policy's row of the loss table.
/// @spec EMP-LOSS-TABLE
/// @spec EMP-BOUND
struct PolicyLoss {
  std::string name;       ///< Column suffix (kPolicyNames).
  Rational tracking_usd;  ///< T(π) = Σ_t |B^π_t − B^needed_t|.
  Rational fairness_usd;  ///< F(π) = Σ_t B^needed_t·|maxpct_t(π) − maxpct_t(ILP)|.
  Rational l1_usd;        ///< L¹(π) = T + F.
  /// L¹/𝔅 with 𝔅 replaced by Bound::bound_fine_usd (relative error below
  /// 10⁻¹⁹ on the published data): the upper end of the bracket
  /// ratio_to_bound_low < L¹/𝔅 ≤ ratio_to_bound_high.
  Rational ratio_to_bound;
  Rational ratio_to_bound_low;   ///< Lower end: L¹/(bound_fine_usd + 10^−k).
  Rational ratio_to_bound_high;  ///< An upper bound of L¹/𝔅 (= ratio_to_bound).
};

/// EMP-BOUND: the comparator path length, Σ D², 𝔅 and production's loss in
/// the bound's own loss.
/// @spec EMP-BOUND
struct Bound {
  Rational path_length;  ///< P̂ from two_pass_by_wave, horizon 0, time order.
  /// P̂ from policy_per_wave's theta_needed_capped (same order); agrees with
  /// path_length to 10⁻⁹ relative, else a finding.
  Rational path_length_policy;
  Rational sum_deficit_squared_usd2;  ///< Σ_t D_t² (two_pass, horizon 0).
  Rational radicand;                  ///< (1 + 2P̂)·ΣD², so 𝔅 = √radicand.
  Rational bound_usd;                 ///< ⌊100·𝔅⌋/100: 𝔅 rounded down to the cent.
  /// ⌊10^k·𝔅⌋/10^k with k = 12 (k grows by 12 until it is positive, for a
  /// 𝔅 below 10⁻¹²): the finer floor the ratios use.
  Rational bound_fine_usd;
  /// Σ_t D_t·|θ^prod_t − θ^needed_t| with capped θ (two_pass, horizon 0).
  Rational prod_loss_capped_usd;
  /// The same with the uncapped θ (= T(prod) up to the files' rounding).
  Rational prod_loss_uncapped_usd;
};

/// One wave of the series for plots (two_pass_by_wave horizon 0, time order).
/// @spec EMP-HEADLINES
struct WavePoint {
  std::int64_t wave = 0;              ///< Wave id.
  std::int64_t t_start_ms = 0;        ///< Start (ms).
  std::int64_t t_end_ms = 0;          ///< End (ms).
  Rational deficit_usd;               ///< D_t.
  Rational max_loss_usd;              ///< Δ_t.
  Rational needed_usd;                ///< B^needed_t.
  Rational prod_usd;                  ///< H^prod_t(0).
  Rational overshoot_usd;             ///< O_t(0) = H − B^needed.
  Rational cumulative_overshoot_usd;  ///< Σ_{s ≤ t} O_s(0).
  Rational theta_needed_capped;       ///< Capped θ^needed_t.
  Rational theta_prod_capped;         ///< Capped θ^prod_t.
  /// Each policy's budget B^π_t (kPolicyNames order) from policy_per_wave;
  /// absent when that file has no row for the wave (a finding).
  std::optional<std::array<Rational, kPolicyCount>> policy_budget_usd;
};

/// The whole per-wave replay.
/// @spec EMP-HEADLINES
/// @spec EMP-LOSS-TABLE
/// @spec EMP-BOUND
struct PerWaveReplay {
  PerWaveTables tables;              ///< The files as read.
  Totals totals;                     ///< EMP-HEADLINES.
  std::vector<PolicyLoss> policies;  ///< EMP-LOSS-TABLE, kPolicyNames order.
  Bound bound;                       ///< EMP-BOUND.
  std::vector<WavePoint> waves;      ///< Series for plots.
  Findings findings;                 ///< Missing files and failed checks.
};

/// EMP-HEADLINES from the tables.
/// @spec EMP-HEADLINES
/// @spec EMP-OVERSHOOT
Totals compute_totals(const PerWaveTables& tables);

/// EMP-LOSS-TABLE over the rows of policy_per_wave_metrics (ratios left 0;
/// compute_bound fills them).
/// @spec EMP-LOSS-TABLE
std::vector<PolicyLoss> compute_loss_table(const CsvFile<PolicyWaveRow>& policy);

/// EMP-BOUND; fills `ratio_to_bound*` of `losses`.
/// @spec EMP-BOUND
Bound compute_bound(const PerWaveTables& tables, std::vector<PolicyLoss>& losses);

/// The horizon-0 rows of two_pass_by_wave in time order (stable by
/// t_start_ms): the order of the series and of P̂.
/// @spec EMP-BOUND
std::vector<const TwoPassRow*> waves_in_time_order(const CsvFile<TwoPassRow>& two_pass);

/// The per-wave series.
/// @spec EMP-HEADLINES
std::vector<WavePoint> compute_wave_series(const PerWaveTables& tables);

/// Checks and computations on tables already read.
/// @spec EMP-HEADLINES
PerWaveReplay analyse_per_wave(PerWaveTables tables, Findings findings);

/// The single entry point: read_per_wave_tables, check_per_wave and every
/// computation. Throws adl::io::InputError on unreadable or missing core files.
/// @spec EMP-PERWAVE-TABLES
/// @spec EMP-HEADLINES
/// @spec EMP-LOSS-TABLE
/// @spec EMP-BOUND
PerWaveReplay load_per_wave(const std::filesystem::path& dir);

}  // namespace adl::emp
