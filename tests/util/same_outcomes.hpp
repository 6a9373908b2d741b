// same_outcomes.hpp: test helper: dpor reaches exactly the outcomes dfs reaches on
// a small program, in both time modes, and the words named among them.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "util/explore.hpp"

namespace chancheck::testing {

/// Explores `body` whole with dfs and dpor (both time modes): the same outcomes,
/// whose first words (what the body wrote to `out`) are exactly `words`.
inline void expect_same_outcomes(const std::function<void()>& body, const std::string& out,
                                 const std::set<std::string>& words) {
  for (const time_mode time : {time_mode::any, time_mode::exact}) {
    execution_options exec;
    exec.time = time;
    const auto all = explore_whole("dfs", body, out, exec);
    const auto reduced = explore_whole("dpor", body, out, exec);
    ASSERT_TRUE(all.result.exhaustive && reduced.result.exhaustive);
    EXPECT_EQ(reduced.outcomes, all.outcomes);
    std::set<std::string> seen;
    for (const std::string& o : reduced.outcomes) seen.insert(o.substr(0, o.find(' ')));
    EXPECT_EQ(seen, words);
  }
}

}  // namespace chancheck::testing
