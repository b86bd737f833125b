/// @file
/// POSIX subprocesses with deadlines: run a command to completion with its
/// input and output captured (run_capture), or keep one running and exchange
/// lines with it (LineChild, the line protocol of the conformance driver).
///
/// Every child runs in its own process group; on a timeout the whole group is
/// killed with SIGKILL, and every child is always reaped (no zombies). All
/// system calls are retried on EINTR. Writing to a child that has gone away
/// never raises SIGPIPE in the calling process: the signal is blocked around
/// each write and a pending one is consumed, so a dead reader shows up as an
/// ordinary status instead of killing adl.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace adl::sys {

/// The program could not be started (not found, not executable, no pipes or
/// processes left). The message names the program and the system error.
/// @spec CONF-DRIVER
class SpawnError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The outcome of run_capture.
/// @spec CONF-DRIVER
struct RunResult {
  int exit_code = -1;      ///< Exit status when the child exited normally, else −1.
  int term_signal = 0;     ///< The signal that ended the child (SIGKILL after a timeout), else 0.
  bool timed_out = false;  ///< The deadline passed; the child's process group was killed.
  std::string out;         ///< Everything the child wrote on standard output.
  std::string err;         ///< Everything the child wrote on standard error.
};

/// Runs argv[0] (searched in PATH when it has no slash) with arguments
/// argv[1..], writes `input` to its standard input and then closes it, and
/// collects standard output and standard error until the child has exited and
/// closed both, or until `timeout` has passed. Input and output are pumped in
/// one poll() loop, so arbitrarily large input and output in both directions
/// cannot deadlock. On timeout the child's process group is killed (SIGKILL)
/// and the child reaped; `timed_out` is set and the output read so far kept.
/// When the child exits but something it started keeps the pipes open, the
/// group is killed 200 ms later. Throws SpawnError when the program cannot be
/// started and adl::ref::InvalidInput when argv is empty.
/// @spec CONF-DRIVER
RunResult run_capture(const std::vector<std::string>& argv, std::string_view input, std::chrono::milliseconds timeout);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP that kill the process
/// group of every child still running (run_capture and LineChild register
/// theirs), then end the process by the same signal with its default action.
/// Call once from main-like code (the `adl conform` command does); a library
/// never installs it on its own. Idempotent.
/// @spec CONF-DRIVER
void kill_children_on_signals();

/// A human description of how a child ended: `exited with code 3`, `killed by
/// signal 11 (SIGSEGV)`.
/// @spec CONF-VERDICTS
std::string describe_status(int exit_code, int term_signal);

/// A long-running child spoken to in lines (CONF-PROTOCOL): one request line
/// on its standard input, one reply line on its standard output. Standard
/// error is drained continuously (so the child never blocks on it) and its
/// last few kilobytes are kept for diagnostics. Not copyable; the destructor
/// kills and reaps a child still running.
/// @spec CONF-DRIVER
/// @spec CONF-PROTOCOL
class LineChild {
 public:
  /// What a read or write ended with.
  enum class Status {
    Ok,       ///< The line was written, or a whole line was read.
    Timeout,  ///< The deadline passed first.
    Closed,   ///< The child closed the stream (or exited) first.
    TooLong,  ///< A line longer than the limit arrived (read only).
  };

  /// The result of read_line.
  struct ReadResult {
    Status status = Status::Closed;  ///< How the read ended.
    std::string line;                ///< The line without its newline (when Ok); else a prefix of what was read.
  };

  /// How the child ended, once reaped.
  struct Exit {
    int exit_code = -1;   ///< Exit status, or −1 when killed by a signal.
    int term_signal = 0;  ///< The terminating signal, or 0.
    bool killed = false;  ///< Still running when the grace period ended: its group was killed here.
  };

  /// Steady-clock deadlines.
  using Deadline = std::chrono::steady_clock::time_point;

  /// A child of this command line (not started yet). Throws adl::ref::InvalidInput when argv is empty.
  explicit LineChild(std::vector<std::string> argv);
  ~LineChild();
  LineChild(const LineChild&) = delete;
  LineChild& operator=(const LineChild&) = delete;

  /// Starts the child (killing a previous one first). Throws SpawnError.
  void start();
  /// Kills the current child, if any, and starts a fresh one. Throws SpawnError.
  void restart();
  /// Whether a child has been started and not yet reaped.
  [[nodiscard]] bool started() const { return pid_ > 0; }
  /// The process id of the current child, or −1.
  [[nodiscard]] pid_t pid() const { return pid_; }

  /// Writes `line` and a newline to the child's standard input before
  /// `deadline`, reading its standard output meanwhile into the line buffer.
  /// Closed when the child has closed its input or exited.
  Status send_line(std::string_view line, Deadline deadline);
  /// Reads one line (up to a newline, not included) from the child's standard
  /// output before `deadline`. TooLong when more than `max_bytes` arrive
  /// without a newline; Closed at end of file.
  ReadResult read_line(Deadline deadline, std::size_t max_bytes);

  /// Closes the child's standard input, waits up to `grace` for it to exit,
  /// then kills its process group; always reaps. Returns how it ended
  /// (nullopt when no child was running).
  std::optional<Exit> stop(std::chrono::milliseconds grace);
  /// Waits up to `grace` for an exit the child has already started (after it
  /// closed its output), then kills the group; always reaps.
  std::optional<Exit> wait_exit(std::chrono::milliseconds grace);
  /// Kills the process group with SIGKILL and reaps the child.
  std::optional<Exit> kill();

  /// The last bytes (at most 4 KiB) the child wrote on standard error, since it was started.
  [[nodiscard]] std::string stderr_tail() const { return err_tail_; }
  /// How many times a child was started.
  [[nodiscard]] std::size_t starts() const { return starts_; }

 private:
  bool pump(Deadline deadline, std::string_view* pending_write, bool want_line, std::size_t max_bytes);
  void close_fds();
  std::optional<Exit> reap_after(std::chrono::milliseconds grace, bool close_input);

  std::vector<std::string> argv_;
  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  bool out_eof_ = false;
  bool in_closed_ = false;
  std::string out_buffer_;
  std::string err_tail_;
  std::size_t starts_ = 0;
};

}  // namespace adl::sys
