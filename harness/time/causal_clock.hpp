// causal_clock.hpp: time in time mode `any`. There is no global clock: each task
// and each object carries a stamp, the latest deadline it has seen happen and
// the timers whose arming happened before it, and stamps flow wherever happens-
// before does (the objects a step touches, spawns, wake-ups, a timer's firing).
// A task's now() is its stamp's time, and a timer it arms is due at that time
// plus the duration. A timer fires after the timers armed before it (in
// happens-before) that are due earlier; timers of unrelated tasks fire in any
// order, as a real runtime's delays allow. docs/exploration.md says why.
#pragma once

#include <cstdint>
#include <vector>

namespace chancheck::detail {

/// What a task or object has seen: a time and a set of timers (by id).
struct time_stamp {
  std::int64_t time = 0;
  std::vector<std::uint64_t> armed;  ///< bit i: timer i was armed before

  /// Takes in what `o` has seen.
  void join(const time_stamp& o);
  /// Back to nothing seen, keeping its storage.
  void clear();
  /// True when timer `id` was armed before.
  bool knows(std::uint64_t id) const { return id / 64 < armed.size() && (armed[id / 64] >> (id % 64)) & 1u; }
  /// Records that timer `id` was armed before.
  void add(std::uint64_t id);
};

/// The stamps of one execution's tasks and objects. The actor is task `t`
/// (t < 0: nobody), unless a timer is firing.
class causal_clock {
 public:
  /// Forgets everything: one task (main), no objects.
  void reset();
  /// A task spawned by actor `t` gets what the spawner has seen.
  void add_task(int t);
  /// A new object (id = count so far + 1), registered by actor `t`, starts with nothing seen.
  void add_object(int t);
  /// Actor `t` touches object `obj` (id >= 1): both end with what either has seen,
  /// the reads of it since its last touch included.
  void touch(int t, std::uint32_t obj);
  /// Task `t` only reads object `obj` (dpor lets reads commute): it takes in what
  /// the object's touches have seen, and what it has seen reaches the object's next
  /// touch, not the reads after it, so two reads in either order end alike.
  void read(int t, std::uint32_t obj);
  /// Task `t` looks at object `obj` and changes nothing of it (a wait group's wait,
  /// passing or woken): it takes in what the object's touches and its reads since
  /// have seen (every decrement) and gives nothing back.
  void observe(int t, std::uint32_t obj);
  /// Task `t` locks mutex `obj`: it takes what every unlock so far gave (they all
  /// come before the one it takes the lock from).
  void take_released(int t, std::uint32_t obj);
  /// Task `t` acquires semaphore `obj`, admitted by its release number `cover` (or
  /// none, -1: it fitted): it takes what that release and those before it had seen,
  /// not the later ones, which dpor does not order before it.
  void take_release(int t, std::uint32_t obj, std::int64_t cover);
  /// Task `t` releases two-sided object `obj` (an unlock, a semaphore's release): it
  /// takes in the releases before it and gives its own to the next acquire.
  void release(int t, std::uint32_t obj);
  /// Task `t` has released semaphore `obj` (by either side): what it has seen is
  /// kept as that release's, by number, for take_release().
  void log_release(int t, std::uint32_t obj);
  /// Task `t` completes a rendezvous with parked task `partner`: it takes in what the
  /// partner had seen when it arrived (the partner gets `t`'s through wake()).
  void meet(int t, int partner);
  /// Task `woken` is woken by actor `t`.
  void wake(int woken, int t);
  /// A timer fires with stamp `s` (its arming stamp, its deadline as time) until end_fire().
  void begin_fire(const time_stamp& s);
  void end_fire() { firing_ = false; }
  /// Actor `t`'s stamp.
  const time_stamp& actor(int t) const;
  /// Actor `t` arms timer `id` due `d` ns from its time; returns the timer's stamp.
  time_stamp arm(int t, std::uint64_t id, std::int64_t d);

 private:
  time_stamp& next(std::vector<time_stamp>& v, std::size_t& n);
  /// True when task `t` runs a step of its own (no timer fires) on object `obj`, both known.
  bool task_on(int t, std::uint32_t obj) const {
    return !firing_ && obj != 0 && obj <= nobjects_ && t >= 0 && static_cast<std::size_t>(t) < ntasks_;
  }
  // Stamps are kept across executions (reset() only forgets how many are used),
  // so that an execution allocates nothing once the first one has run.
  std::vector<time_stamp> tasks_, objects_;
  std::vector<time_stamp> reads_;     ///< per object: what its reads since its last touch have seen
  std::vector<time_stamp> released_;  ///< per two-sided object: what its releases have seen
  /// Per semaphore: what its releases up to each one had seen, by release number
  /// (the first release_logged_ of them are this execution's; the rest keep storage).
  std::vector<std::vector<time_stamp>> release_log_;
  std::vector<std::size_t> release_logged_;
  std::size_t ntasks_ = 0, nobjects_ = 0;
  time_stamp fire_, none_;
  bool firing_ = false;
};

}  // namespace chancheck::detail
