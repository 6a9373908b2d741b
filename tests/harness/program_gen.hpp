// program_gen.hpp: small random channel programs for differential tests of the
// explorer's strategies: a few tasks doing send, receive, select, close, cancel,
// sleep, timeouts, timers, tickers and now() over a few channels of random capacity.
// Each task holds its channel handles in a way of its own (in its closure, in a
// heap vector, in a heap object held by a std::shared_ptr), drops them, and passes them
// through a channel of channels, so that the mid-run leak check sees every kind of
// reference. A program runs as a
// scenario body; each execution's outcome is what every task observed plus the
// verdict, so two strategies can be compared by the sets of outcomes they reach.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include <chancheck/harness/record/execution_options.hpp>
#include <chancheck/harness/record/explore_result.hpp>
#include <chancheck/harness/record/trace.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

/// One operation of a generated task.
struct gen_op {
  enum kind_t {
    send,
    recv,
    close,
    select2,
    cancel,
    recv_done,
    sleep,
    after_select,
    timer_stop,
    ticker,
    now_ms,
    drop,         ///< the task's handle of channel `ch` becomes nil
    pass,         ///< sends its handle of `ch` on the mail channel (a channel of channels)
    take,         ///< receives a handle from the mail channel into its slot `ch`
    lock,         ///< mu.lock(), then reads and bumps the count mu guards
    unlock,       ///< mu.unlock() (fatal when mu is not locked)
    try_lock,     ///< mu.try_lock(), reading and bumping the count when it took mu
    cond_wait,    ///< cv.wait() on mu (fatal when mu is not locked), then reads and bumps the count
    cond_signal,  ///< cv.signal()
    wg_add,       ///< wg.add(1)
    wg_done,      ///< wg.done() (a panic below zero)
    wg_wait,      ///< wg.wait()
    sem_acquire,  ///< sem.acquire() (of 2 units)
    sem_release,  ///< sem.release() (a panic when none is held)
    sem_try,      ///< sem.try_acquire()
    rw_lock,      ///< rw.lock(), then reads and bumps the count rw guards
    rw_unlock,    ///< rw.unlock() (fatal when no writer holds rw)
    rlock,        ///< rw.rlock(), then reads the count rw guards
    runlock,      ///< rw.runlock() (fatal when no reader holds rw)
  } kind = send;
  int ch = 0;                         ///< channel (select2: first case)
  int ch2 = 0;                        ///< select2: second case
  bool send1 = false, send2 = false;  ///< select2: which cases send
  bool with_default = false;          ///< select2
  int value = 0;                      ///< send: the value; sleep, after, timer, ticker: milliseconds
};

/// A generated program: channel capacities, and the ops of each task (task 0 is
/// main, which first starts the others).
struct gen_program {
  std::vector<int> caps;
  std::vector<std::vector<gen_op>> tasks;
  /// Per task after main: how it holds its handles (see hold_kind).
  std::vector<int> holds;
};

/// How a task holds its channel handles.
enum hold_kind : int {
  in_closure,   ///< an array captured by value: the task's own
  heap_vector,  ///< a std::vector captured by value: on the heap, whose owner the check cannot tell
  shared_box,   ///< an array in a heap object held through a std::shared_ptr
  hold_kinds
};

std::ostream& operator<<(std::ostream& os, const gen_op& op);
std::ostream& operator<<(std::ostream& os, const gen_program& p);

/// A RapidCheck generator of small programs.
rc::Gen<gen_program> gen_programs();

/// The scenario body that runs `p`; observations go to a log read by outcome().
std::function<void()> program_body(const gen_program& p);

/// The outcome of the execution just run: every task's observations, every
/// failure and every task left blocked (run with continue_after_failure).
std::string outcome(const execution_record& r);

/// What task `t` alone observed in the execution just run, how it failed and
/// whether it was left blocked.
std::string task_outcome(const execution_record& r, std::size_t t);

/// What a whole search of a program reached.
struct gen_outcomes {
  std::set<std::string> seen;      ///< outcome() of every execution
  std::set<std::string> per_task;  ///< task_outcome() of every task in every execution
  std::string false_alarm;         ///< leaked_tasks_stayed_blocked() of the first execution it failed
  std::size_t leaks = 0;           ///< executions in which the mid-run check named a task
  explore_result result;
};

/// Explores `p` with `strategy` in time mode `t` (dpor split into independent
/// groups when `split`), every task run to its end, the mid-run leak check on, up to
/// 200,000 executions.
gen_outcomes explore_outcomes(const gen_program& p, const std::string& strategy, time_mode t, bool split = false,
                              std::uint64_t max_executions = 200000);

/// An empty string when every task the mid-run leak check named in `r` (mode
/// on) is still blocked at the end and took no step after it was named;
/// otherwise what went wrong.
std::string leaked_tasks_stayed_blocked(const execution_record& r);

}  // namespace chancheck::testing
