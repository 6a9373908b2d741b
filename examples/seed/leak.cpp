// leak.cpp: the seed's simplest leak: a task waits to receive on a channel that
// nobody ever sends on or closes.
#include <chancheck/scenario.hpp>

using namespace chancheck;

CHANCHECK_SCENARIO("seed/leak", expected::leak) {
  auto ch = make_chan<int>();
  go("receiver", [ch] {
    auto [value, ok] = ch.recv();  // blocked forever: nobody sends
    (void)value;
    (void)ok;
  });
}
