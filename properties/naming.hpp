// naming.hpp: the one place that names things for people: source locations
// ("file:line"), virtual times, tasks, objects ("chan#2", "ctx.done#1", "nil"),
// select cases and operations ("send on chan#2"). Properties word their messages
// with it and reports their text, so both say the same. Pure functions of the
// plain trace.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck::detail {

/// "file:line", or "?" when the location is unknown.
std::string where(const trace_loc& l);

/// A virtual time: "100ms", or "0.250ms" when not a whole millisecond.
std::string ms(std::int64_t ns);

/// The name of task `id` of r ("main", "search", ...); "clock" for a timer's firing (id < 0).
std::string task_name(const execution_record& r, std::int32_t id);

/// "task NAME", as messages name a task.
std::string task_label(const execution_record& r, std::int32_t id);

/// A short name for object `id` of r: "chan#2", "ctx.done#1", "after#3", "nil".
std::string object_name(const execution_record& r, std::uint32_t id);

/// A select case: "<-chan#2" (receive) or "chan#2<-" (send).
std::string case_name(const execution_record& r, const trace_case& c);

/// An object with what it is and where it was made: "chan#2 (unbuffered, made at f:36)".
std::string describe_object(const execution_record& r, std::uint32_t id);

/// An operation with its object: "send on chan#2", "lock of mutex#1", "select {<-chan#2, <-ctx.done#1}".
std::string describe_op(const execution_record& r, op_kind op, std::uint32_t obj,
                        const std::vector<trace_case>& cases = {});

/// As describe_op, but a select is named without its cases ("select").
std::string op_phrase(const execution_record& r, op_kind op, std::uint32_t obj);

}  // namespace chancheck::detail
