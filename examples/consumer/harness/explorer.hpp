// harness/explorer.hpp: the orders service's own test harness helper, at a path
// chancheck's explorer once had.
#pragma once

namespace orders::harness {

/// The order ids the checks use.
inline constexpr int sample_id = 7;

}  // namespace orders::harness
