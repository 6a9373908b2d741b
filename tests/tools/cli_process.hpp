// cli_process.hpp: test helpers that run a chancheck CLI as a separate process: to
// completion (exit code and output), or in the background to signal it mid-run.
#pragma once

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "util/run_command.hpp"

namespace chancheck::testing {

/// Runs `binary` with `args` (a shell word list); fills `out` with its stdout (stderr dropped).
inline int cli_of(const std::string& binary, const std::string& args, std::string& out) {
  return run_command(binary + " " + args + " 2>/dev/null", out);
}

/// Runs `binary` with `args`; fills `err` with its stderr (stdout dropped).
inline int cli_stderr_of(const std::string& binary, const std::string& args, std::string& err) {
  return run_command(binary + " " + args + " 2>&1 >/dev/null", err);
}

/// A fresh, empty folder for one test's files.
inline std::filesystem::path fresh_folder(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) / ("chancheck_" + std::to_string(::getpid()) + "_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The JSON document at `path`; throws when it is not valid JSON.
inline nlohmann::json read_json_file(const std::filesystem::path& path) {
  return nlohmann::json::parse(read_text(path));
}

/// A CLI started in the background, its stdout going to a file.
class background_cli {
 public:
  background_cli(const std::string& binary, const std::vector<std::string>& args, const std::filesystem::path& out) {
    pid_ = ::fork();
    if (pid_ != 0) return;
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!std::freopen(out.c_str(), "w", stdout) || !std::freopen("/dev/null", "w", stderr)) ::_exit(127);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  ~background_cli() {
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  background_cli(const background_cli&) = delete;
  background_cli& operator=(const background_cli&) = delete;

  void signal(int s) const { ::kill(pid_, s); }
  /// Its exit code, or -1 when a signal ended it.
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    waited_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  pid_t pid_ = -1;
  bool waited_ = false;
};

/// Waits (up to 20 s) until `path` holds a JSON result with at least `n` scenarios; false on a timeout.
inline bool wait_for_scenarios(const std::filesystem::path& path, std::size_t n) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (std::filesystem::exists(path) && read_json_file(path)["scenarios"].size() >= n) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

}  // namespace chancheck::testing
