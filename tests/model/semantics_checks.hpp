// semantics_checks.hpp: assertions on an exploration's outcome for the Go
// semantics tests: "passed every interleaving" and "failed with this verdict at
// this line". On failure they print the verdict, the summary and the explanation,
// so a broken rule shows the interleaving that broke it.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

/// The summary and explanation of an outcome, for failure messages.
inline std::string describe(const scenario_outcome& o) { return "\n" + summary_line(o, false) + "\n" + explain(o); }

/// Success when the outcome passed and the search explored every interleaving.
inline ::testing::AssertionResult passes_exhaustively(const scenario_outcome& o) {
  if (verdict_of(o) != "pass") return ::testing::AssertionFailure() << "verdict " << verdict_of(o) << describe(o);
  if (!o.result.exhaustive)
    return ::testing::AssertionFailure() << "passed, but the search was not exhaustive" << describe(o);
  return ::testing::AssertionSuccess();
}

/// Success when the outcome's verdict is `verdict` and its first violation is at
/// `file`:`line` (pass __FILE__ and the line of the offending call).
inline ::testing::AssertionResult fails_with(const scenario_outcome& o, const std::string& verdict, const char* file,
                                             unsigned line) {
  if (verdict_of(o) != verdict)
    return ::testing::AssertionFailure() << "verdict " << verdict_of(o) << ", expected " << verdict << describe(o);
  if (o.violations.empty()) return ::testing::AssertionFailure() << "no violation recorded" << describe(o);
  if (o.violations[0].loc.line != line)
    return ::testing::AssertionFailure() << "reported at line " << o.violations[0].loc.line << ", expected line "
                                         << line << describe(o);
  if (std::string(o.violations[0].loc.file) != file)
    return ::testing::AssertionFailure() << "reported in " << o.violations[0].loc.file << ", expected " << file
                                         << describe(o);
  return ::testing::AssertionSuccess();
}

}  // namespace chancheck::testing
