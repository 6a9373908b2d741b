// model/time.hpp: the orders service's own time model (its opening hours). It has
// the same path as a header of chancheck's kit; chancheck's headers are reached
// only as <chancheck/...>, so each project finds its own.
#pragma once

namespace orders::model {

/// The hour the order desk opens.
inline constexpr int opening_hour = 8;

}  // namespace orders::model
