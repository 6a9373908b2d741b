// explore.hpp: test helpers: explore a body under the explorer and read the outcome.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/checker.hpp>
#include <chancheck/reports/text_report.hpp>
#include "util/run_command.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

/// Explores `body` exhaustively (dfs) unless other options are given.
inline scenario_outcome explore_body(std::function<void()> body, explore_options o = {},
                                     const std::string& name = "test/body") {
  scenario_info s;
  s.name = name;
  s.body = std::move(body);
  return check_scenario(s, o);
}

/// A search's result and the decisions of each execution it counted, in order.
struct explored_runs {
  explore_result result;
  std::vector<std::vector<std::uint32_t>> runs;
};

/// Options for an exhaustive search in the given time mode.
inline explore_options dfs(time_mode t = time_mode::any) {
  explore_options o;
  o.exec.time = t;
  return o;
}

/// Options for a seeded random search.
inline explore_options random_search(std::uint64_t seed, std::uint64_t executions, time_mode t = time_mode::any) {
  explore_options o;
  o.strategy = "random";
  o.seed = seed;
  o.max_executions = executions;
  o.exec.time = t;
  return o;
}

/// A whole search's result and the outcomes it reached.
struct whole_outcomes {
  explore_result result;
  std::set<std::string> outcomes;  ///< what the body wrote, the failures, and every task's end state
};

/// Explores `body` whole with `strategy` under `exec`, every task run on after a
/// failure; `out` is what the body wrote in the execution just run.
inline whole_outcomes explore_whole(const std::string& strategy, const std::function<void()>& body,
                                    const std::string& out, const execution_options& exec = {}) {
  explore_options o;
  o.strategy = strategy;
  o.max_executions = 0;
  o.minimize = false;
  o.exec = exec;
  o.exec.continue_after_failure = true;
  whole_outcomes w;
  w.result = explore(body, o, [&](const execution_record& r) {
    std::string s = out + " |";
    for (const auto& f : r.failures) s += " " + f.message;
    for (const auto& t : r.tasks) s += t.state == task_state::finished ? " done" : " blocked";
    w.outcomes.insert(s);
    return false;
  });
  return w;
}

}  // namespace chancheck::testing
