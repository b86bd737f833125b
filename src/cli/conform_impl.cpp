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

/// The vectors to run and how the report describes where they came from.
struct VectorSet {
  std::vector<conf::Vector> vectors;
  std::string policy_label;  ///< `all` or a canonical policy name.
  ordered_json source;       ///< The JSON "vectors" object.
  std::string description;   ///< The text "vectors" line.
};

/// The command line of the implementation under test, split into words.
std::vector<std::string> impl_argv(const std::string& impl) {
  try {
    return conf::split_command(impl);
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--impl: ") + e.what());
  }
}

/// The vectors of --vectors FILE that belong to the chosen policies.
VectorSet vectors_from_file(const std::string& path, std::string policy_label) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot open '" + path + "' (--vectors)");
  conf::VectorFile file = conf::read_vectors(in, path);
  const std::vector<ref::PolicyKind> wanted = policies_of(policy_label);
  VectorSet set;
  for (conf::Vector& v : file.vectors) {
    if (std::find(wanted.begin(), wanted.end(), v.policy) != wanted.end()) set.vectors.push_back(std::move(v));
  }
  if (set.vectors.empty()) {
    throw UsageError("'" + path + "' has no vectors of policy " + policy_label + " (its header says " +
                     file.header.policy + ")");
  }
  set.source["source"] = "file";
  set.source["path"] = path;
  set.source["format"] = file.header.format;
  set.source["generator"] = file.header.generator;
  set.source["seed"] = file.header.seed;
  set.source["count"] = set.vectors.size();
  set.description = std::to_string(set.vectors.size()) + " from " + path + " (" + file.header.format + ", " +
                    file.header.generator + ", seed " + file.header.seed + ")";
  set.policy_label = std::move(policy_label);
  return set;
}

/// --generate N vectors per policy from --seed S (CONF-VECTOR-GEN).
VectorSet vectors_generated(const ConformOptions& options, std::string policy_label) {
  if (!options.policy)
    throw UsageError("conform --impl: give --policy NAME (or all) with --generate, or --vectors FILE");
  const std::int64_t count = options.generate.value_or(kDefaultVectors);
  check_count(count, "--generate");
  const std::uint64_t seed = parse_seed(options.seed);
  VectorSet set;
  set.vectors = generated(policies_of(*options.policy), count, seed);
  set.source["source"] = "generated";
  set.source["generator"] = conf::kGeneratorVersion;
  set.source["seed"] = std::to_string(seed);
  set.source["count"] = set.vectors.size();
  set.description = std::to_string(set.vectors.size()) + " generated from seed " + std::to_string(seed) + " (" +
                    conf::kGeneratorVersion + ")";
  set.policy_label = std::move(policy_label);
  return set;
}

/// Runs the implementation over the vectors (CONF-DRIVER), with a progress bar.
conf::Report run_vectors(const std::vector<conf::Vector>& vectors, const std::vector<std::string>& argv,
                         std::chrono::milliseconds timeout, std::ostream& progress_stream) {
  sys::kill_children_on_signals();
  conf::DriverOptions driver;
  driver.command = argv;
  driver.timeout = timeout;
  Progress progress(progress_stream, vectors.size());
  driver.progress = [&](std::size_t done, std::size_t, const std::string& label) { progress.show(done, label); };
  conf::Report report;
  try {
    report = conf::run_conformance(vectors, driver);
  } catch (const sys::SpawnError& e) {
    progress.finish();
    throw UsageError(std::string("--impl: ") + e.what());
  }
  progress.finish();
  return report;
}

/// Everything the report prints.
struct ImplView {
  std::vector<std::string> argv;
  VectorSet set;
  double timeout_seconds = 0;
  conf::Report report;
  std::size_t failed = 0;  ///< Vectors whose verdict is not pass.
};

// ---- JSON (schema adlref.conform-impl/1).

ordered_json results_json(const conf::Report& report) {
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
  return results;
}

ordered_json minimal_json(const conf::Report& report) {
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
  return minimal;
}

std::string render_json(const ImplView& v) {
  ordered_json doc;
  doc["schema"] = "adlref.conform-impl/1";
  doc["implementation"] = v.argv;
  doc["policy"] = v.set.policy_label;
  doc["vectors"] = v.set.source;
  doc["timeout_seconds"] = v.timeout_seconds;
  doc["processes_started"] = v.report.starts;
  doc["total_limit_reached"] = v.report.total_limit_reached;
  doc["seconds"] = v.report.seconds;
  doc["passed"] = v.report.passed();
  ordered_json counts = ordered_json::object();
  for (const conf::VerdictKind kind : conf::verdict_kinds()) {
    counts[std::string(conf::verdict_name(kind))] = v.report.count(kind);
  }
  doc["counts"] = counts;
  doc["results"] = results_json(v.report);
  doc["minimal"] = minimal_json(v.report);
  return dump_json(doc);
}

// ---- Text.

std::string about_text(const ImplView& v) {
  KeyValues about;
  std::string command_text;
  for (const std::string& word : v.argv) command_text += (command_text.empty() ? "" : " ") + word;
  about.add("implementation", command_text);
  about.add("policy", v.set.policy_label);
  about.add("vectors", v.set.description);
  std::ostringstream timeout_text;
  timeout_text << v.timeout_seconds << " s per vector";
  about.add("timeout", timeout_text.str());
  about.add("processes",
            std::to_string(v.report.starts) + " started (a fresh one after each crash, timeout or malformed reply)");
  about.add("time", seconds_text(v.report.seconds) + (v.report.total_limit_reached ? " (total time cap reached)" : ""));
  return about.render();
}

std::string failures_text(const ImplView& v) {
  if (v.failed == 0) return "";
  std::string out = "\nFailures (" + std::to_string(v.failed) +
                    (v.failed > kFailuresShown ? "; the first " + std::to_string(kFailuresShown) + " shown" : "") +
                    ")\n";
  Table failures({left_column("vector"), right_column("accounts"), left_column("family"), left_column("case"),
                  left_column("verdict"), left_column("detail")});
  std::size_t shown = 0;
  for (const auto& r : v.report.results) {
    if (r.verdict.kind == conf::VerdictKind::Pass) continue;
    if (shown++ == kFailuresShown) break;
    failures.add_row({r.id, std::to_string(r.accounts), r.family, r.case_name,
                      std::string(conf::verdict_name(r.verdict.kind)), r.verdict.detail});
  }
  return out + failures.render("  ");
}

/// The minimal failing vectors (CONF-SHRINK), each with how it was found.
std::string minimal_text(const conf::Report& report) {
  if (report.minimal.empty()) return "";
  std::string out = "\nMinimal failing vectors (CONF-SHRINK)\n";
  for (const auto& m : report.minimal) {
    const std::string accounts = std::to_string(m.vector.size()) + (m.vector.size() == 1 ? " account" : " accounts");
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
  return out;
}

std::string verdict_text(const ImplView& v) {
  const std::size_t total = v.report.results.size();
  if (v.report.passed()) return "\nPASS: all " + std::to_string(total) + " vectors passed\n";
  std::string summary;
  for (const conf::VerdictKind kind : conf::verdict_kinds()) {
    if (kind == conf::VerdictKind::Pass || v.report.count(kind) == 0) continue;
    summary += (summary.empty() ? "" : ", ") + std::string(conf::verdict_name(kind)) + " " +
               std::to_string(v.report.count(kind));
  }
  return "\nFAIL: " + std::to_string(v.failed) + " of " + std::to_string(total) + " vectors failed (" + summary + ")\n";
}

std::string render_text(const ImplView& v) {
  std::string out = "Conformance of an implementation under test (spec/harness.md)\n" + about_text(v);
  out += "\nVerdicts\n";
  Table counts({left_column("verdict"), right_column("vectors")});
  for (const conf::VerdictKind kind : conf::verdict_kinds()) {
    counts.add_row({std::string(conf::verdict_name(kind)), std::to_string(v.report.count(kind))});
  }
  out += counts.render("  ");
  return out + failures_text(v) + minimal_text(v.report) + verdict_text(v);
}

}  // namespace

int conform_impl_command(const ConformOptions& options, std::string& out, std::ostream& progress_stream) {
  // Everything is validated before the implementation is started.
  ImplView view;
  view.argv = impl_argv(*options.impl);
  if (!(options.timeout_seconds > 0) || options.timeout_seconds > 3600) {
    throw UsageError("--timeout must lie in (0, 3600] seconds");
  }
  view.timeout_seconds = options.timeout_seconds;
  const auto timeout = std::chrono::milliseconds(std::max<long>(1, std::lround(options.timeout_seconds * 1000)));
  std::string policy_label = "all";
  if (options.policy && *options.policy != "all") policy_label = ref::policy_name(policies_of(*options.policy).front());
  view.set = options.vectors ? vectors_from_file(*options.vectors, std::move(policy_label))
                             : vectors_generated(options, std::move(policy_label));

  view.report = run_vectors(view.set.vectors, view.argv, timeout, progress_stream);
  for (const auto& r : view.report.results) view.failed += r.verdict.kind == conf::VerdictKind::Pass ? 0U : 1U;
  out += options.json ? render_json(view) : render_text(view);
  return view.report.passed() ? kExitOk : kExitViolations;
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
  const auto run = [options](std::string& out) {
    if (options->log) return conform_log_command(*options, out);
    if (options->impl) return conform_impl_command(*options, out, std::cerr);
    throw UsageError("conform: give --log FILE or --impl CMD");
  };
  CommandSpec spec{"conform",
                   "Check a venue's ADL: a recorded event (--log) or a live implementation (--impl) over test vectors",
                   run};
  auto& add = spec.options;
  add.push_back({"--log", "Event log (JSON, spec/conformance.md) to check", &o.log, {"--impl"}});
  add.push_back({"--impl", "Command of the implementation under test", &o.impl, {"--log"}});
  add.push_back({"--policy", "Policy the implementation claims (harness mode)", &o.policy});
  add.push_back({"--vectors", "Test vectors (JSON lines)", &o.vectors, {"--generate"}});
  add.push_back({"--generate", "Generate N vectors from the reference", &o.generate, {"--vectors"}});
  add.push_back(seed_option(o.seed, "Seed of --generate (an integer in [0, 2^64))"));
  add.push_back(
      OptionSpec{"--timeout", "Seconds the implementation may take per vector", &o.timeout_seconds}.with_default());
  add.push_back(json_flag(o.json));
  return spec;
}

CommandSpec vectors_spec() {
  auto options = std::make_shared<VectorsExportOptions>();
  VectorsExportOptions& o = *options;
  // Vectors are streamed to standard output when no --out is given.
  CommandSpec exporter{"export", "Write versioned, reproducible test vectors (JSON lines) for a venue's own CI",
                       [options](std::string&) { return vectors_export_command(*options, std::cout); }};
  exporter.options.push_back(OptionSpec{"--policy", "Policy, or all", &o.policy}.with_default());
  exporter.options.push_back(OptionSpec{"--generate", "Vectors per policy", &o.count}.with_default());
  exporter.options.push_back(seed_option(o.seed, "Seed (an integer in [0, 2^64))"));
  exporter.options.push_back(atomic_out_option(o.out));
  CommandSpec spec{"vectors", "Conformance test vectors (spec/conformance.md)"};
  spec.subcommands.push_back(std::move(exporter));
  spec.require_subcommand = true;
  return spec;
}

}  // namespace adl::cli
