// task_groups.hpp: the independent groups of an execution, for dpor's split
// search. Main is group 0; each task main starts is the root of a group that
// holds its descendants and the timers they arm. When no object is touched by
// two groups, the groups cannot affect each other, and every execution is a
// combination of one class of each group: a search can explore the groups one
// after the other (N x classes) instead of their product (classes^N).
#pragma once

#include <cstdint>
#include <vector>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// The group of process `proc` (a task, or a timer: timer_proc(id)) in `r`.
std::uint32_t group_of(const execution_record& r, std::int32_t proc);

/// The groups of `r`'s step log: per step, its group; `count` is one more than
/// the largest; `roots` says where each group's first task was started (its
/// spawn site), so that runs can be compared. False when two groups touch a
/// common object, when a timer waits for another group's timer, or when a
/// ticker re-arms (every timer's arming depends on it): the groups are not
/// independent.
bool independent_groups(const execution_record& r, std::vector<std::uint32_t>& step_group, std::uint32_t& count,
                        std::vector<trace_loc>& roots);

}  // namespace chancheck::detail
