// cli_options.hpp: the options of `run` and `replay`, registered on CLI11 subcommands
// and kept as text until they are parsed strictly (tools/cli_values). Each group of
// options is one struct with add_to(app); a new option goes in the struct of the
// command that takes it (or in output_flags when both do).
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/properties/scenario.hpp>

#include "tools/isolation/scenario_runner.hpp"
#include "tools/report_outputs.hpp"

namespace chancheck::detail {

/// Bad usage or input found after parsing: the CLI prints the message and exits 2.
struct bad_usage {
  std::string message;
};

/// `text` as a Go duration, rounded up to whole milliseconds; bad_usage naming `option` otherwise.
std::chrono::milliseconds duration_ms(const std::string& text, std::string_view option);

/// `--json FILE`: checked before any scenario runs (given but empty is an error too).
struct json_flag {
  std::string path;
  CLI::Option* option = nullptr;

  void add_to(CLI::App* app);
  /// The checked path, or "" when --json was not given.
  std::string checked() const;
  bool given() const { return option->count() > 0; }
};

/// The options of isolation, shared by `run` and `replay`.
struct isolation_flags {
  std::string isolate = "process", watchdog = "10s", stack_size = "256k";

  void add_to(CLI::App* app);
  isolation_settings settings() const;
  std::size_t stack_bytes() const;
};

/// How much is printed and how: shared by `run` and `replay`.
struct output_flags {
  bool quiet = false, verbose = false, full_trace = false, short_trace = false;
  std::string color = "auto", progress_interval = "10s";

  /// `for_run`: --quiet, --verbose and the progress interval too.
  void add_to(CLI::App* app, bool for_run);
  /// The interval of the progress lines written off a terminal.
  std::chrono::milliseconds progress_every() const;
};

/// The options of `run`, as text until options() parses them.
struct run_flags {
  std::vector<std::string> patterns;
  std::string strategy = "portfolio", time = "any", budget, seed = "1", max_executions, max_steps = "20000",
              depth = "3", preemptions = "2", max_tasks = "10000", tick_budget = "3";
  CLI::Option* budget_option = nullptr;
  CLI::Option* max_executions_option = nullptr;
  bool check_expected = false, no_time = false, no_split = false;
  std::string shard, shard_count, jobs = "1";                ///< --shard I/N, --shard-count N, -j N
  std::string checkpoint, resume, checkpoint_every = "30s";  ///< --checkpoint FILE, --resume FILE, --checkpoint-every
  CLI::Option* checkpoint_every_option = nullptr;
  json_flag json;
  std::vector<std::string> reports;  ///< --report KIND:FILE, each
  isolation_flags isolation;
  output_flags output;

  void add_to(CLI::App* run);
  /// The --report outputs, checked (kinds, paths, none the --json file); bad_usage otherwise.
  void check_reports(report_outputs& out) const;
  /// The explore options the flags say; bad_usage when a value is malformed or out of range.
  explore_options options() const;
  /// -j's N: how many shards to run in local processes (1: none).
  std::uint32_t job_count() const;
  /// Where to write checkpoints: --checkpoint FILE, else the --resume FILE; "" for none. Checked
  /// against -j and --checkpoint-every; bad_usage when they do not fit.
  std::string checkpoint_path() const;
};

/// The arguments of `merge`.
struct merge_flags {
  std::vector<std::string> files;
  json_flag json;
  std::vector<std::string> reports;  ///< --report KIND:FILE, each
  bool check_expected = false;

  void add_to(CLI::App* merge);
};

/// The arguments of `replay`.
struct replay_flags {
  std::string name, token, on;
  json_flag json;
  isolation_flags isolation;
  output_flags output;

  void add_to(CLI::App* replay);
};

}  // namespace chancheck::detail
