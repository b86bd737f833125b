/// @file
/// The subcommands of `adl`. Each builds its whole output in a string and
/// returns an exit code; main() prints the text only when no exception was
/// thrown, so a failed command writes nothing on standard output. Each
/// command's file also declares its options (`*_spec()`, see options.hpp).
#pragma once

#include "common.hpp"
#include "options.hpp"

#include <cstdint>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adl::cli {

/// Options of `adl run`.
struct RunOptions {
  std::string book;                   ///< --book FILE.
  std::string policy;                 ///< --policy NAME.
  BudgetOptions budget;               ///< --severity / --budget / --clip-budget.
  std::optional<std::string> caps;    ///< --caps FILE.
  std::string score = "explicit";     ///< --score RULE.
  std::string risk = "linear";        ///< --risk MODEL.
  std::optional<std::string> needed;  ///< --needed B.
  std::int64_t top = 50;              ///< --top N (0 = all).
  std::string engine = "auto";        ///< --engine auto|fx|ref.
  bool json = false;                  ///< --json.
};

/// Options of `adl compare`.
struct CompareOptions {
  std::optional<std::string> book;       ///< --book FILE (default: embedded EX-5ACCT).
  BudgetOptions budget;                  ///< --severity / --budget / --clip-budget.
  std::optional<std::string> caps;       ///< --caps FILE.
  std::string score = "explicit";        ///< --score RULE.
  std::string risk = "linear";           ///< --risk MODEL.
  std::string engine = "auto";           ///< --engine auto|fx|ref.
  std::optional<std::int64_t> generate;  ///< --generate N: a synthetic book of N accounts instead of --book.
  std::string seed = "1";                ///< --seed S for --generate (an integer in [0, 2^64)).
  bool json = false;                     ///< --json.
};

/// Options of `adl check`.
struct CheckOptions {
  std::string book;                 ///< --book FILE.
  std::string allocation;           ///< --allocation FILE.
  std::optional<std::string> caps;  ///< --caps FILE.
  bool enforce_caps = false;        ///< --enforce-caps.
  BudgetOptions budget;             ///< --severity / --budget (clip unused).
  bool json = false;                ///< --json.
};

/// Options of `adl generate`.
struct GenerateOptions {
  std::int64_t accounts = 0;         ///< --accounts N.
  std::string seed = "1";            ///< --seed S (an integer in [0, 2^64)).
  std::string loser_share = "3/10";  ///< --loser-share F.
  bool caps = false;                 ///< --caps.
  std::optional<std::string> out;    ///< --out FILE.
};

/// Options of `adl prove`.
struct ProveOptions {
  std::vector<std::string> ids;         ///< Claim IDs (empty = the whole catalog).
  unsigned max_n = 0;                   ///< --max-n N (0 = each claim's default).
  unsigned max_t = 0;                   ///< --max-t T (0 = each claim's default).
  double timeout_seconds = 20;          ///< --timeout S, per solver query.
  double claim_limit_seconds = 300;     ///< --claim-limit S, wall clock per claim (a hang becomes TIMEOUT).
  unsigned jobs = 2;                    ///< --jobs N, claims checked at once (one process each).
  bool json = false;                    ///< --json.
  std::optional<std::string> smt2_dir;  ///< --smt2-dir DIR.
};

/// Options of `adl replay` (spec/empirical.md).
struct ReplayOptions {
  std::optional<std::string> dir;      ///< DIR holding per-wave/ and events/ (default ../shared/data/oct10).
  bool json = false;                   ///< --json: schema adlref.replay/1.
  std::optional<std::string> report;   ///< --report FILE.html.
  std::string tie_break = "pipeline";  ///< --tie-break pipeline|file (EMP-QUEUE-DIAG step 4).
  std::string beta = "8";              ///< --beta: participation decay of the queue diagnostic.
  std::vector<std::string> complete_markets{"MET"};  ///< --complete-market COIN (repeatable).
};

/// Options of `adl conform` (spec/conformance.md): --log FILE, or --impl CMD with vectors.
struct ConformOptions {
  std::optional<std::string> log;        ///< --log FILE: check one recorded ADL event.
  std::optional<std::string> impl;       ///< --impl CMD: the implementation under test.
  std::optional<std::string> policy;     ///< --policy NAME (harness mode).
  std::optional<std::string> vectors;    ///< --vectors FILE (JSON lines).
  std::optional<std::int64_t> generate;  ///< --generate N vectors from the reference.
  std::string seed = "1";                ///< --seed S for --generate.
  double timeout_seconds = 5;            ///< --timeout S per vector.
  bool json = false;                     ///< --json.
};

/// Options of `adl vectors export` (spec/conformance.md).
struct VectorsExportOptions {
  std::string policy = "all";      ///< --policy NAME or all.
  std::int64_t count = 200;        ///< --generate N (per policy).
  std::string seed = "1";          ///< --seed S.
  std::optional<std::string> out;  ///< --out FILE (temporary file renamed into place); stdout otherwise.
};

/// Options of `adl simulate` (spec/online.md).
struct SimulateOptions {
  std::string scenario;                   ///< --scenario pareto|alternating|oct10.
  std::optional<std::int64_t> rounds;     ///< --rounds T (oct10: 16, fixed).
  std::vector<std::string> policies;      ///< --policies LIST (SIM-CONTROLLERS texts).
  std::int64_t seeds = 1;                 ///< --seeds K.
  std::string seed = "1";                 ///< --seed S: the first seed.
  unsigned threads = 1;                   ///< --threads N (0 = all cores).
  std::string engine = "auto";            ///< --engine auto|exact|fast.
  std::string lambda = "1";               ///< --lambda λ of L^λ (SIM-LOSSES).
  std::optional<std::int64_t> winners;    ///< --winners n.
  std::int64_t losers = 100;              ///< --losers (pareto).
  std::string alpha = "3/2";              ///< --alpha α₊ (and α₋ unless --alpha-loss).
  std::optional<std::string> alpha_loss;  ///< --alpha-loss α₋ (pareto).
  std::string fee_rate = "0";             ///< --fee-rate ρ (pareto).
  std::string deficit = "1";              ///< --deficit λ of the alternating scenario.
  std::string m = "2";                    ///< --m M of the alternating scenario.
  std::optional<std::string> data;        ///< --data DIR (oct10; default ../shared/data/oct10).
  std::optional<std::string> shard;       ///< --shard I/K (SIM-SHARDS).
  std::optional<std::string> out;         ///< --out FILE: the self-describing result file.
  std::optional<std::string> csv;         ///< --csv FILE: per-round CSV.
  std::optional<std::string> report;      ///< --report FILE.html.
  bool json = false;                      ///< --json: schema adlref.simulate/1.
  std::optional<std::string> experiment;  ///< --experiment ptsr-scaling|poa (SIM-MONTE-CARLO).
  std::string sizes = "100,1000,10000";   ///< --sizes n₁,n₂,… of an experiment.
  std::string theta = "1/2";              ///< --theta θ of an experiment.
};

/// Options of `adl simulate merge` (SIM-SHARDS).
struct SimulateMergeOptions {
  std::vector<std::string> files;  ///< Result files of `adl simulate --shard I/K --out FILE`.
  std::optional<std::string> out;  ///< --out FILE: the merged result file.
  bool json = false;               ///< --json.
};

/// `adl run`: one policy on one book. Appends the output to `out`.
int run_command(const RunOptions& options, std::string& out);
/// `adl compare`: all seven policies on one book at one budget.
int compare_command(const CompareOptions& options, std::string& out);
/// `adl check`: audits an allocation file against a book.
int check_command(const CheckOptions& options, std::string& out);
/// `adl prove`: checks claims of the catalog; exit 1 if a verdict differs
/// from the expected one. Progress goes to `progress` (a bar on a terminal).
int prove_command(const ProveOptions& options, std::string& out, std::ostream& progress);
/// `adl generate`: writes a synthetic wealth-space book to --out (through a
/// temporary file renamed into place) or, streamed, to `stdout_stream`. All
/// options are validated before the first byte is written.
int generate_command(const GenerateOptions& options, std::ostream& stdout_stream);

/// `adl replay`: the October-10 reconstruction from the data folder; progress to `progress`.
int replay_command(const ReplayOptions& options, std::string& out, std::ostream& progress);
/// `adl conform --log`: checks one recorded ADL event against the spec; exit 1 on a violation.
int conform_log_command(const ConformOptions& options, std::string& out);
/// `adl conform --impl`: drives an implementation under test over test vectors; exit 0 only if all pass.
int conform_impl_command(const ConformOptions& options, std::string& out, std::ostream& progress);
/// `adl simulate`: a scenario played by several policies over seeds (spec/online.md); progress to `progress`.
int simulate_command(const SimulateOptions& options, std::string& out, std::ostream& progress);
/// `adl simulate merge`: combines sharded result files exactly (SIM-SHARDS).
int simulate_merge_command(const SimulateMergeOptions& options, std::string& out);
/// `adl vectors export`: writes versioned test vectors (JSON lines) to --out or `stdout_stream`.
int vectors_export_command(const VectorsExportOptions& options, std::ostream& stdout_stream);

/// `adl run` and its options (run.cpp).
CommandSpec run_spec();
/// `adl compare` and its options (compare.cpp).
CommandSpec compare_spec();
/// `adl check` and its options (check.cpp).
CommandSpec check_spec();
/// `adl generate` and its options (generate.cpp).
CommandSpec generate_spec();
/// `adl prove` and its options (prove.cpp).
CommandSpec prove_spec();
/// `adl replay` and its options (replay.cpp).
CommandSpec replay_spec();
/// `adl simulate`, `adl simulate merge` and their options (simulate.cpp).
CommandSpec simulate_spec();
/// `adl conform` (--log or --impl) and its options (conform_impl.cpp).
CommandSpec conform_spec();
/// `adl vectors export` and its options (conform_impl.cpp).
CommandSpec vectors_spec();

}  // namespace adl::cli
