// time.hpp: Go's time functions. Under the explorer they use a virtual clock and
// never wait for real; on real threads they use the steady clock.
#pragma once

#include <chrono>
#include <source_location>

#include <chancheck/model/chan.hpp>
#include <chancheck/model/controller.hpp>

namespace chancheck {

using namespace std::chrono_literals;

/// The current time (virtual under the explorer).
time_point now();

/// Blocks the task for d.
void sleep(duration d, std::source_location loc = std::source_location::current());

/// A channel (capacity 1) that receives the time once, after d.
chan<time_point> after(duration d, std::source_location loc = std::source_location::current());

}  // namespace chancheck
