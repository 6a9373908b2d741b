// once.hpp: Go's sync.Once. call(f) runs f the first time only; a task that
// calls while f is still running waits until it returns (so f calling the same
// once again blocks forever, as in Go). When f throws or panics, the once
// still counts as done and the exception goes on in the calling task.
#pragma once

#include <cstdint>
#include <source_location>
#include <utility>

#include <chancheck/model/chan_core.hpp>
#include <chancheck/model/mutex.hpp>
#include <chancheck/model/op.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

namespace detail {

/// The once algorithm on runtime Rt.
template <class Rt>
class basic_once {
 public:
  /// A once that has not run; `loc` (its declaration) names it in traces.
  explicit basic_once(std::source_location loc = std::source_location::current())
      : id_(detail::object_kind::once, loc) {}
  basic_once(const basic_once&) = delete;
  basic_once& operator=(const basic_once&) = delete;

  /// Go's once.Do(f): runs f unless it ran or is running; waits while it runs.
  template <class F>
  void call(F&& f, std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::once, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (!begin()) return;
    struct finish_guard {
      basic_once* self;
      ~finish_guard() { self->finish(); }
    } guard{this};
    std::forward<F>(f)();
  }

  /// The once's id in traces.
  std::uint32_t id() const noexcept { return id_.peek(); }

 private:
  using waiter = basic_waiter<Rt>;

  /// True when the caller is to run the function; otherwise returns once it ran.
  bool begin() {
    if (Rt::tearing_down()) return false;
    mu_.lock();
    if (done_) {
      mu_.unlock();
      return false;
    }
    if (!running_) {
      running_ = true;
      mu_.unlock();
      return true;
    }
    waiter w;
    waiters_.push(&w);
    mu_.unlock();
    if (!w.parker.park()) {  // teardown
      mu_.lock();
      waiters_.remove(&w);
      mu_.unlock();
    }
    return false;
  }

  /// The function returned (or threw): mark done and wake the waiters.
  void finish() {
    if (Rt::tearing_down()) return;  // unwinding a torn-down task: nobody is left to wake
    mu_.lock();
    done_ = true;
    running_ = false;
    waiter* wake = waiters_.take_all();
    const std::uint32_t id = id_.peek();  // read before the unlock: on threads a passing caller may free the once
    mu_.unlock();
    Rt::touch(id);  // the end: the calls that come after it pass (dpor orders them after it)
    wake_all(wake);
  }

  typename Rt::mutex mu_;
  bool done_ = false;
  bool running_ = false;
  waiter_queue<Rt> waiters_;
  sync_object_id<Rt> id_;
};

/// Compiled once, in model/once.cpp.
extern template class basic_once<detail::dyn_runtime>;

}  // namespace detail

/// Go's sync.Once, on real threads or under the explorer.
using once = detail::basic_once<detail::dyn_runtime>;

}  // namespace chancheck
