// go.hpp: spawning tasks, Go's `go` statement. The spawn site is recorded so a
// report can say where a leaked task came from.
#pragma once

#include <functional>
#include <source_location>
#include <string>

namespace chancheck {

/// Starts fn as a new task (a fiber under the explorer, a thread otherwise).
void go(std::function<void()> fn, std::source_location loc = std::source_location::current());

/// Starts fn as a new task with a name shown in traces and reports.
void go(const std::string& name, std::function<void()> fn, std::source_location loc = std::source_location::current());

/// An explicit scheduling point (Go's runtime.Gosched).
void yield(std::source_location loc = std::source_location::current());

}  // namespace chancheck
