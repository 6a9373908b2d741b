// fix.hpp: a change that removes a violation, as data: its kind and parameters.
// Reports word them; alternatives for one violation come in order of preference.
//
// Each fix kind has one row beside its enum (fix_table): its stable name and its
// words, and blocked_fixes says which fix a task blocked forever in an operation
// gets when no lock cycle explains it. A new primitive adds rows, not switch cases.
#pragma once

#include <cstddef>
#include <cstdint>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/model/op.hpp>

namespace chancheck::detail {

/// The kinds of suggested fix.
enum class fix_kind : std::uint8_t {
  give_capacity,            ///< give channel `obj` capacity `capacity` where it is made (`at`)
  sender_selects_ctx_done,  ///< the sender selects on ctx.done() as well as the send
  enlarge_buffer,           ///< make the buffer of `obj` large enough for every value sent
  sender_selects_done,      ///< the sender selects on a done channel
  close_channel,            ///< close `obj` once the last value is sent
  receiver_selects_done,    ///< the receiver selects on a done channel too
  make_channel,             ///< the channel is nil: make it before using it
  add_done_case,            ///< a select no case of which can be ready: add a case on a done channel
  unlock_before_blocking,   ///< the task holds locks while it blocks on a channel
  unlock_every_path,        ///< unlock on every path; do not block while holding a lock
  not_reentrant,            ///< do not lock again what the task holds
  no_nested_rlock,          ///< do not read-lock again while holding a read lock (a writer waits in between)
  lock_order,               ///< take the locks in one global order
  once_must_not_block,      ///< a once's function must not block nor call the same once
  wg_done_every_path,       ///< call done() once per add(1), on every path
  cond_wait_in_loop,        ///< change the condition under the lock, and wait in a loop over it
  drain_timer_safely,       ///< drain a timer's channel only when nobody received its value, or without blocking
  stop_ticker,              ///< stop ticker `obj` (made at `at`) when done with it
  release_every_path,       ///< release what a semaphore's acquire took, on every path
};

/// How a fix kind is named and worded.
struct fix_info {
  fix_kind kind;
  const char* name;   ///< a short stable name ("give-capacity"), for JSON
  const char* words;  ///< its words in a report; {obj}, {capacity} and {at} stand for the fix's parameters
};

/// One row per fix_kind, in the enum's order.
inline constexpr fix_info fix_table[] = {
    {fix_kind::give_capacity, "give-capacity",
     "give {obj} capacity {capacity} (make_chan<T>({capacity}) at {at}) so the send completes with no receiver"},
    {fix_kind::sender_selects_ctx_done, "sender-selects-ctx-done",
     "have the sender select on ctx.done() as well as the send"},
    {fix_kind::enlarge_buffer, "enlarge-buffer", "make the buffer large enough for every value sent"},
    {fix_kind::sender_selects_done, "sender-selects-done", "have the sender select on a done channel"},
    {fix_kind::close_channel, "close-channel", "close {obj} once the last value is sent"},
    {fix_kind::receiver_selects_done, "receiver-selects-done", "have the receiver select on a done channel too"},
    {fix_kind::make_channel, "make-channel", "make it with make_chan<T>() before using it"},
    {fix_kind::add_done_case, "add-done-case", "add a case on a done channel, or make sure one side always completes"},
    {fix_kind::unlock_before_blocking, "unlock-before-blocking", "unlock before blocking"},
    {fix_kind::unlock_every_path, "unlock-every-path",
     "unlock on every path (defer the unlock right after locking), and do not block on channels or other locks "
     "while holding one"},
    {fix_kind::not_reentrant, "not-reentrant",
     "locks are not reentrant: do not lock again what this task holds (have the inner call expect the lock held)"},
    {fix_kind::no_nested_rlock, "no-nested-rlock",
     "do not read-lock again while holding a read lock: a writer waiting in between blocks the second rlock() "
     "(Go's RWMutex prefers writers)"},
    {fix_kind::lock_order, "lock-order", "take the locks in one global order everywhere, or hold one at a time"},
    {fix_kind::once_must_not_block, "once-must-not-block",
     "the function given to once must not block, nor call the same once"},
    {fix_kind::wg_done_every_path, "wg-done-every-path",
     "call done() exactly once for each add(1), on every path: defer wg.done() first thing in the task"},
    {fix_kind::cond_wait_in_loop, "cond-wait-in-loop",
     "change the condition under the lock before signalling, and wait in a loop over it: while (!ready) c.wait();"},
    {fix_kind::drain_timer_safely, "drain-timer-safely",
     "drain only a value nobody received: if (!t.stop() && !received) t.c.recv();\n"
     "       or drain without blocking: select(recv(t.c), default_case());"},
    {fix_kind::stop_ticker, "stop-ticker", "stop {obj} when done with it (defer t.stop())"},
    {fix_kind::release_every_path, "release-every-path",
     "release what acquire took on every path (defer s.release(n) right after s.acquire(n)), and never acquire "
     "more than {obj}'s size"},
};

/// The fix of a task blocked forever in `op` when no lock cycle explains it.
struct blocked_fix {
  op_kind op;
  fix_kind fix;
};

/// One row per blocking operation that has such a fix.
inline constexpr blocked_fix blocked_fixes[] = {
    {op_kind::lock, fix_kind::unlock_every_path},         {op_kind::rlock, fix_kind::unlock_every_path},
    {op_kind::wg_wait, fix_kind::wg_done_every_path},     {op_kind::cond_wait, fix_kind::cond_wait_in_loop},
    {op_kind::sem_acquire, fix_kind::release_every_path},
};

namespace fix_rows {
/// True when every row of fix_table sits at the index of its own kind.
constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < sizeof fix_table / sizeof fix_table[0]; ++i)
    if (static_cast<std::size_t>(fix_table[i].kind) != i) return false;
  return true;
}
}  // namespace fix_rows
static_assert(fix_rows::in_enum_order(), "fix_table: one row per fix_kind, in the enum's order");

/// The descriptor of a fix kind.
constexpr const fix_info& info(fix_kind k) noexcept { return fix_table[static_cast<std::size_t>(k)]; }

/// One suggested fix.
struct fix {
  fix_kind kind = fix_kind::unlock_every_path;
  std::uint32_t obj = 0;       ///< the object to change (0 = none)
  std::uint64_t capacity = 0;  ///< give_capacity: the capacity
  trace_loc at;                ///< where to change it (give_capacity: where the channel is made)

  /// A fix of kind `k` on object `obj`, with no capacity nor place.
  static fix of(fix_kind k, std::uint32_t obj = 0) {
    fix f;
    f.kind = k;
    f.obj = obj;
    return f;
  }
};

/// A short stable name of a fix kind ("give-capacity", "lock-order", ...), for JSON.
const char* to_string(fix_kind k) noexcept;

}  // namespace chancheck::detail
