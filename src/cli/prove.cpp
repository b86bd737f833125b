// `adl prove`: the claims catalog of spec/claims.md, checked with Z3 (proofs/).
#include "commands.hpp"

#include "catalog.hpp"
#include "runner.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

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

proofs::Instance instance_from_json(const ordered_json& j) {
  proofs::Instance out;
  out.note = j.at("note").get<std::string>();
  for (const auto& [key, value] : j.at("scalars").items()) out.scalars.emplace_back(key, value.get<std::string>());
  out.columns = j.at("columns").get<std::vector<std::string>>();
  out.rows = j.at("rows").get<std::vector<std::vector<std::string>>>();
  return out;
}

std::optional<Verdict> verdict_from_name(const std::string& name) {
  for (Verdict v : {Verdict::Proved, Verdict::Refuted, Verdict::Unknown, Verdict::Timeout, Verdict::Vacuous,
                    Verdict::ReplayFailed}) {
    if (proofs::verdict_name(v) == name) return v;
  }
  return std::nullopt;
}

ordered_json result_json(const ClaimResult& r) {
  ordered_json j;
  j["verdict"] = proofs::verdict_name(r.verdict);
  j["bound"] = r.bound;
  j["witness"] = r.witness ? instance_json(*r.witness) : ordered_json(nullptr);
  j["counterexample"] = r.counterexample ? instance_json(*r.counterexample) : ordered_json(nullptr);
  j["replay"] = r.replay;
  j["detail"] = r.detail;
  return j;
}

ClaimResult result_from_json(const ordered_json& j) {
  ClaimResult r;
  r.verdict = verdict_from_name(j.at("verdict").get<std::string>()).value_or(Verdict::Unknown);
  r.bound = j.at("bound").get<std::string>();
  if (!j.at("witness").is_null()) r.witness = instance_from_json(j.at("witness"));
  if (!j.at("counterexample").is_null()) r.counterexample = instance_from_json(j.at("counterexample"));
  r.replay = j.at("replay").get<std::string>();
  r.detail = j.at("detail").get<std::string>();
  return r;
}

// Runs one claim in this (child) process and returns its result as JSON text.
// Every exception becomes a verdict (runner::run_claim): nothing escapes the child.
std::string run_in_child(const Claim& claim, const proofs::Options& options) {
  return result_json(proofs::runner::run_claim(claim, options)).dump();
}

// One claim running in a child process.
struct Running {
  std::size_t index;
  pid_t pid;
  int fd;
  std::string output;
  std::chrono::steady_clock::time_point start;
};

ClaimResult failed(Verdict verdict, std::string detail) {
  ClaimResult r;
  r.verdict = verdict;
  r.detail = std::move(detail);
  return r;
}

// Finishes a child whose pipe reached end of file (or that was killed).
ClaimResult reap(Running& job, bool killed, double limit_seconds) {
  int status = 0;
  while (::waitpid(job.pid, &status, 0) < 0 && errno == EINTR) {}
  ::close(job.fd);
  if (killed) {
    return failed(Verdict::Timeout, "the check exceeded its wall-clock limit of " +
                                        std::to_string(static_cast<long>(limit_seconds)) +
                                        " s and was stopped (Z3 4.8.12 can hang after a timed-out query)");
  }
  if (WIFSIGNALED(status)) {
    return failed(Verdict::Unknown, "the check crashed with signal " + std::to_string(WTERMSIG(status)));
  }
  try {
    return result_from_json(ordered_json::parse(job.output));
  } catch (const std::exception& e) {
    return failed(Verdict::Unknown, std::string("the check's result could not be read: ") + e.what());
  }
}

/// One claim's result, as the report prints it.
struct Row {
  const Claim* claim;
  ClaimResult result;
  double seconds;
};

/// The claims named on the command line (the whole catalog when none is).
std::vector<const Claim*> select_claims(const std::vector<std::string>& ids) {
  std::vector<const Claim*> selected;
  if (ids.empty()) {
    for (const Claim& c : proofs::registry()) selected.push_back(&c);
    return selected;
  }
  for (const std::string& id : ids) {
    const Claim* found = nullptr;
    for (const Claim& c : proofs::registry()) {
      if (c.id == id) found = &c;
    }
    if (found == nullptr)
      throw UsageError("no claim '" + id +
                       "' in the catalog (spec/claims.md lists the IDs; proofs/ has one folder per checked claim)");
    selected.push_back(found);
  }
  return selected;
}

proofs::Options solver_options(const ProveOptions& options) {
  if (!(options.timeout_seconds > 0) || options.timeout_seconds > 86400) {
    throw UsageError("--timeout must lie in (0, 86400] seconds");
  }
  proofs::Options solver;
  solver.max_n = options.max_n;
  solver.max_t = options.max_t;
  solver.timeout_ms = static_cast<unsigned>(std::lround(options.timeout_seconds * 1000));
  if (options.smt2_dir) solver.smt2_dir = *options.smt2_dir;
  if (!(options.claim_limit_seconds > 0) || options.claim_limit_seconds > 86400) {
    throw UsageError("--claim-limit must lie in (0, 86400] seconds");
  }
  if (options.jobs == 0 || options.jobs > 64) throw UsageError("--jobs must lie in [1, 64]");
  return solver;
}

/// Starts one claim in a child process that writes its result as JSON on a pipe.
Running start_claim(std::size_t index, const Claim& claim, const proofs::Options& solver) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("adl prove: pipe() failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("adl prove: fork() failed");
  if (pid == 0) {
    ::close(fds[0]);
    const std::string text = run_in_child(claim, solver);
    std::size_t written = 0;
    while (written < text.size()) {
      const ssize_t n = ::write(fds[1], text.data() + written, text.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  return {index, pid, fds[0], {}, std::chrono::steady_clock::now()};
}

/// Reads what a polled child wrote; true when it is finished (end of file, a
/// read error, or killed at the wall-clock limit, then `killed` is set).
bool poll_child(Running& job, short revents, double limit_seconds, bool& killed, double& elapsed) {
  bool finished = false;
  if (revents & (POLLIN | POLLHUP | POLLERR)) {
    char buffer[65536];
    const ssize_t n = ::read(job.fd, buffer, sizeof buffer);
    if (n > 0) {
      job.output.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      finished = true;
    }
  }
  elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - job.start).count();
  if (!finished && elapsed > limit_seconds) {
    ::kill(job.pid, SIGKILL);
    finished = true;
    killed = true;
  }
  return finished;
}

/// Each claim runs in its own process, at most `jobs` at a time, under a wall-clock limit:
/// a solver hang becomes TIMEOUT and a crash a failed verdict, and the catalog goes on.
std::vector<Row> run_claims(const std::vector<const Claim*>& selected, const proofs::Options& solver,
                            const ProveOptions& options, std::ostream& progress_stream) {
  std::vector<std::optional<Row>> slots(selected.size());
  const double limit_seconds = options.claim_limit_seconds;
  const std::size_t jobs = std::max<std::size_t>(1, options.jobs);
  std::vector<Running> running;
  std::size_t next = 0;
  std::size_t done = 0;
  Progress progress(progress_stream, selected.size());
  std::fflush(nullptr);
  while (done < selected.size()) {
    for (; running.size() < jobs && next < selected.size(); ++next) {
      running.push_back(start_claim(next, *selected[next], solver));
    }
    progress.show(done, running.front().index < selected.size() ? selected[running.front().index]->id : "");
    std::vector<pollfd> polls;
    for (const Running& job : running) polls.push_back({job.fd, POLLIN, 0});
    ::poll(polls.data(), polls.size(), 100);
    for (std::size_t k = 0; k < running.size();) {
      Running& job = running[k];
      bool killed = false;
      double elapsed = 0;
      if (!poll_child(job, polls[k].revents, limit_seconds, killed, elapsed)) {
        ++k;
        continue;
      }
      ClaimResult result = reap(job, killed, limit_seconds);
      slots[job.index] = Row{selected[job.index], std::move(result), elapsed};
      ++done;
      polls.erase(polls.begin() + static_cast<std::ptrdiff_t>(k));
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(k));
    }
  }
  progress.finish();
  std::vector<Row> rows;
  for (auto& slot : slots) rows.push_back(std::move(*slot));
  return rows;
}

std::string render_json(const std::vector<Row>& rows, std::size_t mismatches) {
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
  return dump_json(doc);
}

std::string render_text(const std::vector<Row>& rows, std::size_t mismatches) {
  const auto fmt_seconds = [](double s) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(2) << s;
    return o.str();
  };
  std::string out = "adl prove: " + std::to_string(rows.size()) + " claims of spec/claims.md\n\n";
  Table table({left_column("id"), left_column("statement"), left_column("expected"), left_column("verdict"),
               left_column("bound"), right_column("seconds")});
  for (const Row& r : rows) {
    const bool ok = r.result.verdict == r.claim->expected;
    table.add_row({r.claim->id, r.claim->statement, proofs::verdict_name(r.claim->expected),
                   proofs::verdict_name(r.result.verdict) + (ok ? "" : " ✘"), r.result.bound, fmt_seconds(r.seconds)});
  }
  out += table.render("  ");
  for (const Row& r : rows) {
    if (!r.result.counterexample && r.result.replay.empty() && r.result.detail.empty()) continue;
    out += "\n" + r.claim->id + "\n";
    if (r.result.counterexample) out += "  counterexample:\n" + render_instance(*r.result.counterexample, "    ");
    if (!r.result.replay.empty()) out += "  replay through adl::ref: " + r.result.replay + "\n";
    if (!r.result.detail.empty()) out += "  solver: " + r.result.detail + "\n";
  }
  return out + "\n" + std::to_string(rows.size() - mismatches) + " of " + std::to_string(rows.size()) +
         " verdicts as expected" + (mismatches == 0 ? "" : "; " + std::to_string(mismatches) + " differ") + "\n";
}

}  // namespace

int prove_command(const ProveOptions& options, std::string& out, std::ostream& progress_stream) {
  const std::vector<const Claim*> selected = select_claims(options.ids);
  const proofs::Options solver = solver_options(options);
  const std::vector<Row> rows = run_claims(selected, solver, options, progress_stream);
  std::size_t mismatches = 0;
  for (const Row& r : rows) mismatches += r.result.verdict != r.claim->expected ? 1 : 0;
  out += options.json ? render_json(rows, mismatches) : render_text(rows, mismatches);
  return mismatches == 0 ? kExitOk : kExitViolations;
}

CommandSpec prove_spec() {
  auto options = std::make_shared<ProveOptions>();
  ProveOptions& o = *options;
  CommandSpec spec{"prove",
                   "Check the claims of spec/claims.md with Z3: PROVED to a bound, or REFUTED with a counterexample",
                   [options](std::string& out) { return prove_command(*options, out, std::cerr); }};
  auto& add = spec.options;
  add.push_back({"ids", "Claim IDs to check (default: the whole catalog)", &o.ids});
  add.push_back({"--max-n", "Largest number of accounts (0 = each claim's default)", &o.max_n});
  add.push_back({"--max-t", "Largest number of rounds (0 = each claim's default)", &o.max_t});
  add.push_back(OptionSpec{"--timeout", "Seconds per solver query", &o.timeout_seconds}.with_default());
  add.push_back(OptionSpec{"--claim-limit",
                           "Wall-clock seconds per claim; a check still running is stopped and reported TIMEOUT",
                           &o.claim_limit_seconds}
                    .with_default());
  add.push_back(OptionSpec{"--jobs", "Claims checked at once, each in its own process", &o.jobs}.with_default());
  add.push_back(json_flag(o.json, "adlref.prove/1"));
  add.push_back({"--smt2-dir", "Write every solver query as SMT-LIB into DIR", &o.smt2_dir});
  return spec;
}

}  // namespace adl::cli
