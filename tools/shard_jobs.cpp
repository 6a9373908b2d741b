// shard_jobs.cpp: forking the shard processes, collecting and merging their results.
#include "tools/shard_jobs.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tools/isolation/result_file.hpp"
#include "tools/isolation/stop_signal.hpp"
#include "tools/shard_merge.hpp"

namespace chancheck::detail {

namespace {

/// The child of shard `index`: checks every scenario as that shard, writes the JSON result to `path`; never returns.
[[noreturn]] void shard_child(const std::vector<const scenario_info*>& chosen, explore_options options,
                              const isolation_settings& settings, std::uint32_t index, std::uint32_t jobs,
                              const std::string& path) {
  int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (null >= 0) ::dup2(null, STDOUT_FILENO);
  options.shard_index = index;
  options.shard_count = jobs;
  scenario_runner runner(settings);
  result_file json(path);
  std::string error;
  bool ok = json.start(error);
  for (const auto* s : chosen) {
    if (!ok || stop_requested()) break;
    ok = json.add(runner.check(*s, options, true).json, error);
  }
  if (!ok) std::fprintf(stderr, "chancheck: shard %u: %s\n", index, error.c_str());
  std::fflush(stderr);
  ::_exit(!ok ? 2 : stop_requested() ? stopped_exit_code(stop_requested()) : 0);
}

/// A folder of its own for the shards' results.
std::string make_folder() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/chancheck-jobs-XXXXXX";
  if (!::mkdtemp(pattern.data()))
    throw bad_usage{"-j: cannot make a temporary folder in " + pattern.substr(0, pattern.rfind('/')) +
                    "; set TMPDIR to a writable folder"};
  return pattern;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int run_shard_jobs(const std::vector<const scenario_info*>& chosen, const explore_options& options,
                   const isolation_settings& settings, std::uint32_t jobs, const merged_output& out) {
  const auto start = std::chrono::steady_clock::now();
  const std::string folder = make_folder();
  std::vector<std::string> paths;
  std::fflush(stdout);
  std::fflush(stderr);
  for (std::uint32_t i = 0; i < jobs; ++i) {
    paths.push_back(folder + "/shard-" + std::to_string(i) + ".json");
    pid_t pid = ::fork();
    if (pid < 0) throw bad_usage{"-j: cannot start a shard process; try a smaller -j"};
    if (pid == 0) shard_child(chosen, options, settings, i, jobs, paths.back());
  }
  int worst = 0;
  for (std::uint32_t i = 0; i < jobs; ++i) {
    int status = 0;
    while (::wait(&status) < 0 && errno == EINTR) {}
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    worst = std::max(worst, code);
  }
  if (int signal = stop_requested()) return stopped_exit_code(signal);
  if (worst != 0) throw bad_usage{"-j: a shard process failed (exit " + std::to_string(worst) + "); see above"};
  shard_merge m;
  for (const auto& p : paths) m.add(p, slurp(p));
  std::filesystem::remove_all(folder);
  merged_output shown = out;
  if (shown.seconds >= 0)
    shown.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return show_merged(m.merged(), jobs, shown);
}

}  // namespace chancheck::detail
