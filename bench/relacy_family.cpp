// relacy_family.cpp: the family "N independent process() calls" written against
// Relacy, the peer of chancheck_family (relacy_family).
//
//   relacy_family --config full|bound CONTEXT_BOUND N CAP_SECONDS
//       runs the fixed family (capacity-1 result channels) for N = 1..4 under
//       Relacy's fair full-search scheduler (full; CONTEXT_BOUND is ignored) or
//       its fair context-bound scheduler with the given bound, and prints one
//       line of key=value pairs: iterations, finished or not, seconds, and the
//       peak resident memory of this process (bench/peak_memory.hpp).
//
// Each call is modelled as in bench/relacy_peer.cpp: a pair of threads, the
// process() thread (a timed wait on a condition variable for the value or the
// timeout) and its search thread (the send). Call i is threads 2i and 2i+1, with
// its own mutex, condition variable and variables; nothing is shared between
// calls. Relacy starts every thread at once, so there is no main thread that
// starts them: 2N threads stand for chancheck's main plus 2N tasks.
//
// Relacy's tree-search schedulers have no iteration or time bound of their own
// (they run until the tree is exhausted), so the program bounds itself: an alarm
// at CAP_SECONDS prints the line with finished=0 and the iterations run so far
// (counted in before(), which Relacy calls once per iteration) and exits.
#include <relacy/relacy.hpp>

#include <signal.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench/peak_memory.hpp"

namespace {

constexpr int searched = 1;  // process() returned the search result
constexpr int canceled = 2;  // process() returned "search canceled"

volatile std::uint64_t iterations = 0;  // read by the alarm handler
timespec started{};
char line_head[256];  // "relacy scheduler=... n=... cap_s=..."

template <unsigned calls>
struct family_suite : rl::test_suite<family_suite<calls>, 2 * calls> {
  rl::mutex mu[calls];
  rl::condition_variable cv[calls];
  rl::var<int> buffered[calls];  // values in call i's channel: 0 or 1
  rl::var<int> slot[calls];      // the value
  rl::var<int> result[calls];    // what call i's process() returned

  void before() {
    iterations = iterations + 1;
    for (unsigned i = 0; i < calls; ++i) {
      buffered[i]($) = 0;
      slot[i]($) = 0;
      result[i]($) = 0;
    }
  }

  // ch <- search(term), with capacity 1: the send never waits for a receiver.
  void send(unsigned i) {
    mu[i].lock($);
    while (buffered[i]($) == 1) cv[i].wait(mu[i], $);
    slot[i]($) = 42;
    buffered[i]($) = 1;
    cv[i].notify_all($);
    mu[i].unlock($);
  }

  // select { case <-ctx.Done(): ...; case r := <-ch: ... }
  void process(unsigned i) {
    mu[i].lock($);
    bool timed_out = false;
    while (buffered[i]($) == 0 && !timed_out) timed_out = !cv[i].wait_for(mu[i], 100, $);
    // Both ready: Go's select picks one at random.
    bool take = buffered[i]($) == 1 && (!timed_out || rl::rand(2) == 0);
    if (take) {
      RL_ASSERT(slot[i]($) == 42);
      buffered[i]($) = 0;
      cv[i].notify_all($);
      result[i]($) = searched;
    } else {
      result[i]($) = canceled;
    }
    mu[i].unlock($);
  }

  void thread(unsigned index) {
    if (index % 2 == 1)
      send(index / 2);
    else
      process(index / 2);
  }

  void after() {
    for (unsigned i = 0; i < calls; ++i) RL_ASSERT(result[i]($) == searched || result[i]($) == canceled);
  }
};

double seconds_since_start() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec - started.tv_sec) + static_cast<double>(now.tv_nsec - started.tv_nsec) * 1e-9;
}

// Appends the decimal digits of v to buf at *at (async-signal-safe).
void put_uint(char* buf, std::size_t& at, std::uint64_t v) {
  char digits[24];
  int k = 0;
  do {
    digits[k++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (k) buf[at++] = digits[--k];
}

void put_str(char* buf, std::size_t& at, const char* s) {
  while (*s) buf[at++] = *s++;
}

// The cap: print what was done so far and leave (only async-signal-safe calls).
void on_alarm(int) {
  char buf[512];
  std::size_t at = 0;
  put_str(buf, at, line_head);
  put_str(buf, at, " iterations=");
  put_uint(buf, at, iterations);
  put_str(buf, at, " finished=0 ok=1 seconds=");
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  std::int64_t us = (now.tv_sec - started.tv_sec) * 1000000 + (now.tv_nsec - started.tv_nsec) / 1000;
  put_uint(buf, at, static_cast<std::uint64_t>(us / 1000000));
  buf[at++] = '.';
  std::uint64_t frac = static_cast<std::uint64_t>(us % 1000000);
  for (std::uint64_t d = 100000; d; d /= 10) buf[at++] = static_cast<char>('0' + (frac / d) % 10);
  put_str(buf, at, " max_rss_kb=");
  put_uint(buf, at, static_cast<std::uint64_t>(chancheck::bench::peak_rss_kb()));
  buf[at++] = '\n';
  ssize_t written = write(STDOUT_FILENO, buf, at);
  (void)written;
  _exit(0);
}

template <unsigned calls>
bool simulate(rl::scheduler_type_e scheduler, unsigned bound) {
  rl::ostringstream quiet;  // Relacy reports to streams; this program prints its own line
  rl::test_params params;
  params.iteration_count = ~static_cast<rl::iteration_t>(0);  // the tree schedulers ignore it
  params.search_type = scheduler;
  params.context_bound = bound;
  params.output_stream = &quiet;
  params.progress_stream = &quiet;
  return rl::simulate<family_suite<calls>>(params);
}

int usage() {
  std::fprintf(stderr,
               "usage: relacy_family --config full|bound CONTEXT_BOUND N CAP_SECONDS\n"
               "  full: Relacy's fair full-search scheduler (CONTEXT_BOUND is ignored, give 0);\n"
               "  bound: its fair context-bound scheduler with CONTEXT_BOUND >= 1; N is 1 to 4.\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6 || std::strcmp(argv[1], "--config") != 0) return usage();
  bool full = std::strcmp(argv[2], "full") == 0;
  if (!full && std::strcmp(argv[2], "bound") != 0) return usage();
  long bound = std::strtol(argv[3], nullptr, 10);
  long n = std::strtol(argv[4], nullptr, 10);
  double cap = std::strtod(argv[5], nullptr);
  if (n < 1 || n > 4 || cap <= 0 || bound < 0 || (!full && bound < 1)) return usage();
  if (full) bound = 0;
  std::snprintf(line_head, sizeof line_head, "relacy scheduler=%s bound=%ld n=%ld cap_s=%g rss_start_kb=%ld",
                full ? "full" : "bound", bound, n, cap, chancheck::bench::peak_rss_kb());

  clock_gettime(CLOCK_MONOTONIC, &started);
  signal(SIGALRM, on_alarm);
  itimerval t{};
  auto cap_us = static_cast<long long>(cap * 1e6);
  t.it_value.tv_sec = static_cast<time_t>(cap_us / 1000000);
  t.it_value.tv_usec = static_cast<suseconds_t>(cap_us % 1000000);
  setitimer(ITIMER_REAL, &t, nullptr);

  auto sched = full ? rl::fair_full_search_scheduler_type : rl::fair_context_bound_scheduler_type;
  auto b = static_cast<unsigned>(bound);
  bool ok = false;
  switch (n) {
    case 1: ok = simulate<1>(sched, b); break;
    case 2: ok = simulate<2>(sched, b); break;
    case 3: ok = simulate<3>(sched, b); break;
    case 4: ok = simulate<4>(sched, b); break;
  }
  t = {};
  setitimer(ITIMER_REAL, &t, nullptr);
  double seconds = seconds_since_start();
  std::printf("%s iterations=%llu finished=1 ok=%d seconds=%.6f max_rss_kb=%ld\n", line_head,
              static_cast<unsigned long long>(iterations), ok ? 1 : 0, seconds, chancheck::bench::peak_rss_kb());
  if (!ok) std::fprintf(stderr, "Relacy reported a failure in the fixed family: the peer model is wrong\n");
  return ok ? 0 : 1;
}
