// run_command.hpp: `chancheck run` and `chancheck replay`, once their options are parsed.
#pragma once

#include "tools/cli_options.hpp"

namespace chancheck::detail {

/// `run`: checks the chosen scenarios, prints each report and a closing line; the exit code.
int run_main(const run_flags& flags);

/// `replay`: re-runs one token's execution (on another scenario with --on); the exit code.
int replay_main(const replay_flags& flags);

}  // namespace chancheck::detail
