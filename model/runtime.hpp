// runtime.hpp: the primitives the channel core is written against. `dyn_runtime`
// decides at run time: under an explorer (a controller owns the thread) locks are
// no-ops and parking switches fibers; otherwise it uses real locks, semaphores and
// a timer thread. Another runtime (Relacy's primitives) can instantiate the same
// core, which is why the core is a template on the runtime and not on the kit.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <semaphore>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include <chancheck/model/controller.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck {

namespace detail {

/// The runtime of the public kit: real threads, or the explorer when one owns the thread.
struct dyn_runtime {
  /// A lock; a no-op under the explorer, where only one task runs at a time.
  class mutex {
   public:
    void lock() {
      if (detail::current_controller() == nullptr) m_.lock();
    }
    void unlock() {
      if (detail::current_controller() == nullptr) m_.unlock();
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
    detail::controller* ctl_;
    void* task_;
    std::binary_semaphore* sem_;
  };

  /// A scheduling point; only the explorer switches here. On real threads it records
  /// the task's current operation (for the leak check). Returns false when the
  /// operation must not take effect: a thread no controller owns called the kit while
  /// an execution owns the process (recorded, and reported as uncontrolled concurrency).
  static bool schedule_point(const detail::op_desc& op) {
    if (auto* c = detail::current_controller()) {
      c->schedule_point(op);
      return true;
    }
    return real_point(op);
  }
  /// The same for an operation on an object made at `made`. Under the explorer, an
  /// object made outside the running execution is a misuse: the task goes no further.
  static bool schedule_point(const detail::op_desc& op, const detail::object_origin& made) {
    if (auto* c = detail::current_controller()) {
      if (made.generation != c->generation()) [[unlikely]]
        c->misuse(op, made);
      c->schedule_point(op);
      return true;
    }
    return real_point(op);
  }
  /// The same for a select: `made[i]` is case i's channel's origin (nullptr for nil).
  static bool schedule_point(const detail::op_desc& op, const detail::object_origin* const* made, std::size_t n) {
    if (auto* c = detail::current_controller()) {
      for (std::size_t i = 0; i < n; ++i)
        if (made[i] && made[i]->generation != c->generation()) [[unlikely]]
          c->misuse(op, *made[i]);
      c->schedule_point(op);
      return true;
    }
    return real_point(op);
  }
  /// The origin of an object made now at `loc`: the running execution's generation, or 0.
  static detail::object_origin origin(std::source_location loc) noexcept {
    auto* c = detail::current_controller();
    return {c ? c->generation() : 0, loc};
  }
  /// The running step touches object `id` (for partial-order reduction).
  static void touch(std::uint32_t id) {
    if (auto* c = detail::current_controller()) c->touch(id);
  }
  /// The running step reads object `id`'s state without a scheduling point.
  static void peek(std::uint32_t id) {
    if (auto* c = detail::current_controller()) c->peek(id);
  }
  /// A nondeterministic choice among n >= 1: explored, or pseudo-random on threads.
  static std::size_t choose(std::size_t n, const detail::op_desc& op);
  /// Reports the chosen case of a select, or the value of a choose() (the explorer traces it).
  static void select_chose(const detail::op_desc& op, std::uint32_t i) {
    if (auto* c = detail::current_controller()) c->select_chose(op, i);
  }
  /// Registers an object for reports; on real threads a process-wide serial number.
  static std::uint32_t register_object(detail::object_kind k, std::size_t cap, std::source_location loc,
                                       const char* label = nullptr) {
    auto* c = detail::current_controller();
    return c ? c->register_object(k, cap, loc, label) : next_object_id();
  }
  /// A value of `size` bytes at `value` is being sent on a channel (the mid-run
  /// leak check marks the tasks whose memory it points into; only values that can
  /// hold a pointer are reported).
  static void value_sent(const void* value, std::size_t size);
  /// True while an execution is torn down (parks return without a wake-up).
  static bool tearing_down() {
    auto* c = detail::current_controller();
    return c && c->tearing_down();
  }
  static time_point now();
  static std::uint64_t add_timer(duration d, std::function<void()> fire, std::uint32_t obj,
                                 timer_effect effect = timer_effect::any);
  static bool stop_timer(std::uint64_t id);
  static void spawn(std::function<void()> fn, const char* name, std::source_location loc, memory_range closure = {});

 private:
  /// A scheduling point on a thread no controller owns.
  static bool real_point(const detail::op_desc& op) noexcept {
    if (detail::owning_generation() != 0) [[unlikely]] {
      detail::note_foreign_call(op);
      return false;
    }
    note_op(op);
    return true;
  }
  /// Real threads: records `op` as the calling task's current operation.
  static void note_op(const detail::op_desc& op) noexcept;
  static std::uint32_t next_object_id() noexcept;
};

}  // namespace detail

/// A task started with go() on a real thread, as the leak check sees it. Tasks of
/// the explorer (fibers) are not listed: the explorer reports its own leaks.
struct task_snapshot {
  std::uint64_t serial = 0;                     ///< 1, 2, ... in start order, process-wide
  std::string name;                             ///< go(name, fn)'s name, or "task <serial>"
  std::source_location spawned_at;              ///< the go() call
  std::string scope;                            ///< the test it was started under ("" when none was known)
  bool has_op = false;                          ///< it reached a Go-visible operation
  detail::op_kind op = detail::op_kind::yield;  ///< its last operation (when has_op)
  std::uint32_t obj = 0;                        ///< that operation's object (channel id, ...; 0 = none or nil)
  std::source_location op_loc;                  ///< that operation's line
  bool blocked = false;                         ///< parked in that operation, not running
  std::chrono::steady_clock::duration age{};    ///< how long ago it started
};

namespace detail {

/// What leak_profile() reads of one task on a real thread.
struct live_task_state {
  task_snapshot snapshot;
  memory_range closure;              ///< its go() closure's captures (empty: a std::function's, out of sight)
  memory_range stack;                ///< its thread's stack (empty until the thread runs)
  bool escaped = false;              ///< an address in its stack or closure was sent on a channel
  bool cases_known = true;           ///< its select's channels are all in `cases` (false: too many, or a default)
  std::vector<std::uint32_t> cases;  ///< when its operation is a select: the channels of its cases
  std::uint64_t parks = 0;           ///< times it parked
  std::uint64_t wakes = 0;           ///< times it was woken (parks == wakes + 1: it waits now)
};

/// The tasks running on real threads. go() registers a task, its end removes it.
struct live_tasks {
  /// Names the scope (usually the running test) a task started outside any task
  /// belongs to; tasks started by a task inherit its scope. Called at go().
  using scope_provider = std::string (*)();
  /// Installs the scope provider (nullptr: none). include/chancheck/gtest.hpp
  /// installs one that names the running GoogleTest test.
  static void set_scope_provider(scope_provider p) noexcept;
  /// Snapshots of the live tasks of `scope` ("" = every live task), oldest first.
  static std::vector<task_snapshot> list(std::string_view scope = {});
  /// Waits until no task of `scope` ("" = any) is alive, or until `deadline`;
  /// tasks for which `ignored` is true do not count. True when none is left.
  /// Sleeps on a condition variable: no busy waiting.
  static bool wait_until_none(std::string_view scope, std::chrono::steady_clock::time_point deadline,
                              const std::function<bool(const task_snapshot&)>& ignored = {});
  /// Reads what leak_profile() needs of every live task, oldest first.
  using state_reader = std::function<std::vector<live_task_state>()>;
  /// Calls f with every task start and end held off until it returns (their closures
  /// and stacks stay mapped while f reads them); f reads the states with its argument.
  static void examine(const std::function<void(const state_reader&)>& f);
  /// Marks the tasks whose stack or closure a word of the value points into (leak_profile()).
  static void note_sent(const void* value, std::size_t size);
};

/// True once leak_profile_enable() was called: real-thread channels are then listed
/// and values sent on them read (model/leak_profile.cpp).
bool leak_profiling() noexcept;
/// The stack of the calling thread (empty when it cannot be read).
memory_range this_thread_stack() noexcept;
/// Counts the after_func timers armed on real threads (+1 armed, -1 fired or stopped).
void user_timer_armed(int delta) noexcept;

}  // namespace detail
}  // namespace chancheck
