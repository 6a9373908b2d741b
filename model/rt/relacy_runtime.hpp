// relacy_runtime.hpp: the channel core (basic_chan_core<Rt>) on Relacy's
// primitives, so that Relacy explores every internal step of the real channel
// algorithm: each lock, park, wake-up and atomic of a send, receive, close or
// select. Locks are rl::mutex, a parked thread waits on an rl::condition_variable,
// select's state is an rl::atomic and select's random choice is rl::rand().
//
// Only Relacy test programs include this header, after <relacy/relacy.hpp>
// (which must be the first include of their translation unit). Such a program
// makes one relacy_world per Relacy iteration (a member of its test suite) and
// may start tasks with relacy_runtime::spawn, which become Relacy dynamic threads.
#pragma once

#ifndef RL_RELACY_HPP
#error "model/rt/relacy_runtime.hpp is for Relacy tests: include <relacy/relacy.hpp> first in the translation unit"
#endif

// Relacy defines `new` and `delete` as macros; the core (`= delete`, placement
// new in the standard headers) and this header must be read without them.
#pragma push_macro("new")
#pragma push_macro("delete")
#undef new
#undef delete
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <source_location>

#include <chancheck/model/chan_core.hpp>
#include <chancheck/model/object_origin.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck {

class relacy_world;

/// The runtime of basic_chan_core under Relacy: same members as dyn_runtime's
/// that the core uses, built on rl::mutex, rl::condition_variable and rl::atomic.
struct relacy_runtime {
  /// A lock (rl::mutex).
  class mutex {
   public:
    void lock() { m_.lock($); }
    void unlock() { m_.unlock($); }

   private:
    rl::mutex m_;
  };

  /// The atomics of the core (sequentially consistent, as the core uses them).
  template <class T>
  class atomic {
   public:
    atomic(T v = T{}) : a_(v) {}
    T load() const { return a_($).load(); }
    void store(T v) { a_($).store(v); }
    bool compare_exchange_strong(T& expected, T desired) { return a_($).compare_exchange_strong(expected, desired); }

   private:
    rl::atomic<T> a_;
  };

  /// The waiting place of one Relacy thread: a binary semaphore made of a mutex,
  /// a condition variable and a flag.
  struct park_slot {
    rl::mutex m;
    rl::condition_variable cv;
    rl::var<bool> signaled;
  };

  /// A one-shot waiter of the calling Relacy thread; copies share the thread.
  /// Its own state is an rl::var, so Relacy also checks that the core never
  /// copies a parker while another thread may be waking it.
  class parker {
   public:
    parker();
    parker(const parker& o) { slot_($) = o.slot(); }
    parker& operator=(const parker& o) {
      slot_($) = o.slot();
      return *this;
    }
    /// Blocks until unparked; always true (Relacy has no teardown).
    bool park() {
      park_slot* s = slot();
      s->m.lock($);
      while (!s->signaled($)) s->cv.wait(s->m, $);
      s->signaled($) = false;
      s->m.unlock($);
      return true;
    }
    /// Wakes the thread that made this parker.
    void unpark() {
      park_slot* s = slot();
      s->m.lock($);
      s->signaled($) = true;
      s->cv.notify_one($);
      s->m.unlock($);
    }

   private:
    park_slot* slot() const { return slot_($); }
    rl::var<park_slot*> slot_;
  };

  /// Relacy schedules at every primitive; the core's scheduling points need nothing.
  static bool schedule_point(const detail::op_desc&) { return true; }
  /// Objects are made inside each Relacy test: nothing to check.
  static bool schedule_point(const detail::op_desc&, const detail::object_origin&) { return true; }
  static detail::object_origin origin(std::source_location loc) { return {0, loc}; }
  /// Partial-order reduction is the explorer's business.
  static void touch(std::uint32_t) {}
  static void peek(std::uint32_t) {}
  /// A choice Relacy's scheduler explores.
  static std::size_t choose(std::size_t n, const detail::op_desc&) {
    return n <= 1 ? 0 : static_cast<std::size_t>(rl::rand(static_cast<unsigned>(n)));
  }
  /// The caller of select sees the case it took; nothing to record.
  static void select_chose(const detail::op_desc&, std::uint32_t) {}
  /// Numbers objects in creation order, from 1.
  static std::uint32_t register_object(detail::object_kind k, std::size_t cap, std::source_location loc,
                                       const char* label = nullptr);
  /// Relacy never tears an execution down under a blocked thread.
  static bool tearing_down() { return false; }
  /// Starts fn on a Relacy dynamic thread (the suite declares dynamic_thread_count).
  static void spawn(std::function<void()> fn);
};

/// The per-iteration state of relacy_runtime: one park slot per Relacy thread,
/// object ids and spawned tasks. Make exactly one, as a member of the test suite
/// (Relacy constructs the suite afresh for every iteration).
class relacy_world {
 public:
  /// `threads`: the suite's total thread count (static + dynamic).
  explicit relacy_world(unsigned threads) : slots_(threads) {
    current_ = this;
    for (auto& s : slots_) s.signaled($) = false;
  }
  ~relacy_world() {
    if (current_ == this) current_ = nullptr;
  }
  relacy_world(const relacy_world&) = delete;
  relacy_world& operator=(const relacy_world&) = delete;

  /// The world of the running iteration.
  static relacy_world& current() {
    RL_ASSERT(current_ != nullptr);
    return *current_;
  }
  /// The park slot of Relacy thread `index`.
  relacy_runtime::park_slot& slot(unsigned index) {
    RL_ASSERT(index < slots_.size());
    return slots_[index];
  }
  /// Waits for every task started with relacy_runtime::spawn.
  void join_all() {
    for (auto& t : threads_) t.join();
  }

 private:
  friend struct relacy_runtime;
  static void* trampoline(void* arg) {
    (*static_cast<std::function<void()>*>(arg))();
    return nullptr;
  }
  static inline relacy_world* current_ = nullptr;
  std::deque<relacy_runtime::park_slot> slots_;
  std::deque<std::function<void()>> tasks_;
  std::deque<rl::dyn_thread> threads_;
  std::uint32_t next_id_ = 0;
};

inline relacy_runtime::parker::parker() { slot_($) = &relacy_world::current().slot(rl::thread_index()); }

inline std::uint32_t relacy_runtime::register_object(detail::object_kind, std::size_t, std::source_location,
                                                     const char*) {
  return ++relacy_world::current().next_id_;
}

inline void relacy_runtime::spawn(std::function<void()> fn) {
  auto& w = relacy_world::current();
  w.tasks_.push_back(std::move(fn));
  w.threads_.emplace_back();
  w.threads_.back().start(&relacy_world::trampoline, &w.tasks_.back());
}

}  // namespace chancheck

#pragma pop_macro("delete")
#pragma pop_macro("new")
