// child_run.cpp: fork, pipe, poll and the watchdog.
#include "tools/isolation/child_run.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "tools/isolation/child_guard.hpp"
#include "tools/isolation/stop_signal.hpp"
#include "tools/isolation/whole_file.hpp"

namespace chancheck::detail {

namespace {
using clock = std::chrono::steady_clock;

/// The child's side: runs the work, sends the report, exits without running
/// the parent's atexit handlers or flushing its copies of the parent's buffers.
[[noreturn]] void child_main(const std::function<scenario_report(crash_journal*)>& work, crash_journal& journal,
                             int fd) {
  ignore_stop_signals();  // the parent stops it (after a last checkpoint); a terminal's SIGINT reaches both
  guard_child(journal);
  write_all(fd, work(&journal).encode());  // a short write leaves a report the parent refuses
  std::fflush(stdout);                     // what the scenario printed
  std::fflush(stderr);
  ::_exit(0);
}

/// Reads what is there; false at end of file or on an error.
bool read_some(int fd, std::string& into) {
  char buf[65536];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return true;
  if (n <= 0) return false;
  into.append(buf, static_cast<std::size_t>(n));
  return true;
}

/// A stop with checkpoints on: asks the child for a last checkpoint (the first
/// time), then true while it is not written and the grace period lasts.
bool last_checkpoint_pending(crash_journal& journal, std::optional<clock::time_point>& asked, clock::time_point now,
                             const child_limits& limits) {
  if (!asked) {
    journal.checkpoint_written.store(0);
    journal.checkpoint_asked.store(1);
    asked = now;
  }
  return journal.checkpoint_written.load() == 0 && now - *asked < limits.checkpoint_grace;
}

/// Watches the child until it exits (or kills it); fills `end` but for the report.
void watch(pid_t pid, int fd, crash_journal& journal, const child_limits& limits, std::string& text, child_end& end) {
  const auto start = clock::now();
  auto last_move = start;
  std::uint64_t beat = journal.heartbeat.load(std::memory_order_relaxed);
  bool open = true;
  int status = 0;
  std::optional<clock::time_point> asked;  // when a stop asked the child for a last checkpoint
  for (;;) {
    if (open) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 50) > 0) open = read_some(fd, text);
    } else if (::waitpid(pid, &status, 0) == pid) {
      break;
    }
    const auto now = clock::now();
    if (limits.progress)
      limits.progress(journal.searched.load(std::memory_order_relaxed),
                      std::chrono::duration<double>(now - start).count());
    std::uint64_t b = journal.heartbeat.load(std::memory_order_relaxed);
    if (b != beat) {
      beat = b;
      last_move = now;
    }
    bool searching = journal.traced_runs.load(std::memory_order_relaxed) == 0;  // no counterexample found yet
    bool stop = stop_requested() != 0;
    bool hung = now - last_move > limits.watchdog;
    bool over = limits.budget.count() > 0 && searching && now - start > limits.budget + std::chrono::seconds(1);
    if (stop && !hung && limits.checkpoint_on_stop && last_checkpoint_pending(journal, asked, now, limits)) continue;
    if (stop || hung || over) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      end.how = stop ? child_end::how_t::interrupted : hung ? child_end::how_t::hung : child_end::how_t::over_budget;
      break;
    }
  }
  end.seconds = std::chrono::duration<double>(clock::now() - start).count();
  if (end.how != child_end::how_t::died) return;
  if (WIFSIGNALED(status)) end.signal = WTERMSIG(status);
  if (WIFEXITED(status)) end.exit_status = WEXITSTATUS(status);
}
}  // namespace

child_end run_in_child(const std::function<scenario_report(crash_journal*)>& work, crash_journal& journal,
                       const child_limits& limits) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
  std::fflush(stdout);  // or the child would print the parent's buffered output again
  std::fflush(stderr);
  const pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("cannot fork: ") + std::strerror(errno));
  if (pid == 0) {
    // A parent killed outright (SIGKILL, the OOM killer) cannot end its child: the
    // kernel does, so no orphan explores on. The check after prctl closes the race
    // with a parent that died before it; the child then ends the same way, by SIGKILL.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) {
      ::kill(::getpid(), SIGKILL);
      ::_exit(127);
    }
    ::close(fds[0]);
    child_main(work, journal, fds[1]);
  }
  ::close(fds[1]);
  child_end end;
  std::string text;
  watch(pid, fds[0], journal, limits, text, end);
  ::close(fds[0]);
  if (end.how == child_end::how_t::died && end.signal == 0 && end.exit_status == 0) {
    if (scenario_report::decode(text, end.report, end.lost_report)) end.how = child_end::how_t::reported;
  }
  // A child with no report when a stop was asked for was ended by it (by the parent, or
  // by the terminal's SIGINT, which reaches the whole process group).
  if (end.how == child_end::how_t::died && stop_requested() != 0) end.how = child_end::how_t::interrupted;
  return end;
}

std::string describe_signal(int signal) {
  const char* name = sigabbrev_np(signal);
  std::string s = name ? std::string("SIG") + name : "signal " + std::to_string(signal);
  const char* what = sigdescr_np(signal);
  return what ? s + " (" + what + ")" : s;
}

}  // namespace chancheck::detail
