// environment.cpp: reading the CHANCHECK_* overrides (see environment.hpp).
#include <chancheck/check/environment.hpp>

#include <cstdlib>
#include <limits>

#include <chancheck/check/cli_values.hpp>
#include <chancheck/harness/strategies/strategy_registry.hpp>

namespace chancheck::detail {

namespace {

/// The value of variable `name`, nullopt when it is not set.
std::optional<std::string> variable(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr) return std::nullopt;
  return std::string(v);
}

[[noreturn]] void bad(const std::string& why, const char* name) {
  throw check_error("chancheck: " + why + " (set " + name + " to a valid value, or unset it to use the options)");
}

/// A whole number in [min, max] from variable `name`, when it is set.
template <typename T>
void read_number(const char* name, std::uint64_t min, std::uint64_t max, T& out) {
  auto text = variable(name);
  if (!text) return;
  std::string error;
  auto v = parse_whole_number(*text, min, max, name, error);
  if (!v) bad(error, name);
  out = static_cast<T>(*v);
}

void read_strategy(check_options& o) {
  auto text = variable("CHANCHECK_STRATEGY");
  if (!text) return;
  const strategy_entry* e = find_strategy(*text);
  if (e == nullptr || !e->offered) bad("CHANCHECK_STRATEGY: " + unknown_strategy(*text), "CHANCHECK_STRATEGY");
  o.strategy = *text;
}

void read_time(check_options& o) {
  auto text = variable("CHANCHECK_TIME");
  if (!text) return;
  if (*text != "any" && *text != "exact")
    bad("CHANCHECK_TIME is \"" + *text +
            "\"; it takes any (timers may fire at any point) or exact (only when "
            "every task blocks)",
        "CHANCHECK_TIME");
  o.time = *text == "exact" ? time_mode::exact : time_mode::any;
}

void read_budget(check_options& o) {
  auto text = variable("CHANCHECK_BUDGET");
  if (!text) return;
  std::string error;
  auto d = parse_duration_value(*text, "CHANCHECK_BUDGET", error);
  if (!d) bad(error, "CHANCHECK_BUDGET");
  o.budget = std::chrono::ceil<std::chrono::milliseconds>(*d);
}

std::optional<std::string> read_replay() {
  auto text = variable("CHANCHECK_REPLAY");
  if (!text) return std::nullopt;
  std::string error;
  auto token = read_token_argument(*text, error);
  if (!token) bad("CHANCHECK_REPLAY: " + error, "CHANCHECK_REPLAY");
  return token;
}

}  // namespace

environment read_environment(const check_options& options) {
  environment env{options, std::nullopt};
  check_options& o = env.options;
  read_strategy(o);
  read_number("CHANCHECK_SEED", 0, std::numeric_limits<std::uint64_t>::max(), o.seed);
  read_time(o);
  std::uint64_t executions = 0;
  bool has_executions = variable("CHANCHECK_MAX_EXECUTIONS").has_value();
  read_number("CHANCHECK_MAX_EXECUTIONS", 0, std::numeric_limits<std::uint64_t>::max(), executions);
  if (has_executions) o.max_executions = executions;
  read_number("CHANCHECK_MAX_STEPS", 1, 100000000, o.max_steps);
  read_budget(o);
  read_number("CHANCHECK_DEPTH", 1, 64, o.depth);
  read_number("CHANCHECK_PREEMPTIONS", 0, 64, o.preemptions);
  env.replay = read_replay();
  return env;
}

}  // namespace chancheck::detail
