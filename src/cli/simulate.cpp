// `adl simulate` and `adl simulate merge` (spec/online.md): the options become
// a sim::SweepParameters (or sim::ExperimentParameters), the seeds run on
// threads, adl::sim builds the view model, and simulate_render.cpp formats it.
// Results are gathered in seed order whatever --threads is, so a run is a pure
// function of its parameters (SIM-ROUND) and a merge of its shards gives the
// same bytes (SIM-SHARDS).
#include "commands.hpp"
#include "simulate_render.hpp"

#include "adl/sim/experiment.hpp"
#include "adl/sim/result_file.hpp"
#include "adl/sim/summary.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <functional>
#include <limits>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>

namespace adl::cli {
namespace {

namespace fs = std::filesystem;
using ref::Rational;

// Above this many winner-rounds `--engine auto` uses the fast engine.
constexpr std::size_t kAutoExactLimit = 20'000;

// ---------------------------------------------------------------- option parsing

std::size_t positive_count(std::int64_t value, const std::string& option, std::int64_t max) {
  if (value <= 0) throw UsageError(option + " must be a positive integer, got " + std::to_string(value));
  if (value > max)
    throw UsageError(option + " must be at most " + std::to_string(max) + ", got " + std::to_string(value));
  return static_cast<std::size_t>(value);
}

Rational parse_alpha(const std::string& option, const std::string& text) {
  const Rational a = parse_number(option, text);
  if (a <= 0 || a > 100) throw UsageError(option + " must lie in (0, 100], got " + text);
  return a;
}

// --seeds K and --seed S: K seeds from S, all below 2^64.
std::pair<std::size_t, std::uint64_t> seed_range(const SimulateOptions& o) {
  const std::size_t count = positive_count(o.seeds, "--seeds", 1'000'000);
  const std::uint64_t first = parse_seed(o.seed);
  if (first > std::numeric_limits<std::uint64_t>::max() - (count - 1)) {
    throw UsageError("--seed + --seeds - 1 must stay below 2^64");
  }
  return {count, first};
}

unsigned thread_count(unsigned requested) {
  return requested == 0 ? std::max(1u, std::thread::hardware_concurrency()) : requested;
}

// --policies: items split on ';' and spaces, parsed (SIM-CONTROLLERS), each named once.
void resolve_policies(const SimulateOptions& o, sim::SweepParameters& p) {
  std::vector<std::string> names;
  for (const std::string& item : o.policies) {
    std::string current;
    for (const char c : item + ' ') {
      if (c != ';' && c != ' ') {
        current += c;
      } else if (!current.empty()) {
        names.push_back(std::move(current));
        current.clear();
      }
    }
  }
  if (names.empty()) throw UsageError("--policies needs at least one policy (e.g. ogd-tuned or static:theta=1/2)");
  for (const std::string& name : names) {
    try {
      p.policies.push_back(sim::parse_policy(name));
    } catch (const std::invalid_argument& e) {
      throw UsageError("--policies: '" + name + "': " + e.what());
    }
    p.policy_names.push_back(sim::policy_name(p.policies.back()));
  }
  std::set<std::string> seen;
  for (const std::string& n : p.policy_names) {
    if (!seen.insert(n).second) throw UsageError("--policies lists '" + n + "' twice");
  }
}

// --rounds and the October-10 data folder.
void resolve_rounds(const SimulateOptions& o, sim::SweepParameters& p) {
  if (p.scenario != "oct10") {
    if (!o.rounds) throw UsageError("--rounds T is required for the " + p.scenario + " scenario");
    p.rounds = positive_count(*o.rounds, "--rounds", 100'000'000);
    return;
  }
  if (o.rounds && *o.rounds != 16) {
    throw UsageError("--rounds: the oct10 scenario has T = 16 rounds (one per published wave), got " +
                     std::to_string(*o.rounds));
  }
  p.rounds = 16;
  p.oct10_winners = o.winners ? positive_count(*o.winners, "--winners", 100'000) : 100;
  p.data_dir = o.data ? fs::path(*o.data) : default_oct10_dir();
  std::error_code ec;
  if (!fs::is_directory(p.data_dir / "per-wave", ec)) {
    throw UsageError("--scenario oct10 needs the October-10 data: '" + (p.data_dir / "per-wave").string() +
                     "' not found (pass --data DIR, the folder holding per-wave/)");
  }
}

void resolve_pareto(const SimulateOptions& o, sim::SweepParameters& p) {
  p.pareto.rounds = p.rounds;
  p.pareto.winners = o.winners ? positive_count(*o.winners, "--winners", 8'000'000) : 1000;
  p.pareto.losers = positive_count(o.losers, "--losers", 8'000'000);
  p.alpha_win = parse_alpha("--alpha", o.alpha);
  p.alpha_loss = o.alpha_loss ? parse_alpha("--alpha-loss", *o.alpha_loss) : p.alpha_win;
  p.pareto.alpha_win = p.alpha_win.convert_to<double>();
  p.pareto.alpha_loss = p.alpha_loss.convert_to<double>();
  p.pareto.fee_rate = parse_number("--fee-rate", o.fee_rate);
  if (p.pareto.fee_rate < 0) throw UsageError("--fee-rate must be >= 0, got " + o.fee_rate);
}

void resolve_alternating(const SimulateOptions& o, sim::SweepParameters& p) {
  if (p.rounds % 2 != 0) {
    throw UsageError("--rounds must be even for the alternating scenario, got " + std::to_string(p.rounds));
  }
  p.alternating.rounds = p.rounds;
  p.alternating.lambda = parse_number("--deficit", o.deficit);
  if (p.alternating.lambda <= 0) throw UsageError("--deficit (λ of the alternating scenario) must be > 0");
  p.alternating.m = parse_number("--m", o.m);
  if (p.alternating.m <= 1) throw UsageError("--m (M of the alternating scenario) must be > 1, got " + o.m);
  p.alternating.winners = o.winners ? positive_count(*o.winners, "--winners", 100'000) : 2;
}

// --engine: auto is the fast engine above kAutoExactLimit winner-rounds of the Pareto scenario.
std::string resolve_engine(const SimulateOptions& o, const sim::SweepParameters& p) {
  if (o.engine == "exact" || o.engine == "fast") return o.engine;
  if (o.engine != "auto") throw UsageError("--engine must be auto, exact or fast, got '" + o.engine + "'");
  const std::size_t winners = p.scenario == "pareto"        ? p.pareto.winners
                              : p.scenario == "alternating" ? p.alternating.winners
                                                            : p.oct10_winners;
  return p.scenario == "pareto" && p.rounds * winners > kAutoExactLimit ? "fast" : "exact";
}

// The sweep of the options, every value checked in the order the options are documented.
sim::SweepParameters resolve(const SimulateOptions& o) {
  sim::SweepParameters p;
  p.scenario = o.scenario;
  if (p.scenario != "pareto" && p.scenario != "alternating" && p.scenario != "oct10") {
    throw UsageError("--scenario must be pareto, alternating or oct10, got '" + o.scenario + "'");
  }
  resolve_policies(o, p);
  std::tie(p.seed_count, p.first_seed) = seed_range(o);
  p.lambda = parse_number("--lambda", o.lambda);
  if (p.lambda < 0) throw UsageError("--lambda must be >= 0, got " + o.lambda);
  resolve_rounds(o, p);
  if (p.scenario == "pareto") resolve_pareto(o, p);
  if (p.scenario == "alternating") resolve_alternating(o, p);
  p.engine = resolve_engine(o, p);
  return p;
}

// Output files must be distinct and their folders must exist before any work is done.
void check_output_files(const SimulateOptions& o) {
  std::set<std::string> targets;
  for (const auto& [option, file] : {std::pair{"--out", o.out}, {"--csv", o.csv}, {"--report", o.report}}) {
    if (!file) continue;
    if (!targets.insert(fs::absolute(*file).lexically_normal().string()).second) {
      throw UsageError(std::string(option) + " names a file another option writes too: '" + *file + "'");
    }
    const fs::path folder = fs::absolute(*file).parent_path();
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      throw UsageError(std::string(option) + ": folder '" + folder.string() + "' does not exist");
    }
  }
}

void write_text(const std::optional<std::string>& file, const std::string& option, const std::string& text) {
  if (file) write_file_atomically(*file, option, [&](std::ostream& f) { f << text; });
}

// ---------------------------------------------------------------- running

// Runs job(0) … job(count − 1) on `threads` threads with a progress bar; a failed
// job's exception is rethrown after all have finished (the first in job order).
void run_jobs(std::size_t count, unsigned threads, std::ostream& progress_stream, const std::string& label,
              const std::function<void(std::size_t)>& job) {
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        job(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
      ++done;
    }
  };
  Progress progress(progress_stream, count);
  std::vector<std::thread> pool;
  for (unsigned k = 0; k < std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(count))); ++k) {
    pool.emplace_back(worker);
  }
  while (done.load() < count) {
    progress.show(done.load(), label);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (std::thread& t : pool) t.join();
  progress.finish();
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

// ---------------------------------------------------------------- Monte Carlo (SIM-MONTE-CARLO)

std::vector<std::size_t> parse_sizes(const std::string& text) {
  const std::string message = "--sizes must be a comma-separated list of whole numbers >= 2, got '" + text + "'";
  std::vector<std::size_t> sizes;
  std::stringstream s(text);
  std::string item;
  while (std::getline(s, item, ',')) {
    if (item.empty() || item.size() > 8 ||
        !std::all_of(item.begin(), item.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw UsageError(message);
    }
    sizes.push_back(std::stoul(item));
    if (sizes.back() < 2) throw UsageError(message);
  }
  if (sizes.empty()) throw UsageError("--sizes needs at least one size");
  return sizes;
}

sim::ExperimentParameters experiment_parameters(const SimulateOptions& o) {
  sim::ExperimentParameters p;
  if (*o.experiment == "ptsr-scaling") {
    p.kind = sim::ExperimentKind::PtsrScaling;
  } else if (*o.experiment == "poa") {
    p.kind = sim::ExperimentKind::Poa;
  } else {
    throw UsageError("--experiment must be ptsr-scaling or poa, got '" + *o.experiment + "'");
  }
  p.sizes = parse_sizes(o.sizes);
  p.sizes_text = o.sizes;
  std::tie(p.seeds, p.first_seed) = seed_range(o);
  p.alpha = parse_alpha("--alpha", o.alpha);
  p.theta = parse_number("--theta", o.theta);
  if (p.theta <= 0 || p.theta > 1) throw UsageError("--theta must lie in (0, 1], got " + o.theta);
  return p;
}

int experiment_command(const SimulateOptions& o, std::string& out, std::ostream& progress) {
  const sim::ExperimentParameters p = experiment_parameters(o);
  std::vector<sim::ExperimentCell> cells(sim::experiment_jobs(p));
  run_jobs(cells.size(), thread_count(o.threads), progress, sim::experiment_name(p.kind),
           [&](std::size_t j) { cells[j] = sim::experiment_cell(p, j); });
  const sim::ExperimentSummary summary = sim::summarise_experiment(p, cells);
  if (o.report) write_text(o.report, "--report", experiment_html(summary));
  out += o.json ? experiment_json(summary) : experiment_text(summary);
  return kExitOk;
}

}  // namespace

int simulate_command(const SimulateOptions& o, std::string& out, std::ostream& progress) {
  if (o.experiment) return experiment_command(o, out, progress);
  if (o.scenario.empty()) throw UsageError("simulate: --scenario NAME is required (pareto, alternating, oct10)");
  const sim::SweepParameters p = resolve(o);
  sim::Shard shard;
  if (o.shard) {
    shard = sim::parse_shard(*o.shard);
    if (!o.out) throw UsageError("--shard writes a result file: give --out FILE");
  }
  check_output_files(o);
  const std::vector<std::uint64_t> seeds = sim::shard_seeds(p, shard.index, shard.count);
  const bool keep_rounds = o.csv.has_value() || o.report.has_value();
  std::vector<sim::SeedResult> results(seeds.size());
  run_jobs(seeds.size(), thread_count(o.threads), progress, p.scenario + " seeds",
           [&](std::size_t i) { results[i] = sim::run_seed(p, seeds[i], keep_rounds); });
  const sim::RunSummary summary = sim::summarise(p, std::move(results),
                                                 std::to_string(shard.index) + "/" + std::to_string(shard.count));
  const std::string text = o.json ? simulate_json(summary) : simulate_text(summary);

  // Build every file's text first, then write them (each atomically).
  std::optional<std::string> result_text, csv_text, html_text;
  if (o.out) result_text = sim::result_file_text(summary);
  if (o.csv) csv_text = simulate_csv(summary);
  if (o.report) {
    if (summary.seeds.empty()) throw UsageError("--report: this shard holds no seed");
    html_text = simulate_html(summary);
  }
  if (result_text) write_text(o.out, "--out", *result_text);
  if (csv_text) write_text(o.csv, "--csv", *csv_text);
  if (html_text) write_text(o.report, "--report", *html_text);
  out += text;
  return kExitOk;
}

int simulate_merge_command(const SimulateMergeOptions& o, std::string& out) {
  if (o.files.empty()) throw UsageError("simulate merge: give the result files to merge");
  const sim::RunSummary summary = sim::merge_result_files(o.files);
  if (o.out) write_text(o.out, "--out", sim::result_file_text(summary));
  out += o.json ? simulate_json(summary) : simulate_text(summary);
  if (summary.shard == "partial" && !o.json) {
    out += "\nNote: the merged files hold " + std::to_string(summary.seeds.size()) + " of the " +
           std::to_string(summary.parameters.seed_count) + " seeds (shards missing).\n";
  }
  return kExitOk;
}

namespace {

CommandSpec simulate_merge_spec() {
  auto options = std::make_shared<SimulateMergeOptions>();
  SimulateMergeOptions& o = *options;
  CommandSpec spec{"merge", "Combine result files of sharded runs exactly (same output as one unsharded run)",
                   [options](std::string& out) { return simulate_merge_command(*options, out); }};
  spec.options.push_back(OptionSpec{"files", "Result files (adl simulate --shard I/K --out FILE)", &o.files}.needed());
  spec.options.push_back(out_option(o.out, "Write the merged result file"));
  spec.options.push_back(json_flag(o.json, "adlref.simulate/1"));
  return spec;
}

}  // namespace

CommandSpec simulate_spec() {
  auto options = std::make_shared<SimulateOptions>();
  SimulateOptions& o = *options;
  CommandSpec spec{"simulate",
                   "Multi-round ADL: a scenario played by severity controllers over seeds, with regrets and bounds "
                   "(spec/online.md)",
                   [options](std::string& out) { return simulate_command(*options, out, std::cerr); }};
  auto& add = spec.options;
  add.push_back({"--scenario", "Scenario: pareto, alternating or oct10", &o.scenario});
  add.push_back({"--rounds", "Number of rounds T (oct10: 16)", &o.rounds});
  add.push_back({"--policies",
                 "Policies CONTROLLER[:key=value,...][/RULE], space- or ';'-separated (e.g. ogd-tuned "
                 "static:theta=1/2/queue)",
                 &o.policies});
  add.push_back(OptionSpec{"--seeds", "Number of seeds K", &o.seeds}.with_default());
  add.push_back(seed_option(o.seed, "First seed S (seeds S..S+K-1)"));
  add.push_back(OptionSpec{"--threads", "Threads over seeds (0 = all cores)", &o.threads}.with_default());
  add.push_back(engine_option(o.engine, "Engine: exact, fast or auto"));
  add.push_back(OptionSpec{"--lambda", "λ ≥ 0 of the objective L^λ", &o.lambda}.with_default());
  add.push_back({"--winners", "Winners per round n", &o.winners});
  add.push_back(OptionSpec{"--losers", "Losers per round (pareto)", &o.losers}.with_default());
  add.push_back(OptionSpec{"--alpha", "Tail index α₊ (pareto; also α₋ unless --alpha-loss)", &o.alpha}.with_default());
  add.push_back({"--alpha-loss", "Tail index α₋ of the shortfalls (pareto)", &o.alpha_loss});
  add.push_back(OptionSpec{"--fee-rate", "Fee proxy ρ: φ_t = ρ·Σw (pareto)", &o.fee_rate}.with_default());
  add.push_back(OptionSpec{"--deficit", "λ of the alternating scenario: R_t = λ", &o.deficit}.with_default());
  add.push_back(OptionSpec{"--m", "M > 1 of the alternating scenario: θ⋆ alternates 1/M, 1", &o.m}.with_default());
  add.push_back({"--data", "October-10 data folder holding per-wave/ (oct10)", &o.data});
  add.push_back({"--shard", "Run shard I/K of the seeds (s mod K = I-1); needs --out", &o.shard});
  add.push_back(out_option(o.out, "Write the self-describing result file (for merge)"));
  add.push_back({"--csv", "Write the per-round CSV", &o.csv});
  add.push_back({"--report", "Write an HTML report with SVG plots to FILE.html", &o.report});
  add.push_back(json_flag(o.json, "adlref.simulate/1"));
  add.push_back({"--experiment", "Monte Carlo experiment: ptsr-scaling or poa", &o.experiment});
  add.push_back(OptionSpec{"--sizes", "Experiment sizes n (comma-separated)", &o.sizes}.with_default());
  add.push_back(OptionSpec{"--theta", "Experiment severity θ", &o.theta}.with_default());
  spec.subcommands.push_back(simulate_merge_spec());
  return spec;
}

}  // namespace adl::cli
