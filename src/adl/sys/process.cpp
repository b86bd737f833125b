// POSIX subprocesses with deadlines (process.hpp; spec/harness.md, CONF-DRIVER).
#include "adl/sys/process.hpp"

#include "adl/ref/error.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

extern char** environ;

namespace adl::sys {
namespace {

using Clock = std::chrono::steady_clock;

// ---- Children to kill when adl itself is interrupted (kill_children_on_signals).
constexpr std::size_t kSlots = 64;
std::array<std::atomic<pid_t>, kSlots> g_live{};
std::atomic<bool> g_handlers_installed{false};

void register_child(pid_t pid) {
  for (auto& slot : g_live) {
    pid_t expected = 0;
    if (slot.compare_exchange_strong(expected, pid)) return;
  }
}

void unregister_child(pid_t pid) {
  for (auto& slot : g_live) {
    pid_t expected = pid;
    if (slot.compare_exchange_strong(expected, 0)) return;
  }
}

extern "C" void kill_children_and_reraise(int sig) {
  for (auto& slot : g_live) {
    const pid_t pid = slot.load();
    if (pid > 0) {
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
    }
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// ---- Small EINTR-safe wrappers.

void close_quietly(int& fd) {
  if (fd >= 0) {
    // close() must not be retried on EINTR on Linux: the descriptor is released either way.
    ::close(fd);
    fd = -1;
  }
}

/// Moves a descriptor to 3 or above (close-on-exec), so dup2 onto 0, 1, 2 in
/// the child never meets a descriptor that is already one of them.
int lift(int fd) {
  if (fd > 2) return fd;
  const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return moved;
}

void set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0) ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

/// write() with SIGPIPE blocked; a SIGPIPE raised by this write is consumed,
/// so a reader that has gone away yields EPIPE instead of killing the process.
ssize_t write_no_sigpipe(int fd, const char* data, std::size_t size) {
  sigset_t pipe_set;
  sigemptyset(&pipe_set);
  sigaddset(&pipe_set, SIGPIPE);
  sigset_t pending;
  sigemptyset(&pending);
  ::sigpending(&pending);
  const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
  sigset_t old_mask;
  ::pthread_sigmask(SIG_BLOCK, &pipe_set, &old_mask);
  ssize_t n = 0;
  do {
    n = ::write(fd, data, size);
  } while (n < 0 && errno == EINTR);
  const int saved = errno;
  if (n < 0 && saved == EPIPE && !was_pending) {
    const timespec zero{0, 0};
    while (::sigtimedwait(&pipe_set, nullptr, &zero) < 0 && errno == EINTR) {}
  }
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
  errno = saved;
  return n;
}

/// Reads what is available into `sink`. Returns false at end of file (or a
/// read error other than EAGAIN), true otherwise.
bool read_available(int fd, std::string& sink) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      sink.append(buffer, static_cast<std::size_t>(n));
      if (static_cast<std::size_t>(n) < sizeof buffer) return true;
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK;
  }
}

/// Milliseconds from now to the deadline, clamped to [0, cap].
int poll_timeout(Clock::time_point deadline, int cap) {
  const auto now = Clock::now();
  if (now >= deadline) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(ms < cap ? ms : cap);
}

int poll_eintr(pollfd* fds, std::size_t count, int timeout_ms) {
  for (;;) {
    const int r = ::poll(fds, static_cast<nfds_t>(count), timeout_ms);
    if (r >= 0 || errno != EINTR) return r;
  }
}

/// Whether the child has exited (without reaping it: the zombie keeps its pid
/// and process group reserved, so killing the group afterwards is safe).
bool has_exited(pid_t pid) {
  siginfo_t info;
  std::memset(&info, 0, sizeof info);
  for (;;) {
    const int r = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (r == 0) return info.si_pid == pid;
    if (errno != EINTR) return true;  // ECHILD: nothing left to wait for
  }
}

/// Reaps the child (blocking) and decodes its status.
LineChild::Exit reap(pid_t pid) {
  int status = 0;
  pid_t r = 0;
  do {
    r = ::waitpid(pid, &status, 0);
  } while (r < 0 && errno == EINTR);
  unregister_child(pid);
  LineChild::Exit exit;
  if (r == pid) {
    if (WIFEXITED(status)) exit.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) exit.term_signal = WTERMSIG(status);
  }
  return exit;
}

void kill_group(pid_t pid) {
  // The child leads its own group (POSIX_SPAWN_SETPGROUP); the second call covers
  // the instant before setpgid took effect.
  ::kill(-pid, SIGKILL);
  ::kill(pid, SIGKILL);
}

/// Waits until the child exits or the deadline passes; true when it exited.
bool wait_until(pid_t pid, Clock::time_point deadline) {
  for (;;) {
    if (has_exited(pid)) return true;
    if (Clock::now() >= deadline) return false;
    poll_eintr(nullptr, 0, poll_timeout(deadline, 5));
  }
}

struct Spawned {
  pid_t pid = -1;
  int in = -1;   // parent's end of the child's standard input
  int out = -1;  // parent's end of the child's standard output
  int err = -1;  // parent's end of the child's standard error
};

[[noreturn]] void spawn_failed(const std::string& what, const std::string& program, int error) {
  throw SpawnError("cannot start '" + program + "': " + what + ": " + std::strerror(error));
}

Spawned spawn(const std::vector<std::string>& argv) {
  if (argv.empty() || argv.front().empty()) throw ref::InvalidInput("adl::sys: empty command line");
  const std::string& program = argv.front();
  int fds[6] = {-1, -1, -1, -1, -1, -1};
  const auto close_all = [&] {
    for (int& fd : fds) close_quietly(fd);
  };
  for (int k = 0; k < 3; ++k) {
    if (::pipe2(fds + 2 * k, O_CLOEXEC) != 0) {
      const int e = errno;
      close_all();
      spawn_failed("pipe", program, e);
    }
  }
  for (int& fd : fds) {
    fd = lift(fd);
    if (fd < 0) {
      const int e = errno;
      close_all();
      spawn_failed("fcntl", program, e);
    }
  }
  // fds: [0] stdin read (child), [1] stdin write (parent), [2] stdout read (parent),
  // [3] stdout write (child), [4] stderr read (parent), [5] stderr write (child).
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  posix_spawn_file_actions_init(&actions);
  posix_spawnattr_init(&attributes);
  posix_spawn_file_actions_adddup2(&actions, fds[0], 0);
  posix_spawn_file_actions_adddup2(&actions, fds[3], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[5], 2);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif
  posix_spawnattr_setflags(&attributes,
                           static_cast<short>(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&attributes, &empty);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD}) sigaddset(&defaults, sig);
  posix_spawnattr_setsigdefault(&attributes, &defaults);

  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, program.c_str(), &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) {
    close_all();
    spawn_failed("exec", program, rc);
  }
  register_child(pid);
  close_quietly(fds[0]);
  close_quietly(fds[3]);
  close_quietly(fds[5]);
  Spawned s{pid, fds[1], fds[2], fds[4]};
  set_nonblocking(s.in);
  set_nonblocking(s.out);
  set_nonblocking(s.err);
  return s;
}

constexpr std::size_t kErrTail = 4096;

void keep_tail(std::string& tail) {
  if (tail.size() > kErrTail) tail.erase(0, tail.size() - kErrTail);
}

}  // namespace

void kill_children_on_signals() {
  if (g_handlers_installed.exchange(true)) return;
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = kill_children_and_reraise;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction previous;
    std::memset(&previous, 0, sizeof previous);
    ::sigaction(sig, nullptr, &previous);
    if (previous.sa_handler == SIG_IGN) continue;  // e.g. nohup: keep ignoring
    ::sigaction(sig, &action, nullptr);
  }
}

std::string describe_status(int exit_code, int term_signal) {
  if (term_signal != 0) {
    const char* abbrev = ::sigabbrev_np(term_signal);
    return "killed by signal " + std::to_string(term_signal) +
           (abbrev != nullptr ? std::string(" (SIG") + abbrev + ")" : std::string());
  }
  if (exit_code >= 0) return "exited with code " + std::to_string(exit_code);
  return "ended with an unknown status";
}

RunResult run_capture(const std::vector<std::string>& argv, std::string_view input, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  Spawned child = spawn(argv);
  RunResult result;
  std::size_t written = 0;
  if (input.empty()) close_quietly(child.in);
  std::optional<Clock::time_point> exited_at;
  for (;;) {
    if (child.out < 0 && child.err < 0) break;
    if (Clock::now() >= deadline) {
      result.timed_out = true;
      break;
    }
    if (!exited_at && has_exited(child.pid)) exited_at = Clock::now();
    // Something the child started may hold the pipes open after it exited.
    if (exited_at && Clock::now() - *exited_at > std::chrono::milliseconds(200)) break;
    pollfd fds[3];
    std::size_t count = 0;
    const auto add = [&](int fd, short events) {
      if (fd >= 0) fds[count++] = pollfd{fd, events, 0};
    };
    add(child.in, POLLOUT);
    add(child.out, POLLIN);
    add(child.err, POLLIN);
    poll_eintr(fds, count, poll_timeout(deadline, 50));
    for (std::size_t k = 0; k < count; ++k) {
      if (fds[k].revents == 0) continue;
      if (fds[k].fd == child.in) {
        const ssize_t n = write_no_sigpipe(child.in, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if ((n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) || written == input.size()) {
          close_quietly(child.in);  // done, or the child stopped reading (EPIPE)
        }
      } else if (fds[k].fd == child.out) {
        if (!read_available(child.out, result.out)) close_quietly(child.out);
      } else if (fds[k].fd == child.err) {
        if (!read_available(child.err, result.err)) close_quietly(child.err);
      }
    }
  }
  close_quietly(child.in);
  if (!result.timed_out && !wait_until(child.pid, deadline)) result.timed_out = true;
  // Kill the whole group: after a timeout, and also any process the child left behind.
  kill_group(child.pid);
  const LineChild::Exit exit = reap(child.pid);
  close_quietly(child.out);
  close_quietly(child.err);
  result.exit_code = exit.exit_code;
  result.term_signal = exit.term_signal;
  return result;
}

// ---- LineChild

LineChild::LineChild(std::vector<std::string> argv) : argv_(std::move(argv)) {
  if (argv_.empty() || argv_.front().empty()) throw ref::InvalidInput("adl::sys::LineChild: empty command line");
}

LineChild::~LineChild() { kill(); }

void LineChild::close_fds() {
  close_quietly(in_fd_);
  close_quietly(out_fd_);
  close_quietly(err_fd_);
}

void LineChild::start() {
  kill();
  Spawned s = spawn(argv_);
  pid_ = s.pid;
  in_fd_ = s.in;
  out_fd_ = s.out;
  err_fd_ = s.err;
  out_eof_ = false;
  in_closed_ = false;
  out_buffer_.clear();
  err_tail_.clear();
  ++starts_;
}

void LineChild::restart() { start(); }

bool LineChild::pump(Deadline deadline, std::string_view* pending_write, bool want_line, std::size_t max_bytes) {
  // One poll round: returns false when the deadline has passed.
  pollfd fds[3];
  std::size_t count = 0;
  if (pending_write != nullptr && in_fd_ >= 0) fds[count++] = pollfd{in_fd_, POLLOUT, 0};
  // Stop reading standard output once a reader's limit is far exceeded; the child then blocks, and
  // the deadline decides.
  if (out_fd_ >= 0 && !out_eof_ && (!want_line || out_buffer_.size() <= max_bytes)) {
    fds[count++] = pollfd{out_fd_, POLLIN, 0};
  }
  if (err_fd_ >= 0) fds[count++] = pollfd{err_fd_, POLLIN, 0};
  const int timeout_ms = poll_timeout(deadline, 1000);
  if (timeout_ms == 0 && Clock::now() >= deadline) return false;
  poll_eintr(fds, count, timeout_ms);
  for (std::size_t k = 0; k < count; ++k) {
    if (fds[k].revents == 0) continue;
    if (fds[k].fd == in_fd_ && pending_write != nullptr) {
      const ssize_t n = write_no_sigpipe(in_fd_, pending_write->data(), pending_write->size());
      if (n > 0) {
        pending_write->remove_prefix(static_cast<std::size_t>(n));
      } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        close_quietly(in_fd_);
        in_closed_ = true;
      }
    } else if (fds[k].fd == out_fd_) {
      if (!read_available(out_fd_, out_buffer_)) out_eof_ = true;
    } else if (fds[k].fd == err_fd_) {
      const bool open = read_available(err_fd_, err_tail_);
      keep_tail(err_tail_);
      if (!open) close_quietly(err_fd_);
    }
  }
  return true;
}

LineChild::Status LineChild::send_line(std::string_view line, Deadline deadline) {
  if (pid_ <= 0 || in_closed_ || in_fd_ < 0) return Status::Closed;
  std::string data(line);
  data.push_back('\n');
  std::string_view pending(data);
  while (!pending.empty()) {
    if (in_closed_) return Status::Closed;
    if (out_eof_ && has_exited(pid_)) return Status::Closed;
    if (!pump(deadline, &pending, false, 0)) return Status::Timeout;
  }
  return Status::Ok;
}

LineChild::ReadResult LineChild::read_line(Deadline deadline, std::size_t max_bytes) {
  ReadResult r;
  if (pid_ <= 0) return r;
  for (;;) {
    const std::size_t newline = out_buffer_.find('\n');
    if (newline != std::string::npos) {
      if (newline > max_bytes) {
        r.status = Status::TooLong;
        r.line = out_buffer_.substr(0, 200);
        return r;
      }
      r.status = Status::Ok;
      r.line = out_buffer_.substr(0, newline);
      out_buffer_.erase(0, newline + 1);
      return r;
    }
    if (out_buffer_.size() > max_bytes) {
      r.status = Status::TooLong;
      r.line = out_buffer_.substr(0, 200);
      return r;
    }
    if (out_eof_) {
      r.status = Status::Closed;
      r.line = out_buffer_;
      return r;
    }
    if (!pump(deadline, nullptr, true, max_bytes)) {
      r.status = Status::Timeout;
      r.line = out_buffer_.substr(0, 200);
      return r;
    }
  }
}

std::optional<LineChild::Exit> LineChild::reap_after(std::chrono::milliseconds grace, bool close_input) {
  if (pid_ <= 0) return std::nullopt;
  if (close_input) {
    close_quietly(in_fd_);
    in_closed_ = true;
  }
  const auto deadline = Clock::now() + grace;
  // Keep draining the child's output while it winds down, so it cannot block on a full pipe.
  while (!has_exited(pid_) && Clock::now() < deadline) {
    pollfd fds[2];
    std::size_t count = 0;
    if (out_fd_ >= 0 && !out_eof_) fds[count++] = pollfd{out_fd_, POLLIN, 0};
    if (err_fd_ >= 0) fds[count++] = pollfd{err_fd_, POLLIN, 0};
    poll_eintr(fds, count, poll_timeout(deadline, 5));
    for (std::size_t k = 0; k < count; ++k) {
      if (fds[k].revents == 0) continue;
      if (fds[k].fd == out_fd_) {
        std::string discard;
        if (!read_available(out_fd_, discard)) out_eof_ = true;
      } else {
        const bool open = read_available(err_fd_, err_tail_);
        keep_tail(err_tail_);
        if (!open) close_quietly(err_fd_);
      }
    }
  }
  // Collect what the child wrote on standard error just before it ended.
  if (err_fd_ >= 0) {
    read_available(err_fd_, err_tail_);
    keep_tail(err_tail_);
  }
  const bool running = !has_exited(pid_);
  kill_group(pid_);
  Exit exit = reap(pid_);
  exit.killed = running;
  pid_ = -1;
  close_fds();
  return exit;
}

std::optional<LineChild::Exit> LineChild::stop(std::chrono::milliseconds grace) { return reap_after(grace, true); }

std::optional<LineChild::Exit> LineChild::wait_exit(std::chrono::milliseconds grace) {
  return reap_after(grace, false);
}

std::optional<LineChild::Exit> LineChild::kill() { return reap_after(std::chrono::milliseconds(0), false); }

}  // namespace adl::sys
