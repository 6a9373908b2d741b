// scenario_outcome.cpp: the verdict of an outcome.
#include <chancheck/properties/scenario_outcome.hpp>

namespace chancheck::detail {

std::string verdict_of(const scenario_outcome& o) {
  if (!o.result.error.empty()) return "error";
  if (o.violations.empty()) return "pass";
  return to_string(o.violations.front().kind);
}

bool as_expected(const scenario_outcome& o, expected e) { return verdict_accepted(to_string(e), verdict_of(o)); }

}  // namespace chancheck::detail
