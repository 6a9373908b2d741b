// sync_checks.hpp: assertions for the sync and timer rule tests: "passed every
// interleaving", "failed with this verdict at this line", "the report says this".
// On failure they print the summary and the explanation of the outcome.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing::sync_checks {

/// The summary and explanation of an outcome, for failure messages.
inline std::string describe(const scenario_outcome& o) { return "\n" + summary_line(o, false) + "\n" + explain(o); }

/// Success when the outcome passed and the search explored every interleaving.
inline ::testing::AssertionResult passes_exhaustively(const scenario_outcome& o) {
  if (verdict_of(o) != "pass") return ::testing::AssertionFailure() << "verdict " << verdict_of(o) << describe(o);
  if (!o.result.exhaustive) return ::testing::AssertionFailure() << "passed, but not exhaustively" << describe(o);
  return ::testing::AssertionSuccess();
}

/// Success when the verdict is `verdict` and the first violation is at `line` of `file`.
inline ::testing::AssertionResult fails_with(const scenario_outcome& o, const std::string& verdict, const char* file,
                                             unsigned line) {
  if (verdict_of(o) != verdict)
    return ::testing::AssertionFailure() << "verdict " << verdict_of(o) << ", expected " << verdict << describe(o);
  const auto& v = o.violations.front();
  if (v.loc.line != line || std::string(v.loc.file) != file)
    return ::testing::AssertionFailure() << "reported at " << v.loc.file << ":" << v.loc.line << ", expected " << file
                                         << ":" << line << describe(o);
  return ::testing::AssertionSuccess();
}

/// Success when the first violation's message contains `text`.
inline ::testing::AssertionResult message_has(const scenario_outcome& o, const std::string& text) {
  if (o.violations.empty()) return ::testing::AssertionFailure() << "no violation" << describe(o);
  if (o.violations.front().message.find(text) == std::string::npos)
    return ::testing::AssertionFailure() << "message \"" << o.violations.front().message << "\" lacks \"" << text
                                         << "\"";
  return ::testing::AssertionSuccess();
}

}  // namespace chancheck::testing::sync_checks
