// cli.cpp: `chancheck list | run | replay`, parsed with CLI11.
#include "tools/cli.hpp"

#include <fnmatch.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <chancheck/harness/strategies/strategy_registry.hpp>
#include <chancheck/properties/scenario.hpp>

#include "tools/isolation/scenario_runner.hpp"

namespace chancheck::detail {

namespace {

const char* expected_name(expected e) {
  static const char* names[] = {"pass", "leak", "deadlock", "panic", "exception", "assertion", "step-limit"};
  return names[static_cast<int>(e)];
}

/// "250ms", "10s", "1.5m", "2h" -> milliseconds; nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(const std::string& s) {
  std::size_t pos = 0;
  double v = 0;
  try {
    v = std::stod(s, &pos);
  } catch (...) {
    return std::nullopt;
  }
  std::string unit = s.substr(pos);
  double scale = unit == "ms" ? 1 : unit == "s" ? 1e3 : unit == "m" ? 60e3 : unit == "h" ? 3600e3 : -1;
  if (scale < 0 || v <= 0) return std::nullopt;
  return std::chrono::milliseconds(static_cast<long long>(v * scale));
}

struct bad_usage {
  std::string message;
};

/// "256k", "1m", "65536" -> bytes; nullopt when malformed or outside 16k..1g.
std::optional<std::size_t> parse_size(const std::string& s) {
  std::size_t digits = 0;
  while (digits < s.size() && digits < 12 && s[digits] >= '0' && s[digits] <= '9') ++digits;
  std::string unit = s.substr(digits);
  std::size_t scale = unit.empty() ? 1 : unit == "k" ? 1024 : unit == "m" ? 1024 * 1024 : 0;
  if (digits == 0 || scale == 0) return std::nullopt;
  std::size_t v = std::stoull(s.substr(0, digits)) * scale;
  if (v < 16 * 1024 || v > (std::size_t{1} << 30)) return std::nullopt;
  return v;
}

/// The options of isolation, shared by `run` and `replay`.
struct isolation_flags {
  std::string isolate = "process", watchdog = "10s", stack_size = "256k";

  void add_to(CLI::App* app) {
    app->add_option("--isolate", isolate,
                    "process (default): each scenario runs in a child process, so a crash or hang is reported "
                    "and the run goes on; none: in this process, for a debugger")
        ->check(CLI::IsMember({"process", "none"}));
    app->add_option("--watchdog", watchdog,
                    "end a child whose task runs this long without a scheduling point and report it as "
                    "uncontrolled (default 10s)");
    app->add_option("--stack-size", stack_size, "each task's fiber stack, e.g. 64k, 256k (default), 1m");
  }
  isolation_settings settings() const {
    isolation_settings s;
    s.enabled = isolate == "process";
    auto w = parse_duration(watchdog);
    if (!w) throw bad_usage{"--watchdog \"" + watchdog + "\" is not a duration; write it like 500ms, 10s or 1m"};
    s.limits.watchdog = *w;
    return s;
  }
  std::size_t stack_bytes() const {
    auto b = parse_size(stack_size);
    if (!b) throw bad_usage{"--stack-size \"" + stack_size + "\" is not a size from 16k to 1024m; write it like 64k, 256k or 1m"};
    return *b;
  }
};

std::vector<const scenario_info*> select_scenarios(const std::vector<std::string>& patterns) {
  std::vector<const scenario_info*> out;
  if (patterns.empty()) {
    for (const auto& s : scenarios()) out.push_back(&s);
    return out;
  }
  for (const auto& p : patterns) {
    bool any = false;
    for (const auto& s : scenarios())
      if (fnmatch(p.c_str(), s.name.c_str(), 0) == 0) {
        any = true;
        bool dup = false;
        for (auto* o : out) dup |= o == &s;
        if (!dup) out.push_back(&s);
      }
    if (!any) throw bad_usage{"no scenario matches \"" + p + "\"; `chancheck list` shows the scenarios"};
  }
  return out;
}

/// The `--strategy` help: each offered strategy with its description.
std::string strategy_help() {
  std::string help = "how to search:";
  for (const strategy_entry& e : strategy_entries())
    if (e.offered) help += " " + std::string(e.name) + ": " + std::string(e.description) + ";";
  help.back() = '.';
  return help;
}

/// "" when `name` is a strategy `--strategy` offers, else what to pass instead.
std::string check_strategy(const std::string& name) {
  const strategy_entry* e = find_strategy(name);
  return e && e->offered ? std::string() : unknown_strategy(name);
}

bool write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  if (!f) return false;
  f << text;
  return static_cast<bool>(f.flush());
}

/// The `run` loop: each scenario checked (in a child unless isolation is off), its
/// report printed as soon as it is known; the exit code of the run.
int run_scenarios(const std::vector<const scenario_info*>& chosen, const explore_options& opts, scenario_runner runner,
                  bool check_expected, bool show_time, const std::string& json_path) {
  std::vector<std::string> objects;
  int code = 0;
  for (const auto* s : chosen) {
    scenario_report r = runner.check(*s, opts, show_time);
    std::string line = r.summary;
    if (check_expected) line += r.as_expected ? "  (as expected)" : std::string("  UNEXPECTED: declared ") + expected_name(s->expect);
    std::printf("%s\n", line.c_str());
    if (r.verdict == "error") {
      code = 2;
    } else if (!r.explanation.empty()) {
      std::printf("\n%s\n", r.explanation.c_str());
    }
    if (code != 2) {
      bool bad = check_expected ? !r.as_expected : r.verdict != "pass";
      if (bad) code = 1;
    }
    std::fflush(stdout);
    objects.push_back(std::move(r.json));
  }
  if (!json_path.empty() && !write_file(json_path, json_document(objects)))
    throw bad_usage{"cannot write the JSON result to \"" + json_path + "\"; check that its folder exists and is writable"};
  return code;
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"chancheck: explores the interleavings of Go-style concurrent C++ and proves every task terminates"};
  app.require_subcommand(1);

  auto* list = app.add_subcommand("list", "list the registered scenarios");

  auto* run = app.add_subcommand("run", "explore scenarios and check that every task terminates");
  std::vector<std::string> patterns;
  std::string strategy = "dpor", time = "any", budget, json_path;
  std::uint64_t seed = 1, max_exec = 0;
  std::uint32_t max_steps = 20000;
  bool check_expected = false, no_time = false, no_split = false;
  run->add_option("scenarios", patterns, "scenario names or globs (default: all)");
  std::uint32_t depth = 3, preemptions = 2;
  run->add_option("--strategy", strategy, strategy_help())->check(check_strategy);
  run->add_option("--depth", depth, "pct: the bug depth to aim at")->check(CLI::Range(1u, 64u));
  run->add_option("--preemptions", preemptions, "bounded: the largest number of preemptions")->check(CLI::Range(0u, 64u));
  run->add_option("--seed", seed, "seed of the random strategy");
  run->add_option("--time", time, "any: timers may fire at any point; exact: only when all tasks block")
      ->check(CLI::IsMember({"any", "exact"}));
  run->add_option("--max-executions", max_exec, "stop after N executions (default: 1000000 for dfs, 10000 for random)");
  run->add_option("--max-steps", max_steps, "scheduling steps per execution before a step-limit violation")
      ->check(CLI::Range(1u, 100000000u));
  run->add_option("--budget", budget, "wall-clock budget per scenario, e.g. 500ms, 10s, 5m");
  run->add_option("--json", json_path, "write the result as JSON to FILE");
  run->add_flag("--expected", check_expected,
                "compare each verdict with the scenario's declared expectation; exit 0 when all match");
  run->add_flag("--no-time", no_time, "leave wall-clock times out of the output");
  run->add_flag("--no-split", no_split,
                "dpor: explore every combination of independent task groups, not each group in turn");
  isolation_flags run_isolation;
  run_isolation.add_to(run);

  auto* replay = app.add_subcommand("replay", "re-run one interleaving from a replay token and print its trace");
  std::string replay_name, token, replay_json;
  replay->add_option("scenario", replay_name, "the scenario the token was made for")->required();
  replay->add_option("token", token, "the token (cc2-...) from a report")->required();
  replay->add_option("--json", replay_json, "write the result as JSON to FILE");
  isolation_flags replay_isolation;
  replay_isolation.add_to(replay);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "chancheck: %s\nRun `chancheck --help` (or `chancheck run --help`) for the usage.\n", e.what());
    return 2;
  }

  try {
    if (list->parsed()) {
      for (const auto& s : scenarios())
        std::printf("%-40s expect %-10s %s:%u\n", s.name.c_str(), expected_name(s.expect), s.loc.file, s.loc.line);
      return 0;
    }

    if (run->parsed()) {
      explore_options opts;
      opts.strategy = strategy;
      opts.pct_depth = depth;
      opts.max_preemptions = preemptions;
      opts.seed = seed;
      opts.exec.time = time == "exact" ? time_mode::exact : time_mode::any;
      opts.dpor_split = !no_split;
      opts.exec.max_steps = max_steps;
      opts.max_executions = max_exec ? max_exec : find_strategy(strategy)->default_max_executions;
      if (!budget.empty()) {
        auto b = parse_duration(budget);
        if (!b) throw bad_usage{"--budget \"" + budget + "\" is not a duration; write it like 500ms, 10s, 5m or 1h"};
        opts.budget = *b;
      }
      opts.exec.stack_size = run_isolation.stack_bytes();
      auto chosen = select_scenarios(patterns);
      return run_scenarios(chosen, opts, scenario_runner(run_isolation.settings()), check_expected, !no_time, json_path);
    }

    if (replay->parsed()) {
      const scenario_info* s = find_scenario(replay_name);
      if (!s) throw bad_usage{"no scenario is named \"" + replay_name + "\"; `chancheck list` shows the scenarios"};
      execution_options exec;
      exec.stack_size = replay_isolation.stack_bytes();
      scenario_report r = scenario_runner(replay_isolation.settings()).replay(*s, token, exec);
      if (!r.usage_error.empty()) throw bad_usage{r.usage_error};
      std::printf("%s\n\n%s", r.summary.c_str(), r.explanation.c_str());
      if (!replay_json.empty() && !write_file(replay_json, json_document({r.json})))
        throw bad_usage{"cannot write the JSON result to \"" + replay_json + "\""};
      return r.verdict == "pass" ? 0 : 1;
    }
  } catch (const bad_usage& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "chancheck: %s\n", e.message.c_str());
    return 2;
  }
  return 2;
}

}  // namespace chancheck::detail
