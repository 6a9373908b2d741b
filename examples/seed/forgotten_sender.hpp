// forgotten_sender.hpp: the seed's process() and search(), shared with tests and
// benchmarks.
#pragma once

#include <chancheck/chancheck.hpp>
#include <string>

namespace seed {

/// Pretends to search for `term`, taking `took`.
std::string search(const std::string& term, chancheck::duration took);

/// Searches with a timeout (100 ms unless given); the result channel has capacity
/// `capacity` (0 leaks the search task when the timeout wins, 1 is the fix).
std::string process(const std::string& term, std::size_t capacity, chancheck::duration search_time,
                    chancheck::duration timeout = std::chrono::milliseconds(100));

/// The line of the search task's send in forgotten_sender.cpp, for tests.
inline constexpr unsigned send_line = 38;

}  // namespace seed
