/// @file
/// The self-describing result file of a sharded sweep and its exact merge
/// (spec/online.md, SIM-SHARDS): schema `adlref.simulate-result/1`, holding
/// the canonical command, the parameters, the shard and every seed's exact
/// totals. Merging checks that the files come from the same parameters and
/// that their seed sets are disjoint; sums and means are exact, so the merged
/// result equals one unsharded run byte for byte.
#pragma once

#include "adl/sim/summary.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace adl::sim {

/// The schema of a result file.
/// @spec SIM-SHARDS
inline constexpr const char* kResultSchema = "adlref.simulate-result/1";

/// A shard `index`/`count` of a sweep's seeds.
/// @spec SIM-SHARDS
struct Shard {
  std::uint64_t index = 1;  ///< I, 1 ≤ I ≤ K.
  std::uint64_t count = 1;  ///< K.
};

/// Parses `I/K` (whole numbers of at most nine digits, 1 ≤ I ≤ K); throws
/// adl::ref::InvalidInput `--shard must be I/K …` otherwise.
/// @spec SIM-SHARDS
Shard parse_shard(const std::string& text);

/// The `parameters` object of a result file (also the `parameters` of `adlref.simulate/1`).
/// @spec SIM-SHARDS
nlohmann::ordered_json parameters_json(const SweepParameters& parameters);

/// One policy's totals on one seed as a result file stores them (also the
/// `per_seed` entries of `adlref.simulate/1`): exact rationals as strings.
/// @spec SIM-SHARDS
nlohmann::ordered_json seed_totals_json(const SeedTotals& totals);

/// The text of the result file of a summary: its command, parameters, shard and seeds.
/// @spec SIM-SHARDS
std::string result_file_text(const RunSummary& summary);

/// Reads result files and merges them into the summary of their seeds (shard
/// `1/1` when every seed of the sweep is present, else `partial`). Throws
/// adl::io::InputError (`FILE:LINE:COLUMN: field 'F': …`, FMT-ERRORS) on a
/// malformed file: not JSON, not a result file, a missing or mistyped value, a
/// seed outside its shard; and adl::ref::InvalidInput (`merge: FILE: …`) on an
/// unreadable file, files from different parameters, parameters that do not
/// render back to the file's command, a shard given twice, shards of different
/// splits, a seed in two files or outside the run's range.
/// @spec SIM-SHARDS
RunSummary merge_result_files(const std::vector<std::string>& files);

}  // namespace adl::sim
