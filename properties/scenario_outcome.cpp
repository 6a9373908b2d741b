// scenario_outcome.cpp: the verdict of an outcome.
#include <chancheck/properties/scenario_outcome.hpp>

namespace chancheck::detail {

std::string verdict_of(const scenario_outcome& o) {
  if (!o.result.error.empty()) return "error";
  if (o.violations.empty()) return "pass";
  return to_string(o.violations.front().kind);
}

bool as_expected(const scenario_outcome& o, expected e) {
  static const char* names[] = {"pass", "leak", "deadlock", "panic", "exception", "assertion", "step-limit"};
  return verdict_of(o) == names[static_cast<int>(e)];
}

}  // namespace chancheck::detail
