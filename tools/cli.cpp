// cli.cpp: `chancheck list | run | replay`, parsed with CLI11. Every value is taken
// as text and parsed strictly by check/cli_values, and every output path is checked,
// before any scenario runs.
#include "tools/cli.hpp"

#include <fnmatch.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <chancheck/harness/strategies/strategy_registry.hpp>
#include <chancheck/properties/scenario.hpp>

#include <chancheck/check/cli_values.hpp>
#include "tools/isolation/result_file.hpp"
#include "tools/isolation/scenario_runner.hpp"
#include "tools/isolation/stop_signal.hpp"
#include "tools/report_outputs.hpp"

namespace chancheck::detail {

namespace {

struct bad_usage {
  std::string message;
};

constexpr const char* exit_codes_help =
    "Exit codes: 0 every property holds (with --expected: every verdict is the declared one), 1 a violation, "
    "2 bad usage or input, 130 stopped by SIGINT, 143 stopped by SIGTERM (the JSON result then "
    "holds the finished scenarios and the interrupted one).";

constexpr std::uint64_t any_u64 = std::numeric_limits<std::uint64_t>::max();

/// `text` as a whole number in [min, max]; bad_usage naming `option` otherwise.
std::uint64_t whole_number(const std::string& text, std::uint64_t min, std::uint64_t max, std::string_view option) {
  std::string error;
  auto v = parse_whole_number(text, min, max, option, error);
  if (!v) throw bad_usage{error};
  return *v;
}

/// `text` as a Go duration, rounded up to whole milliseconds (so 0.1ms is 1 ms, never 0).
std::chrono::milliseconds duration_ms(const std::string& text, std::string_view option) {
  std::string error;
  auto d = parse_duration_value(text, option, error);
  if (!d) throw bad_usage{error};
  return std::chrono::ceil<std::chrono::milliseconds>(*d);
}

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

/// True when `text` names a registered scenario or is a glob that matches one.
bool names_a_scenario(const std::string& text) {
  for (const auto& s : scenarios())
    if (fnmatch(text.c_str(), s.name.c_str(), 0) == 0) return true;
  return false;
}

/// `--json FILE`: checked before any scenario runs (given but empty is an error too).
struct json_flag {
  std::string path;
  CLI::Option* option = nullptr;

  void add_to(CLI::App* app) {
    option = app->add_option("--json", path,
                             "write the result as JSON to FILE, again after each scenario (a stopped run keeps "
                             "the finished ones); FILE's folder must exist")
                 ->type_name("FILE");
  }
  /// The checked path, or "" when --json was not given.
  std::string checked() const {
    if (option->count() == 0) return "";
    std::string error;
    if (!check_output_path(path, "--json", names_a_scenario, error)) throw bad_usage{error};
    return path;
  }
};

/// The options of isolation, shared by `run` and `replay`.
struct isolation_flags {
  std::string isolate = "process", watchdog = "10s", stack_size = "256k";

  void add_to(CLI::App* app) {
    app->add_option("--isolate", isolate,
                    "process (default): each scenario runs in a child process, so a crash or hang is reported "
                    "and the run goes on; none: in this process, for a debugger (SIGINT then stops the run "
                    "after the running scenario)")
        ->check(CLI::IsMember({"process", "none"}));
    app->add_option("--watchdog", watchdog,
                    "end a child whose task runs this long without a scheduling point and report it as "
                    "uncontrolled; a Go duration such as 500ms, 10s (default) or 1m30s")
        ->type_name("DURATION");
    app->add_option("--stack-size", stack_size, "each task's fiber stack, e.g. 64k, 256k (default), 1m")
        ->type_name("SIZE");
  }
  isolation_settings settings() const {
    isolation_settings s;
    s.enabled = isolate == "process";
    s.limits.watchdog = duration_ms(watchdog, "--watchdog");
    return s;
  }
  std::size_t stack_bytes() const {
    auto b = parse_size(stack_size);
    if (!b)
      throw bad_usage{"--stack-size \"" + stack_size +
                      "\" is not a size from 16k to 1024m; write it like 64k, 256k or 1m"};
    return *b;
  }
};

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

/// The options of `run`, as text until options() parses them.
struct run_flags {
  std::vector<std::string> patterns;
  std::string strategy = "dpor", time = "any", budget, seed = "1", max_executions, max_steps = "20000", depth = "3",
              preemptions = "2";
  CLI::Option* budget_option = nullptr;
  CLI::Option* max_executions_option = nullptr;
  bool check_expected = false, no_time = false, no_split = false;
  json_flag json;
  std::vector<std::string> reports;
  isolation_flags isolation;

  void add_to(CLI::App* run) {
    run->add_option("scenarios", patterns, "scenario names or globs (default: all)");
    run->add_option("--strategy", strategy, strategy_help())->check(check_strategy);
    run->add_option("--depth", depth, "pct: the bug depth to aim at, 1 to 64 (default 3)")->type_name("D");
    run->add_option("--preemptions", preemptions, "bounded: the largest number of preemptions, 0 to 64 (default 2)")
        ->type_name("K");
    run->add_option("--seed", seed, "seed of the random and pct strategies, 0 to 2^64-1 (default 1)")->type_name("N");
    run->add_option("--time", time, "any: timers may fire at any point; exact: only when all tasks block")
        ->check(CLI::IsMember({"any", "exact"}));
    max_executions_option =
        run->add_option("--max-executions", max_executions,
                        "stop after N executions; 0: no bound (until exhaustive or --budget) (default: the "
                        "strategy's, 1000000 for dfs, 10000 for random)")
            ->type_name("N");
    run->add_option("--max-steps", max_steps,
                    "scheduling steps per execution before a step-limit violation, 1 to 100000000 (default 20000)")
        ->type_name("N");
    budget_option = run->add_option("--budget", budget,
                                    "wall-clock budget per scenario, a Go duration such as 500ms, 10s, 5m or 1h30m "
                                    "(below 1ms rounds up to 1ms; default: none)")
                        ->type_name("DURATION");
    json.add_to(run);
    run->add_option("--report", reports, report_outputs::help())->type_name("KIND:FILE")->allow_extra_args(false);
    run->add_flag("--expected", check_expected,
                  "compare each verdict with the scenario's declared expectation; exit 0 when all match");
    run->add_flag("--no-time", no_time, "leave wall-clock times out of the output");
    run->add_flag("--no-split", no_split,
                  "dpor: explore every combination of independent task groups, not each group in turn");
    isolation.add_to(run);
  }

  /// The explore options the flags say; bad_usage when a value is malformed or out of range.
  explore_options options() const {
    explore_options o;
    o.strategy = strategy;
    o.pct_depth = static_cast<std::uint32_t>(whole_number(depth, 1, 64, "--depth"));
    o.max_preemptions = static_cast<std::uint32_t>(whole_number(preemptions, 0, 64, "--preemptions"));
    o.seed = whole_number(seed, 0, any_u64, "--seed");
    o.exec.time = time == "exact" ? time_mode::exact : time_mode::any;
    o.dpor_split = !no_split;
    o.exec.max_steps = static_cast<std::uint32_t>(whole_number(max_steps, 1, 100000000, "--max-steps"));
    o.max_executions = max_executions_option->count() ? whole_number(max_executions, 0, any_u64, "--max-executions")
                                                      : find_strategy(strategy)->default_max_executions;
    if (budget_option->count()) o.budget = duration_ms(budget, "--budget");
    o.exec.stack_size = isolation.stack_bytes();
    return o;
  }
};

/// The arguments of `replay`.
struct replay_flags {
  std::string name, token;
  json_flag json;
  isolation_flags isolation;

  void add_to(CLI::App* replay) {
    replay->add_option("scenario", name, "the scenario the token was made for")->required();
    replay
        ->add_option("token", token,
                     "the token (cc2-...) from a report, @FILE to read it from FILE, or - to read it from "
                     "standard input")
        ->required();
    json.add_to(replay);
    isolation.add_to(replay);
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

/// Writes the result file again; bad_usage when it cannot.
void save(result_file& file, const std::string* scenario_object) {
  std::string error;
  bool ok = scenario_object ? file.add(*scenario_object, error) : file.start(error);
  if (!ok) throw bad_usage{error};
}

/// Prints one scenario's report; returns the exit code it asks for (0, 1 or 2).
int print_report(const scenario_report& r, const scenario_info& s, bool check_expected) {
  std::string line = r.summary;
  if (check_expected && r.verdict != "interrupted")
    line += r.as_expected ? "  (as expected)" : std::string("  UNEXPECTED: declared ") + to_string(s.expect);
  std::printf("%s\n", line.c_str());
  if (r.verdict != "error" && !r.explanation.empty()) std::printf("\n%s\n", r.explanation.c_str());
  std::fflush(stdout);
  if (r.verdict == "error") return 2;
  if (r.verdict == "interrupted") return 0;  // the run's exit code says it was stopped
  return (check_expected ? !r.as_expected : r.verdict != "pass") ? 1 : 0;
}

/// The last line of a run a signal stopped.
void print_stopped(int signal, std::size_t finished, std::size_t interrupted, std::size_t chosen, bool json) {
  std::printf("\nstopped by %s: %zu of %zu scenarios finished, %zu interrupted, %zu not run%s\n",
              signal == SIGINT ? "SIGINT" : "SIGTERM", finished, chosen, interrupted, chosen - finished - interrupted,
              json ? "; the JSON result holds them" : "");
  std::fflush(stdout);
}

/// The `run` loop: each scenario checked (in a child unless isolation is off), its report printed and the
/// JSON result written again as soon as it is known; stops early on SIGINT or SIGTERM. The exit code of the run.
int run_scenarios(const std::vector<const scenario_info*>& chosen, const explore_options& opts, scenario_runner runner,
                  const run_flags& flags, result_file& json, bool has_json, report_outputs& reports) {
  int code = 0;
  std::size_t finished = 0, interrupted = 0;
  std::string error;
  save(json, nullptr);
  if (!reports.start(error)) throw bad_usage{error};
  for (const auto* s : chosen) {
    if (stop_requested()) break;
    scenario_report r = runner.check(*s, opts, !flags.no_time);
    int c = print_report(r, *s, flags.check_expected);
    code = std::max(code, c);
    (r.verdict == "interrupted" ? interrupted : finished) += 1;
    save(json, &r.json);
    if (!reports.add(r.json, error)) throw bad_usage{error};
  }
  if (int signal = stop_requested()) {
    print_stopped(signal, finished, interrupted, chosen.size(), has_json);
    return stopped_exit_code(signal);
  }
  return code;
}

int run_main(const run_flags& flags) {
  explore_options opts = flags.options();
  isolation_settings settings = flags.isolation.settings();
  result_file json(flags.json.checked());
  report_outputs reports;
  std::string error;
  if (!reports.configure(flags.reports, flags.json.checked(), names_a_scenario, error)) throw bad_usage{error};
  auto chosen = select_scenarios(flags.patterns);
  install_stop_handlers();
  return run_scenarios(chosen, opts, scenario_runner(settings), flags, json, flags.json.option->count() > 0, reports);
}

int replay_main(const replay_flags& flags) {
  const scenario_info* s = find_scenario(flags.name);
  if (!s) throw bad_usage{"no scenario is named \"" + flags.name + "\"; `chancheck list` shows the scenarios"};
  execution_options exec;
  exec.stack_size = flags.isolation.stack_bytes();
  isolation_settings settings = flags.isolation.settings();
  result_file json(flags.json.checked());
  std::string error;
  std::optional<std::string> token = read_token_argument(flags.token, error);
  if (!token) throw bad_usage{error};
  install_stop_handlers();
  scenario_report r = scenario_runner(settings).replay(*s, *token, exec);
  if (!r.usage_error.empty()) throw bad_usage{r.usage_error};
  std::printf("%s\n\n%s", r.summary.c_str(), r.explanation.c_str());
  std::fflush(stdout);
  save(json, &r.json);
  if (int signal = stop_requested()) return stopped_exit_code(signal);
  return r.verdict == "pass" ? 0 : 1;
}

/// `list`: the scenarios as text lines or as a JSON array (for chancheck_discover_scenarios).
int list_main(const std::string& format) {
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : scenarios())
      out.push_back({{"name", s.name}, {"expected", to_string(s.expect)}, {"file", s.loc.file}, {"line", s.loc.line}});
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  for (const auto& s : scenarios())
    std::printf("%-40s expect %-10s %s:%u\n", s.name.c_str(), to_string(s.expect), s.loc.file, s.loc.line);
  return 0;
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"chancheck: explores the interleavings of Go-style concurrent C++ and proves every task terminates"};
  app.require_subcommand(1);
  app.footer(exit_codes_help);

  auto* list = app.add_subcommand("list", "list the registered scenarios");
  std::string list_format = "text";
  list->add_option("--format", list_format,
                   "text: one line per scenario; json: an array of {name, expected, file, line} (default text)")
      ->check(CLI::IsMember({"text", "json"}));
  auto* run = app.add_subcommand("run", "explore scenarios and check that every task terminates");
  run_flags run_args;
  run_args.add_to(run);
  run->footer(exit_codes_help);
  auto* replay = app.add_subcommand("replay", "re-run one interleaving from a replay token and print its trace");
  replay_flags replay_args;
  replay_args.add_to(replay);
  replay->footer(exit_codes_help);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "chancheck: %s\nRun `chancheck --help` (or `chancheck run --help`) for the usage.\n",
                 e.what());
    return 2;
  }

  try {
    if (list->parsed()) return list_main(list_format);
    if (run->parsed()) return run_main(run_args);
    if (replay->parsed()) return replay_main(replay_args);
  } catch (const bad_usage& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "chancheck: %s\n", e.message.c_str());
    return 2;
  }
  return 2;
}

}  // namespace chancheck::detail
