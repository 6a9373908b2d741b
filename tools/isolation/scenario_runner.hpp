// scenario_runner.hpp: checks or replays one scenario and renders its report, in a
// child process (the default) or in this one (`--isolate none`, for debugging). Both
// ways print the same bytes for a scenario that neither crashes nor hangs.
#pragma once

#include <memory>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/properties/scenario.hpp>

#include "tools/isolation/crash_report.hpp"
#include "tools/isolation/scenario_report.hpp"
#include "tools/isolation/shared_journal.hpp"

namespace chancheck::detail {

/// Where scenarios run and how children are watched.
struct isolation_settings {
  bool enabled = true;  ///< one child process per scenario
  child_limits limits;  ///< the watchdog (the budget comes from the explore options)
};

/// Runs scenarios, each in its own child process when isolation is on.
class scenario_runner {
 public:
  explicit scenario_runner(const isolation_settings& settings);

  /// `run`: explores `s` with `o` and renders the summary line, explanation and JSON.
  scenario_report check(const scenario_info& s, const explore_options& o, bool show_time);

  /// `replay`: re-runs the execution of `token` with the stack size of `exec`; with
  /// `made_for`, a token made for that scenario is replayed on `s`.
  scenario_report replay(const scenario_info& s, const std::string& token, const execution_options& exec,
                         const scenario_info* made_for = nullptr);

 private:
  scenario_report isolated(const std::function<scenario_report(crash_journal*)>& work, crash_context c);

  isolation_settings settings_;
  std::unique_ptr<shared_journal> journal_;
};

}  // namespace chancheck::detail
