// run_command_test.cpp: a check that the run_command helper (util/run_command.hpp) works.
#include <gtest/gtest.h>

#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {

TEST(RunCommand, ReportsExitCodeAndOutput) {
  std::string out;
  EXPECT_EQ(run_command("printf hello; exit 3", out), 3);
  EXPECT_EQ(out, "hello");
}

}  // namespace chancheck::testing
