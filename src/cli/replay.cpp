// `adl replay`: the October-10 reconstruction (spec/empirical.md). Options →
// the per-wave tables and the event table read through adl::emp → one view
// model (emp::ReplaySummary) → text for people (every caveat beside its
// number), or one JSON document (EMP-REPLAY-JSON), and optionally an HTML
// report with SVG plots (EMP-REPORT). The renderers live in replay_*.cpp.
#include "commands.hpp"
#include "replay_render.hpp"

#include "adl/emp/event_replay.hpp"
#include "adl/emp/perwave.hpp"
#include "adl/emp/replay_summary.hpp"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <ostream>
#include <utility>

namespace adl::cli {
namespace {

namespace fs = std::filesystem;

fs::path data_dir(const ReplayOptions& options) {
  if (options.dir) return *options.dir;
  if (const char* shared = std::getenv("ADL_SHARED_DIR"); shared != nullptr && *shared != '\0') {
    return fs::path(shared) / "data" / "oct10";
  }
  return fs::path(ADL_DEFAULT_SHARED_DIR) / "data" / "oct10";
}

// The data folder must hold per-wave/; events/ is optional (its sections are then absent).
void check_folder(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    throw UsageError("replay: data folder '" + dir.string() +
                     "' not found. Pass the folder of the October-10 data (with per-wave/ and events/), e.g. "
                     "../shared/data/oct10; see spec/empirical.md.");
  }
  if (!fs::is_directory(dir / "per-wave", ec)) {
    throw UsageError("replay: '" + dir.string() + "' has no per-wave/ folder (the published per-wave tables)");
  }
}

emp::EventOptions event_options(const ReplayOptions& options) {
  emp::EventOptions event_options;
  const auto tie = emp::parse_tie_break(options.tie_break);
  if (!tie) throw UsageError("--tie-break must be 'pipeline' or 'file', got '" + options.tie_break + "'");
  event_options.queue.tie_break = *tie;
  event_options.queue.beta = parse_number("--beta", options.beta);
  if (event_options.queue.beta < 0) throw UsageError("--beta must be ≥ 0, got " + options.beta);
  event_options.queue.complete_markets = options.complete_markets;
  return event_options;
}

// Reads both folders (a progress bar on a terminal) and builds the view model.
emp::ReplaySummary load(const ReplayOptions& options, std::ostream& progress_stream) {
  const fs::path dir = data_dir(options);
  check_folder(dir);
  const emp::EventOptions events = event_options(options);

  Progress progress(progress_stream, 2);
  progress.show(0, "per-wave tables");
  emp::PerWaveReplay per_wave = emp::load_per_wave(dir / "per-wave");
  progress.show(1, "event table");
  std::optional<emp::EventReplay> event_replay;
  std::error_code ec;
  if (fs::is_directory(dir / "events", ec)) event_replay = emp::load_events(dir / "events", events);
  progress.show(2, "done");
  progress.finish();
  return emp::summarize_replay(dir.string(), std::move(per_wave), std::move(event_replay));
}

}  // namespace

int replay_command(const ReplayOptions& options, std::string& out, std::ostream& progress) {
  const emp::ReplaySummary summary = load(options, progress);
  // Everything is built before anything is written: a failing plot leaves no file.
  if (options.report) {
    const std::string html = replay_render::html(summary, progress);
    write_file_atomically(*options.report, "--report", [&](std::ostream& file) { file << html; });
  }
  out += options.json ? replay_render::json(summary) : replay_render::text(summary, options.report);
  return kExitOk;
}

CommandSpec replay_spec() {
  auto options = std::make_shared<ReplayOptions>();
  ReplayOptions& o = *options;
  CommandSpec spec{"replay",
                   "Reconstruct the 10 October 2025 Hyperliquid ADL event from its public data (spec/empirical.md)",
                   [options](std::string& out) { return replay_command(*options, out, std::cerr); }};
  auto& add = spec.options;
  add.push_back({"dir", "Data folder with per-wave/ and events/ (default: ../shared/data/oct10)", &o.dir});
  add.push_back(json_flag(o.json, "adlref.replay/1"));
  add.push_back({"--report", "Write an HTML report with SVG plots to FILE.html", &o.report});
  add.push_back(OptionSpec{"--tie-break", "Queue diagnostic tie order: pipeline or file", &o.tie_break}.with_default());
  add.push_back(OptionSpec{"--beta", "Participation decay β of the queue diagnostic", &o.beta}.with_default());
  add.push_back(OptionSpec{"--complete-market",
                           "A coin whose whole history is in the data (full queue results); repeatable",
                           &o.complete_markets}
                    .with_default());
  return spec;
}

}  // namespace adl::cli
