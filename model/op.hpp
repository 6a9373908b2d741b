// op.hpp: plain descriptions of Go-visible operations. The kit hands one to the
// runtime at every scheduling point; the explorer records them in its trace and
// reports name the task, the operation, the object and the source line from them.
#pragma once

#include <cstdint>
#include <source_location>

namespace chancheck::detail {

/// What a task is doing at a scheduling point.
enum class op_kind : std::uint8_t {
  go,          ///< spawning a task
  send,        ///< ch.send(v)
  recv,        ///< ch.recv()
  select,      ///< select(...)
  close,       ///< ch.close()
  sleep,       ///< sleep(d)
  timer,       ///< after(d) / timer creation
  cancel,      ///< a context's cancel()
  lock,        ///< mutex / rwmutex lock
  unlock,      ///< mutex / rwmutex unlock
  rlock,       ///< rwmutex read lock
  runlock,     ///< rwmutex read unlock
  wg_add,      ///< wait_group add
  wg_wait,     ///< wait_group wait
  cond_wait,   ///< cond wait
  cond_signal, ///< cond signal
  once,        ///< once.call
  yield,       ///< an explicit scheduling point
  timer_stop,      ///< timer.stop() / ticker.stop()
  timer_reset,     ///< timer.reset(d) / ticker.reset(d)
  wg_done,         ///< wait_group done
  cond_broadcast,  ///< cond broadcast
};

/// A short lowercase name for an operation kind ("send", "select", ...).
const char* to_string(op_kind k) noexcept;

/// What kind of object an operation works on.
enum class object_kind : std::uint8_t { none, chan, timer, context, mutex, rwmutex, wait_group, cond, once };

/// A short lowercase name for an object kind.
const char* to_string(object_kind k) noexcept;

/// One case of a select as the runtime sees it: direction, channel id, line.
struct case_desc {
  std::uint32_t obj = 0;  ///< channel id (0 = nil channel)
  bool is_send = false;   ///< true for a send case
  std::source_location loc;
};

/// The description of one operation, given to the runtime at its scheduling point.
struct op_desc {
  op_kind kind = op_kind::yield;
  std::uint32_t obj = 0;  ///< the object it works on (channel id, ...); 0 = none or nil
  std::source_location loc;
  const case_desc* cases = nullptr;  ///< select only: its cases
  std::uint32_t ncases = 0;          ///< select only: how many
  bool has_default = false;          ///< select only
  std::int64_t arg = 0;              ///< kind-specific (sleep: ns)
};

}  // namespace chancheck::detail
