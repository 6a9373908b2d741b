// cli_options.cpp: registering and strictly parsing the options of `run` and `replay`.
#include "tools/cli_options.hpp"

#include <fnmatch.h>

#include <limits>
#include <optional>

#include <chancheck/harness/strategies/strategy_registry.hpp>

#include <chancheck/check/cli_values.hpp>

#include "tools/shard_request.hpp"

namespace chancheck::detail {

namespace {

constexpr std::uint64_t any_u64 = std::numeric_limits<std::uint64_t>::max();

/// `text` as a whole number in [min, max]; bad_usage naming `option` otherwise.
std::uint64_t whole_number(const std::string& text, std::uint64_t min, std::uint64_t max, std::string_view option) {
  std::string error;
  auto v = parse_whole_number(text, min, max, option, error);
  if (!v) throw bad_usage{error};
  return *v;
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

}  // namespace

std::chrono::milliseconds duration_ms(const std::string& text, std::string_view option) {
  std::string error;
  auto d = parse_duration_value(text, option, error);
  if (!d) throw bad_usage{error};
  return std::chrono::ceil<std::chrono::milliseconds>(*d);
}

void json_flag::add_to(CLI::App* app) {
  option = app->add_option("--json", path,
                           "write the result as JSON to FILE, again after each scenario (a stopped run keeps "
                           "the finished ones); FILE's folder must exist")
               ->type_name("FILE");
}

std::string json_flag::checked() const {
  if (!given()) return "";
  std::string error;
  if (!check_output_path(path, "--json", names_a_scenario, error)) throw bad_usage{error};
  return path;
}

void isolation_flags::add_to(CLI::App* app) {
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

isolation_settings isolation_flags::settings() const {
  isolation_settings s;
  s.enabled = isolate == "process";
  s.limits.watchdog = duration_ms(watchdog, "--watchdog");
  return s;
}

std::size_t isolation_flags::stack_bytes() const {
  auto b = parse_size(stack_size);
  if (!b)
    throw bad_usage{"--stack-size \"" + stack_size +
                    "\" is not a size from 16k to 1024m; write it like 64k, 256k or 1m"};
  return *b;
}

void output_flags::add_to(CLI::App* app, bool for_run) {
  if (for_run) {
    auto* q = app->add_flag("--quiet,-q", quiet, "print only the failing scenarios and the closing line; no progress");
    app->add_flag("--verbose,-v", verbose,
                  "also print each scenario's declaration and the run's options, and whole traces")
        ->excludes(q);
    app->add_option("--progress-interval", progress_interval,
                    "off a terminal, a progress line on stderr this often (default 10s)")
        ->group("");  // hidden: for tests and CI logs that want it more often
  }
  app->add_option("--color", color,
                  "colour the verdicts: auto (default: on a terminal, unless NO_COLOR is set), "
                  "always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app->add_flag("--full-trace", full_trace,
                "print whole traces (on a terminal, long ones are shortened in the middle)");
  app->add_flag("--short-trace", short_trace, "shorten long traces in the middle off a terminal too")
      ->excludes("--full-trace");
}

std::chrono::milliseconds output_flags::progress_every() const {
  return duration_ms(progress_interval, "--progress-interval");
}

void run_flags::add_to(CLI::App* run) {
  run->add_option("scenarios", patterns, "scenario names or globs (default: all)");
  run->add_option("--strategy", strategy, strategy_help())->check(check_strategy);
  run->add_option("--depth", depth, "pct: the bug depth to aim at, 1 to 64 (default 3)")->type_name("D");
  run->add_option("--preemptions", preemptions, "bounded: the largest number of preemptions, 0 to 64 (default 2)")
      ->type_name("K");
  run->add_option("--seed", seed,
                  "seed of the random and pct strategies and of the portfolio's pct samples, 0 to 2^64-1 (default 1)")
      ->type_name("N");
  run->add_option("--time", time, "any: timers may fire at any point; exact: only when all tasks block")
      ->check(CLI::IsMember({"any", "exact"}));
  run->add_option("--tick-budget", tick_budget,
                  "time any: how often each ticker may tick while some task is ready, 0 to 64 (default 3); its "
                  "later ticks wait until every task does. A proof holds up to it")
      ->type_name("N");
  max_executions_option =
      run->add_option("--max-executions", max_executions,
                      "stop after N executions; 0: no bound (until exhaustive or --budget) (default: the "
                      "strategy's, 1000000 for dfs, 10000 for random)")
          ->type_name("N");
  run->add_option("--max-steps", max_steps,
                  "scheduling steps per execution before a step-limit violation, 1 to 100000000 (default 20000)")
      ->type_name("N");
  run->add_option("--max-tasks", max_tasks,
                  "tasks one execution may start, main included, before a task-limit violation, 1 to 1000000 "
                  "(default 10000)")
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
  run->add_option("--shard", shard,
                  "explore shard I of N of each scenario's search (0 <= I < N): the N shards explore "
                  "exactly the executions of one run with --shard 0/1 (a sharded dpor search expands its "
                  "first decision fully and does not split; docs/nightly.md); default: from "
                  "TEST_TOTAL_SHARDS/TEST_SHARD_INDEX or GTEST_TOTAL_SHARDS/GTEST_SHARD_INDEX when set")
      ->type_name("I/N");
  run->add_option("--shard-count", shard_count,
                  "the number of shards of a Kubernetes indexed Job: the shard's index is JOB_COMPLETION_INDEX")
      ->type_name("N");
  run->add_option("-j,--jobs", jobs,
                  "run N shards of each search in local processes and merge them into one report, 1 to 256 "
                  "(default 1)")
      ->type_name("N");
  run->add_option("--checkpoint", checkpoint,
                  "save the search state to FILE now and then (--checkpoint-every), written whole, so that "
                  "a killed run can go on with --resume FILE; with -j, give each shard its own run "
                  "(--shard I/N) and file instead")
      ->type_name("FILE");
  checkpoint_every_option = run->add_option("--checkpoint-every", checkpoint_every,
                                            "with --checkpoint: how often to save, a Go duration (default 30s)")
                                ->type_name("DURATION");
  run->add_option("--resume", resume,
                  "go on from the checkpoint in FILE, made by this binary with the same scenarios and "
                  "options (--budget and --max-executions may change: they count the whole search, and a search they "
                  "stopped goes on); "
                  "scenarios finished before are reported, not run again; saves to FILE again unless "
                  "--checkpoint names another")
      ->type_name("FILE");
  isolation.add_to(run);
  output.add_to(run, true);
}

explore_options run_flags::options() const {
  explore_options o;
  o.strategy = strategy;
  o.pct_depth = static_cast<std::uint32_t>(whole_number(depth, 1, 64, "--depth"));
  o.max_preemptions = static_cast<std::uint32_t>(whole_number(preemptions, 0, 64, "--preemptions"));
  o.seed = whole_number(seed, 0, any_u64, "--seed");
  o.exec.time = time == "exact" ? time_mode::exact : time_mode::any;
  o.dpor_split = !no_split;
  o.exec.max_steps = static_cast<std::uint32_t>(whole_number(max_steps, 1, 100000000, "--max-steps"));
  o.exec.max_tasks = static_cast<std::uint32_t>(whole_number(max_tasks, 1, 1000000, "--max-tasks"));
  o.exec.tick_budget = static_cast<std::uint32_t>(whole_number(tick_budget, 0, 64, "--tick-budget"));
  o.max_executions = max_executions_option->count() ? whole_number(max_executions, 0, any_u64, "--max-executions")
                                                    : find_strategy(strategy)->default_max_executions;
  if (budget_option->count()) o.budget = duration_ms(budget, "--budget");
  o.exec.stack_size = isolation.stack_bytes();
  const shard_request shard_of = shard_request::decide(shard, shard_count);
  o.shard_index = shard_of.index;
  o.shard_count = shard_of.count;
  if ((o.shard_count > 1 || job_count() > 1) && find_strategy(strategy)->shards == shard_split::none)
    throw bad_usage{"strategy " + strategy + " cannot be split into shards exactly (each execution depends on " +
                    "the ones before); shard dpor, dfs or random, or run " + strategy +
                    " with another --seed on each machine"};
  if (job_count() > 1 && o.sharded())
    throw bad_usage{"-j " + jobs + " runs every shard of the search here, and " + shard_of.source +
                    " asks for one shard; give one of them"};
  return o;
}

std::string run_flags::checkpoint_path() const {
  const std::string path = checkpoint.empty() ? resume : checkpoint;
  if (path.empty() && checkpoint_every_option->count())
    throw bad_usage{"--checkpoint-every needs --checkpoint FILE (or --resume FILE)"};
  if (!path.empty() && json.given() && path == json.path)
    throw bad_usage{"--checkpoint and --json name the same file " + path + "; give the checkpoint a file of its own"};
  if (!path.empty() && job_count() > 1)
    throw bad_usage{"-j " + jobs + " cannot save checkpoints; run each shard on its own with --shard I/" + jobs +
                    " and its own --checkpoint FILE, or drop --checkpoint"};
  if (!path.empty() && duration_ms(checkpoint_every, "--checkpoint-every").count() <= 0)
    throw bad_usage{"--checkpoint-every must be longer than 0"};
  return path;
}

std::uint32_t run_flags::job_count() const { return static_cast<std::uint32_t>(whole_number(jobs, 1, 256, "-j")); }

void replay_flags::add_to(CLI::App* replay) {
  replay->add_option("scenario", name, "the scenario the token was made for")->required();
  replay
      ->add_option("token", token,
                   "the token (cc2-...) from a report, @FILE to read it from FILE, or - to read it from "
                   "standard input")
      ->required();
  replay
      ->add_option("--on,--as", on,
                   "replay the token on this scenario instead (e.g. a bug's token on its fix); a token that "
                   "does not fit it is reported with the step where the two diverge")
      ->type_name("SCENARIO");
  json.add_to(replay);
  isolation.add_to(replay);
  output.add_to(replay, false);
}

void merge_flags::add_to(CLI::App* merge) {
  merge->add_option("files", files, "the JSON results of the shards (run --shard I/N --json FILE), one per shard")
      ->required()
      ->type_name("FILE...");
  json.add_to(merge);
  merge->add_option("--report", reports, report_outputs::help())->type_name("KIND:FILE")->allow_extra_args(false);
  merge->add_flag("--expected", check_expected,
                  "compare each verdict with the scenario's declared expectation; exit 0 when all match");
}

void run_flags::check_reports(report_outputs& out) const {
  std::string error;
  if (!out.configure(reports, json.checked(), names_a_scenario, error)) throw bad_usage{error};
}

}  // namespace chancheck::detail
