// `adl conform --impl` and `adl vectors export` (spec/harness.md; docs/cli.md):
// the conformance harness over test vectors generated from the reference.
#include "commands.hpp"

#include "adl/conf/driver.hpp"
#include "adl/conf/vectors.hpp"
#include "adl/io/names.hpp"
#include "adl/sys/process.hpp"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace adl::cli {
namespace {

using nlohmann::ordered_json;

constexpr std::int64_t kMaxVectorsPerPolicy = 100'000;
constexpr std::int64_t kDefaultVectors = 200;
constexpr std::size_t kFailuresShown = 20;

/// The policies of `--policy NAME|all` (canonical names, aliases accepted).
std::vector<ref::PolicyKind> policies_of(const std::string& name) {
  if (name == "all") return conf::vector_policies();
  try {
    return {io::parse_policy_name(name)};
  } catch (const ref::InvalidInput& e) {
    throw UsageError(std::string("--policy: ") + e.what());
  }
}

std::string seconds_text(double s) {
  std::ostringstream o;
  o << std::fixed << std::setprecision(s < 10 ? 2 : 1) << s << " s";
  return o.str();
}

std::vector<conf::Vector> generated(const std::vector<ref::PolicyKind>& policies, std::int64_t count,
                                    std::uint64_t seed) {
  std::vector<conf::Vector> vectors;
  for (const ref::PolicyKind p : policies) {
    auto some = conf::generate_vectors(p, static_cast<std::size_t>(count), seed);
    vectors.insert(vectors.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
  }
  return vectors;
}

void check_count(std::int64_t count, const std::string& option) {
  if (count < 1 || count > kMaxVectorsPerPolicy) {
    throw UsageError(option + " must lie in [1, 100000] vectors per policy, got " + std::to_string(count));
  }
}

ordered_json verdict_json(const conf::Verdict& v) {
  ordered_json j;
  j["verdict"] = std::string(conf::verdict_name(v.kind));
  j["detail"] = v.detail;
  j["reply"] = v.reply;
  return j;
}

}  // namespace

int conform_impl_command(const ConformOptions& options, std::string& out, std::ostream& progress_stream) {
  // ---- Everything is validated before the implementation is started.
  std::vector<std::string> argv;
  try {
    argv = conf::split_command(*options.impl);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--impl: ") + e.what());
  }
  if (!(options.timeout_seconds > 0) || options.timeout_seconds > 3600) {
    throw UsageError("--timeout must lie in (0, 3600] seconds");
  }
  const auto timeout = std::chrono::milliseconds(std::max<long>(1, std::lround(options.timeout_seconds * 1000)));

  std::vector<conf::Vector> vectors;
  ordered_json source;
  KeyValues about;
  std::string command_text;
  for (const std::string& word : argv) command_text += (command_text.empty() ? "" : " ") + word;
  about.add("implementation", command_text);
  std::string policy_label = "all";
  if (options.policy && *options.policy != "all") policy_label = ref::policy_name(policies_of(*options.policy).front());
  if (options.vectors) {
    std::ifstream in(*options.vectors, std::ios::binary);
    if (!in) throw UsageError("cannot open '" + *options.vectors + "' (--vectors)");
    conf::VectorFile file = conf::read_vectors(in, *options.vectors);
    std::vector<ref::PolicyKind> wanted = policies_of(policy_label);
    for (conf::Vector& v : file.vectors) {
      if (std::find(wanted.begin(), wanted.end(), v.policy) != wanted.end()) vectors.push_back(std::move(v));
    }
    if (vectors.empty()) {
      throw UsageError("'" + *options.vectors + "' has no vectors of policy " + policy_label + " (its header says " +
                       file.header.policy + ")");
    }
    source["source"] = "file";
    source["path"] = *options.vectors;
    source["format"] = file.header.format;
    source["generator"] = file.header.generator;
    source["seed"] = file.header.seed;
    source["count"] = vectors.size();
    about.add("policy", policy_label);
    about.add("vectors", std::to_string(vectors.size()) + " from " + *options.vectors + " (" + file.header.format +
                             ", " + file.header.generator + ", seed " + file.header.seed + ")");
  } else {
    if (!options.policy) throw UsageError("conform --impl: give --policy NAME (or all) with --generate, or --vectors FILE");
    const std::int64_t count = options.generate.value_or(kDefaultVectors);
    check_count(count, "--generate");
    const std::uint64_t seed = parse_seed(options.seed);
    vectors = generated(policies_of(*options.policy), count, seed);
    source["source"] = "generated";
    source["generator"] = conf::kGeneratorVersion;
    source["seed"] = std::to_string(seed);
    source["count"] = vectors.size();
    about.add("policy", policy_label);
    about.add("vectors", std::to_string(vectors.size()) + " generated from seed " + std::to_string(seed) + " (" +
                             conf::kGeneratorVersion + ")");
  }

  // ---- The run.
  sys::kill_children_on_signals();
  conf::DriverOptions driver;
  driver.command = argv;
  driver.timeout = timeout;
  Progress progress(progress_stream, vectors.size());
  driver.progress = [&](std::size_t done, std::size_t, const std::string& label) {
    progress.show(done, label);
  };
  conf::Report report;
  try {
    report = conf::run_conformance(vectors, driver);
  } catch (const sys::SpawnError& e) {
    progress.finish();
    throw UsageError(std::string("--impl: ") + e.what());
  }
  progress.finish();

  const bool passed = report.passed();
  std::size_t failed = 0;
  for (const auto& r : report.results) failed += r.verdict.kind == conf::VerdictKind::Pass ? 0U : 1U;
  std::string summary;
  for (const conf::VerdictKind kind : conf::verdict_kinds()) {
    if (kind == conf::VerdictKind::Pass || report.count(kind) == 0) continue;
    summary += (summary.empty() ? "" : ", ") + std::string(conf::verdict_name(kind)) + " " +
               std::to_string(report.count(kind));
  }

  if (options.json) {
    ordered_json doc;
    doc["schema"] = "adlref.conform-impl/1";
    doc["implementation"] = argv;
    doc["policy"] = policy_label;
    doc["vectors"] = source;
    doc["timeout_seconds"] = options.timeout_seconds;
    doc["processes_started"] = report.starts;
    doc["total_limit_reached"] = report.total_limit_reached;
    doc["seconds"] = report.seconds;
    doc["passed"] = passed;
    ordered_json counts = ordered_json::object();
    for (const conf::VerdictKind kind : conf::verdict_kinds()) {
      counts[std::string(conf::verdict_name(kind))] = report.count(kind);
    }
    doc["counts"] = counts;
    ordered_json results = ordered_json::array();
    for (const auto& r : report.results) {
      ordered_json j;
      j["id"] = r.id;
      j["family"] = r.family;
      j["case"] = r.case_name;
      j["accounts"] = r.accounts;
      j.update(verdict_json(r.verdict));
      j["seconds"] = r.seconds;
      results.push_back(j);
    }
    doc["results"] = results;
    ordered_json minimal = ordered_json::array();
    for (const auto& m : report.minimal) {
      ordered_json j;
      j["verdict"] = std::string(conf::verdict_name(m.kind));
      j["from"] = m.from;
      j["accounts"] = m.vector.size();
      j["steps"] = m.steps;
      j["runs"] = m.runs;
      j["stopped_by"] = m.stopped_by.empty() ? ordered_json(nullptr) : ordered_json(m.stopped_by);
      j["vector"] = conf::vector_json(m.vector);
      j["detail"] = m.verdict.detail;
      j["reply"] = m.verdict.reply;
      minimal.push_back(j);
    }
    doc["minimal"] = minimal;
    out += dump_json(doc);
    return passed ? kExitOk : kExitViolations;
  }

  out += "Conformance of an implementation under test (spec/harness.md)\n";
  std::ostringstream timeout_text;
  timeout_text << options.timeout_seconds << " s per vector";
  about.add("timeout", timeout_text.str());
  about.add("processes", std::to_string(report.starts) + " started (a fresh one after each crash, timeout or malformed reply)");
  about.add("time", seconds_text(report.seconds) + (report.total_limit_reached ? " (total time cap reached)" : ""));
  out += about.render();
  out += "\nVerdicts\n";
  Table counts({{"verdict", false}, {"vectors", true}});
  for (const conf::VerdictKind kind : conf::verdict_kinds()) {
    counts.add_row({std::string(conf::verdict_name(kind)), std::to_string(report.count(kind))});
  }
  out += counts.render("  ");

  if (failed > 0) {
    out += "\nFailures (" + std::to_string(failed) +
           (failed > kFailuresShown ? "; the first " + std::to_string(kFailuresShown) + " shown" : "") + ")\n";
    Table failures({{"vector", false}, {"accounts", true}, {"family", false}, {"case", false}, {"verdict", false},
                    {"detail", false}});
    std::size_t shown = 0;
    for (const auto& r : report.results) {
      if (r.verdict.kind == conf::VerdictKind::Pass) continue;
      if (shown++ == kFailuresShown) break;
      failures.add_row({r.id, std::to_string(r.accounts), r.family, r.case_name,
                        std::string(conf::verdict_name(r.verdict.kind)), r.verdict.detail});
    }
    out += failures.render("  ");
  }

  if (!report.minimal.empty()) {
    out += "\nMinimal failing vectors (CONF-SHRINK)\n";
    for (const auto& m : report.minimal) {
      const std::string accounts =
          std::to_string(m.vector.size()) + (m.vector.size() == 1 ? " account" : " accounts");
      out += "  " + std::string(conf::verdict_name(m.kind)) + ": " +
             (m.steps == 0 ? m.from + ", " + accounts + (m.stopped_by.empty() ? ", already minimal" : ", not shrunk")
                           : "from " + m.from + ", " + accounts + " after " + std::to_string(m.steps) + " shrink steps") +
             " (" + std::to_string(m.runs) + " candidate runs" +
             (m.stopped_by.empty() ? std::string() : "; stopped at the limit of " + m.stopped_by) + ")\n";
      KeyValues lines;
      lines.add("vector", conf::vector_line(m.vector));
      lines.add("request", conf::request_line(m.vector));
      if (!m.verdict.reply.empty()) lines.add("reply", m.verdict.reply);
      lines.add("detail", m.verdict.detail);
      out += lines.render("    ");
    }
  }

  out += "\n";
  if (passed) {
    out += "PASS: all " + std::to_string(report.results.size()) + " vectors passed\n";
  } else {
    out += "FAIL: " + std::to_string(failed) + " of " + std::to_string(report.results.size()) +
           " vectors failed (" + summary + ")\n";
  }
  return passed ? kExitOk : kExitViolations;
}

int vectors_export_command(const VectorsExportOptions& options, std::ostream& stdout_stream) {
  const std::vector<ref::PolicyKind> policies = policies_of(options.policy);
  check_count(options.count, "--generate");
  const std::uint64_t seed = parse_seed(options.seed);
  conf::VectorSetHeader header;
  header.seed = std::to_string(seed);
  header.policy = options.policy == "all" ? "all" : ref::policy_name(policies.front());
  header.count = policies.size() * static_cast<std::size_t>(options.count);
  const auto write = [&](std::ostream& stream, const std::function<void()>& check) {
    stream << conf::header_line(header) << '\n';
    for (const ref::PolicyKind p : policies) {
      for (std::size_t j = 0; j < static_cast<std::size_t>(options.count); ++j) {
        stream << conf::vector_line(conf::generate_vector(p, seed, j)) << '\n';
        check();
      }
    }
  };
  if (!options.out) {
    write(stdout_stream, [&] {
      if (!stdout_stream) throw std::runtime_error("writing to standard output failed");
    });
    stdout_stream.flush();
    if (!stdout_stream) throw std::runtime_error("writing to standard output failed");
    return kExitOk;
  }
  write_file_atomically(*options.out, "--out", [&](std::ostream& file) {
    write(file, [&] {
      if (!file) throw UsageError("writing '" + *options.out + "' failed");
    });
  });
  return kExitOk;
}

CommandSpec conform_spec() {
  auto options = std::make_shared<ConformOptions>();
  ConformOptions& o = *options;
  CommandSpec spec{"conform",
                   "Check a venue's ADL: a recorded event (--log) or a live implementation (--impl) over test vectors"};
  auto& add = spec.options;
  add.push_back({"--log", "Event log (JSON, spec/conformance.md) to check", &o.log, {"--impl"}});
  add.push_back({"--impl", "Command of the implementation under test", &o.impl, {"--log"}});
  add.push_back({"--policy", "Policy the implementation claims (harness mode)", &o.policy});
  add.push_back({"--vectors", "Test vectors (JSON lines)", &o.vectors, {"--generate"}});
  add.push_back({"--generate", "Generate N vectors from the reference", &o.generate, {"--vectors"}});
  add.push_back(seed_option(o.seed, "Seed of --generate (an integer in [0, 2^64))"));
  add.push_back(OptionSpec{"--timeout", "Seconds the implementation may take per vector", &o.timeout_seconds}
                    .with_default());
  add.push_back(json_flag(o.json));
  spec.run = [options](std::string& out) {
    if (options->log) return conform_log_command(*options, out);
    if (options->impl) return conform_impl_command(*options, out, std::cerr);
    throw UsageError("conform: give --log FILE or --impl CMD");
  };
  return spec;
}

CommandSpec vectors_spec() {
  auto options = std::make_shared<VectorsExportOptions>();
  VectorsExportOptions& o = *options;
  CommandSpec exporter{"export", "Write versioned, reproducible test vectors (JSON lines) for a venue's own CI"};
  exporter.options.push_back(OptionSpec{"--policy", "Policy, or all", &o.policy}.with_default());
  exporter.options.push_back(OptionSpec{"--generate", "Vectors per policy", &o.count}.with_default());
  exporter.options.push_back(seed_option(o.seed, "Seed (an integer in [0, 2^64))"));
  exporter.options.push_back(atomic_out_option(o.out));
  // Vectors are streamed to standard output when no --out is given.
  exporter.run = [options](std::string&) { return vectors_export_command(*options, std::cout); };
  CommandSpec spec{"vectors", "Conformance test vectors (spec/conformance.md)"};
  spec.subcommands.push_back(std::move(exporter));
  spec.require_subcommand = true;
  return spec;
}

}  // namespace adl::cli
