// controller.hpp: the interface the explorer implements so that the kit can run
// under it. model/ never includes harness/: the kit asks `current_controller()`
// whether an explorer owns this thread, and otherwise runs on real threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <source_location>

#include <chancheck/model/object_origin.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck {

/// Durations and instants of the kit. Under the explorer, `now()` is virtual.
using duration = std::chrono::nanoseconds;
using time_point = std::chrono::time_point<std::chrono::steady_clock, duration>;

namespace detail {

class handle_registry;

/// A range of memory [begin, end): a task's closure (go.hpp).
struct memory_range {
  const void* begin = nullptr;
  const void* end = nullptr;
};

/// What a timer's firing may do: anything the kit does (wake a task, close a
/// context), run the user's function (after_func: anything at all, through memory
/// the explorer cannot see), or only a non-blocking send into its channel `obj`
/// (and arming its own next tick): such a firing wakes no task unless one waits on
/// that channel.
enum class timer_effect : std::uint8_t { any, user_code, sends_only };

/// A controlled runtime: owns scheduling, parking, choices, spawning and time for
/// every task of one execution. All of its tasks run on one OS thread.
class controller {
 public:
  virtual ~controller() = default;

  /// The running task reaches `op`; the controller may switch to another task.
  virtual void schedule_point(const op_desc& op) = 0;
  /// The running task blocks (on the op of its last scheduling point) until
  /// unparked; returns false when the execution is torn down instead.
  virtual bool park() = 0;
  /// A handle of the running task, for `unpark`.
  virtual void* current_task() = 0;
  /// Makes a parked task runnable again.
  virtual void unpark(void* task) = 0;
  /// An explored choice among `n` alternatives (n >= 2), described by `op`.
  virtual std::size_t choose(std::size_t n, const op_desc& op) = 0;
  /// Records the alternative `op` took: a select's case `index` (UINT32_MAX: its
  /// default), or the value `index` of a choose() (op.kind choose, op.arg = n).
  virtual void select_chose(const op_desc& op, std::uint32_t index) = 0;
  /// Starts a task; `closure` is where fn's captures live, when known (go.hpp).
  virtual void spawn(std::function<void()> fn, const char* name, std::source_location loc, memory_range closure) = 0;
  /// Registers an object (channel, timer, ...) for reports; returns its id (> 0).
  virtual std::uint32_t register_object(object_kind kind, std::size_t cap, std::source_location loc,
                                        const char* label) = 0;
  /// The virtual clock.
  virtual time_point now() = 0;
  /// Arms a timer on object `obj` that runs `fire` (which must not block) after `d`
  /// of virtual time; returns its id. `effect` says what the firing may do.
  virtual std::uint64_t add_timer(duration d, std::function<void()> fire, std::uint32_t obj, timer_effect effect) = 0;
  /// Disarms a timer; false when it already fired or was stopped.
  virtual bool stop_timer(std::uint64_t id) = 0;
  /// True while the execution is being torn down (parks return at once).
  virtual bool tearing_down() const = 0;
  /// The running step touches object `obj` (beyond the object of its operation):
  /// closing a context's children, a timer's send. Partial-order reduction uses it.
  virtual void touch(std::uint32_t obj) = 0;
  /// The running step reads object `obj`'s state without a scheduling point
  /// (ctx.err(), len(ch)): partial-order reduction must order it with the steps
  /// that change it, as a read.
  virtual void peek(std::uint32_t obj) = 0;
  /// The running task took (`taken`) or gave up a hold on lock `obj`: `how` is
  /// op_kind::lock for an exclusive hold, op_kind::rlock for a shared one. The trace
  /// records it, so properties read lock holders instead of replaying lock semantics.
  /// Called only while records_holds() is true.
  virtual void hold_changed(std::uint32_t obj, op_kind how, bool taken) = 0;
  /// Channel `id` was made; `r` lists where its handles live until chan_gone(id).
  virtual void chan_made(std::uint32_t id, handle_registry* r) = 0;
  /// Channel `id` was destroyed (its last reference went away).
  virtual void chan_gone(std::uint32_t id) = 0;
  /// A handle of channel `id` was destroyed or reassigned by the running task.
  virtual void handle_changed(std::uint32_t id) = 0;
  /// The running task sends the `size` bytes at `value` on a channel (or offers
  /// them in a select): any address in them may now be read by another task.
  virtual void value_sent(const void* value, std::size_t size) = 0;
  /// True while the controller records lock holds (it traces this execution).
  bool records_holds() const noexcept { return records_holds_; }
  /// The running execution's generation: > 0, and different for every execution of
  /// the process (objects remember theirs; see object_origin).
  std::uint64_t generation() const noexcept { return generation_; }
  /// The running task's `op` uses an object made outside this execution (`made`):
  /// records the misuse and ends the execution. Never returns: the task is abandoned.
  [[noreturn]] virtual void misuse(const op_desc& op, const object_origin& made) = 0;

 protected:
  bool records_holds_ = false;    ///< set by the controller while it traces
  std::uint64_t generation_ = 0;  ///< set by the controller when an execution starts
};

/// Tells the controller that owns this thread, when it records holds, that the
/// running task took or gave up lock `obj` (see controller::hold_changed). Nothing
/// on real threads, and no call when the explorer searches without a trace.
inline void note_hold(std::uint32_t obj, op_kind how, bool taken);

/// The storage of current_controller(); set only through set_current_controller().
/// constinit, so that reading it is a plain thread-local load with no call and no
/// initialisation guard: the kit asks it at every operation.
extern constinit thread_local controller* tl_current_controller;

/// The controller that owns this thread, or nullptr on real threads.
inline controller* current_controller() noexcept { return tl_current_controller; }

/// Installs (or clears, with nullptr) the controller of this thread. For the harness.
/// While one is installed, its execution owns the process: a kit call from a thread
/// no controller owns is recorded as uncontrolled concurrency (see foreign_call).
void set_current_controller(controller* c) noexcept;

/// A new execution generation (1, 2, ...), process-wide. For controllers.
std::uint64_t next_generation() noexcept;

/// The generation of the execution that owns the process, or 0 when none does.
std::uint64_t owning_generation() noexcept;

/// A kit call made on a thread no controller owns while an execution owned the process.
struct foreign_call {
  std::uint64_t generation = 0;  ///< the execution that owned the process
  op_kind op = op_kind::yield;   ///< the operation
  std::source_location loc;      ///< its line
};

/// Records `op` as a foreign call of the owning execution (the first one is kept).
/// Thread-safe. For the kit.
void note_foreign_call(const op_desc& op) noexcept;

/// The foreign call recorded while execution `generation` owned the process, if
/// any: true and `out` filled. Clears it. For controllers, when an execution ends.
bool take_foreign_call(std::uint64_t generation, foreign_call& out) noexcept;

inline void note_hold(std::uint32_t obj, op_kind how, bool taken) {
  if (controller* c = current_controller(); c && c->records_holds()) c->hold_changed(obj, how, taken);
}

}  // namespace detail
}  // namespace chancheck
