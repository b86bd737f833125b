#include "adl/emp/event_replay.hpp"

#include <system_error>

namespace adl::emp {
namespace {

void append(Findings& to, const Findings& from) { to.insert(to.end(), from.begin(), from.end()); }

bool present(const std::filesystem::path& file, Findings& findings) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return true;
  findings.push_back(Finding{Severity::kInfo, "events.missing_file", file.string(), 0, "",
                             "optional file absent: the analyses that need it are skipped"});
  return false;
}

}  // namespace

EventReplay load_events(const std::filesystem::path& events_dir, const EventOptions& options) {
  EventReplay out;
  out.events_dir = events_dir;
  Findings missing;
  out.table = load_event_table((events_dir / kEventTableFile).string());
  const std::filesystem::path waves_file = events_dir / kExpectedWavesFile;
  const std::filesystem::path examples_file = events_dir / kExampleClustersFile;
  if (present(waves_file, missing)) out.expected_waves = load_expected_waves(waves_file.string());
  if (present(examples_file, missing)) {
    out.example_clusters = load_example_queue_clusters(examples_file.string());
  }

  out.waves = global_waves(out.table);
  if (out.expected_waves) {
    out.wave_comparison = match_expected_waves(out.table, out.waves, *out.expected_waves, waves_file.string());
  }
  out.clusters = coin_clusters(out.table);
  out.queue = queue_diagnostic(out.table, out.clusters, options.queue);
  if (out.example_clusters) {
    out.example_comparison = compare_example_clusters(*out.example_clusters, out.queue, examples_file.string());
  }
  out.conformance = prod_conformance(out.table, options.worst_cases);

  append(out.findings, missing);
  append(out.findings, out.table.findings);
  if (out.wave_comparison) append(out.findings, out.wave_comparison->findings);
  append(out.findings, out.queue.findings);
  if (out.example_comparison) append(out.findings, out.example_comparison->findings);
  return out;
}

}  // namespace adl::emp
