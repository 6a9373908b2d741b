// go.hpp: spawning tasks, Go's `go` statement. The spawn site is recorded so a
// report can say where a leaked task came from. A lambda passed to go() is moved
// into a closure box whose address range the explorer knows: the channel handles
// it captures belong to the task (the mid-run leak check, docs/exploration.md). A
// std::function passed as such keeps its captures where it put them (unknown).
#pragma once

#include <functional>
#include <memory>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include <chancheck/model/controller.hpp>

namespace chancheck {

namespace detail {

/// A task's closure, at an address the runtime is told about.
template <class F>
struct closure_box {
  F fn;
};

/// A closure that is not a std::function (whose captures may live anywhere).
template <class F>
concept boxable_closure = std::is_invocable_v < std::decay_t<F>
& > &&!std::is_same_v<std::decay_t<F>, std::function<void()>>;

/// Starts fn as a task whose captures lie in `closure`, after go()'s scheduling point.
void go_task(std::function<void()> fn, const char* name, memory_range closure, std::source_location loc);

/// Moves f into a closure box; starts the task that runs it.
template <class F>
void go_boxed(F&& f, const char* name, std::source_location loc) {
  auto box = std::make_shared<closure_box<std::decay_t<F>>>(std::forward<F>(f));
  const memory_range range{box.get(), box.get() + 1};
  go_task([box] { box->fn(); }, name, range, loc);
}

}  // namespace detail

/// Starts fn as a new task (a fiber under the explorer, a thread otherwise).
void go(std::function<void()> fn, std::source_location loc = std::source_location::current());

/// Starts fn as a new task with a name shown in traces and reports.
void go(const std::string& name, std::function<void()> fn, std::source_location loc = std::source_location::current());

/// Starts a lambda (or other callable) as a new task; its captures belong to the task.
template <detail::boxable_closure F>
void go(F&& fn, std::source_location loc = std::source_location::current()) {
  detail::go_boxed(std::forward<F>(fn), nullptr, loc);
}

/// Starts a lambda as a new task with a name shown in traces and reports.
template <detail::boxable_closure F>
void go(const std::string& name, F&& fn, std::source_location loc = std::source_location::current()) {
  detail::go_boxed(std::forward<F>(fn), name.c_str(), loc);
}

/// An explicit scheduling point (Go's runtime.Gosched).
void yield(std::source_location loc = std::source_location::current());

}  // namespace chancheck
