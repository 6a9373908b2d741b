// run_tally.cpp: counting verdicts and writing the closing line.
#include "tools/run_tally.hpp"

#include <cstdio>

namespace chancheck::detail {

namespace {
std::string count_of(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}
}  // namespace

void run_tally::add(const scenario_report& r, bool check_expected) {
  ++scenarios;
  if (r.verdict == "pass")
    ++passed;
  else if (r.verdict == "error")
    ++errors;
  else
    ++violations;
  if (check_expected && r.verdict != "error" && !r.as_expected) ++unexpected;
}

std::string run_tally::closing_line(bool check_expected, double seconds) const {
  std::string s = count_of(scenarios, "scenario", "scenarios") + ": " + std::to_string(passed) + " passed, " +
                  count_of(violations, "violation", "violations");
  if (errors > 0) s += ", " + count_of(errors, "error", "errors");
  if (check_expected) s += ", " + std::to_string(unexpected) + " unexpected";
  if (seconds >= 0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, " (%.2fs)", seconds);
    s += buf;
  }
  return s;
}

}  // namespace chancheck::detail
