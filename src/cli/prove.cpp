// `adl prove`: the claims catalog of spec/claims.md, checked with Z3 (proofs/).
#include "commands.hpp"

#include "catalog.hpp"

#include <z3++.h>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <iomanip>
#include <ostream>
#include <sstream>

namespace adl::cli {
namespace {

using nlohmann::ordered_json;
using proofs::Claim;
using proofs::ClaimResult;
using proofs::Verdict;

std::string render_instance(const proofs::Instance& instance, const std::string& indent) {
  std::string out;
  if (!instance.note.empty()) out += indent + instance.note + "\n";
  if (!instance.scalars.empty()) {
    KeyValues values;
    for (const auto& [label, value] : instance.scalars) values.add(label, value);
    out += values.render(indent);
  }
  if (!instance.columns.empty()) {
    std::vector<Table::Column> columns;
    for (const auto& c : instance.columns) columns.push_back({c, true});
    Table table(columns);
    for (const auto& row : instance.rows) table.add_row(row);
    out += table.render(indent);
  }
  return out;
}

ordered_json instance_json(const proofs::Instance& instance) {
  ordered_json j;
  j["note"] = instance.note;
  ordered_json scalars = ordered_json::object();
  for (const auto& [label, value] : instance.scalars) scalars[label] = value;
  j["scalars"] = scalars;
  j["columns"] = instance.columns;
  j["rows"] = instance.rows;
  return j;
}

// A one-line progress bar on a terminal; nothing when stderr is not a tty.
class Progress {
 public:
  Progress(std::ostream& stream, std::size_t total)
      : stream_(stream), total_(total), active_(::isatty(STDERR_FILENO) == 1) {}
  void show(std::size_t done, const std::string& current) {
    if (!active_) return;
    constexpr std::size_t width = 30;
    const std::size_t filled = total_ == 0 ? width : done * width / total_;
    stream_ << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/"
            << total_ << " " << current << "\033[K" << std::flush;
  }
  void finish() {
    if (active_) stream_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream& stream_;
  std::size_t total_;
  bool active_;
};

}  // namespace

int prove_command(const ProveOptions& options, std::string& out, std::ostream& progress_stream) {
  std::vector<const Claim*> selected;
  if (options.ids.empty()) {
    for (const Claim& c : proofs::registry()) selected.push_back(&c);
  } else {
    for (const std::string& id : options.ids) {
      const Claim* found = nullptr;
      for (const Claim& c : proofs::registry()) {
        if (c.id == id) found = &c;
      }
      if (found == nullptr) throw UsageError("no claim '" + id + "' in the catalog (spec/claims.md lists the IDs; proofs/ has one folder per checked claim)");
      selected.push_back(found);
    }
  }
  if (!(options.timeout_seconds > 0) || options.timeout_seconds > 86400) {
    throw UsageError("--timeout must lie in (0, 86400] seconds");
  }
  proofs::Options solver_options;
  solver_options.max_n = options.max_n;
  solver_options.max_t = options.max_t;
  solver_options.timeout_ms = static_cast<unsigned>(std::lround(options.timeout_seconds * 1000));
  if (options.smt2_dir) solver_options.smt2_dir = *options.smt2_dir;

  struct Row {
    const Claim* claim;
    ClaimResult result;
    double seconds;
  };
  std::vector<Row> rows;
  Progress progress(progress_stream, selected.size());
  for (std::size_t k = 0; k < selected.size(); ++k) {
    const Claim& claim = *selected[k];
    progress.show(k, claim.id);
    const auto start = std::chrono::steady_clock::now();
    ClaimResult result;
    try {
      result = claim.check(solver_options);
    } catch (const z3::exception& e) {
      result.verdict = Verdict::Unknown;
      result.detail = std::string("z3 error: ") + e.msg();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rows.push_back({&claim, std::move(result), seconds});
  }
  progress.finish();
  Z3_finalize_memory();

  std::size_t mismatches = 0;
  for (const Row& r : rows) mismatches += r.result.verdict != r.claim->expected ? 1 : 0;

  const auto fmt_seconds = [](double s) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(2) << s;
    return o.str();
  };
  if (options.json) {
    ordered_json doc;
    doc["schema"] = "adlref.prove/1";
    ordered_json claims = ordered_json::array();
    for (const Row& r : rows) {
      ordered_json c;
      c["id"] = r.claim->id;
      c["statement"] = r.claim->statement;
      c["expected"] = proofs::verdict_name(r.claim->expected);
      c["verdict"] = proofs::verdict_name(r.result.verdict);
      c["bound"] = r.result.bound;
      c["seconds"] = std::round(r.seconds * 1000) / 1000;
      c["milliseconds"] = static_cast<std::int64_t>(std::llround(r.seconds * 1000));
      c["counterexample"] = r.result.counterexample ? instance_json(*r.result.counterexample) : ordered_json(nullptr);
      c["witness"] = r.result.witness ? instance_json(*r.result.witness) : ordered_json(nullptr);
      c["replay"] = r.result.replay;
      c["detail"] = r.result.detail;
      claims.push_back(c);
    }
    doc["claims"] = claims;
    doc["mismatches"] = mismatches;
    out += dump_json(doc);
  } else {
    out += "adl prove: " + std::to_string(rows.size()) + " claims of spec/claims.md\n\n";
    Table table({{"id", false}, {"statement", false}, {"expected", false}, {"verdict", false},
                 {"bound", false}, {"seconds", true}});
    for (const Row& r : rows) {
      const bool ok = r.result.verdict == r.claim->expected;
      table.add_row({r.claim->id, r.claim->statement, proofs::verdict_name(r.claim->expected),
                     proofs::verdict_name(r.result.verdict) + (ok ? "" : " ✘"), r.result.bound,
                     fmt_seconds(r.seconds)});
    }
    out += table.render("  ");
    for (const Row& r : rows) {
      if (!r.result.counterexample && r.result.replay.empty() && r.result.detail.empty()) continue;
      out += "\n" + r.claim->id + "\n";
      if (r.result.counterexample) out += "  counterexample:\n" + render_instance(*r.result.counterexample, "    ");
      if (!r.result.replay.empty()) out += "  replay through adl::ref: " + r.result.replay + "\n";
      if (!r.result.detail.empty()) out += "  solver: " + r.result.detail + "\n";
    }
    out += "\n" + std::to_string(rows.size() - mismatches) + " of " + std::to_string(rows.size()) +
           " verdicts as expected" + (mismatches == 0 ? "" : "; " + std::to_string(mismatches) + " differ") +
           "\n";
  }
  return mismatches == 0 ? kExitOk : kExitViolations;
}

}  // namespace adl::cli
