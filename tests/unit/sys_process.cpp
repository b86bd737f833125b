// POSIX subprocesses with deadlines (src/adl/sys/process.hpp; spec/harness.md,
// CONF-DRIVER): timeouts kill the process group, crashes report their signal,
// large input and output in both directions never deadlock, no zombie is left,
// and a reader that goes away never raises SIGPIPE in the test process.
#include <gtest/gtest.h>

#include "adl/sys/process.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using adl::sys::LineChild;
using adl::sys::run_capture;
using adl::sys::RunResult;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// No child of this process is left, running or zombie.
void expect_no_children() {
  errno = 0;
  const pid_t r = ::waitpid(-1, nullptr, WNOHANG);
  EXPECT_EQ(r, -1) << "a child was left behind (waitpid returned " << r << ")";
  EXPECT_EQ(errno, ECHILD);
}

// Whether process `pid` is gone (or a zombie of some other parent), waiting up to 2 s.
bool process_gone(pid_t pid) {
  const auto deadline = Clock::now() + 2s;
  while (Clock::now() < deadline) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    if (!stat) return true;
    std::string line;
    std::getline(stat, line);
    const auto paren = line.rfind(')');
    if (paren != std::string::npos && paren + 2 < line.size() && (line[paren + 2] == 'Z' || line[paren + 2] == 'X')) {
      return true;
    }
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

std::string big_text(std::size_t bytes) {
  std::string s;
  s.reserve(bytes);
  for (std::size_t i = 0; s.size() < bytes; ++i) s += "line " + std::to_string(i) + " of the big text\n";
  s.resize(bytes);
  return s;
}

// @spec CONF-DRIVER
TEST(SysRunCapture, ExitCodeAndOutputs) {
  const RunResult r = run_capture({"sh", "-c", "echo out; echo err >&2; exit 3"}, "", 10s);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.term_signal, 0);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
  expect_no_children();
}

// @spec CONF-DRIVER
TEST(SysRunCapture, TimeoutKillsAndReturnsQuickly) {
  const auto start = Clock::now();
  const RunResult r = run_capture({"sleep", "30"}, "", 300ms);
  const double elapsed = seconds_since(start);
  EXPECT_TRUE(r.timed_out);
  EXPECT_EQ(r.term_signal, SIGKILL);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_GE(elapsed, 0.29);
  EXPECT_LT(elapsed, 3.0);
  expect_no_children();
}

// @spec CONF-DRIVER
TEST(SysRunCapture, TimeoutKillsTheWholeProcessGroup) {
  // The shell prints the pid of a background sleep, then waits: on timeout both die.
  const RunResult r = run_capture({"sh", "-c", "sleep 30 & echo $!; wait"}, "", 500ms);
  EXPECT_TRUE(r.timed_out);
  const pid_t grandchild = static_cast<pid_t>(std::stol(r.out));
  ASSERT_GT(grandchild, 0);
  EXPECT_TRUE(process_gone(grandchild)) << "the background sleep " << grandchild << " survived";
  expect_no_children();
}

// @spec CONF-DRIVER
TEST(SysRunCapture, ChildExitedButPipesHeldOpenDoesNotHang) {
  // The shell exits at once; its background sleep inherited stdout. run_capture
  // must not wait 30 s for the pipe to close, and must not call that a timeout.
  const auto start = Clock::now();
  const RunResult r = run_capture({"sh", "-c", "sleep 30 & echo started"}, "", 10s);
  EXPECT_LT(seconds_since(start), 3.0);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "started\n");
  expect_no_children();
}

// @spec CONF-VERDICTS
TEST(SysRunCapture, CrashReportsTheSignal) {
  const RunResult r = run_capture({"sh", "-c", "kill -SEGV $$"}, "", 10s);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.term_signal, SIGSEGV);
  EXPECT_EQ(r.exit_code, -1);
  EXPECT_EQ(adl::sys::describe_status(r.exit_code, r.term_signal), "killed by signal 11 (SIGSEGV)");
  EXPECT_EQ(adl::sys::describe_status(3, 0), "exited with code 3");
  expect_no_children();
}

// @spec CONF-DRIVER
TEST(SysRunCapture, LargeInputAndOutputBothWaysNoDeadlock) {
  // 8 MiB through cat, far beyond any pipe buffer: a writer that did not read
  // at the same time would block forever.
  const std::string input = big_text(8U << 20);
  const RunResult r = run_capture({"cat"}, input, 60s);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.size(), input.size());
  EXPECT_TRUE(r.out == input);
  // Both output streams large at once: stdout and stderr each get the whole input.
  const RunResult both = run_capture({"sh", "-c", "tee /dev/stderr"}, input, 60s);
  EXPECT_FALSE(both.timed_out);
  EXPECT_EQ(both.exit_code, 0);
  EXPECT_TRUE(both.out == input);
  EXPECT_TRUE(both.err == input);
  expect_no_children();
}

// @spec CONF-DRIVER
TEST(SysRunCapture, ReaderThatGoesAwayRaisesNoSigpipe) {
  // `true` never reads its input: writing 8 MiB to it gives EPIPE, which must
  // not kill this process (the test would die with SIGPIPE).
  const RunResult r = run_capture({"true"}, big_text(8U << 20), 10s);
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0);
  expect_no_children();
}

// @spec CONF-DRIVER
TEST(SysRunCapture, MissingProgramIsASpawnError) {
  EXPECT_THROW(run_capture({"/nonexistent/adl-no-such-program"}, "", 1s), adl::sys::SpawnError);
  EXPECT_THROW(run_capture({"adl-no-such-program-in-path"}, "", 1s), adl::sys::SpawnError);
  EXPECT_THROW(run_capture({}, "", 1s), std::invalid_argument);
  expect_no_children();
}

// @spec CONF-PROTOCOL
TEST(SysLineChild, ExchangesLinesAndStops) {
  LineChild child({"cat"});
  child.start();
  const auto deadline = Clock::now() + 5s;
  for (int i = 0; i < 100; ++i) {
    const std::string line = "request " + std::to_string(i);
    ASSERT_EQ(child.send_line(line, deadline), LineChild::Status::Ok);
    const auto reply = child.read_line(deadline, 1000);
    ASSERT_EQ(reply.status, LineChild::Status::Ok);
    EXPECT_EQ(reply.line, line);
  }
  const auto exit = child.stop(2s);
  ASSERT_TRUE(exit.has_value());
  EXPECT_EQ(exit->exit_code, 0);
  EXPECT_FALSE(child.started());
  expect_no_children();
}

// @spec CONF-PROTOCOL
TEST(SysLineChild, LargeLinesBothWays) {
  // A 4 MiB line written while the child echoes it back: no deadlock.
  LineChild child({"cat"});
  child.start();
  std::string line = big_text(4U << 20);
  for (char& c : line) {
    if (c == '\n') c = ' ';
  }
  const auto deadline = Clock::now() + 30s;
  ASSERT_EQ(child.send_line(line, deadline), LineChild::Status::Ok);
  const auto reply = child.read_line(deadline, 8U << 20);
  ASSERT_EQ(reply.status, LineChild::Status::Ok);
  EXPECT_TRUE(reply.line == line);
  child.kill();
  expect_no_children();
}

// @spec CONF-DRIVER
TEST(SysLineChild, ReadTimesOutThenKillReaps) {
  LineChild child({"sh", "-c", "read line; sleep 30"});
  child.start();
  const auto start = Clock::now();
  ASSERT_EQ(child.send_line("hello", start + 2s), LineChild::Status::Ok);
  const auto reply = child.read_line(start + 300ms, 1000);
  EXPECT_EQ(reply.status, LineChild::Status::Timeout);
  EXPECT_LT(seconds_since(start), 2.0);
  const auto exit = child.kill();
  ASSERT_TRUE(exit.has_value());
  EXPECT_EQ(exit->term_signal, SIGKILL);
  expect_no_children();
}

// @spec CONF-VERDICTS
TEST(SysLineChild, CrashIsClosedWithStatusAndStderr) {
  LineChild child({"sh", "-c", "read line; echo 'dying now' >&2; kill -ABRT $$"});
  child.start();
  const auto deadline = Clock::now() + 5s;
  ASSERT_EQ(child.send_line("x", deadline), LineChild::Status::Ok);
  const auto reply = child.read_line(deadline, 1000);
  EXPECT_EQ(reply.status, LineChild::Status::Closed);
  const auto exit = child.wait_exit(2s);
  ASSERT_TRUE(exit.has_value());
  EXPECT_EQ(exit->term_signal, SIGABRT);
  EXPECT_NE(child.stderr_tail().find("dying now"), std::string::npos) << child.stderr_tail();
  // A write to a child that has exited is Closed, not a SIGPIPE.
  child.start();
  ASSERT_EQ(child.send_line("x", deadline), LineChild::Status::Ok);
  ASSERT_EQ(child.read_line(deadline, 1000).status, LineChild::Status::Closed);
  std::this_thread::sleep_for(50ms);
  std::string many(1U << 20, 'y');
  EXPECT_EQ(child.send_line(many, deadline), LineChild::Status::Closed);
  child.kill();
  EXPECT_EQ(child.starts(), 2U);
  expect_no_children();
}

// @spec CONF-VERDICTS
TEST(SysLineChild, ClosedOutputButStillRunningIsKilledAndSaysSo) {
  LineChild child({"sh", "-c", "exec 1>&-; sleep 30"});
  child.start();
  const auto start = Clock::now();
  EXPECT_EQ(child.read_line(start + 5s, 1000).status, LineChild::Status::Closed);
  const auto exit = child.wait_exit(200ms);
  ASSERT_TRUE(exit.has_value());
  EXPECT_TRUE(exit->killed);
  EXPECT_EQ(exit->term_signal, SIGKILL);
  EXPECT_LT(seconds_since(start), 3.0);
  // A child that exits by itself is not reported as killed.
  LineChild polite({"cat"});
  polite.start();
  const auto deadline = Clock::now() + 5s;
  ASSERT_EQ(polite.send_line("x", deadline), LineChild::Status::Ok);
  const auto stopped = polite.stop(2s);
  ASSERT_TRUE(stopped.has_value());
  EXPECT_FALSE(stopped->killed);
  expect_no_children();
}

// @spec CONF-PROTOCOL
TEST(SysLineChild, OverlongLineIsTooLong) {
  LineChild child({"sh", "-c", "head -c 100000 /dev/zero | tr '\\0' a; sleep 30"});
  child.start();
  const auto reply = child.read_line(Clock::now() + 5s, 1000);
  EXPECT_EQ(reply.status, LineChild::Status::TooLong);
  child.kill();
  expect_no_children();
}

// @spec CONF-DRIVER
TEST(SysLineChild, RestartGivesAFreshChild) {
  LineChild child({"cat"});
  child.start();
  const pid_t first = child.pid();
  child.restart();
  EXPECT_NE(child.pid(), first);
  EXPECT_TRUE(process_gone(first));
  const auto deadline = Clock::now() + 5s;
  ASSERT_EQ(child.send_line("again", deadline), LineChild::Status::Ok);
  EXPECT_EQ(child.read_line(deadline, 100).line, "again");
  // The destructor reaps whatever is still running.
  {
    LineChild scoped({"sleep", "30"});
    scoped.start();
  }
  child.kill();
  expect_no_children();
}

}  // namespace
