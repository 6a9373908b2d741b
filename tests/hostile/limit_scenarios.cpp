// limit_scenarios.cpp: a scenario that starts far more tasks than an execution may
// (one per item, 100,000 of them, each blocked): reported as task-limit at the go()
// past the bound, never an out-of-memory or mapping failure.
#include <chancheck/scenario.hpp>

#include "tests/hostile/hostile_lines.hpp"

using namespace chancheck;

CHANCHECK_SCENARIO("hostile/many_tasks") {
  auto results = make_chan<int>();
  for (int i = 0; i < 100000; ++i) {
    go("item", [results, i] { results.send(i); }); static_assert(__LINE__ == hostile::many_tasks_go);
  }
  for (int i = 0; i < 100000; ++i) results.recv();
}
