// go.hpp: spawning tasks, Go's `go` statement. The spawn site is recorded so a
// report can say where a leaked task came from.
#pragma once

#include <functional>
#include <source_location>
#include <string>
#include <type_traits>

namespace chancheck {

/// Starts fn as a new task (a fiber under the explorer, a thread otherwise).
void go(std::function<void()> fn, std::source_location loc = std::source_location::current());

/// Starts fn as a new task with a name shown in traces and reports.
void go(const std::string& name, std::function<void()> fn, std::source_location loc = std::source_location::current());

/// An explicit scheduling point (Go's runtime.Gosched).
void yield(std::source_location loc = std::source_location::current());

/// Runs a callable when the scope ends, like Go's defer. A callable that takes a
/// source location (a cancel_func) is told the line of the defer.
template <class F>
class defer {
 public:
  explicit defer(F f, std::source_location loc = std::source_location::current()) : f_(std::move(f)), loc_(loc) {}
  ~defer() noexcept(false) {  // the deferred call may panic, or be unwound at teardown
    if constexpr (std::is_invocable_v<F&, std::source_location>)
      f_(loc_);
    else
      f_();
  }
  defer(const defer&) = delete;
  defer& operator=(const defer&) = delete;

 private:
  F f_;
  std::source_location loc_;
};

}  // namespace chancheck
