// run_tally.hpp: the counts of a `run` and its closing line, e.g.
// "2 scenarios: 1 passed, 1 violation (1.23s)"; with --expected it also counts the
// verdicts that differ from the declared ones ("..., 0 unexpected").
#pragma once

#include <cstddef>
#include <string>

#include "tools/isolation/scenario_report.hpp"

namespace chancheck::detail {

/// What the finished scenarios of a run came to.
struct run_tally {
  std::size_t scenarios = 0, passed = 0, violations = 0, errors = 0, unexpected = 0;

  /// Counts one finished scenario (`check_expected`: --expected was given).
  void add(const scenario_report& r, bool check_expected);
  /// The closing line; `check_expected` adds the unexpected count, `seconds` >= 0 the time.
  std::string closing_line(bool check_expected, double seconds) const;
};

}  // namespace chancheck::detail
