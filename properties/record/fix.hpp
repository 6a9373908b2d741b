// fix.hpp: a change that removes a violation, as data: its kind and parameters.
// Reports word them; alternatives for one violation come in order of preference.
#pragma once

#include <cstdint>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// The kinds of suggested fix.
enum class fix_kind : std::uint8_t {
  give_capacity,           ///< give channel `obj` capacity `capacity` where it is made (`at`)
  sender_selects_ctx_done, ///< the sender selects on ctx.done() as well as the send
  enlarge_buffer,          ///< make the buffer of `obj` large enough for every value sent
  sender_selects_done,     ///< the sender selects on a done channel
  close_channel,           ///< close `obj` once the last value is sent
  receiver_selects_done,   ///< the receiver selects on a done channel too
  make_channel,            ///< the channel is nil: make it before using it
  add_done_case,           ///< a select no case of which can be ready: add a case on a done channel
  unlock_before_blocking,  ///< the task holds locks while it blocks on a channel
  unlock_every_path,       ///< unlock on every path; do not block while holding a lock
  not_reentrant,           ///< do not lock again what the task holds
  no_nested_rlock,         ///< do not read-lock again while holding a read lock (a writer waits in between)
  lock_order,              ///< take the locks in one global order
  once_must_not_block,     ///< a once's function must not block nor call the same once
  wg_done_every_path,      ///< call done() once per add(1), on every path
  cond_wait_in_loop,       ///< change the condition under the lock, and wait in a loop over it
  drain_timer_safely,      ///< drain a timer's channel only when nobody received its value, or without blocking
  stop_ticker,             ///< stop ticker `obj` (made at `at`) when done with it
};

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
