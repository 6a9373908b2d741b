// wait_group.hpp: Go's sync.WaitGroup. add(n) and done() move a counter;
// wait() blocks until it is zero (at once when it already is). A counter that
// goes negative panics with "sync: negative WaitGroup counter".
#pragma once

#include <cstdint>
#include <source_location>

#include <chancheck/model/chan_core.hpp>
#include <chancheck/model/mutex.hpp>
#include <chancheck/model/op.hpp>
#include <chancheck/model/panic.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

namespace detail {

/// The wait group algorithm on runtime Rt.
template <class Rt>
class basic_wait_group {
 public:
  /// A wait group at zero; `loc` (its declaration) names it in traces.
  explicit basic_wait_group(std::source_location loc = std::source_location::current())
      : id_(detail::object_kind::wait_group, loc) {}
  basic_wait_group(const basic_wait_group&) = delete;
  basic_wait_group& operator=(const basic_wait_group&) = delete;

  /// Adds delta (which may be negative) to the counter; at zero, every waiter
  /// wakes. Panics when the counter goes negative.
  void add(std::int64_t delta, std::source_location loc = std::source_location::current()) {
    detail::op_desc op{detail::op_kind::wg_add, id_.get(loc), loc};
    op.arg = delta;
    if (!Rt::schedule_point(op, id_.origin())) return;
    change(delta, loc);
  }

  /// add(-1).
  void done(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::wg_done, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    change(-1, loc);
  }

  /// Blocks until the counter is zero.
  void wait(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::wg_wait, id_.get(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (Rt::tearing_down()) return;
    mu_.lock();
    if (count_ == 0) {
      mu_.unlock();
      return;
    }
    waiter w;
    waiters_.push(&w);
    mu_.unlock();
    if (!w.parker.park()) {  // teardown
      mu_.lock();
      waiters_.remove(&w);
      mu_.unlock();
    }
  }

  /// The wait group's id in traces.
  std::uint32_t id() const noexcept { return id_.peek(); }

 private:
  using waiter = basic_waiter<Rt>;

  void change(std::int64_t delta, std::source_location loc) {
    if (Rt::tearing_down()) return;
    mu_.lock();
    count_ += delta;
    if (count_ < 0) {
      mu_.unlock();
      throw panic_error("sync: negative WaitGroup counter", loc);
    }
    waiter* wake = count_ == 0 ? waiters_.take_all() : nullptr;
    mu_.unlock();
    wake_all(wake);
  }

  typename Rt::mutex mu_;
  std::int64_t count_ = 0;
  waiter_queue<Rt> waiters_;
  sync_object_id<Rt> id_;
};

/// Compiled once, in model/wait_group.cpp.
extern template class basic_wait_group<detail::dyn_runtime>;

}  // namespace detail

/// Go's sync.WaitGroup, on real threads or under the explorer.
using wait_group = detail::basic_wait_group<detail::dyn_runtime>;

}  // namespace chancheck
