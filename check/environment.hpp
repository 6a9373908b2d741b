// environment.hpp: the CHANCHECK_* variables that override check()'s options, as
// RC_PARAMS does for RapidCheck. Every value is parsed as strictly as the CLI's
// flag of the same name; a bad one is an error, never ignored.
#pragma once

#include <optional>
#include <string>

#include <chancheck/check.hpp>

namespace chancheck::detail {

/// What the environment says: the options with every CHANCHECK_* variable applied, and the
/// token CHANCHECK_REPLAY gives (read from its file for "@FILE"), if any.
struct environment {
  check_options options;
  std::optional<std::string> replay;
};

/// Applies CHANCHECK_STRATEGY, _SEED, _TIME, _MAX_EXECUTIONS, _MAX_STEPS, _BUDGET, _DEPTH,
/// _PREEMPTIONS and _REPLAY to `options`. Throws check_error naming the variable, what is wrong and
/// what to write, for a value that is empty or malformed.
environment read_environment(const check_options& options);

}  // namespace chancheck::detail
