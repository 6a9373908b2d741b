// program_gen.hpp: small random channel programs for differential tests of the
// explorer's strategies: a few tasks doing send, receive, select, close, cancel,
// sleep, timeouts, timers, tickers and now() over a few channels of random capacity. A program runs as a
// scenario body; each execution's outcome is what every task observed plus the
// verdict, so two strategies can be compared by the sets of outcomes they reach.
#pragma once

#include <rapidcheck.h>

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
    now_ms
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
  explore_result result;
};

/// Explores `p` with `strategy` in time mode `t` (dpor split into independent
/// groups when `split`), every task run to its end, up to 200,000 executions.
gen_outcomes explore_outcomes(const gen_program& p, const std::string& strategy, time_mode t, bool split = false);

}  // namespace chancheck::testing
