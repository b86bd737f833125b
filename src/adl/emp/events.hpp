/// @file
/// The October-10 event table (spec/empirical.md): the 17-column loader and its
/// identities (EMP-EVENT-TABLE), the global waves matched to the published
/// wave list (EMP-WAVES), the per-coin clusters with their exact deficits
/// (EMP-CLUSTERS), and the loader of the worked queue-diagnostic examples.
///
/// Every number is an exact rational read from its CSV decimal; a value that
/// cannot be read is an io::InputError naming file, line, column and field
/// (EMP-FINDINGS); a value that can be read but breaks an identity is a Finding.
/// Rows are never dropped, clamped or repaired.
#pragma once

#include "adl/emp/finding.hpp"
#include "adl/ref/number.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adl::emp {

/// The event table's file name inside `events/`.
/// @spec EMP-EVENT-TABLE
inline constexpr std::string_view kEventTableFile = "adl_detailed_tail_excerpt.csv";
/// The published wave list of the excerpt, inside `events/`.
/// @spec EMP-WAVES
inline constexpr std::string_view kExpectedWavesFile = "excerpt_expected_waves.csv";
/// The pipeline's worked queue-diagnostic clusters, inside `events/`.
/// @spec EMP-QUEUE-DIAG
inline constexpr std::string_view kExampleClustersFile = "example_queue_clusters.csv";

/// Gap that starts a new wave or cluster: a gap strictly above 5000 ms.
/// @spec EMP-WAVES
/// @spec EMP-CLUSTERS
inline constexpr std::int64_t kGapMs = 5000;

/// The 17 columns of the event table, in their required order.
/// @spec EMP-EVENT-TABLE
inline constexpr std::string_view kEventColumns[] = {"user",
                                                     "coin",
                                                     "time",
                                                     "adl_price",
                                                     "adl_size",
                                                     "adl_notional",
                                                     "closed_pnl",
                                                     "position_size",
                                                     "entry_price",
                                                     "account_value_realtime",
                                                     "total_unrealized_pnl",
                                                     "total_equity",
                                                     "is_negative_equity",
                                                     "leverage_realtime",
                                                     "position_unrealized_pnl",
                                                     "pnl_percent",
                                                     "liquidated_user"};

/// Tolerance of the event-table identities: 10⁻⁹, relative to max(1, |expected|)
/// for the money identities and to |expected| for `leverage_realtime` and `pnl_percent`.
/// @spec EMP-EVENT-TABLE
ref::Rational event_identity_tolerance();

/// One row of the event table: one ADL fill seen from the deleveraged winner.
/// @spec EMP-EVENT-TABLE
struct EventRow {
  std::size_t line = 0;                   ///< 1-based line in the file.
  std::string user;                       ///< The ADL'd account (`0x` + 40 hex digits).
  std::string coin;                       ///< Market.
  std::int64_t time_ms = 0;               ///< Fill time, Unix epoch ms.
  ref::Rational adl_price;                ///< Fill price (> 0).
  ref::Rational adl_size;                 ///< Unsigned fill size (> 0).
  ref::Rational adl_notional;             ///< |size|·price as published.
  ref::Rational closed_pnl;               ///< PnL the fill realised for `user`.
  ref::Rational position_size;            ///< Signed position before the fill.
  ref::Rational entry_price;              ///< Replay entry price.
  ref::Rational account_value_realtime;   ///< Replayed cash (account level).
  ref::Rational total_unrealized_pnl;     ///< Account uPnL (account level).
  ref::Rational total_equity;             ///< Cash + uPnL (account level).
  bool is_negative_equity = false;        ///< `True` / `False` in the file (account level).
  ref::Rational leverage_realtime;        ///< |position|·price / cash, 0 when cash ≤ 0.
  ref::Rational position_unrealized_pnl;  ///< uPnL of this position at the fill price.
  ref::Rational pnl_percent;              ///< uPnL as % of the position's notional.
  std::string liquidated_user;            ///< The liquidated account; may be empty.
};

/// The summary of the event table.
/// @spec EMP-EVENT-TABLE
struct EventTableSummary {
  std::size_t rows = 0;                                  ///< Data rows.
  std::size_t users = 0;                                 ///< Distinct `user` values.
  std::size_t liquidated_users = 0;                      ///< Distinct non-empty `liquidated_user` values.
  std::size_t coins = 0;                                 ///< Distinct coins.
  std::size_t negative_equity_rows = 0;                  ///< Rows with `is_negative_equity` True.
  std::optional<std::int64_t> first_time_ms;             ///< Earliest row time (none when empty).
  std::optional<std::int64_t> last_time_ms;              ///< Latest row time (none when empty).
  std::size_t users_with_unequal_account_columns = 0;    ///< Users whose account-level columns differ between rows.
  std::size_t findings_info = 0;                         ///< Findings of severity info.
  std::size_t findings_warning = 0;                      ///< Findings of severity warning.
  std::map<std::string, std::size_t> findings_by_check;  ///< Finding count per check name.
};

/// The loaded event table: rows in file order, identity findings, summary.
/// @spec EMP-EVENT-TABLE
struct EventTable {
  std::string source;          ///< File name used in findings and errors.
  std::vector<EventRow> rows;  ///< Every data row, in file order.
  Findings findings;           ///< Identity and account-equality findings, in row order.
  EventTableSummary summary;   ///< Counts and time span.
};

/// Parses the event table from text (`source` names it). Checks the exact
/// header (the 17 columns in order), types and ranges; throws io::InputError on
/// an unreadable value. Then checks the identities (`event.notional`,
/// `event.equity`, `event.negative_flag`, `event.leverage`, `event.pnl_percent`)
/// and the per-user equality of the account-level columns
/// (`event.account_columns`: `account_value_realtime`, `total_unrealized_pnl`,
/// `total_equity`, `is_negative_equity`), each a warning Finding.
/// @spec EMP-EVENT-TABLE
/// @spec EMP-FINDINGS
EventTable parse_event_table(std::string_view text, const std::string& source);

/// As parse_event_table, from a file (io::InputError when it cannot be read).
/// @spec EMP-EVENT-TABLE
EventTable load_event_table(const std::string& path);

// ---------------------------------------------------------------------------
// Waves.

/// One global wave recomputed from the event rows.
/// @spec EMP-WAVES
struct EventWave {
  std::size_t index = 0;                    ///< 1-based position among the waves of this table.
  std::int64_t t_start_ms = 0;              ///< Earliest row time.
  std::int64_t t_end_ms = 0;                ///< Latest row time.
  std::size_t unique_liquidated_users = 0;  ///< Distinct non-empty `liquidated_user` in the wave.
  std::vector<std::size_t> rows;            ///< Indices into EventTable::rows, in (stable) time order.
};

/// Global waves: rows sorted by time (stable), a new wave when the gap to the
/// previous row exceeds `gap_ms`. No wave is dropped.
/// @spec EMP-WAVES
std::vector<EventWave> global_waves(const EventTable& table, std::int64_t gap_ms = kGapMs);

/// One row of `excerpt_expected_waves.csv`.
/// @spec EMP-WAVES
struct ExpectedWave {
  std::size_t line = 0;         ///< 1-based line in the file.
  std::int64_t wave = 0;        ///< The pipeline's wave id.
  std::int64_t t_start_ms = 0;  ///< Wave start.
  std::int64_t t_end_ms = 0;    ///< Wave end.
  std::size_t n_rows = 0;       ///< Event rows in the wave.
  std::optional<std::size_t>
      unique_losers;           ///< Losers counted by the pipeline; empty in the file for waves without deficit.
  ref::Rational deficit_usd;   ///< D_t as published (EMP-DEFICIT); not recomputable here.
  ref::Rational max_loss_usd;  ///< Δ_t as published; not recomputable here.
};

/// Reads `excerpt_expected_waves.csv` (header
/// `wave,t_start_ms,t_end_ms,n_rows,unique_losers,deficit_usd,max_loss_usd`).
/// Throws io::InputError.
/// @spec EMP-WAVES
std::vector<ExpectedWave> parse_expected_waves(std::string_view text, const std::string& source);

/// As parse_expected_waves, from a file.
/// @spec EMP-WAVES
std::vector<ExpectedWave> load_expected_waves(const std::string& path);

/// Why the excerpt's wave deficits are shown as published, not recomputed.
/// @spec EMP-WAVES
inline constexpr std::string_view kWaveDeficitNote =
    "not recomputed: the wave deficit (EMP-DEFICIT) needs liquidated_total_equity, "
    "which the 17-column event table does not carry; the pipeline's value is shown";

/// One computed wave beside the expected wave at the same position.
/// @spec EMP-WAVES
struct WaveMatch {
  std::optional<EventWave> computed;     ///< None when the file lists more waves than the rows give.
  std::optional<ExpectedWave> expected;  ///< None when the rows give more waves than the file lists.
  bool start_matches = false;            ///< t_start equal.
  bool end_matches = false;              ///< t_end equal.
  bool rows_match = false;               ///< Row count equal.
  bool losers_match = true;  ///< Distinct liquidated users equal to `unique_losers` where the file gives it.
  /// True when both sides exist and every compared field is equal.
  [[nodiscard]] bool matches() const {
    return computed && expected && start_matches && end_matches && rows_match && losers_match;
  }
};

/// The waves matched in order to the expected list.
/// @spec EMP-WAVES
struct WaveComparison {
  std::vector<WaveMatch> waves;                ///< One entry per position (the longer of the two lists).
  std::size_t matching = 0;                    ///< Entries whose matches() is true.
  bool deficits_recomputable = false;          ///< Always false for the 17-column table.
  std::string deficit_note{kWaveDeficitNote};  ///< Printable reason (kWaveDeficitNote).
  Findings findings;                           ///< `waves.*` warnings for each mismatch.
};

/// Matches computed waves to expected ones in order. `expected_source` and
/// `events_source` name the files in findings; an unmatched computed wave
/// points at its first row.
/// @spec EMP-WAVES
WaveComparison match_expected_waves(const EventTable& table, const std::vector<EventWave>& computed,
                                    const std::vector<ExpectedWave>& expected, const std::string& expected_source);

// ---------------------------------------------------------------------------
// Per-coin clusters.

/// One per-coin cluster and its exact deficit.
/// @spec EMP-CLUSTERS
struct CoinCluster {
  std::string coin;               ///< Market.
  std::size_t cluster_id = 0;     ///< 1-based, per coin, in time order.
  std::int64_t t_start_ms = 0;    ///< Earliest row time.
  std::int64_t t_end_ms = 0;      ///< Latest row time.
  std::vector<std::size_t> rows;  ///< Indices into EventTable::rows, in (stable) time order.
  ref::Rational deficit;          ///< Σ (−total_equity) over rows flagged negative with total_equity < 0.
  std::size_t deficit_rows = 0;   ///< Rows that contribute to `deficit`.
};

/// Per coin (coins in byte order of their names), rows sorted by time
/// (stable), a new cluster when the gap exceeds `gap_ms`. Every cluster of every
/// coin, with its exact deficit (summed per row, no per-user dedup).
/// @spec EMP-CLUSTERS
std::vector<CoinCluster> coin_clusters(const EventTable& table, std::int64_t gap_ms = kGapMs);

// ---------------------------------------------------------------------------
// Worked examples of the queue diagnostic.

/// One row of `example_queue_clusters.csv`: the pipeline's output for a cluster.
/// @spec EMP-QUEUE-DIAG
struct ExampleQueueCluster {
  std::size_t line = 0;               ///< 1-based line in the file.
  std::string coin;                   ///< Market.
  std::size_t cluster_id = 0;         ///< Per-coin cluster id.
  std::int64_t t_start_ms = 0;        ///< Cluster start.
  std::int64_t t_end_ms = 0;          ///< Cluster end.
  ref::Rational deficit_usd;          ///< Cluster deficit.
  ref::Rational total_capacity_usd;   ///< Σ cap'.
  ref::Rational budget_queue_usd;     ///< Budget spent.
  ref::Rational overshoot_queue_usd;  ///< (B − deficit)₊.
  ref::Rational residual_queue_usd;   ///< (deficit − B)₊.
};

/// Reads `example_queue_clusters.csv` (header `coin,cluster_id,t_start_ms,
/// t_end_ms,deficit_usd,total_capacity_usd,budget_queue_usd,overshoot_queue_usd,
/// residual_queue_usd`). Throws io::InputError.
/// @spec EMP-QUEUE-DIAG
std::vector<ExampleQueueCluster> parse_example_queue_clusters(std::string_view text, const std::string& source);

/// As parse_example_queue_clusters, from a file.
/// @spec EMP-QUEUE-DIAG
std::vector<ExampleQueueCluster> load_example_queue_clusters(const std::string& path);

/// Address comparison key: the text with ASCII letters lower-cased, so that
/// `0xAB…` and `0xab…` name one account.
/// @spec EMP-EVENT-TABLE
std::string address_key(std::string_view address);

}  // namespace adl::emp
