// choose.hpp: an explored choice of a value, Go's rand.Intn for code under test.
//
//   int replicas = choose(3) + 1;   // 1, 2 or 3
//   if (choose_bool()) cancel();    // cancel, or not
//
// Under the explorer every strategy explores it like a select's choice among ready
// cases: dfs and dpor try every value, random and pct pick one from the seed, and a
// replay token records the value taken, so a replay repeats it. The trace shows
// "chose 2 of 3" at the call's line. On real threads it is a pseudo-random number.
#pragma once

#include <source_location>

namespace chancheck {

/// A value in 0..n-1 (n >= 1), like Go's rand.Intn(n): every value is explored
/// under the explorer, a pseudo-random one on real threads. Panics when n < 1.
int choose(int n, std::source_location loc = std::source_location::current());

/// true or false, each explored under the explorer (choose(2) == 1).
bool choose_bool(std::source_location loc = std::source_location::current());

}  // namespace chancheck
