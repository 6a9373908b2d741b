// go.hpp: spawning tasks, Go's `go` statement. The spawn site is recorded so a
// report can say where a leaked task came from. A lambda passed to go() is moved
// into a closure box whose address range the explorer knows: the channel handles
// it captures belong to the task (the mid-run leak check, docs/exploration.md). A
// std::function passed as such keeps its captures where it put them (unknown).
#pragma once

#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

#include <chancheck/model/controller.hpp>

namespace chancheck {

namespace detail {

/// A task's closure, at an address the runtime is told about. Its bytes are zeroed
/// before the closure is moved in, so that padding reads as zero in every build
/// (the mid-run leak check reads each word of it).
template <class F>
class closure_box {
 public:
  template <class G>
  explicit closure_box(G&& g) {
    std::memset(static_cast<void*>(storage_), 0, sizeof storage_);
    ::new (static_cast<void*>(storage_)) F(std::forward<G>(g));
  }
  closure_box(const closure_box&) = delete;
  closure_box& operator=(const closure_box&) = delete;
  ~closure_box() { fn().~F(); }
  /// The closure.
  F& fn() noexcept { return *std::launder(reinterpret_cast<F*>(storage_)); }
  /// Where its captures lie.
  memory_range range() const noexcept { return {storage_, storage_ + sizeof storage_}; }

 private:
  alignas(F) unsigned char storage_[sizeof(F)];
};

/// A closure that is not a std::function (whose captures may live anywhere).
// clang-format off
template <class F>
concept boxable_closure =
    std::is_invocable_v<std::decay_t<F>&> && !std::is_same_v<std::decay_t<F>, std::function<void()>>;
// clang-format on

/// Starts fn as a task whose captures lie in `closure`, after go()'s scheduling point.
void go_task(std::function<void()> fn, const char* name, memory_range closure, std::source_location loc);

/// Moves f into a closure box; starts the task that runs it.
template <class F>
void go_boxed(F&& f, const char* name, std::source_location loc) {
  auto box = std::make_shared<closure_box<std::decay_t<F>>>(std::forward<F>(f));
  const memory_range range = box->range();
  go_task([box] { box->fn()(); }, name, range, loc);
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
