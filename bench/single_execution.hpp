// single_execution.hpp: the options of a benchmark that times or weighs one
// long execution: one execution, no trace, no shrinking, bounds far away.
#pragma once

#include <chancheck/harness/record/explore_options.hpp>

namespace chancheck::bench {

/// One untraced execution of `strategy`, with step and task bounds out of the way.
inline chancheck::detail::explore_options single_execution(const char* strategy) {
  chancheck::detail::explore_options o;
  o.strategy = strategy;
  o.max_executions = 1;
  o.minimize = false;
  o.exec.trace = false;
  o.exec.max_steps = 100000000;
  o.exec.max_tasks = 100000;
  return o;
}

}  // namespace chancheck::bench
