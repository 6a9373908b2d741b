// each_search.hpp: the four exhaustive searches a sync rule is checked under:
// dfs and dpor, each in time mode any and exact.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sync_checks.hpp"
#include "util/explore.hpp"

namespace chancheck::testing {

/// One exhaustive search: its strategy and time mode, and a name for SCOPED_TRACE.
struct search {
  explore_options options;
  std::string name;
};

/// dfs and dpor, each in time mode any and exact.
inline std::vector<search> each_search() {
  std::vector<search> out;
  for (const char* strategy : {"dfs", "dpor"})
    for (auto mode : {time_mode::any, time_mode::exact}) {
      explore_options o = dfs(mode);
      o.strategy = strategy;
      out.push_back({o, std::string(strategy) + (mode == time_mode::any ? ", time any" : ", time exact")});
    }
  return out;
}

/// Explores `body` under each search and expects it to pass every interleaving.
inline void expect_passes_in_each_search(const std::function<void()>& body) {
  for (const auto& s : each_search()) {
    SCOPED_TRACE(s.name);
    EXPECT_TRUE(sync_checks::passes_exhaustively(explore_body(body, s.options)));
  }
}

}  // namespace chancheck::testing
