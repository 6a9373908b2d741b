// violation.cpp: the names of violation and fix kinds (fix kinds from their rows in record/fix.hpp).
#include <chancheck/properties/violation.hpp>

#include <iterator>

namespace chancheck::detail {

const char* to_string(violation_kind k) noexcept {
  switch (k) {
    case violation_kind::leak: return "leak";
    case violation_kind::deadlock: return "deadlock";
    case violation_kind::panic: return "panic";
    case violation_kind::exception: return "exception";
    case violation_kind::assertion: return "assertion";
    case violation_kind::step_limit: return "step-limit";
    case violation_kind::misuse: return "misuse";
    case violation_kind::uncontrolled: return "uncontrolled";
    case violation_kind::task_limit: return "task-limit";
  }
  return "?";
}

const char* to_string(fix_kind k) noexcept {
  const auto i = static_cast<std::size_t>(k);
  return i < std::size(fix_table) ? fix_table[i].name : "?";
}

}  // namespace chancheck::detail
