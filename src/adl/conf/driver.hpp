/// @file
/// The conformance driver (spec/harness.md): runs an implementation under test
/// as a child process over test vectors with the JSON-lines protocol, judges
/// every reply, restarts the child after a crash, timeout or malformed reply,
/// and shrinks one failing vector per verdict kind to a minimal one.
#pragma once

#include "adl/conf/vectors.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace adl::conf {

/// The verdict of one vector (CONF-VERDICTS).
/// @spec CONF-VERDICTS
enum class VerdictKind {
  Pass,         ///< The expected outcome, exactly.
  WrongAnswer,  ///< A well-formed reply with another outcome.
  Malformed,    ///< A reply that breaks the protocol.
  Crash,        ///< The implementation ended or closed its output before replying.
  Timeout,      ///< No complete reply before the deadline.
  NotRun,       ///< The total time cap was reached first.
};

/// `pass`, `wrong-answer`, `malformed`, `crash`, `timeout`, `not-run`.
/// @spec CONF-VERDICTS
std::string_view verdict_name(VerdictKind kind);

/// Every verdict kind, in report order (pass first).
/// @spec CONF-VERDICTS
const std::vector<VerdictKind>& verdict_kinds();

/// A verdict with its diagnosis.
/// @spec CONF-VERDICTS
struct Verdict {
  VerdictKind kind = VerdictKind::NotRun;  ///< The kind.
  std::string detail;                      ///< What was wrong (empty for a pass).
  std::string reply;                       ///< The start of the reply line (at most 300 bytes), when one arrived.
};

/// Judges one reply line against a vector (CONF-PROTOCOL, CONF-VERDICTS):
/// Malformed when it breaks the protocol, WrongAnswer when its outcome differs
/// from the expected one, Pass otherwise.
/// @spec CONF-PROTOCOL
/// @spec CONF-VERDICTS
Verdict judge_reply(const Vector& vector, std::string_view reply);

/// The longest reply line accepted for a vector of n accounts: 1 MiB + 32·n bytes.
/// @spec CONF-PROTOCOL
std::size_t max_reply_bytes(std::size_t accounts);

/// Splits `--impl CMD` on blanks (spaces, tabs) into argv: no shell, no quoting.
/// Throws std::invalid_argument when nothing is left.
/// @spec CONF-DRIVER
std::vector<std::string> split_command(std::string_view command);

/// Options of run_conformance.
/// @spec CONF-DRIVER
struct DriverOptions {
  std::vector<std::string> command;                      ///< The implementation's argv.
  std::chrono::milliseconds timeout{5000};               ///< Per-vector deadline t.
  std::optional<std::chrono::milliseconds> total_limit;  ///< Whole-run cap; default n·t + 60 s.
  std::size_t max_shrink_runs = 300;                     ///< Runs per shrink (CONF-SHRINK).
  std::size_t max_shrink_timeouts = 6;                   ///< Runs ending in a timeout per shrink.
  /// Called before each vector (vectors done, vectors in all, its id) and each
  /// shrink run (all, all, `shrinking KIND (n accounts)`).
  std::function<void(std::size_t, std::size_t, const std::string&)> progress;
};

/// The verdict of one vector of the run.
/// @spec CONF-VERDICTS
struct VectorResult {
  std::string id;            ///< The vector's id.
  std::string family;        ///< Its family.
  std::string case_name;     ///< Its case.
  std::size_t accounts = 0;  ///< Its number of accounts.
  Verdict verdict;           ///< The verdict.
  double seconds = 0;        ///< Wall-clock time of the exchange.
};

/// The smallest failing vector found for one verdict kind (CONF-SHRINK).
/// @spec CONF-SHRINK
struct MinimalFailure {
  VerdictKind kind = VerdictKind::WrongAnswer;  ///< The verdict kind kept while shrinking.
  std::string from;                             ///< Id of the failing vector it was shrunk from.
  Vector vector;                                ///< The minimal vector (id `FROM/min`, family `shrunk`).
  Verdict verdict;                              ///< The verdict it drew.
  std::size_t steps = 0;                        ///< Accepted moves.
  std::size_t runs = 0;                         ///< Candidate runs.
  std::string stopped_by;                       ///< The limit that ended the search early, or empty (1-minimal).
};

/// The outcome of a run.
/// @spec CONF-VERDICTS
struct Report {
  std::vector<VectorResult> results;    ///< One per vector, in order.
  std::vector<MinimalFailure> minimal;  ///< One per failing verdict kind, in verdict_kinds() order.
  std::size_t starts = 0;               ///< Child processes started (restarts = starts − 1).
  bool total_limit_reached = false;     ///< The whole-run cap stopped the run.
  double seconds = 0;                   ///< Wall-clock time of the run.

  /// Number of vectors with this verdict.
  [[nodiscard]] std::size_t count(VerdictKind kind) const;
  /// Whether every vector passed.
  [[nodiscard]] bool passed() const;
};

/// Runs the implementation over the vectors (CONF-DRIVER), then shrinks the
/// smallest failing vector of each failing kind (CONF-SHRINK). Throws
/// sys::SpawnError when the implementation cannot be started at all. Never
/// leaves a child process behind.
/// @spec CONF-DRIVER
/// @spec CONF-SHRINK
Report run_conformance(const std::vector<Vector>& vectors, const DriverOptions& options);

}  // namespace adl::conf
