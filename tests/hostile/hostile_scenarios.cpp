// hostile_scenarios.cpp: scenarios that do what real code under test sometimes does
// and that no exploration survives in one process: abort, a null store, unbounded
// recursion, a huge frame, exit(), a throwing destructor, a busy loop and a
// std::mutex locked by two tasks, then an ordinary leak, and text that is not UTF-8.
// Built into their own CLI (chancheck_hostile), so the built-in catalog stays clean.
#include <chancheck/scenario.hpp>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "tests/hostile/hostile_lines.hpp"

using namespace chancheck;

namespace {
int* volatile nowhere = nullptr;        // not known to be null where it is stored through
volatile unsigned long depth_limit = ~0ul;  // so the recursion is not known to be unbounded
volatile unsigned long spins = 0;
}  // namespace

CHANCHECK_SCENARIO("hostile/abort") {
  auto ch = make_chan<int>(0);
  go("worker", [ch] { ch.recv(); std::abort(); }); static_assert(__LINE__ == hostile::abort_recv);
  ch.send(1);
}

CHANCHECK_SCENARIO("hostile/null_store") {
  auto ch = make_chan<int>(0);
  go("worker", [ch] { ch.recv(); *nowhere = 1; }); static_assert(__LINE__ == hostile::null_store_recv);
  ch.send(1);
}

namespace {
unsigned long recurse(unsigned long n) {
  volatile char frame[512];
  frame[0] = static_cast<char>(n);
  return n < depth_limit ? recurse(n + 1) + frame[0] : n;
}
}  // namespace

CHANCHECK_SCENARIO("hostile/deep_recursion") {
  auto ch = make_chan<int>(0);
  go("worker", [ch] { ch.recv(); spins = recurse(0); }); static_assert(__LINE__ == hostile::recursion_recv);
  ch.send(1);
}

namespace {
void keep(char* b) { spins = spins + static_cast<unsigned char>(b[spins % 16]); }
void (*volatile sink)(char*) = keep;  // an opaque call: the buffer must exist

void big_frame() {
  char buffer[600 * 1024];
  std::memset(buffer, 1, sizeof buffer);
  sink(buffer);
}
}  // namespace

CHANCHECK_SCENARIO("hostile/big_frame") {
  auto ch = make_chan<int>(0);
  go("worker", [ch] { ch.recv(); big_frame(); }); static_assert(__LINE__ == hostile::big_frame_recv);
  ch.send(1);
}

CHANCHECK_SCENARIO("hostile/exit_3") {
  auto ch = make_chan<int>(0);
  go("worker", [ch] { ch.recv(); std::exit(3); }); static_assert(__LINE__ == hostile::exit_recv);
  ch.send(1);
}

namespace {
void fail() { throw std::runtime_error("thrown from a destructor"); }

struct throws_when_destroyed {
  ~throws_when_destroyed() { fail(); }  // implicitly noexcept: std::terminate
};
}  // namespace

CHANCHECK_SCENARIO("hostile/throw_in_destructor") {
  auto ch = make_chan<int>(0);
  go("worker", [ch] { ch.recv(); throws_when_destroyed t; }); static_assert(__LINE__ == hostile::destructor_recv);
  ch.send(1);
}

CHANCHECK_SCENARIO("hostile/spin") {
  auto ch = make_chan<int>(0);
  go("worker", [ch] {
    ch.recv(); static_assert(__LINE__ == hostile::spin_recv);
    for (;;) spins = spins + 1;  // no scheduling point, ever
  });
  ch.send(1);
}

CHANCHECK_SCENARIO("hostile/std_mutex") {
  static std::mutex m;  // outside the kit: the explorer cannot see it
  auto held = make_chan<int>(0), never = make_chan<int>(0);
  go("holder", [held, never] {
    std::lock_guard<std::mutex> g(m);
    held.send(1);
    never.recv();  // blocks while holding m
  });
  held.recv(); static_assert(__LINE__ == hostile::mutex_recv);
  std::lock_guard<std::mutex> g(m);  // the holder has it: this OS thread blocks for good
}

CHANCHECK_SCENARIO("hostile/leak_after", expected::leak) {
  auto ch = make_chan<int>(0);
  go("stuck", [ch] { ch.send(1); });
}

// Text that is not UTF-8 (Latin-1 bytes, a lone 0xff) in a task name and a panic message:
// the JSON result escapes it (as U+FFFD) instead of failing to write.
CHANCHECK_SCENARIO("hostile/non_utf8_panic", expected::panic) {
  auto done = make_chan<int>(0);
  go("caf\xe9", [done] { panic("bytes \xff\xfe are not UTF-8"); });
  done.recv();
}

// The same in a crash, whose report the parent builds from the crash journal.
CHANCHECK_SCENARIO("hostile/non_utf8_crash") {
  auto ch = make_chan<int>(0);
  go("caf\xe9-\xff", [ch] { ch.recv(); std::abort(); });
  ch.send(1);
}
