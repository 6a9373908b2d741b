// choose.cpp: choose() and choose_bool(), each a scheduling point followed by the
// runtime's explored choice (the path a select's choice among ready cases takes).
#include <chancheck/model/choose.hpp>

#include <string>

#include <chancheck/model/panic.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

int choose(int n, std::source_location loc) {
  if (n < 1) panic("choose(" + std::to_string(n) + "): n must be at least 1", loc);
  detail::op_desc op{detail::op_kind::choose, 0, loc};
  op.arg = n;
  if (!detail::dyn_runtime::schedule_point(op)) return 0;  // a foreign thread: recorded, no effect
  auto k = static_cast<std::uint32_t>(detail::dyn_runtime::choose(static_cast<std::size_t>(n), op));
  detail::dyn_runtime::select_chose(op, k);
  return static_cast<int>(k);
}

bool choose_bool(std::source_location loc) { return choose(2, loc) == 1; }

}  // namespace chancheck
