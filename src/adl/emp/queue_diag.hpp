/// @file
/// The stylized wealth-space queue diagnostic of the reference's §6
/// (spec/empirical.md, EMP-QUEUE-DIAG) on the per-coin clusters of the event
/// table, and its comparison with the pipeline's worked examples.
///
/// Arithmetic: every quantity is an exact rational. The participation factors
/// f start at exactly 1; each update f ← f·exp(−β·x/cap') evaluates the
/// exponential and the product in 50-digit binary floating point
/// (`boost::multiprecision::cpp_bin_float_50`, 168-bit significand) and stores
/// the result as the exact rational value of that binary float. Everything after
/// (scaled capacities and scores, sums, the greedy fill, overshoot, residual,
/// the mean participation) is exact arithmetic on those factors. A cluster whose
/// items all have f = 1 is therefore exact (`QueueCluster::exact`); in the others
/// the only rounding is that of the factors, a relative error below 10⁻⁴⁹ per
/// update, far below 10⁻²⁰ USD on any value reported.
#pragma once

#include "adl/emp/events.hpp"
#include "adl/emp/finding.hpp"
#include "adl/ref/number.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adl::emp {

/// Order among items of equal scaled score in the greedy fill.
/// @spec EMP-QUEUE-DIAG
/// @spec AMB-E-12
enum class TieBreak {
  kPipeline,  ///< The later row (in stable time order) first: NumPy's reversed ascending argsort on small arrays.
  kFile,      ///< The earlier row first.
};

/// `pipeline` or `file`.
/// @spec EMP-QUEUE-DIAG
const char* tie_break_name(TieBreak tie_break);

/// Reads `pipeline` or `file`; nothing for any other text.
/// @spec EMP-QUEUE-DIAG
std::optional<TieBreak> parse_tie_break(std::string_view text);

/// Options of the queue diagnostic.
/// @spec EMP-QUEUE-DIAG
struct QueueOptions {
  TieBreak tie_break = TieBreak::kPipeline;  ///< `--tie-break`.
  ref::Rational beta = 8;                    ///< Participation decay β ≥ 0 (`--beta`, run-all.sh's 8).
  std::vector<std::string> complete_markets{
      "MET"};  ///< Coins whose whole history is in the data (`--complete-market`).
};

/// One item of a cluster: a row with `is_negative_equity` false and `closed_pnl` > 0.
/// @spec EMP-QUEUE-DIAG
struct QueueItem {
  std::size_t row = 0;                    ///< Index into EventTable::rows.
  std::size_t line = 0;                   ///< Line of that row.
  std::string user;                       ///< The row's user.
  ref::Rational score;                    ///< s = closed_pnl.
  ref::Rational capacity;                 ///< cap after step 2 (unscaled).
  bool nonpositive_before_raise = false;  ///< cap ≤ 0 before the raise to s (the pipeline skips such items).
  bool raised_to_score = false;           ///< The raise cap = max(cap, s) changed cap.
  ref::Rational participation;            ///< f(user, coin) at the start of the cluster.
  ref::Rational scaled_score;             ///< s' = f·s.
  ref::Rational scaled_capacity;          ///< cap' = f·cap.
  ref::Rational haircut;                  ///< x from the greedy fill.
  std::size_t rank = 0;                   ///< 0-based position in the fill order.
};

/// The diagnostic of one cluster of a complete market.
/// @spec EMP-QUEUE-DIAG
struct QueueCluster {
  std::string coin;                           ///< Market.
  std::size_t cluster_id = 0;                 ///< Per-coin cluster id (EMP-CLUSTERS).
  std::int64_t t_start_ms = 0;                ///< Cluster start.
  std::int64_t t_end_ms = 0;                  ///< Cluster end.
  std::size_t rows = 0;                       ///< Event rows in the cluster.
  ref::Rational deficit;                      ///< The EMP-CLUSTERS deficit.
  ref::Rational total_capacity;               ///< C = Σ cap'.
  ref::Rational budget;                       ///< B = min(Σ s', C), all of it spent by the fill.
  ref::Rational overshoot;                    ///< (B − deficit)₊.
  ref::Rational residual;                     ///< (deficit − B)₊.
  std::vector<QueueItem> items;               ///< Items in stable time order.
  bool exact = true;                          ///< Every item's f was exactly 1: no rounded factor entered.
  std::size_t tied_haircut_items = 0;         ///< Haircut items (x > 0) whose s' equals another item's s'.
  bool tie_order_matters = false;             ///< The other tie-break would give some item a different haircut.
  std::size_t nonpositive_capacity_rows = 0;  ///< Items with cap ≤ 0 before the raise (kept, capacity s).
  std::size_t account_cap_differing_items =
      0;  ///< Items whose cap would differ with their own row's total_unrealized_pnl.
  /// True when ties among haircut items occurred (AMB-E-12).
  [[nodiscard]] bool ties_among_haircut_items() const { return tied_haircut_items > 0; }
};

/// Totals over the complete markets.
/// @spec EMP-QUEUE-DIAG
struct QueueTotals {
  std::size_t clusters = 0;                   ///< Clusters diagnosed.
  std::size_t items = 0;                      ///< Items over those clusters.
  std::size_t nonpositive_capacity_rows = 0;  ///< Σ QueueCluster::nonpositive_capacity_rows.
  ref::Rational deficit;                      ///< Σ deficit.
  ref::Rational total_capacity;               ///< Σ C.
  ref::Rational budget;                       ///< Σ B.
  ref::Rational overshoot;                    ///< Σ overshoot.
  ref::Rational residual;                     ///< Σ residual.
  std::size_t participants = 0;               ///< (user, coin) pairs that were items at least once.
  ref::Rational mean_participation = 1;       ///< Mean final f over those pairs (1 when there are none).
};

/// The queue diagnostic of the complete markets.
/// @spec EMP-QUEUE-DIAG
struct QueueDiagnostic {
  TieBreak tie_break = TieBreak::kPipeline;   ///< Tie-break used.
  ref::Rational beta;                         ///< β used.
  std::vector<std::string> complete_markets;  ///< Markets diagnosed, as given.
  std::vector<QueueCluster> clusters;         ///< Per complete market (in coin order), clusters in order.
  QueueTotals totals;                         ///< Sums over `clusters`.
  Findings findings;                          ///< `queue.*` findings (absent markets, pipeline differences, tie order).
};

/// Runs the diagnostic on every cluster of every complete market, carrying
/// f(user, coin) from cluster to cluster of the same coin. `clusters` must be
/// coin_clusters(table). Throws ref::InvalidInput when β < 0.
/// @spec EMP-QUEUE-DIAG
/// @spec AMB-E-06
/// @spec AMB-E-12
QueueDiagnostic queue_diagnostic(const EventTable& table, const std::vector<CoinCluster>& clusters,
                                 const QueueOptions& options);

/// Tolerance of the comparison with the worked examples: 10⁻⁶ USD.
/// @spec EMP-QUEUE-DIAG
ref::Rational example_tolerance();

/// One worked example beside the cluster adlref computed.
/// @spec EMP-QUEUE-DIAG
struct ExampleClusterDiff {
  ExampleQueueCluster example;  ///< The file's row.
  bool found = false;           ///< A diagnosed cluster with that coin and id exists.
  bool times_match = false;     ///< t_start and t_end equal.
  ref::Rational max_abs_diff;   ///< Largest |ours − file| over the five money fields.
  std::string worst_field;      ///< The field of that largest difference.
};

/// The comparison with `example_queue_clusters.csv`.
/// @spec EMP-QUEUE-DIAG
struct ExampleComparison {
  std::vector<ExampleClusterDiff> rows;  ///< One per example row, in file order.
  std::size_t compared = 0;              ///< Rows found among the diagnosed clusters.
  ref::Rational max_abs_diff;            ///< Largest difference over the compared rows.
  ref::Rational tolerance;               ///< example_tolerance().
  bool within_tolerance = true;          ///< Every compared row within tolerance with equal times.
  Findings findings;                     ///< Warnings beyond tolerance; info for rows not comparable.
};

/// Compares the diagnostic with the worked examples (`source` names the file).
/// @spec EMP-QUEUE-DIAG
ExampleComparison compare_example_clusters(const std::vector<ExampleQueueCluster>& examples,
                                           const QueueDiagnostic& diagnostic, const std::string& source);

}  // namespace adl::emp
