// relacy_peer.hpp: the seed's process() scenario written against Relacy, the
// peer the explorer benchmarks compare with. The Relacy code lives in its own
// translation unit (relacy_peer.cpp) so that Relacy's macros (new, delete,
// assert, $) never reach the rest of the benchmark program.
#pragma once

#include <cstdint>

namespace chancheck::bench {

/// Runs the fixed scenario (capacity-1 result channel) for `iterations`
/// iterations of Relacy's random scheduler. Returns true when Relacy reports no
/// failure, which is the expected outcome; false means the model is wrong.
bool relacy_fixed_run(std::uint64_t iterations);

/// Runs the leaking variant (unbuffered result channel) for at most
/// `iterations` iterations. Returns the iteration (1-based) at which Relacy
/// reported the blocked searcher as a deadlock, or 0 when it never did.
std::uint64_t relacy_leak_found_at(std::uint64_t iterations);

}  // namespace chancheck::bench
