// independent_calls.cpp: eight fixed process() calls at once, each in its own
// task. The calls share nothing, so dpor explores each call's interleavings in
// turn (25 executions) instead of every combination of them (4^8 = 65,536).
// docs/exploration.md measures the family this scenario is a member of.
#include <chancheck/scenario.hpp>

#include "examples/seed/forgotten_sender.hpp"

using namespace chancheck;

CHANCHECK_SCENARIO("scale/independent_calls") {
  for (int i = 0; i < 8; ++i) go("call", [] { (void)seed::process("gophers", 1, 200ms); });
}
