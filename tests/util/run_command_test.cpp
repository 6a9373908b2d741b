// run_command_test.cpp: the run_command helper (popen), and a check that it works.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "util/explore.hpp"

namespace chancheck::testing {

int run_command(const std::string& cmd, std::string& out) {
  out.clear();
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(RunCommand, ReportsExitCodeAndOutput) {
  std::string out;
  EXPECT_EQ(run_command("printf hello; exit 3", out), 3);
  EXPECT_EQ(out, "hello");
}

}  // namespace chancheck::testing
