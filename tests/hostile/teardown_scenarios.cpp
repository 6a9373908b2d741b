// teardown_scenarios.cpp: leaked tasks whose code would misbehave if it ran after
// the verdict: a destructor that throws, a defer that calls expect(), a catch (...)
// around the blocking receive. The explorer abandons leaked tasks as Go does, so
// each is reported as the plain leak it is.
#include <chancheck/scenario.hpp>

#include <stdexcept>

#include "tests/hostile/hostile_lines.hpp"

using namespace chancheck;

namespace {
struct throws_at_teardown {
  ~throws_at_teardown() noexcept(false) { throw std::runtime_error("thrown from a leaked task's destructor"); }
};
}  // namespace

CHANCHECK_SCENARIO("hostile/teardown_throwing_destructor") {
  auto ch = make_chan<int>(0);
  go("stuck", [ch] {
    throws_at_teardown t;
    ch.recv(); static_assert(__LINE__ == hostile::teardown_destructor_recv);
  });
}

CHANCHECK_SCENARIO("hostile/teardown_defer_expect") {
  auto ch = make_chan<int>(0);
  go("stuck", [ch] {
    CHANCHECK_DEFER(expect(false, "a deferred expect in a leaked task"));
    ch.recv(); static_assert(__LINE__ == hostile::teardown_defer_recv);
  });
}

CHANCHECK_SCENARIO("hostile/teardown_catch_all") {
  auto ch = make_chan<int>(0);
  go("stuck", [ch] {
    for (;;) {
      try {
        ch.recv(); static_assert(__LINE__ == hostile::teardown_catch_recv);
      } catch (...) {  // would swallow an unwinding of the task
      }
    }
  });
}
