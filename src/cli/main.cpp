// The `adl` command: run, compare, check and generate (docs/cli.md).
// Exit codes follow spec/formats.md, FMT-ERRORS: 0 success, 1 violations found,
// 2 rejected input or usage, 70 internal error. Output is built in full before
// it is printed, so a failing command writes nothing on standard output.
#include "commands.hpp"

#include "adl/fx/error.hpp"
#include "adl/ref/error.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

using adl::cli::BudgetOptions;

void add_budget_options(CLI::App& sub, BudgetOptions& budget, bool with_clip) {
  auto* severity = sub.add_option("--severity", budget.severity,
                                  "Severity θ ∈ [0, 1]; the budget is B = θ·D (exact: 1/2, 0.5, 5e-1)");
  auto* amount = sub.add_option("--budget", budget.budget, "Budget B ≥ 0 in USD (exact); θ = B/D");
  severity->excludes(amount);
  amount->excludes(severity);
  if (with_clip) {
    sub.add_flag("--clip-budget", budget.clip,
                 "Clip the budget to the capacity, B = min(θ·D, U), instead of failing when θ·D > U");
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"adl — the adlref reference implementation of autodeleveraging (ADL) mechanisms.\n"
               "Exact rational arithmetic throughout; see docs/cli.md.",
               "adl"};
  app.set_version_flag("--version", std::string("adl (adlref) ") + adl::cli::kVersion);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 success, 1 violations found (check), 2 rejected input or usage, 70 internal error.");

  adl::cli::RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run one ADL policy on a book and report the allocation, metrics and validity");
  run_cmd->add_option("--book", run.book, "Book file (wealth- or position-space, CSV or JSON)")->required();
  run_cmd->add_option("--policy", run.policy,
                      "Policy: queue, pro-rata, levered-pro-rata, capped-pro-rata, rap, min-max, greedy-one-step")
      ->required();
  add_budget_options(*run_cmd, run.budget, true);
  run_cmd->add_option("--caps", run.caps, "Caps file (account,max_haircut,min_equity) replacing the book's caps");
  run_cmd->add_option("--score", run.score, "Queue score rule: explicit, hyperliquid, binance, largest-first")
      ->capture_default_str();
  run_cmd->add_option("--risk", run.risk, "Risk model for rap and greedy-one-step: linear, power:C, cvar:T")
      ->capture_default_str();
  run_cmd->add_option("--needed", run.needed, "Needed budget B_needed (USD); reports overshoot and undershoot");
  run_cmd->add_option("--top", run.top, "Per-account rows to print (0 = all)")->capture_default_str();
  run_cmd->add_option("--engine", run.engine,
                      "Engine: ref (exact), fx (fixed point, micro-USD), auto (fx above 10000 accounts)")
      ->capture_default_str();
  run_cmd->add_flag("--json", run.json, "Print one JSON document (schema adlref.run/1) instead of text");

  adl::cli::CompareOptions compare;
  CLI::App* compare_cmd = app.add_subcommand(
      "compare", "Compare all seven policies on one book at one budget (default: the embedded EX-5ACCT book at θ = 1/2)");
  compare_cmd->add_option("--book", compare.book, "Book file; without it, the embedded five-account example");
  add_budget_options(*compare_cmd, compare.budget, true);
  compare_cmd->add_option("--caps", compare.caps, "Caps file (account,max_haircut,min_equity)");
  compare_cmd->add_option("--score", compare.score, "Queue score rule: explicit, hyperliquid, binance, largest-first")
      ->capture_default_str();
  compare_cmd->add_option("--risk", compare.risk, "Risk model for rap and greedy-one-step: linear, power:C, cvar:T")
      ->capture_default_str();
  compare_cmd->add_option("--engine", compare.engine,
                          "Engine: ref (exact), fx (fixed point, micro-USD), auto (fx above 10000 accounts)")
      ->capture_default_str();
  compare_cmd->add_option("--generate", compare.generate,
                          "Compare on a generated synthetic book of N accounts (FX-GENERATOR) instead of --book");
  compare_cmd->add_option("--seed", compare.seed, "Seed of --generate (an integer in [0, 2^64))")->capture_default_str();
  compare_cmd->add_flag("--json", compare.json, "Print one JSON document (schema adlref.compare/1)");

  adl::cli::CheckOptions check;
  CLI::App* check_cmd = app.add_subcommand(
      "check", "Audit an allocation (adl run --json output, or CSV account,seized) against a book");
  check_cmd->add_option("--book", check.book, "Book file the allocation was computed on")->required();
  check_cmd->add_option("--allocation", check.allocation, "Allocation file: run JSON or CSV account,seized")
      ->required();
  check_cmd->add_option("--caps", check.caps, "Caps file (account,max_haircut,min_equity)");
  check_cmd->add_flag("--enforce-caps", check.enforce_caps,
                      "Also check the caps: h ≤ β and post-ADL equity ≥ min_equity");
  add_budget_options(*check_cmd, check.budget, false);
  check_cmd->add_flag("--json", check.json, "Print one JSON document (schema adlref.check/1)");

  adl::cli::GenerateOptions generate;
  CLI::App* generate_cmd =
      app.add_subcommand("generate", "Write a deterministic synthetic wealth-space book (CSV)");
  generate_cmd->add_option("--accounts", generate.accounts, "Number of accounts N, 1 ≤ N ≤ 10000000")->required();
  generate_cmd->add_option("--seed", generate.seed, "Seed S of std::mt19937_64 (integer in [0, 2^64))")
      ->capture_default_str();
  generate_cmd->add_option("--loser-share", generate.loser_share, "Probability F ∈ [0, 1] that an account loses")
      ->capture_default_str();
  generate_cmd->add_flag("--caps", generate.caps, "Add max_haircut and min_equity columns (every β ≥ 1/2)");
  generate_cmd->add_option("--out", generate.out, "Output file (written to a temporary file, then renamed)");

  adl::cli::ProveOptions prove;
  CLI::App* prove_cmd = app.add_subcommand(
      "prove", "Check the claims of spec/claims.md with Z3: PROVED to a bound, or REFUTED with a counterexample");
  prove_cmd->add_option("ids", prove.ids, "Claim IDs to check (default: the whole catalog)");
  prove_cmd->add_option("--max-n", prove.max_n, "Largest number of accounts (0 = each claim's default)");
  prove_cmd->add_option("--max-t", prove.max_t, "Largest number of rounds (0 = each claim's default)");
  prove_cmd->add_option("--timeout", prove.timeout_seconds, "Seconds per solver query")->capture_default_str();
  prove_cmd->add_option("--claim-limit", prove.claim_limit_seconds,
                        "Wall-clock seconds per claim; a check still running is stopped and reported TIMEOUT")
      ->capture_default_str();
  prove_cmd->add_option("--jobs", prove.jobs, "Claims checked at once, each in its own process")
      ->capture_default_str();
  prove_cmd->add_flag("--json", prove.json, "Print one JSON document (schema adlref.prove/1)");
  prove_cmd->add_option("--smt2-dir", prove.smt2_dir, "Write every solver query as SMT-LIB into DIR");

  adl::cli::ReplayOptions replay;
  CLI::App* replay_cmd = app.add_subcommand(
      "replay", "Reconstruct the 10 October 2025 Hyperliquid ADL event from its public data (spec/empirical.md)");
  replay_cmd->add_option("dir", replay.dir, "Data folder with per-wave/ and events/ (default: ../shared/data/oct10)");
  replay_cmd->add_flag("--json", replay.json, "Print one JSON document (schema adlref.replay/1)");
  replay_cmd->add_option("--report", replay.report, "Write an HTML report with SVG plots to FILE.html");
  replay_cmd->add_option("--tie-break", replay.tie_break, "Queue diagnostic tie order: pipeline or file")
      ->capture_default_str();
  replay_cmd->add_option("--beta", replay.beta, "Participation decay β of the queue diagnostic")->capture_default_str();
  replay_cmd->add_option("--complete-market", replay.complete_markets,
                         "A coin whose whole history is in the data (full queue results); repeatable")
      ->capture_default_str();

  adl::cli::SimulateOptions simulate;
  CLI::App* simulate_cmd = app.add_subcommand(
      "simulate", "Multi-round ADL: a scenario played by severity controllers over seeds, with regrets and bounds "
                  "(spec/online.md)");
  simulate_cmd->add_option("--scenario", simulate.scenario, "Scenario: pareto, alternating or oct10");
  simulate_cmd->add_option("--rounds", simulate.rounds, "Number of rounds T (oct10: 16)");
  simulate_cmd->add_option("--policies", simulate.policies,
                           "Policies CONTROLLER[:key=value,...][/RULE], space- or ';'-separated (e.g. ogd-tuned "
                           "static:theta=1/2/queue)");
  simulate_cmd->add_option("--seeds", simulate.seeds, "Number of seeds K")->capture_default_str();
  simulate_cmd->add_option("--seed", simulate.seed, "First seed S (seeds S..S+K-1)")->capture_default_str();
  simulate_cmd->add_option("--threads", simulate.threads, "Threads over seeds (0 = all cores)")->capture_default_str();
  simulate_cmd->add_option("--engine", simulate.engine, "Engine: exact, fast or auto")->capture_default_str();
  simulate_cmd->add_option("--lambda", simulate.lambda, "λ ≥ 0 of the objective L^λ")->capture_default_str();
  simulate_cmd->add_option("--winners", simulate.winners, "Winners per round n");
  simulate_cmd->add_option("--losers", simulate.losers, "Losers per round (pareto)")->capture_default_str();
  simulate_cmd->add_option("--alpha", simulate.alpha, "Tail index α₊ (pareto; also α₋ unless --alpha-loss)")
      ->capture_default_str();
  simulate_cmd->add_option("--alpha-loss", simulate.alpha_loss, "Tail index α₋ of the shortfalls (pareto)");
  simulate_cmd->add_option("--fee-rate", simulate.fee_rate, "Fee proxy ρ: φ_t = ρ·Σw (pareto)")->capture_default_str();
  simulate_cmd->add_option("--deficit", simulate.deficit, "λ of the alternating scenario: R_t = λ")
      ->capture_default_str();
  simulate_cmd->add_option("--m", simulate.m, "M > 1 of the alternating scenario: θ⋆ alternates 1/M, 1")
      ->capture_default_str();
  simulate_cmd->add_option("--data", simulate.data, "October-10 data folder holding per-wave/ (oct10)");
  simulate_cmd->add_option("--shard", simulate.shard, "Run shard I/K of the seeds (s mod K = I-1); needs --out");
  simulate_cmd->add_option("--out", simulate.out, "Write the self-describing result file (for merge)");
  simulate_cmd->add_option("--csv", simulate.csv, "Write the per-round CSV");
  simulate_cmd->add_option("--report", simulate.report, "Write an HTML report with SVG plots to FILE.html");
  simulate_cmd->add_flag("--json", simulate.json, "Print one JSON document (schema adlref.simulate/1)");
  simulate_cmd->add_option("--experiment", simulate.experiment, "Monte Carlo experiment: ptsr-scaling or poa");
  simulate_cmd->add_option("--sizes", simulate.sizes, "Experiment sizes n (comma-separated)")->capture_default_str();
  simulate_cmd->add_option("--theta", simulate.theta, "Experiment severity θ")->capture_default_str();
  adl::cli::SimulateMergeOptions simulate_merge;
  CLI::App* simulate_merge_cmd = simulate_cmd->add_subcommand(
      "merge", "Combine result files of sharded runs exactly (same output as one unsharded run)");
  simulate_merge_cmd->add_option("files", simulate_merge.files, "Result files (adl simulate --shard I/K --out FILE)")
      ->required();
  simulate_merge_cmd->add_option("--out", simulate_merge.out, "Write the merged result file");
  simulate_merge_cmd->add_flag("--json", simulate_merge.json, "Print one JSON document (schema adlref.simulate/1)");

  adl::cli::ConformOptions conform;
  CLI::App* conform_cmd = app.add_subcommand(
      "conform", "Check a venue's ADL: a recorded event (--log) or a live implementation (--impl) over test vectors");
  auto* conform_log = conform_cmd->add_option("--log", conform.log, "Event log (JSON, spec/conformance.md) to check");
  auto* conform_impl = conform_cmd->add_option("--impl", conform.impl, "Command of the implementation under test");
  conform_log->excludes(conform_impl);
  conform_impl->excludes(conform_log);
  conform_cmd->add_option("--policy", conform.policy, "Policy the implementation claims (harness mode)");
  auto* conform_vectors = conform_cmd->add_option("--vectors", conform.vectors, "Test vectors (JSON lines)");
  auto* conform_generate = conform_cmd->add_option("--generate", conform.generate, "Generate N vectors from the reference");
  conform_vectors->excludes(conform_generate);
  conform_generate->excludes(conform_vectors);
  conform_cmd->add_option("--seed", conform.seed, "Seed of --generate (an integer in [0, 2^64))")->capture_default_str();
  conform_cmd->add_option("--timeout", conform.timeout_seconds, "Seconds the implementation may take per vector")
      ->capture_default_str();
  conform_cmd->add_flag("--json", conform.json, "Print one JSON document");

  adl::cli::VectorsExportOptions vectors_export;
  CLI::App* vectors_cmd = app.add_subcommand("vectors", "Conformance test vectors (spec/conformance.md)");
  vectors_cmd->require_subcommand(1);
  CLI::App* vectors_export_cmd = vectors_cmd->add_subcommand(
      "export", "Write versioned, reproducible test vectors (JSON lines) for a venue's own CI");
  vectors_export_cmd->add_option("--policy", vectors_export.policy, "Policy, or all")->capture_default_str();
  vectors_export_cmd->add_option("--generate", vectors_export.count, "Vectors per policy")->capture_default_str();
  vectors_export_cmd->add_option("--seed", vectors_export.seed, "Seed (an integer in [0, 2^64))")->capture_default_str();
  vectors_export_cmd->add_option("--out", vectors_export.out, "Output file (written to a temporary file, then renamed)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? adl::cli::kExitOk : adl::cli::kExitInput;
  }

  std::string out;
  try {
    int code = adl::cli::kExitOk;
    if (run_cmd->parsed()) code = adl::cli::run_command(run, out);
    if (compare_cmd->parsed()) code = adl::cli::compare_command(compare, out);
    if (check_cmd->parsed()) code = adl::cli::check_command(check, out);
    if (prove_cmd->parsed()) code = adl::cli::prove_command(prove, out, std::cerr);
    if (generate_cmd->parsed()) code = adl::cli::generate_command(generate, std::cout);
    if (replay_cmd->parsed()) code = adl::cli::replay_command(replay, out, std::cerr);
    if (simulate_merge_cmd->parsed()) {
      code = adl::cli::simulate_merge_command(simulate_merge, out);
    } else if (simulate_cmd->parsed()) {
      code = adl::cli::simulate_command(simulate, out, std::cerr);
    }
    if (conform_cmd->parsed()) {
      if (conform.log) {
        code = adl::cli::conform_log_command(conform, out);
      } else if (conform.impl) {
        code = adl::cli::conform_impl_command(conform, out, std::cerr);
      } else {
        throw adl::cli::UsageError("conform: give --log FILE or --impl CMD");
      }
    }
    if (vectors_export_cmd->parsed()) code = adl::cli::vectors_export_command(vectors_export, std::cout);
    std::cout << out << std::flush;
    return code;
  } catch (const adl::io::InputError& e) {
    std::cerr << e.what() << "\n";
    return adl::cli::kExitInput;
  } catch (const adl::ref::InvalidInput& e) {
    std::cerr << "adl: error: " << e.what() << "\n";
    return adl::cli::kExitInput;
  } catch (const adl::ref::Infeasible& e) {
    std::cerr << "adl: error: " << e.what() << "\n";
    return adl::cli::kExitInput;
  } catch (const adl::fx::Overflow& e) {
    // FX-OVERFLOW: a book outside the fixed-point range is rejected input, as compare reports it.
    std::cerr << "adl: error: " << e.what() << "; use --engine ref\n";
    return adl::cli::kExitInput;
  } catch (const adl::cli::UsageError& e) {
    std::cerr << "adl: error: " << e.what() << "\n";
    return adl::cli::kExitInput;
  } catch (const std::exception& e) {
    std::cerr << "adl: internal error: " << e.what() << "\n";
    return adl::cli::kExitInternal;
  } catch (...) {
    std::cerr << "adl: internal error\n";
    return adl::cli::kExitInternal;
  }
}
