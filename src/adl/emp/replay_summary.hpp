/// @file
/// The view model of `adl replay` (spec/empirical.md): everything the command
/// shows — the tables read, the headline totals with their caveats, the
/// horizon sweep, the per-wave and loss tables, the bound, the event table's
/// waves and clusters, the queue diagnostic, production's conformance and the
/// findings — computed once from the loaded data. The text, JSON
/// (EMP-REPLAY-JSON) and HTML (EMP-REPORT) renderers of the command only
/// format it, so the three outputs cannot disagree on a number.
///
/// Values stay exact rationals here; rounding to the cent happens when a
/// renderer formats them (format_usd for people, the JSON number for
/// machines, with the exact value beside it).
#pragma once

#include "adl/emp/event_replay.hpp"
#include "adl/emp/finding.hpp"
#include "adl/emp/perwave.hpp"
#include "adl/ref/number.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adl::emp {

/// Money for people: x rounded half away from zero to the cent, with
/// thousands separators (`-1,234,567.80`).
/// @spec EMP-HEADLINES
std::string format_usd(const Rational& x);

/// The name people read for a policy column of policy_per_wave_metrics.csv
/// (`pr` → `continuous (wealth) pro-rata`); a name outside kPolicyNames is
/// returned unchanged.
/// @spec EMP-LOSS-TABLE
std::string policy_label(std::string_view name);

/// One file of the per-wave folder as the replay read it.
/// @spec EMP-PERWAVE-TABLES
struct TableRead {
  std::string source;               ///< The file (as given to the loader), or the absent file's name.
  std::optional<std::size_t> rows;  ///< Data rows read; none when the optional file is absent.
};

/// One named money total: its JSON key, the symbol and words people read, its
/// exact value.
/// @spec EMP-HEADLINES
struct MoneyLine {
  std::string key;          ///< JSON key (`deficit_usd`).
  std::string symbol;       ///< Symbol (`ΣD_t`).
  std::string description;  ///< Words (`realized deficit`).
  Rational usd;             ///< Exact value in USD.
};

/// A caveat of spec/empirical.md, keyed by the number it qualifies.
/// @spec EMP-HEADLINES
/// @spec EMP-BOUND
struct Caveat {
  std::string key;   ///< The JSON key of the number (`deficit_usd`, `band`, `policies`…).
  std::string spec;  ///< The spec ID it comes from (`AMB-E-01`).
  std::string text;  ///< What the number does and does not mean, with the values involved.
};

/// The running sum of O_t(Δ) over the waves at one evaluation horizon
/// (EMP-REPORT's second plot).
/// @spec EMP-OVERSHOOT
struct OvershootPath {
  std::int64_t horizon_ms = 0;  ///< Δ.
  /// Σ_{s ≤ t} O_s(Δ) per wave of ReplaySummary::waves; none where
  /// two_pass_by_wave has no row for that wave at Δ (the sum carries on).
  std::vector<std::optional<Rational>> cumulative_usd;
};

/// One global wave of the event rows beside the published wave at the same
/// position; without excerpt_expected_waves.csv only the computed side is set.
/// @spec EMP-WAVES
struct EventWaveLine {
  std::optional<std::int64_t> published_wave;     ///< The pipeline's wave id; none when not published.
  std::optional<Rational> published_deficit_usd;  ///< D_t as published (not recomputable, EMP-WAVES).
  std::optional<std::int64_t> t_start_ms;         ///< Start of the computed wave; none when the rows give fewer waves.
  std::optional<std::int64_t> t_end_ms;           ///< End of the computed wave.
  std::optional<std::size_t> rows;                ///< Event rows of the computed wave.
  bool matches_published = false;                 ///< WaveMatch::matches().
};

/// What the replay shows of `events/`.
/// @spec EMP-EVENT-TABLE
/// @spec EMP-WAVES
/// @spec EMP-CLUSTERS
/// @spec EMP-QUEUE-DIAG
/// @spec EMP-PROD-CONFORMANCE
struct EventSummary {
  std::string source;                  ///< The event table's file.
  EventTableSummary table;             ///< Counts, time span, finding counts.
  bool waves_compared = false;         ///< excerpt_expected_waves.csv was read and matched.
  std::vector<EventWaveLine> waves;    ///< Matched waves, or the computed ones alone.
  bool deficits_recomputable = false;  ///< Always false for the 17-column table.
  /// Why the wave deficits are shown as published, or that nothing was published to compare.
  std::string deficit_note;
  std::vector<CoinCluster> clusters;          ///< Every cluster of every coin.
  std::size_t clusters_with_deficit = 0;      ///< Clusters whose deficit is positive.
  Rational cluster_deficit_usd;               ///< Σ cluster deficits (equity dollars).
  QueueDiagnostic queue;                      ///< The diagnostic of the complete markets.
  std::optional<ExampleComparison> examples;  ///< Against example_queue_clusters.csv; none when absent.
  ProdConformance conformance;                ///< Checks (i)–(v).
};

/// Everything `adl replay` prints, in the order it prints it.
/// @spec EMP-REPLAY-JSON
/// @spec EMP-REPORT
struct ReplaySummary {
  std::string data_dir;                             ///< The data folder as given.
  std::vector<TableRead> tables;                    ///< Per-wave files read, then the absent ones.
  std::size_t num_waves = 0;                        ///< Rows of loser_waves.
  std::vector<MoneyLine> headlines;                 ///< ΣD, ΣB_needed, ΣH(0), O(0), Σ(O_t)₊, Σ|O_t|.
  std::size_t waves_undershoot = 0;                 ///< Waves with O_t(0) < 0.
  Rational band_min_usd;                            ///< min_Δ O(Δ).
  Rational band_max_usd;                            ///< max_Δ O(Δ).
  std::int64_t band_max_horizon_ms = 0;             ///< Smallest Δ attaining the maximum.
  std::vector<HorizonTotal> horizons;               ///< The horizon sweep, ascending Δ.
  std::vector<WavePoint> waves;                     ///< Per wave at Δ = 0, time order.
  std::vector<PolicyLoss> policies;                 ///< The loss table, kPolicyNames order.
  Bound bound;                                      ///< 𝔅 and production's loss in the bound's loss.
  std::vector<OvershootPath> cumulative_overshoot;  ///< One path per horizon, ascending Δ.
  std::optional<EventSummary> events;               ///< None when events/ is absent.
  std::string events_missing;                       ///< Why the event sections are absent (empty when present).
  std::vector<Caveat> caveats;                      ///< Every caveat, in print order.
  Findings findings;                                ///< Per-wave findings, then the event table's.
  std::size_t warnings = 0;                         ///< Findings of severity warning.

  /// The caveat qualifying `key` as printed, `text [SPEC]`; empty when there is none.
  [[nodiscard]] std::string caveat(std::string_view key) const;
};

/// Builds the view model from the loaded per-wave replay and, when `events/`
/// was present, the event replay. `data_dir` names the folder in the output.
/// Computes only what the loaders leave to the presentation: the table list,
/// the labelled totals, the caveats, the cumulative overshoot paths, the wave
/// lines, the cluster totals and the merged findings.
/// @spec EMP-HEADLINES
/// @spec EMP-OVERSHOOT
/// @spec EMP-REPLAY-JSON
/// @spec EMP-REPORT
ReplaySummary summarize_replay(std::string data_dir, PerWaveReplay per_wave, std::optional<EventReplay> events);

}  // namespace adl::emp
