// scenario.hpp: the registry of scenarios. A scenario is a function that runs as
// the main task of each execution; CHANCHECK_SCENARIO registers one at static
// initialisation, with the verdict it is expected to have.
#pragma once

#include <functional>
#include <source_location>
#include <string>
#include <string_view>
#include <vector>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck {

/// The verdict a scenario is expected to have (`chancheck run --expected` checks it). Each kind
/// accepts only its own verdict, except `blocking`, which accepts a leak or a deadlock (for a bug
/// whose main may or may not be among the blocked tasks).
enum class expected : std::uint8_t { pass, leak, deadlock, panic, exception, assertion, step_limit, blocking };

/// How a scenario is declared: its name ("group/name") and expected verdict.
struct scenario_spec {
  scenario_spec(const char* n, expected e = expected::pass) : name(n), expect(e) {}
  std::string name;
  expected expect;
};

/// The word for an expectation, as the CLI and the JSON spell it: "pass", "leak", ..., "step-limit",
/// "blocking".
const char* to_string(expected e);

namespace detail {

/// True when a scenario declaring `declared` (a word of to_string(expected)) accepts the verdict
/// word `verdict`: the same word, or, for "blocking", "leak" or "deadlock".
bool verdict_accepted(std::string_view declared, std::string_view verdict);

/// A registered scenario.
struct scenario_info {
  std::string name;
  expected expect = expected::pass;
  std::function<void()> body;
  trace_loc loc;
};

/// All registered scenarios, in name order.
const std::vector<scenario_info>& scenarios();

/// The scenario named `name`, or nullptr.
const scenario_info* find_scenario(const std::string& name);

/// Registers a scenario (what CHANCHECK_SCENARIO expands to).
struct scenario_registrar {
  scenario_registrar(const scenario_spec& spec, void (*body)(),
                     std::source_location loc = std::source_location::current());
};

}  // namespace detail
}  // namespace chancheck

#define CHANCHECK_SCENARIO_CAT2(a, b) a##b
#define CHANCHECK_SCENARIO_CAT(a, b) CHANCHECK_SCENARIO_CAT2(a, b)
#define CHANCHECK_SCENARIO_IMPL(id, ...)                                                                 \
  static void CHANCHECK_SCENARIO_CAT(chancheck_scenario_, id)();                                         \
  static const ::chancheck::detail::scenario_registrar CHANCHECK_SCENARIO_CAT(chancheck_registrar_, id)( \
      ::chancheck::scenario_spec{__VA_ARGS__}, &CHANCHECK_SCENARIO_CAT(chancheck_scenario_, id));        \
  static void CHANCHECK_SCENARIO_CAT(chancheck_scenario_, id)()

/// Registers a scenario: CHANCHECK_SCENARIO("group/name"[, chancheck::expected::leak]) { body }
#define CHANCHECK_SCENARIO(...) CHANCHECK_SCENARIO_IMPL(__COUNTER__, __VA_ARGS__)
