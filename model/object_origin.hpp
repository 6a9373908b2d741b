// object_origin.hpp: where and in which execution a kit object was made. Every
// operation on the object compares the generation with the running execution's at
// its scheduling point, so an object made outside that execution (at static
// initialisation, on a real thread, in an earlier execution) is caught at its use.
#pragma once

#include <cstdint>
#include <source_location>

namespace chancheck::detail {

/// Where and in which execution a kit object was made.
struct object_origin {
  /// The generation of the execution it was made in (controller::generation());
  /// 0 when it was made outside any execution: at static initialisation or on a real thread.
  std::uint64_t generation = 0;
  std::source_location made_at;  ///< the line that made it
};

}  // namespace chancheck::detail
