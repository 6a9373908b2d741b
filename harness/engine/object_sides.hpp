// object_sides.hpp: the objects whose steps dpor sees as two sides (trace.hpp,
// second_side), and what each step of one touches.
//
// An unbuffered channel: its plain sends touch the send side, its plain receives
// the receive side. The k-th send pairs with the k-th receive whichever side
// arrives first (the wait queues are FIFO), so a send and a receive commute; two
// sends, or two receives, do not.
//
// A mutex: a lock touches the acquire side, an unlock by the task that holds it the
// release side. The k-th lock to arrive is the k-th to hold it (an unlock hands it
// to the first waiter), so an arrival and the holder's unlock commute: the waiter
// that parked and was handed the lock ends where the one that came after the
// unlock and found it free does. An unlock by another task (Go allows it; on a free
// mutex it is fatal) and try_lock depend on whether the mutex is held: they touch
// both sides. So the engine keeps a mirror of who holds each mutex.
//
// A wait group: its decrements (done, a negative add) that do not take the counter
// below zero read its first side, and commute with one another: which one is the
// last changes nothing. One that would take it below zero panics and touches both
// sides, so which task marks a done too many still depends on the order (its side
// changes under the other decrements: dpor's sleep sets see that, decision_tree.hpp).
// A wait reads the second side, so it commutes with the decrements: one that
// arrives before the last parks and is woken by it, one that comes after finds zero
// and names the decrement that brought it there as its partner; both end alike.
// dpor orders a waiter after every decrement since the counter last rose
// (vector_clocks.hpp, wake clocks), and so does time (causal_clock::observe). A
// positive add touches both sides. The engine keeps a mirror of each counter.
//
// A semaphore: an acquire touches the first side and a release by a task that
// holds the units it gives back the second (acquires are served in FIFO order, as
// a mutex's locks are). A release of units the task does not hold (it may panic)
// and try_acquire touch both; once such a release has given back another's units,
// a holder's release may find them gone and panic, so every later release touches
// both too. Acquires are served in order, so the units an
// acquire takes are there once the releases so far (in their order) cover every
// acquire up to it: the first release that does is its partner.
//
// A read-write mutex: while no writer has claimed it (from a lock's arrival to its
// unlock), its rlocks and the runlocks of tasks that hold a read lock (while every
// reader counted holds one: Go lets a runlock take another's) only count readers,
// so they commute: they read it. Everything else on it (a lock, an
// unlock, an rlock that queues behind a writer, a runlock while a writer waits or
// by a task that holds no read lock) writes it. The engine mirrors its writers,
// its readers and the read locks each task holds.
//
// A once: its calls touch the first side and the end of its function (the step in
// which the call that ran it returns or unwinds) the second. The first call writes
// it (it runs the function); the others read it, so they commute with one another
// and come after the first. One that arrives while the function runs parks and is
// woken by the end; one that comes after it passes and names that step as its
// partner; both end alike, so the end commutes with the calls. The engine keeps a
// mirror of the calls so far and of the end's step.
//
// What orders the two sides is the value or the lock passing between them: a step
// that completes a rendezvous with a parked partner, or takes a free mutex, names
// the step it took it from (trace_step::partner), and dpor orders what the task
// does after that step after the partner. Not the step itself: it could have
// arrived first and waited, and a step that touches both sides (a select, a close,
// a try_lock) sees which side came first (race_detector.hpp).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck::detail {

/// Which objects are two-sided in one execution, and the mirrors that needs: the
/// mutexes' holders, the semaphores' units, the wait groups' counters and the
/// onces' ends.
class object_sides {
 public:
  /// How a parked task's op relates to the step that wakes it (woken()).
  enum class wake { whole, side, rendezvous };

  /// A new execution: no objects.
  void clear();
  /// The next object id was registered, of `kind` and capacity `cap`.
  void add(object_kind kind, std::uint64_t cap);

  /// True when `obj` has two sides: an access to it whole touches both.
  bool two_sided(std::uint32_t obj) const {
    return obj < objects_.size() && objects_[obj].kind != whole && objects_[obj].kind != rw_reads;
  }
  /// True when `obj` is a mutex or a semaphore: its first side takes what its second
  /// side released (a lock, an acquire), not what arrived on it. (A once's time flows
  /// the same way; execution::flow_side takes it first.)
  bool releases(std::uint32_t obj) const {
    return obj < objects_.size() && (objects_[obj].kind == lock_sides || objects_[obj].kind == sem_sides);
  }
  /// True when `obj` is a once.
  bool once(std::uint32_t obj) const { return obj < objects_.size() && objects_[obj].kind == once_sides; }
  /// Once `obj`'s function ended in step `step`: the side that step touches.
  std::uint32_t end_once(std::uint32_t obj, std::int32_t step) {
    objects_[obj].last_release = step;
    return obj | second_side;
  }
  /// Semaphore `obj`'s release (0 for its first, 1, ...) whose units admitted the
  /// acquire that began last, or -1: it fitted without any, or it waits.
  std::int64_t covering_release(std::uint32_t obj) const {
    return obj < objects_.size() && objects_[obj].kind == sem_sides ? objects_[obj].covering : -1;
  }
  /// True when `obj` is a mutex (its touches from the kit are a cond's wait releasing it).
  bool mutex(std::uint32_t obj) const { return obj < objects_.size() && objects_[obj].kind == lock_sides; }

  /// The one side task `t`'s `op` touches when it runs now, or 0 when it touches its objects whole.
  std::uint32_t side_of(const op_desc& op, int t) const;
  /// Task `t` runs `op` in step `step`: keeps the mirrors; returns the step it takes a
  /// free mutex (its last release) or a semaphore's units from, or -1.
  std::int32_t begin_op(const op_desc& op, int t, std::int32_t step);
  /// Task `t` releases mutex `obj` in step `step` inside a cond's wait: the side it
  /// touches, or 0 when it does not hold it (both sides).
  std::uint32_t release(std::uint32_t obj, int t, std::int32_t step);
  /// Task `t`, parked in `op`, is woken: `side` when `op` was one side of a two-sided
  /// object (the waker's step touches nothing more of it; a lock waiter now holds
  /// the lock), `rendezvous` when it was also a channel hand-off (its arrival is the
  /// waker's partner), `whole` otherwise.
  wake woken(const op_desc& op, int t);

 private:
  static constexpr std::uint8_t whole = 0;       ///< one object: every access touches it whole
  static constexpr std::uint8_t chan_sides = 1;  ///< an unbuffered channel
  static constexpr std::uint8_t lock_sides = 2;  ///< a mutex
  static constexpr std::uint8_t wait_sides = 3;  ///< a wait group
  static constexpr std::uint8_t sem_sides = 4;   ///< a semaphore
  static constexpr std::uint8_t rw_reads = 5;    ///< a read-write mutex: one side, read by its readers
  static constexpr std::uint8_t once_sides = 6;  ///< a once

  /// One object and the mirror its kind needs.
  struct object_state {
    std::uint8_t kind = whole;
    std::int32_t holder = -1;         ///< a mutex: the task holding it, or -1
    std::int32_t last_release = -1;   ///< a mutex: the step that last released it; a wait group: brought it
                                      ///< to zero; a once: ended its function
    std::int64_t count = 0;           ///< a wait group: its counter; a semaphore: the units acquired so far; a rwmutex:
                                      ///< readers; a once: its calls
    std::int64_t size = 0;            ///< a semaphore: its units; a rwmutex: the read locks its tasks hold
    std::vector<std::int64_t> units;  ///< a semaphore, per task: the units it holds
    std::vector<std::pair<std::int32_t, std::int64_t>> releases;  ///< a semaphore: (step, units released up to it)
    std::int64_t writers = 0;          ///< a read-write mutex: writers that claimed it (holding or waiting)
    bool active = false;               ///< ... one of them holds it
    bool stolen = false;               ///< a semaphore: a release gave back units its task did not hold
    std::int64_t covering = -1;        ///< a semaphore: which release (0, 1, ...) admitted the last acquire, or -1
    std::vector<std::int32_t> queued;  ///< ... the tasks whose rlock waits behind a writer
  };

  /// The units of semaphore `o` task `t` holds, as far as its acquires and releases say.
  static std::int64_t& units(object_state& o, int t);
  /// A semaphore's op (acquire or release) of task `t` in step `step`: its partner, or -1.
  static std::int32_t semaphore_op(object_state& o, const op_desc& op, int t, std::int32_t step);
  /// A read-write mutex's op of task `t` (its readers are `count`, each task's read locks
  /// `units`, their sum `size`: less than `count` once a runlock took another's).
  static void rwmutex_op(object_state& o, const op_desc& op, int t);
  /// A wait group's op in step `step`: its partner, or -1.
  static std::int32_t wait_group_op(object_state& o, const op_desc& op, std::int32_t step);
  /// A mutex's op of task `t` in step `step`: its partner, or -1.
  std::int32_t mutex_op(object_state& o, const op_desc& op, int t, std::int32_t step);
  /// The access of wait group `obj`'s add(delta) (a done is add(-1)), or 0 for both sides.
  std::uint32_t wait_group_change(std::uint32_t obj, std::int64_t delta) const;

  std::vector<object_state> objects_;  ///< per object id
};

}  // namespace chancheck::detail
