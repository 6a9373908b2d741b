// run_command.cpp: the `run` loop: each scenario checked (in a child unless isolation
// is off), its report printed as the console allows, the JSON result (and the
// checkpoint, with --checkpoint) written again as soon as it is known, and a closing
// line with the counts.
#include "tools/run_command.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>

#include <chancheck/check/cli_values.hpp>
#include "tools/checkpoint_file.hpp"
#include "tools/console_style.hpp"
#include "tools/isolation/result_file.hpp"
#include "tools/isolation/stop_signal.hpp"
#include "tools/progress_line.hpp"
#include "tools/run_tally.hpp"
#include "tools/shard_jobs.hpp"
#include "tools/shard_request.hpp"

namespace chancheck::detail {

namespace {

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
        if (std::find(out.begin(), out.end(), &s) == out.end()) out.push_back(&s);
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

/// What one run prints, decided once.
struct run_output {
  console_style style;
  bool quiet = false, verbose = false, check_expected = false;
  bool ends_blank = false;  ///< the last report printed ended with a blank line
  report_outputs reports;   ///< --report files, written again after each scenario
};

/// The exit code one scenario's report asks for (0, 1 or 2).
int exit_code_of(const scenario_report& r, bool check_expected) {
  if (r.verdict == "error") return 2;
  if (r.verdict == "interrupted") return 0;  // the run's exit code says it was stopped
  return (check_expected ? !r.as_expected : r.verdict != "pass") ? 1 : 0;
}

/// Prints one scenario's report (with --quiet, only when it fails); returns its exit code.
int print_report(const scenario_report& r, const scenario_info& s, run_output& out) {
  const int code = exit_code_of(r, out.check_expected);
  if (out.quiet && code == 0) return code;
  std::string line = r.summary;
  if (out.check_expected && r.verdict != "interrupted")
    line += r.as_expected ? "  (as expected)" : std::string("  UNEXPECTED: declared ") + to_string(s.expect);
  std::printf("%s\n", out.style.paint_summary(line).c_str());
  if (out.verbose) std::printf("     declared: expect %s, at %s:%u\n", to_string(s.expect), s.loc.file, s.loc.line);
  out.ends_blank = r.verdict != "error" && !r.explanation.empty();
  if (out.ends_blank) std::printf("\n%s\n", out.style.body(r.explanation).c_str());
  std::fflush(stdout);
  return code;
}

/// The last line of a run a signal stopped.
void print_stopped(int signal, std::size_t finished, std::size_t interrupted, std::size_t chosen, bool json) {
  std::printf("\nstopped by %s: %zu of %zu scenarios finished, %zu interrupted, %zu not run%s\n",
              signal == SIGINT ? "SIGINT" : "SIGTERM", finished, chosen, interrupted, chosen - finished - interrupted,
              json ? "; the JSON result holds them" : "");
  std::fflush(stdout);
}

/// --verbose: the run's options before the first scenario.
void print_options(const explore_options& o, std::size_t chosen) {
  std::printf("chancheck %s: %zu scenario%s, strategy %s, time %s, seed %llu, max-steps %u, max-executions %llu\n\n",
              CHANCHECK_VERSION, chosen, chosen == 1 ? "" : "s", o.strategy.c_str(), to_string(o.exec.time),
              static_cast<unsigned long long>(o.seed), o.exec.max_steps,
              static_cast<unsigned long long>(o.max_executions));
}

/// The checkpoint file --checkpoint or --resume asks for (written once already), or nullopt.
std::optional<checkpoint_file> open_checkpoint(const run_flags& flags, const std::vector<const scenario_info*>& chosen,
                                               explore_options& opts) {
  const std::string path = flags.checkpoint_path();
  if (path.empty()) return std::nullopt;
  opts.checkpoint_every = duration_ms(flags.checkpoint_every, "--checkpoint-every");
  std::vector<std::string> names;
  for (const auto* s : chosen) names.push_back(s->name);
  checkpoint_identity id = checkpoint_identity::of(std::move(names), opts);
  std::optional<checkpoint_file> file;
  if (flags.resume.empty())
    file.emplace(path, std::move(id));
  else
    file.emplace(checkpoint_file::resume(flags.resume, path, std::move(id)));
  file->start();
  return file;
}

/// The options of scenario `s`: with a checkpoint file, the search goes on from its
/// progress and saves more into it.
explore_options with_checkpoints(explore_options o, const scenario_info& s, checkpoint_file* file) {
  if (!file) return o;
  o.resume = file->progress(s.name);
  o.on_checkpoint = [file, name = s.name](const search_checkpoint& c) { file->save_progress(name, c); };
  return o;
}

/// Checks `s`, or takes its report from the checkpoint when it finished before.
scenario_report check_one(const scenario_info& s, const explore_options& opts, scenario_runner& runner,
                          checkpoint_file* file, bool show_time, progress_line& progress) {
  if (const scenario_report* done = file ? file->finished(s.name) : nullptr) return *done;
  progress.begin(s.name);
  scenario_report r = runner.check(s, with_checkpoints(opts, s, file), show_time);
  progress.end();
  if (file && r.verdict != "interrupted") file->finish(s.name, r);  // a stopped search keeps its last progress
  return r;
}

int run_scenarios(const std::vector<const scenario_info*>& chosen, const explore_options& opts, scenario_runner& runner,
                  const run_flags& flags, run_output& out, result_file& json, progress_line& progress,
                  checkpoint_file* checkpoints) {
  const auto start = std::chrono::steady_clock::now();
  int code = 0;
  std::size_t finished = 0, interrupted = 0;
  run_tally tally;
  std::string error;
  save(json, nullptr);
  if (!out.reports.start(error)) throw bad_usage{error};
  for (const auto* s : chosen) {
    if (stop_requested()) break;
    scenario_report r = check_one(*s, opts, runner, checkpoints, !flags.no_time, progress);
    code = std::max(code, print_report(r, *s, out));
    (r.verdict == "interrupted" ? interrupted : finished) += 1;
    if (r.verdict != "interrupted") tally.add(r, flags.check_expected);
    save(json, &r.json);
    if (!out.reports.add(r.json, error)) throw bad_usage{error};
  }
  if (int signal = stop_requested()) {
    print_stopped(signal, finished, interrupted, chosen.size(), flags.json.given());
    return stopped_exit_code(signal);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s%s\n", out.ends_blank ? "" : "\n",
              tally.closing_line(flags.check_expected, flags.no_time ? -1 : seconds).c_str());
  std::fflush(stdout);
  return code;
}

}  // namespace

int run_main(const run_flags& flags) {
  explore_options opts = flags.options();
  shard_request::decide(flags.shard, flags.shard_count).touch_status_file();
  isolation_settings settings = flags.isolation.settings();
  const output_flags& o = flags.output;
  run_output out{console_style::decide(o.color, o.full_trace || o.verbose, o.short_trace),
                 o.quiet,
                 o.verbose,
                 flags.check_expected,
                 false,
                 report_outputs{}};
  progress_line progress(!o.quiet, o.progress_every());
  settings.limits.progress = [&progress](std::uint64_t executions, double seconds) {
    progress.update(executions, seconds);
  };
  result_file json(flags.json.checked());
  flags.check_reports(out.reports);
  auto chosen = select_scenarios(flags.patterns);
  install_stop_handlers();
  std::optional<checkpoint_file> checkpoints = open_checkpoint(flags, chosen, opts);
  if (o.verbose) print_options(opts, chosen.size());
  if (const std::uint32_t jobs = flags.job_count(); jobs > 1) {
    settings.limits.progress = nullptr;
    return run_shard_jobs(
        chosen, opts, settings, jobs,
        {flags.json.checked(), &flags.reports, flags.check_expected, o.quiet, flags.no_time ? -1.0 : 0.0});
  }
  scenario_runner runner(settings);
  return run_scenarios(chosen, opts, runner, flags, out, json, progress, checkpoints ? &*checkpoints : nullptr);
}

int replay_main(const replay_flags& flags) {
  const scenario_info* s = find_scenario(flags.name);
  if (!s) throw bad_usage{"no scenario is named \"" + flags.name + "\"; `chancheck list` shows the scenarios"};
  const scenario_info* target = flags.on.empty() ? s : find_scenario(flags.on);
  if (!target) throw bad_usage{"--on: no scenario is named \"" + flags.on + "\"; `chancheck list` shows the scenarios"};
  execution_options exec;
  exec.stack_size = flags.isolation.stack_bytes();
  isolation_settings settings = flags.isolation.settings();
  const output_flags& o = flags.output;
  const console_style style = console_style::decide(o.color, o.full_trace, o.short_trace);
  result_file json(flags.json.checked());
  std::string error;
  std::optional<std::string> token = read_token_argument(flags.token, error);
  if (!token) throw bad_usage{error};
  install_stop_handlers();
  scenario_report r = scenario_runner(settings).replay(*target, *token, exec, s);
  if (!r.usage_error.empty()) throw bad_usage{r.usage_error};
  std::printf("%s\n\n%s", style.paint_summary(r.summary).c_str(), style.body(r.explanation).c_str());
  std::fflush(stdout);
  save(json, &r.json);
  if (int signal = stop_requested()) return stopped_exit_code(signal);
  return r.verdict == "pass" ? 0 : 1;
}

}  // namespace chancheck::detail
