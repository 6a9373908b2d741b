// replay_divergence.hpp: where a token's execution and a scenario part ways. When a
// token does not fit a scenario, replay says at which step the two diverged and what
// each did there, naming tasks, operations and source lines as the reports do.
#pragma once

#include <string>

#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

/// One event in words: "task 1 \"search\"'s send on chan#2 at f.cpp:38".
std::string describe_event(const execution_record& r, const trace_event& e);

/// The last event `r` recorded, in words (or that there is none).
std::string last_event(const execution_record& r);

/// The first step where `token_run` (the token on the scenario it was made for,
/// `made_for`) and `scenario_run` (the same token on scenario `name`, cut short where it
/// stopped fitting) differ: "the token's step 7 is ...; NAME's step 7 is ...".
std::string first_divergence(const execution_record& token_run, const std::string& made_for,
                             const execution_record& scenario_run, const std::string& name);

}  // namespace chancheck::detail
