/// @file
/// The event-table part of `adl replay` in one call (spec/empirical.md §1, §2,
/// §4): the table and its findings, the waves matched to the published list,
/// the per-coin clusters, the queue diagnostic with its worked examples and the
/// conformance of production's fills. Plain structs; the CLI renders them.
#pragma once

#include "adl/emp/events.hpp"
#include "adl/emp/finding.hpp"
#include "adl/emp/prod_conformance.hpp"
#include "adl/emp/queue_diag.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace adl::emp {

/// Options of the event-table analysis.
/// @spec EMP-QUEUE-DIAG
/// @spec EMP-PROD-CONFORMANCE
struct EventOptions {
  QueueOptions queue;           ///< Tie-break, β, complete markets.
  std::size_t worst_cases = 5;  ///< Worst cases kept per conformance check.
};

/// Everything computed from `events/`.
/// @spec EMP-EVENT-TABLE
/// @spec EMP-WAVES
/// @spec EMP-CLUSTERS
/// @spec EMP-QUEUE-DIAG
/// @spec EMP-PROD-CONFORMANCE
struct EventReplay {
  std::filesystem::path events_dir;                                  ///< The folder read.
  EventTable table;                                                  ///< Rows, identity findings, summary.
  std::vector<EventWave> waves;                                      ///< Global waves of the rows.
  std::optional<std::vector<ExpectedWave>> expected_waves;           ///< None when the file is absent.
  std::optional<WaveComparison> wave_comparison;                     ///< None when the expected waves are absent.
  std::vector<CoinCluster> clusters;                                 ///< Every cluster of every coin, with its deficit.
  QueueDiagnostic queue;                                             ///< The diagnostic of the complete markets.
  std::optional<std::vector<ExampleQueueCluster>> example_clusters;  ///< None when the file is absent.
  std::optional<ExampleComparison> example_comparison;               ///< None when the examples are absent.
  ProdConformance conformance;                                       ///< Checks (i)–(v).
  /// Every finding, in this order: missing optional files, table, waves,
  /// queue diagnostic, examples. (Copies of the parts' own lists.)
  Findings findings;
};

/// Reads `events_dir`/adl_detailed_tail_excerpt.csv (required: io::InputError
/// when absent or unreadable) and, when present, excerpt_expected_waves.csv and
/// example_queue_clusters.csv (each absent file is an info finding
/// `events.missing_file`); runs every analysis of the event table. Throws
/// io::InputError for unreadable input and ref::InvalidInput for β < 0.
/// Whether `events_dir` exists at all is the caller's question.
/// @spec EMP-EVENT-TABLE
/// @spec EMP-WAVES
/// @spec EMP-CLUSTERS
/// @spec EMP-QUEUE-DIAG
/// @spec EMP-PROD-CONFORMANCE
/// @spec EMP-FINDINGS
EventReplay load_events(const std::filesystem::path& events_dir, const EventOptions& options);

}  // namespace adl::emp
