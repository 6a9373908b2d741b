// cond.hpp: Go's sync.Cond over a mutex. wait() atomically queues the task and
// unlocks the mutex, sleeps until signal() or broadcast() wakes it, then locks
// the mutex again (an ordinary lock, with its own scheduling point, as in Go).
// A signal or broadcast with nobody waiting is lost, so waits belong in a loop
// over a condition checked under the lock:
//
//   mu.lock();
//   while (!ready) c.wait();
//   mu.unlock();
//
// The cond is registered with its mutex's id as `cap`, so a trace knows which
// lock a wait released.
#pragma once

#include <cstdint>
#include <source_location>

#include <chancheck/model/chan_core.hpp>
#include <chancheck/model/mutex.hpp>
#include <chancheck/model/op.hpp>
#include <chancheck/model/runtime.hpp>

namespace chancheck {

namespace detail {

/// The condition variable algorithm on runtime Rt.
template <class Rt>
class basic_cond {
 public:
  /// A condition variable whose wait() releases and retakes `l` (Go's c.L).
  explicit basic_cond(basic_mutex<Rt>& l, std::source_location loc = std::source_location::current())
      : l_(l), id_(detail::object_kind::cond, loc, in_std_library(loc) ? 0 : l.id_.get(loc)) {}
  basic_cond(const basic_cond&) = delete;
  basic_cond& operator=(const basic_cond&) = delete;

  /// Unlocks the mutex and sleeps, atomically; once woken, locks it again.
  /// Fatal (as mutex unlock) when the mutex is not locked.
  void wait(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::cond_wait, object(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (Rt::tearing_down()) return;
    waiter w;
    mu_.lock();
    waiters_.push(&w);
    mu_.unlock();
    Rt::touch(l_.id());
    try {
      l_.release(loc);
    } catch (...) {
      mu_.lock();
      waiters_.remove(&w);
      mu_.unlock();
      throw;
    }
    if (!w.parker.park()) {  // teardown
      mu_.lock();
      waiters_.remove(&w);
      mu_.unlock();
      return;
    }
    l_.lock(loc);
  }

  /// Wakes the task that has waited longest, if any; lost when nobody waits.
  void signal(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::cond_signal, object(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (Rt::tearing_down()) return;
    mu_.lock();
    waiter* w = waiters_.dequeue();
    mu_.unlock();
    if (w) w->parker.unpark();
  }

  /// Wakes every waiting task; lost when nobody waits.
  void broadcast(std::source_location loc = std::source_location::current()) {
    const detail::op_desc op{detail::op_kind::cond_broadcast, object(loc), loc};
    if (!Rt::schedule_point(op, id_.origin())) return;
    if (Rt::tearing_down()) return;
    mu_.lock();
    waiter* wake = waiters_.take_all();
    mu_.unlock();
    wake_all(wake);
  }

  /// The cond's id in traces (0 until it is registered).
  std::uint32_t id() const noexcept { return id_.peek(); }

 private:
  using waiter = basic_waiter<Rt>;

  /// The cond's id, registering it (with its mutex's id as cap) at `use` if needed.
  std::uint32_t object(const std::source_location& use) {
    if (id_.peek() == 0) id_.set_cap(l_.id_.get(use));
    return id_.get(use);
  }

  basic_mutex<Rt>& l_;
  typename Rt::mutex mu_;
  waiter_queue<Rt> waiters_;
  sync_object_id<Rt> id_;
};

/// Compiled once, in model/cond.cpp.
extern template class basic_cond<detail::dyn_runtime>;

}  // namespace detail

/// Go's sync.Cond (over a chancheck::mutex), on real threads or under the explorer.
using cond = detail::basic_cond<detail::dyn_runtime>;

}  // namespace chancheck
