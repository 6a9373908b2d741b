// trace_loc.hpp: a source position as the plain records of an execution keep it
// (the static file name of std::source_location and a line).
#pragma once

#include <cstdint>

namespace chancheck::detail {

/// A source position.
struct trace_loc {
  const char* file = "";
  std::uint32_t line = 0;
};

}  // namespace chancheck::detail
