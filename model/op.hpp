// op.hpp: plain descriptions of Go-visible operations. The kit hands one to the
// runtime at every scheduling point; the explorer records them in its trace and
// reports name the task, the operation, the object and the source line from them.
//
// Each operation kind and each object kind has one descriptor row beside its enum
// (op_table, object_table): its name in traces, what it works on, whether it can
// block, the words reports use for it and how a task blocked in it is explained.
// A new primitive adds enumerators and rows here; naming and properties read the
// rows (docs/architecture.md, "Adding a primitive").
#pragma once

#include <cstddef>
#include <cstdint>
#include <source_location>

namespace chancheck::detail {

/// What a task is doing at a scheduling point.
enum class op_kind : std::uint8_t {
  go,               ///< spawning a task
  send,             ///< ch.send(v)
  recv,             ///< ch.recv()
  select,           ///< select(...)
  close,            ///< ch.close()
  sleep,            ///< sleep(d)
  timer,            ///< after(d) / timer creation
  cancel,           ///< a context's cancel()
  lock,             ///< mutex / rwmutex lock
  unlock,           ///< mutex / rwmutex unlock
  rlock,            ///< rwmutex read lock
  runlock,          ///< rwmutex read unlock
  wg_add,           ///< wait_group add
  wg_wait,          ///< wait_group wait
  cond_wait,        ///< cond wait
  cond_signal,      ///< cond signal
  once,             ///< once.call
  yield,            ///< an explicit scheduling point
  timer_stop,       ///< timer.stop() / ticker.stop()
  timer_reset,      ///< timer.reset(d) / ticker.reset(d)
  wg_done,          ///< wait_group done
  cond_broadcast,   ///< cond broadcast
  try_lock,         ///< mutex try_lock
  sem_acquire,      ///< semaphore acquire
  sem_try_acquire,  ///< semaphore try_acquire
  sem_release,      ///< semaphore release
  choose,           ///< choose(n): an explored choice of a value (arg: n)
};

/// What kind of object an operation works on.
enum class object_kind : std::uint8_t { none, chan, timer, context, mutex, rwmutex, wait_group, cond, once, semaphore };

/// Whom a task blocked forever on an object waits for, as properties work it out.
enum class wait_rule : std::uint8_t {
  none,     ///< nobody in particular: the operation and its object explain the wait
  holders,  ///< the tasks that hold the object, from the trace's acquire and release events
  rwlock,   ///< the writer that holds or claims the rwmutex, or the readers a claiming writer waits for
  once,     ///< the task that runs the once's function
};

/// How an object kind is named and explained.
struct object_info {
  object_kind kind;
  const char* name;           ///< "chan", "mutex": object names are NAME#id
  wait_rule waits;            ///< whom a task blocked on it waits for
  const char* size_word;      ///< describe_object shows the object's cap as "(WORD cap, made at ...)"; nullptr: not
  const char* held;           ///< how a task's exclusive hold on it is described: "locked" (at f:3); nullptr: none
  const char* release_words;  ///< what a holder that returned did not do ("unlocking it"); nullptr: no holds
};

/// How an operation kind is named, traced and explained.
struct op_info {
  op_kind kind;
  const char* name;        ///< its name in traces and messages ("send", "wait_group.add")
  object_kind object;      ///< what it works on (lock and unlock: a mutex or an rwmutex)
  bool blocks;             ///< it can park the task
  const char* verb;        ///< the words before its object: "send on" chan#2; nullptr: its name, then the object
  bool names_object;       ///< "blocked forever in lock of mutex#1", not "blocked forever in send"
  const char* wait_words;  ///< one wait of a lock cycle: "waits to lock" mutex#1; nullptr: none
};

/// One row per op_kind, in the enum's order.
inline constexpr op_info op_table[] = {
    // kind, name, object, blocks, verb, names_object, wait_words
    {op_kind::go, "go", object_kind::none, false, nullptr, false, nullptr},
    {op_kind::send, "send", object_kind::chan, true, "send on", false, nullptr},
    {op_kind::recv, "recv", object_kind::chan, true, "receive from", false, nullptr},
    {op_kind::select, "select", object_kind::chan, true, nullptr, false, nullptr},
    {op_kind::close, "close", object_kind::chan, false, "close of", false, nullptr},
    {op_kind::sleep, "sleep", object_kind::timer, true, nullptr, false, nullptr},
    {op_kind::timer, "timer", object_kind::timer, false, nullptr, false, nullptr},
    {op_kind::cancel, "cancel", object_kind::context, false, nullptr, false, nullptr},
    {op_kind::lock, "lock", object_kind::mutex, true, "lock of", true, "waits to lock"},
    {op_kind::unlock, "unlock", object_kind::mutex, false, "unlock of", false, nullptr},
    {op_kind::rlock, "rlock", object_kind::rwmutex, true, "read lock of", true, "waits to read-lock"},
    {op_kind::runlock, "runlock", object_kind::rwmutex, false, "read unlock of", false, nullptr},
    {op_kind::wg_add, "wait_group.add", object_kind::wait_group, false, "add on", false, nullptr},
    {op_kind::wg_wait, "wait_group.wait", object_kind::wait_group, true, "wait on", true, nullptr},
    {op_kind::cond_wait, "cond.wait", object_kind::cond, true, "wait on", true, nullptr},
    {op_kind::cond_signal, "cond.signal", object_kind::cond, false, "signal on", false, nullptr},
    {op_kind::once, "once", object_kind::once, true, "call of", true, "waits for"},
    {op_kind::yield, "yield", object_kind::none, false, nullptr, false, nullptr},
    {op_kind::timer_stop, "timer.stop", object_kind::timer, false, "stop of", false, nullptr},
    {op_kind::timer_reset, "timer.reset", object_kind::timer, false, "reset of", false, nullptr},
    {op_kind::wg_done, "wait_group.done", object_kind::wait_group, false, "done on", false, nullptr},
    {op_kind::cond_broadcast, "cond.broadcast", object_kind::cond, false, "broadcast on", false, nullptr},
    {op_kind::try_lock, "try_lock", object_kind::mutex, false, "try_lock of", false, nullptr},
    {op_kind::sem_acquire, "semaphore.acquire", object_kind::semaphore, true, "acquire of", true, "waits to acquire"},
    {op_kind::sem_try_acquire, "semaphore.try_acquire", object_kind::semaphore, false, "try_acquire of", false,
     nullptr},
    {op_kind::sem_release, "semaphore.release", object_kind::semaphore, false, "release of", false, nullptr},
    {op_kind::choose, "choose", object_kind::none, false, nullptr, false, nullptr},
};

/// One row per object_kind, in the enum's order.
inline constexpr object_info object_table[] = {
    // kind, name, waits, size_word, held, release_words
    {object_kind::none, "none", wait_rule::none, nullptr, nullptr, nullptr},
    {object_kind::chan, "chan", wait_rule::none, nullptr, nullptr, nullptr},
    {object_kind::timer, "timer", wait_rule::none, nullptr, nullptr, nullptr},
    {object_kind::context, "context", wait_rule::none, nullptr, nullptr, nullptr},
    {object_kind::mutex, "mutex", wait_rule::holders, nullptr, "locked", "unlocking it"},
    {object_kind::rwmutex, "rwmutex", wait_rule::rwlock, nullptr, "locked", "unlocking it"},
    {object_kind::wait_group, "wait_group", wait_rule::none, nullptr, nullptr, nullptr},
    {object_kind::cond, "cond", wait_rule::none, nullptr, nullptr, nullptr},
    {object_kind::once, "once", wait_rule::once, nullptr, nullptr, nullptr},
    {object_kind::semaphore, "semaphore", wait_rule::holders, "size", "acquired", "releasing it"},
};

namespace op_rows {
/// True when every row of `table` sits at the index of its own kind.
template <class Row, std::size_t N>
constexpr bool in_enum_order(const Row (&table)[N]) {
  for (std::size_t i = 0; i < N; ++i)
    if (static_cast<std::size_t>(table[i].kind) != i) return false;
  return true;
}
}  // namespace op_rows
static_assert(op_rows::in_enum_order(op_table), "op_table: one row per op_kind, in the enum's order");
static_assert(op_rows::in_enum_order(object_table), "object_table: one row per object_kind, in the enum's order");

/// The descriptor of an operation kind.
constexpr const op_info& info(op_kind k) noexcept { return op_table[static_cast<std::size_t>(k)]; }

/// The descriptor of an object kind.
constexpr const object_info& info(object_kind k) noexcept { return object_table[static_cast<std::size_t>(k)]; }

/// A short lowercase name for an operation kind ("send", "select", ...).
const char* to_string(op_kind k) noexcept;

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
  std::int64_t arg = 0;              ///< kind-specific (sleep: ns; choose: n)
};

}  // namespace chancheck::detail
