// run_command.hpp: runs a shell command (popen) and returns its exit code and
// its standard output; for tests that run the CLI or a child test binary.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace chancheck::testing {

/// Runs `cmd` with the shell; returns its exit code (-1 when it did not exit)
/// and fills `out` with its standard output.
inline int run_command(const std::string& cmd, std::string& out) {
  out.clear();
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = ::pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace chancheck::testing
