// check.hpp: explore a body of Go-style code from inside a program or a test,
// without the CLI or a registered scenario.
//
//   chancheck::check_result r = chancheck::check([] { process("gophers"); });
//   if (!r.passed()) std::puts(r.report.c_str());       // the report the CLI prints
//   chancheck::replay([] { process("gophers"); }, r.token);  // the same interleaving again
//
// The options mirror `chancheck run` and the environment overrides them, as
// RC_PARAMS does for RapidCheck: CHANCHECK_STRATEGY, CHANCHECK_SEED,
// CHANCHECK_TIME, CHANCHECK_MAX_EXECUTIONS, CHANCHECK_MAX_STEPS, CHANCHECK_BUDGET
// and CHANCHECK_REPLAY (a token, or @FILE to read it from FILE: check() then
// replays it instead of exploring). A bad value, option or token throws
// check_error saying what to write instead.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <source_location>
#include <stdexcept>
#include <string>
#include <vector>

#include <chancheck/chancheck.hpp>
#include <chancheck/harness/record/execution_options.hpp>
#include <chancheck/properties/violation.hpp>

namespace chancheck {

/// How timers fire under the virtual clock: `any` point, or `exact`ly when every task is blocked.
using time_mode = detail::time_mode;

/// What a violation is; the same words as the CLI's verdicts (to_string()).
enum class violation_kind : std::uint8_t {
  leak,
  deadlock,
  panic,
  exception,
  assertion,
  step_limit,
  misuse,
  uncontrolled
};

/// "leak", "deadlock", "panic", "exception", "assertion", "step-limit", "misuse", "uncontrolled".
const char* to_string(violation_kind k) noexcept;

/// One violation a check found, in the words of the report.
struct check_violation {
  violation_kind kind = violation_kind::leak;
  std::string message;  ///< a panic's, exception's or assertion's own message, else a one-line summary
  std::string task;     ///< the task concerned, as the report names it ("" when none)
  std::string file;     ///< where it is blocked or failed
  std::uint32_t line = 0;
  detail::violation record;  ///< every record the report is written from
};

/// How to explore; the defaults are `chancheck run`'s.
struct check_options {
  /// The name tokens are bound to (a token replays only against the same name). CHANCHECK_TEST uses
  /// "Suite.Name"; "" means "check".
  std::string name;
  std::string strategy = "portfolio";  ///< portfolio (dpor with pct samples), dpor, dfs, random, pct, bounded
  std::uint64_t seed = 1;              ///< random, pct, portfolio (its samples)
  time_mode time = time_mode::any;
  /// Executions before the search stops; nullopt: the strategy's default; 0: no bound.
  std::optional<std::uint64_t> max_executions;
  std::uint32_t max_steps = 20000;      ///< scheduling steps per execution before a step-limit violation
  std::chrono::milliseconds budget{0};  ///< wall-clock budget (0: none)
  std::uint32_t depth = 3;              ///< pct: the bug depth
  std::uint32_t preemptions = 2;        ///< bounded: the largest number of preemptions
  bool use_environment = true;          ///< let CHANCHECK_* variables override these
};

/// What a check or a replay found.
struct check_result {
  std::string name;     ///< the name the token is bound to
  std::string verdict;  ///< "pass", or the first violation's kind ("leak", "deadlock", ...)
  std::vector<check_violation> violations;
  std::string report;            ///< the summary line and the explanation, as `chancheck run --no-time` prints them
  std::string token;             ///< replays the failing execution ("" when it passed)
  std::uint64_t executions = 0;  ///< the search's executions (dpor's, for the portfolio)
  std::uint64_t samples = 0;     ///< the portfolio's pct samples, run beside the search
  bool exhaustive = false;       ///< every execution the strategy covers was explored
  bool replayed = false;         ///< one execution replayed from a token (replay(), or CHANCHECK_REPLAY)

  /// True when no property was violated.
  bool passed() const { return violations.empty(); }
};

/// A bad option, environment value or token: what() says what is wrong and what to write.
class check_error : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Explores `body` as the main task of every execution and checks that every task terminates, nothing
/// deadlocks or panics and every expect() holds. With CHANCHECK_REPLAY set it replays that token instead.
check_result check(const std::function<void()>& body, const check_options& options = {},
                   std::source_location loc = std::source_location::current());

/// Re-runs the one execution `token` names (or "@FILE": the token in FILE). `name` must be the name the
/// token was made under. Throws check_error when the token is malformed or does not fit the body.
check_result replay(const std::function<void()>& body, const std::string& token, const std::string& name = "",
                    std::source_location loc = std::source_location::current());

}  // namespace chancheck
