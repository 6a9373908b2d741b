// relacy_peer.cpp: process() from the seed, against Relacy's primitives.
//
// The result channel is a mutex, a condition variable and two plain variables
// (the buffered value and how many values are buffered). The context timeout is
// a timed wait on the condition variable: Relacy's random scheduler may time
// such a wait out at any point, which is how it models a timer that can fire at
// any time. Thread 0 is process(), thread 1 is the search task.
//
// Go:                                         here:
//   ch := make(chan string, capacity)           process_suite<capacity>
//   go func() { ch <- search(term) }()          thread 1: send()
//   select { <-ctx.Done(): ... ; <-ch: ... }    thread 0: timed wait for a value
//
// With capacity 1 the send never blocks and every iteration passes. With
// capacity 0 the sender waits for a receiver; when the timeout wins nobody ever
// receives and Relacy reports the blocked sender as a deadlock (its word for a
// thread blocked forever), the Go leak.
#include <relacy/relacy.hpp>

#include "bench/relacy_peer.hpp"

namespace chancheck::bench {

namespace {

constexpr int searched = 1;  // process() returned the search result
constexpr int canceled = 2;  // process() returned "search canceled"

template <int capacity>
struct process_suite
    : rl::test_suite<process_suite<capacity>, 2, capacity == 0 ? rl::test_result_deadlock : rl::test_result_success> {
  rl::mutex mu;
  rl::condition_variable cv;
  rl::var<int> buffered;  // values in the channel: 0 or 1
  rl::var<int> slot;      // the value
  rl::var<int> result;    // what process() returned

  void before() {
    buffered($) = 0;
    slot($) = 0;
    result($) = 0;
  }

  // ch <- search(term)
  void send() {
    mu.lock($);
    while (buffered($) == 1) cv.wait(mu, $);
    slot($) = 42;
    buffered($) = 1;
    cv.notify_all($);
    if (capacity == 0)  // unbuffered: wait for a receiver to take the value
      while (buffered($) == 1) cv.wait(mu, $);
    mu.unlock($);
  }

  // select { case <-ctx.Done(): ...; case r := <-ch: ... }
  void process() {
    mu.lock($);
    bool timed_out = false;
    while (buffered($) == 0 && !timed_out) timed_out = !cv.wait_for(mu, 100, $);
    // Both ready: Go's select picks one at random.
    bool take = buffered($) == 1 && (!timed_out || rl::rand(2) == 0);
    if (take) {
      RL_ASSERT(slot($) == 42);
      buffered($) = 0;
      cv.notify_all($);
      result($) = searched;
    } else {
      result($) = canceled;
    }
    mu.unlock($);
  }

  void thread(unsigned index) {
    if (index == 1)
      send();
    else
      process();
  }

  void after() { RL_ASSERT(result($) == searched || result($) == canceled); }
};

template <int capacity>
bool run(std::uint64_t iterations, std::uint64_t& stopped_at) {
  rl::ostringstream quiet;  // Relacy reports to streams; the benchmark prints its own table
  rl::test_params params;
  params.iteration_count = iterations;
  params.search_type = rl::sched_random;
  params.output_stream = &quiet;
  params.progress_stream = &quiet;
  bool expected = rl::simulate<process_suite<capacity>>(params);
  stopped_at = params.stop_iteration;
  return expected;
}

}  // namespace

bool relacy_fixed_run(std::uint64_t iterations) {
  std::uint64_t stopped_at = 0;
  return run<1>(iterations, stopped_at);
}

std::uint64_t relacy_leak_found_at(std::uint64_t iterations) {
  std::uint64_t stopped_at = 0;
  return run<0>(iterations, stopped_at) ? stopped_at : 0;
}

}  // namespace chancheck::bench
