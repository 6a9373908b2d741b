// misuse_scenarios.cpp: kit objects made outside the execution that uses them (a
// namespace-scope channel and mutex, a function-local static channel, a channel
// carried from one scenario to the next) and kit calls from std::threads. Each is
// reported as misuse (where it was made, where it was used) or uncontrolled.
#include <chancheck/scenario.hpp>

#include <thread>

#include "tests/hostile/hostile_lines.hpp"

using namespace chancheck;

namespace {
chan<int> static_chan = make_chan<int>(1); static_assert(__LINE__ == hostile::static_chan_made);
chancheck::mutex static_mutex; static_assert(__LINE__ == hostile::static_mutex_made);
chan<int> carried;  // made by hostile/carry_make, used by hostile/carry_use
}  // namespace

CHANCHECK_SCENARIO("hostile/static_chan") {
  static_chan.send(1); static_assert(__LINE__ == hostile::static_chan_used);
  static_chan.recv();
}

CHANCHECK_SCENARIO("hostile/static_mutex") {
  static_mutex.lock(); static_assert(__LINE__ == hostile::static_mutex_used);
  static_mutex.unlock();
}

CHANCHECK_SCENARIO("hostile/local_static_chan") {
  static auto kept = make_chan<int>(1); static_assert(__LINE__ == hostile::local_static_made);
  auto done = make_chan<int>(0);
  go("helper", [done] { done.send(1); });
  kept.send(1); static_assert(__LINE__ == hostile::local_static_used);
  kept.recv();
  done.recv();
}

CHANCHECK_SCENARIO("hostile/carry_make", expected::leak) {
  carried = make_chan<int>(0); static_assert(__LINE__ == hostile::carried_made);
  go("stuck", [] { carried.recv(); });  // leaks, waiting on the channel
}

CHANCHECK_SCENARIO("hostile/carry_use") {
  carried.send(1); static_assert(__LINE__ == hostile::carried_used);
}

CHANCHECK_SCENARIO("hostile/std_thread_kit") {
  auto ch = make_chan<int>(1);
  std::thread t([ch] { ch.send(1); }); static_assert(__LINE__ == hostile::thread_send);
  t.join();
}

CHANCHECK_SCENARIO("hostile/go_from_std_thread") {
  std::thread t([] { go("from_thread", [] {}); }); static_assert(__LINE__ == hostile::thread_go);
  t.join();
}
