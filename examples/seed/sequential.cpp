// sequential.cpp: the seed's program with no task at all: one execution, which
// passes, and the search is trivially exhaustive.
#include <chancheck/scenario.hpp>

using namespace chancheck;

CHANCHECK_SCENARIO("seed/sequential") {
  auto ch = make_chan<int>(1);
  ch.send(42);
  auto [value, ok] = ch.recv();
  expect(ok && value == 42, "a buffered channel gives back what was sent");
}
