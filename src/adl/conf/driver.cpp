// The conformance driver (spec/harness.md: CONF-PROTOCOL, CONF-DRIVER,
// CONF-VERDICTS, CONF-SHRINK).
#include "adl/conf/driver.hpp"

#include "adl/fx/error.hpp"
#include "adl/io/error.hpp"
#include "adl/io/fields.hpp"
#include "adl/io/json.hpp"
#include "adl/ref/error.hpp"
#include "adl/sys/process.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <set>
#include <stdexcept>

namespace adl::conf {
namespace {

using Clock = std::chrono::steady_clock;
using fx::i128;
using fx::u128;

constexpr std::size_t kReplyQuote = 300;

std::string quote(std::string_view text) {
  if (text.size() <= kReplyQuote) return std::string(text);
  return std::string(text.substr(0, kReplyQuote)) + "…";
}

Verdict malformed(std::string detail, std::string_view reply) {
  return Verdict{VerdictKind::Malformed, std::move(detail), quote(reply)};
}

Verdict wrong(std::string detail, std::string_view reply) {
  return Verdict{VerdictKind::WrongAnswer, std::move(detail), quote(reply)};
}

/// The last one or two non-empty lines of a child's standard error, for a crash diagnosis.
std::string stderr_summary(const std::string& tail) {
  std::vector<std::string> lines;
  std::string line;
  for (const char c : tail) {
    if (c == '\n') {
      if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
  if (lines.empty()) return "";
  std::string joined = lines.back();
  if (lines.size() >= 2) joined = lines[lines.size() - 2] + " | " + joined;
  // One line, blanks collapsed (a table cell never holds two spaces in a row).
  std::string out;
  for (const char c : joined) {
    const bool blank = c == ' ' || c == '\t' || c == '\r';
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out.push_back(blank ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > kReplyQuote) out = out.substr(0, kReplyQuote) + "…";
  return out;
}

std::string seconds_text(std::chrono::milliseconds t) {
  const auto ms = t.count();
  std::string s = std::to_string(ms / 1000);
  if (ms % 1000 != 0) {
    std::string frac = std::to_string(1000 + ms % 1000).substr(1);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s + " s";
}

/// One long-running implementation and the exchange of one vector with it.
class Session {
 public:
  explicit Session(const DriverOptions& options) : options_(options), child_(options.command) {}

  Verdict run(const Vector& v) {
    if (!child_.started()) child_.start();
    const auto deadline = Clock::now() + options_.timeout;
    const std::string request = request_line(v);
    const auto sent = child_.send_line(request, deadline);
    if (sent == sys::LineChild::Status::Timeout) {
      child_.kill();
      return Verdict{VerdictKind::Timeout,
                     "the request was not read within " + seconds_text(options_.timeout) + " (process killed)", ""};
    }
    if (sent != sys::LineChild::Status::Ok) return crashed("before reading the request", "");
    const auto reply = child_.read_line(deadline, max_reply_bytes(v.size()));
    switch (reply.status) {
      case sys::LineChild::Status::Ok: {
        Verdict verdict = judge_reply(v, reply.line);
        if (verdict.kind == VerdictKind::Malformed) child_.kill();  // the stream's state is unknown
        return verdict;
      }
      case sys::LineChild::Status::Timeout:
        child_.kill();
        return Verdict{VerdictKind::Timeout,
                       "no reply within " + seconds_text(options_.timeout) + " (process killed)" +
                           (reply.line.empty() ? std::string() : "; partial reply received"),
                       quote(reply.line)};
      case sys::LineChild::Status::TooLong:
        child_.kill();
        return malformed(
            "the reply is longer than " + std::to_string(max_reply_bytes(v.size())) + " bytes without a newline",
            reply.line);
      case sys::LineChild::Status::Closed: break;
    }
    return crashed(reply.line.empty() ? "before replying" : "in the middle of a reply (no newline)", reply.line);
  }

  void stop() { child_.stop(std::chrono::milliseconds(1000)); }
  [[nodiscard]] std::size_t starts() const { return child_.starts(); }

 private:
  Verdict crashed(const std::string& when, const std::string& partial) {
    const auto exit = child_.wait_exit(std::chrono::milliseconds(1000));
    std::string detail;
    if (!exit) {
      detail = "ended " + when;
    } else if (exit->killed) {
      detail = "closed its output " + when + " and was still running a second later (process killed)";
    } else {
      detail = sys::describe_status(exit->exit_code, exit->term_signal) + " " + when;
    }
    const std::string err = stderr_summary(child_.stderr_tail());
    if (!err.empty()) detail += "; stderr: " + err;
    return Verdict{VerdictKind::Crash, detail, quote(partial)};
  }

  const DriverOptions& options_;
  sys::LineChild child_;
};

// ---- Shrinking (CONF-SHRINK).

u128 magnitude(std::int64_t x) { return x >= 0 ? static_cast<u128>(x) : static_cast<u128>(-(x + 1)) + 1; }

struct Size {
  std::size_t n = 0;
  u128 total = 0;
  bool operator<(const Size& o) const { return n != o.n ? n < o.n : total < o.total; }
};

Size size_of(const Vector& v) {
  Size s;
  s.n = v.size();
  s.total = magnitude(v.budget);
  for (const Column c : policy_columns(v.policy)) {
    for (const std::int64_t x : v.column(c)) s.total += magnitude(x);
  }
  return s;
}

/// One candidate move of CONF-SHRINK, materialised on demand.
struct Move {
  enum class Kind { DeleteBlock, Budget, Value } kind = Kind::DeleteBlock;
  std::size_t start = 0;      // DeleteBlock: first account; Value: the account
  std::size_t length = 0;     // DeleteBlock: block length
  int budget_option = 0;      // Budget: 0 → 0, 1 → B/2, 2 → B − 1
  Column column = Column::W;  // Value
  bool halve = false;         // Value: 0 (false) or half toward zero (true)
};

std::vector<Move> moves_of(const Vector& v) {
  std::vector<Move> moves;
  const std::size_t n = v.size();
  for (std::size_t len = (n + 1) / 2; len >= 1 && n > 0;) {
    for (std::size_t start = 0; start < n; start += len) {
      Move m;
      m.kind = Move::Kind::DeleteBlock;
      m.start = start;
      m.length = std::min(len, n - start);
      moves.push_back(m);
    }
    if (len == 1) break;
    len = (len + 1) / 2;
  }
  for (int option = 0; option < 3; ++option) {
    Move m;
    m.kind = Move::Kind::Budget;
    m.budget_option = option;
    moves.push_back(m);
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (const Column c : policy_columns(v.policy)) {
      for (const bool halve : {false, true}) {
        Move m;
        m.kind = Move::Kind::Value;
        m.start = i;
        m.column = c;
        m.halve = halve;
        moves.push_back(m);
      }
    }
  }
  return moves;
}

Vector apply(const Vector& v, const Move& m) {
  Vector c = v;
  switch (m.kind) {
    case Move::Kind::DeleteBlock:
      for (const Column col : policy_columns(v.policy)) {
        auto& column = c.column(col);
        column.erase(column.begin() + static_cast<std::ptrdiff_t>(m.start),
                     column.begin() + static_cast<std::ptrdiff_t>(m.start + m.length));
      }
      break;
    case Move::Kind::Budget:
      c.budget = m.budget_option == 0 ? 0
                                      : (m.budget_option == 1 ? v.budget / 2 : std::max<std::int64_t>(0, v.budget - 1));
      break;
    case Move::Kind::Value: {
      std::int64_t& x = c.column(m.column)[m.start];
      x = m.halve ? x / 2 : 0;
      if (m.column == Column::W && !c.cap.empty() && c.cap[m.start] > x) c.cap[m.start] = x;
      break;
    }
  }
  return c;
}

class Shrinker {
 public:
  Shrinker(Session& session, const DriverOptions& options, Clock::time_point total_deadline, std::size_t total_vectors)
      : session_(session), options_(options), total_deadline_(total_deadline), total_vectors_(total_vectors) {}

  MinimalFailure shrink(const Vector& start, const Verdict& verdict) {
    MinimalFailure result;
    result.kind = verdict.kind;
    result.from = start.id;
    result.vector = start;
    result.verdict = verdict;
    std::size_t timeouts = 0;
    bool stop = false;
    std::set<std::string> tried;  // request lines already run
    const std::string shrunk_id = start.id + "/min";
    while (!stop) {
      bool accepted = false;
      const Vector& current = result.vector;
      const bool feasible = current.expected.status == Status::Ok;
      const Size current_size = size_of(current);
      for (const Move& m : moves_of(current)) {
        if (result.runs >= options_.max_shrink_runs) {
          result.stopped_by = std::to_string(options_.max_shrink_runs) + " runs";
        } else if (timeouts >= options_.max_shrink_timeouts) {
          result.stopped_by = std::to_string(options_.max_shrink_timeouts) + " runs ending in a timeout";
        } else if (Clock::now() >= total_deadline_) {
          result.stopped_by = "the total time cap";
        }
        if (!result.stopped_by.empty()) {
          stop = true;
          break;
        }
        Vector candidate = apply(current, m);
        try {
          if (feasible && candidate.budget > capacity(candidate)) candidate.budget = capacity(candidate);
          candidate.expected = reference_outcome(candidate);
        } catch (const ref::InvalidInput&) {
          continue;
        } catch (const fx::Overflow&) {
          continue;
        }
        if (!(size_of(candidate) < current_size)) continue;
        candidate.id = shrunk_id;
        candidate.family = "shrunk";
        if (!tried.insert(request_line(candidate)).second) continue;
        if (options_.progress) {
          options_.progress(total_vectors_, total_vectors_,
                            "shrinking " + std::string(verdict_name(verdict.kind)) + " (" +
                                std::to_string(current.size()) + " accounts)");
        }
        Verdict got = session_.run(candidate);
        ++result.runs;
        if (got.kind == VerdictKind::Timeout) ++timeouts;
        if (got.kind == result.kind) {
          result.vector = std::move(candidate);
          result.verdict = std::move(got);
          ++result.steps;
          accepted = true;
          break;
        }
      }
      if (!accepted) break;
    }
    return result;  // unchanged (id and family kept) when no move was accepted
  }

 private:
  Session& session_;
  const DriverOptions& options_;
  Clock::time_point total_deadline_;
  std::size_t total_vectors_;
};

std::string join_amounts(const std::vector<std::int64_t>& xs) {
  std::string s;
  for (std::size_t i = 0; i < xs.size() && i < 8; ++i) s += (i ? ", " : "") + std::to_string(xs[i]);
  if (xs.size() > 8) s += ", …";
  return s;
}

}  // namespace

std::string_view verdict_name(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::Pass: return "pass";
    case VerdictKind::WrongAnswer: return "wrong-answer";
    case VerdictKind::Malformed: return "malformed";
    case VerdictKind::Crash: return "crash";
    case VerdictKind::Timeout: return "timeout";
    case VerdictKind::NotRun: return "not-run";
  }
  return "?";
}

const std::vector<VerdictKind>& verdict_kinds() {
  static const std::vector<VerdictKind> all{VerdictKind::Pass,  VerdictKind::WrongAnswer, VerdictKind::Malformed,
                                            VerdictKind::Crash, VerdictKind::Timeout,     VerdictKind::NotRun};
  return all;
}

std::size_t max_reply_bytes(std::size_t accounts) { return (std::size_t{1} << 20) + 32 * accounts; }

std::vector<std::string> split_command(std::string_view command) {
  std::vector<std::string> argv;
  std::string word;
  for (const char c : command) {
    if (c == ' ' || c == '\t') {
      if (!word.empty()) argv.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) argv.push_back(std::move(word));
  if (argv.empty()) throw std::invalid_argument("the command of the implementation is empty");
  return argv;
}

namespace {

using io::JsonValue;
using JsonKind = JsonValue::Kind;

/// The seized amounts of an `ok` reply, or the reason the reply is malformed.
std::optional<std::string> read_seized(const Vector& v, const JsonValue& s, std::vector<std::int64_t>& seized) {
  if (s.kind != JsonKind::Array) return "'seized' is " + std::string(io::describe(s.kind)) + ", not an array";
  if (s.items.size() != v.size()) {
    return "'seized' has " + std::to_string(s.items.size()) + " entries, the book has " + std::to_string(v.size()) +
           " accounts";
  }
  seized.reserve(s.items.size());
  for (std::size_t i = 0; i < s.items.size(); ++i) {
    const auto x = io::json_int64(s.items[i]);
    if (!x) {
      return "'seized'[" + std::to_string(i) + "] is " + io::json_excerpt(s.items[i]) +
             ", not a JSON integer in the int64 range";
    }
    seized.push_back(*x);
  }
  return std::nullopt;
}

}  // namespace

Verdict judge_reply(const Vector& v, std::string_view reply) {
  JsonValue j;
  try {
    j = io::parse_json(reply, "the reply");
  } catch (const io::InputError& e) {
    return malformed("the reply is not JSON (column " + std::to_string(e.column()) + ": " + e.message() + ")", reply);
  }
  if (j.kind != JsonKind::Object) {
    return malformed("the reply is " + std::string(io::describe(j.kind)) + ", not an object", reply);
  }
  for (const auto& m : j.members) {
    if (m.key != "id" && m.key != "status" && m.key != "seized" && m.key != "message") {
      return malformed("unknown key '" + m.key + "' (a reply has id, status, seized, message)", reply);
    }
  }
  const JsonValue* id = j.find("id");
  if (id == nullptr) return malformed("the reply has no 'id'", reply);
  if (id->kind != JsonKind::String || id->text != v.id) {
    return malformed("the reply's id " + io::json_excerpt(*id) + " is not the request's \"" + v.id + "\"", reply);
  }
  const JsonValue* status_value = j.find("status");
  if (status_value == nullptr || status_value->kind != JsonKind::String) {
    return malformed("the reply has no string 'status'", reply);
  }
  const std::string& status = status_value->text;
  if (status != "ok" && status != "infeasible" && status != "error") {
    return malformed("unknown status '" + status + "' (ok, infeasible, error)", reply);
  }
  std::string message;
  if (const JsonValue* m = j.find("message")) {
    if (m->kind != JsonKind::String) return malformed("'message' is not a string", reply);
    message = m->text;
  }
  std::vector<std::int64_t> seized;
  const JsonValue* s = j.find("seized");
  if (status == "ok") {
    if (s == nullptr) return malformed("status ok without 'seized'", reply);
    if (const auto why = read_seized(v, *s, seized)) return malformed(*why, reply);
  } else if (s != nullptr) {
    return malformed("'seized' given with status " + status, reply);
  }

  const std::string budget = std::to_string(v.budget);
  if (v.expected.status == Status::Infeasible) {
    if (status == "infeasible") return Verdict{VerdictKind::Pass, "", ""};
    const std::string k = std::to_string(capacity(v));
    if (status == "error") {
      return wrong("reported an error (" + quote(message) + "); expected infeasible: B = " + budget +
                       " exceeds the capacity " + k,
                   reply);
    }
    return wrong("returned an allocation, but B = " + budget + " exceeds the capacity " + k + ": expected infeasible",
                 reply);
  }
  if (status == "infeasible") {
    return wrong("reported infeasible, but B = " + budget + " is within the capacity " + std::to_string(capacity(v)) +
                     ": expected an allocation",
                 reply);
  }
  if (status == "error") return wrong("reported an error on a valid vector: " + quote(message), reply);
  if (seized == v.expected.seized) return Verdict{VerdictKind::Pass, "", ""};
  std::string detail;
  i128 sum = 0;
  for (const std::int64_t x : seized) sum += x;
  if (sum != v.budget) {
    const i128 off = sum - v.budget;
    const auto abs_off = static_cast<u128>(off < 0 ? -off : off);
    detail = "sum of seized differs from B = " + budget + " by " + (off < 0 ? "-" : "+") +
             std::to_string(static_cast<unsigned long long>(abs_off)) + "; ";
  }
  std::size_t differing = 0;
  std::string accounts;
  for (std::size_t i = 0; i < seized.size(); ++i) {
    if (seized[i] == v.expected.seized[i]) continue;
    if (differing < 3) {
      accounts += (differing ? "; " : "") + std::string("account ") + std::to_string(i) + ": expected " +
                  std::to_string(v.expected.seized[i]) + ", got " + std::to_string(seized[i]);
    }
    ++differing;
  }
  detail += accounts;
  if (differing > 3) detail += " (" + std::to_string(differing) + " accounts differ)";
  detail += " [expected: " + join_amounts(v.expected.seized) + "]";
  return wrong(detail, reply);
}

std::size_t Report::count(VerdictKind kind) const {
  return static_cast<std::size_t>(
      std::count_if(results.begin(), results.end(), [&](const VectorResult& r) { return r.verdict.kind == kind; }));
}

bool Report::passed() const { return count(VerdictKind::Pass) == results.size(); }

Report run_conformance(const std::vector<Vector>& vectors, const DriverOptions& options) {
  const auto start = Clock::now();
  const auto limit = options.total_limit.value_or(
      std::chrono::milliseconds(options.timeout * static_cast<std::int64_t>(vectors.size())) +
      std::chrono::milliseconds(60'000));
  const auto total_deadline = start + limit;
  Report report;
  Session session(options);
  for (std::size_t j = 0; j < vectors.size(); ++j) {
    const Vector& v = vectors[j];
    VectorResult r;
    r.id = v.id;
    r.family = v.family;
    r.case_name = v.case_name;
    r.accounts = v.size();
    if (Clock::now() >= total_deadline) {
      report.total_limit_reached = true;
      r.verdict = Verdict{VerdictKind::NotRun, "the total time cap of " + seconds_text(limit) + " was reached", ""};
    } else {
      if (options.progress) options.progress(j, vectors.size(), v.id);
      const auto t0 = Clock::now();
      r.verdict = session.run(v);
      r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    }
    report.results.push_back(std::move(r));
  }
  // One shrink per failing kind, from its smallest failing vector.
  Shrinker shrinker(session, options, total_deadline, vectors.size());
  for (const VerdictKind kind : verdict_kinds()) {
    if (kind == VerdictKind::Pass || kind == VerdictKind::NotRun) continue;
    std::optional<std::size_t> smallest;
    for (std::size_t j = 0; j < vectors.size(); ++j) {
      if (report.results[j].verdict.kind != kind) continue;
      if (!smallest || size_of(vectors[j]) < size_of(vectors[*smallest])) smallest = j;
    }
    if (!smallest) continue;
    report.minimal.push_back(shrinker.shrink(vectors[*smallest], report.results[*smallest].verdict));
    if (Clock::now() >= total_deadline) report.total_limit_reached = true;
  }
  session.stop();
  report.starts = session.starts();
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace adl::conf
