// runtime.hpp: the primitives the channel core is written against. `dyn_runtime`
// decides at run time: under an explorer (a controller owns the thread) locks are
// no-ops and parking switches fibers; otherwise it uses real locks, semaphores and
// a timer thread. Another runtime (Relacy's primitives) can instantiate the same
// core, which is why the core is a template on the runtime and not on the kit.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <semaphore>
#include <source_location>

#include "model/controller.hpp"
#include "model/op.hpp"

namespace chancheck {

/// The runtime of the public kit: real threads, or the explorer when one owns the thread.
struct dyn_runtime {
  /// A lock; a no-op under the explorer, where only one task runs at a time.
  class mutex {
   public:
    void lock() {
      if (current_controller() == nullptr) m_.lock();
    }
    void unlock() {
      if (current_controller() == nullptr) m_.unlock();
    }

   private:
    std::mutex m_;
  };

  template <class T>
  using atomic = std::atomic<T>;

  /// A one-shot waiter: `park` blocks until `unpark`. Made by the task that parks;
  /// copies share the task (a select parks once for all its cases).
  class parker {
   public:
    parker();
    /// Blocks until unparked; false when it returned without a wake-up (teardown).
    bool park();
    void unpark();

   private:
    controller* ctl_;
    void* task_;
    std::binary_semaphore* sem_;
  };

  /// A scheduling point; only the explorer switches here.
  static void schedule_point(const op_desc& op) {
    if (auto* c = current_controller()) c->schedule_point(op);
  }
  /// A nondeterministic choice among n >= 1: explored, or pseudo-random on threads.
  static std::size_t choose(std::size_t n, const op_desc& op);
  /// Reports the chosen case of a select (the explorer traces it).
  static void select_chose(const op_desc& op, std::uint32_t i) {
    if (auto* c = current_controller()) c->select_chose(op, i);
  }
  /// Registers an object for reports (0 on real threads).
  static std::uint32_t register_object(object_kind k, std::size_t cap, std::source_location loc,
                                       const char* label = nullptr) {
    auto* c = current_controller();
    return c ? c->register_object(k, cap, loc, label) : 1;
  }
  /// True while an execution is torn down (parks return without a wake-up).
  static bool tearing_down() {
    auto* c = current_controller();
    return c && c->tearing_down();
  }
  static time_point now();
  static std::uint64_t add_timer(duration d, std::function<void()> fire, std::uint32_t obj);
  static bool stop_timer(std::uint64_t id);
  static void spawn(std::function<void()> fn, const char* name, std::source_location loc);
};

}  // namespace chancheck
