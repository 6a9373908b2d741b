// cli.hpp: the chancheck command line (list, run, replay) over the registered
// scenarios. Users get it in their own test binary by linking chancheck::main.
#pragma once

namespace chancheck::detail {

/// Runs the command line; returns the exit code (0 pass, 1 violation, 2 bad usage or input).
int cli_main(int argc, char** argv);

}  // namespace chancheck::detail
