// task_ref.hpp: a task a violation concerns, named as the report shows it. Plain data.
#pragma once

#include <cstdint>
#include <string>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// A task: its id, its name and where it was started (the scenario for main).
struct task_ref {
  std::int32_t id = -1;
  std::string name;
  trace_loc spawned_at;
  std::int32_t parent = -1;  ///< the task that started it (-1: main)
};

}  // namespace chancheck::detail
