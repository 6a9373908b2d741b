// object_ref.hpp: an object a violation concerns (a channel, a lock, a ticker...). Plain data.
#pragma once

#include <cstdint>
#include <string>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck::detail {

/// An object: its id (0 = none or a nil channel), kind, capacity, where it was
/// made and its label ("ctx.done", "after", "ticker", ... or empty).
struct object_ref {
  std::uint32_t id = 0;
  object_kind kind = object_kind::none;
  std::uint64_t cap = 0;  ///< a channel's capacity; a cond's mutex id
  trace_loc made_at;
  std::string label;
};

}  // namespace chancheck::detail
