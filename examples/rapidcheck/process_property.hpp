// process_property.hpp: a RapidCheck property over the seed's process(): for a
// generated search latency and timeout, process() never leaks its search task. It
// does whenever the search is not faster than the timeout (under time mode exact,
// at equal deadlines the timeout, armed first, fires first), and RapidCheck shrinks
// the inputs to the smallest timeout and the smallest latency that still leaks.
#pragma once

#include <chancheck/rapidcheck.hpp>

namespace rc_example {

/// The seed's process() with its bug (an unbuffered result channel), a search that
/// takes `latency` and a timeout of `timeout`.
void process_with(chancheck::duration latency, chancheck::duration timeout);

/// How the property explores: time mode exact, so timers fire in deadline order.
chancheck::check_options options();

/// The property's body: generates a timeout (1 to 200 ms) and a latency (0 to 200 ms)
/// and explores process_with() on them (check_property).
void process_never_leaks();

}  // namespace rc_example
