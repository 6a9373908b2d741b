// check.cpp: check() and replay() (include/chancheck/check.hpp) on the checker
// of properties/ and the text report of reports/, in this process.
#include <chancheck/check.hpp>

#include <chancheck/check/cli_values.hpp>
#include <chancheck/check/environment.hpp>
#include <chancheck/harness/strategies/strategy_registry.hpp>
#include <chancheck/properties/checker.hpp>
#include <chancheck/reports/text_report.hpp>

namespace chancheck {

namespace {

using detail::explore_options;
using detail::scenario_info;
using detail::scenario_outcome;

static_assert(static_cast<int>(violation_kind::uncontrolled) == static_cast<int>(detail::violation_kind::uncontrolled));

/// Throws check_error when `value` is outside [min, max].
void check_range(std::uint64_t value, std::uint64_t min, std::uint64_t max, const char* what) {
  if (value >= min && value <= max) return;
  throw check_error("chancheck: check_options::" + std::string(what) + " is " + std::to_string(value) + "; it takes " +
                    std::to_string(min) + " to " + std::to_string(max));
}

/// The explore options `o` says; check_error for a strategy no one offers or a bound out of range.
explore_options explore_options_of(const check_options& o) {
  const detail::strategy_entry* e = detail::find_strategy(o.strategy);
  if (e == nullptr || !e->offered)
    throw check_error("chancheck: check_options::strategy: " + detail::unknown_strategy(o.strategy));
  check_range(o.max_steps, 1, 100000000, "max_steps");
  check_range(o.depth, 1, 64, "depth");
  check_range(o.preemptions, 0, 64, "preemptions");
  explore_options x;
  x.strategy = o.strategy;
  x.seed = o.seed;
  x.pct_depth = o.depth;
  x.max_preemptions = o.preemptions;
  x.exec.time = o.time;
  x.exec.max_steps = o.max_steps;
  x.max_executions = o.max_executions.value_or(e->default_max_executions);
  x.budget = o.budget;
  return x;
}

scenario_info scenario_of(const std::function<void()>& body, const std::string& name, const std::source_location& loc) {
  if (!body) throw check_error("chancheck: check() was given an empty function; pass the code to explore");
  return scenario_info{name.empty() ? "check" : name, expected::pass, body, {loc.file_name(), loc.line()}};
}

check_violation violation_of(const detail::violation& v) {
  check_violation c;
  c.kind = static_cast<violation_kind>(v.kind);
  c.message = v.message;
  if (!v.tasks.empty()) c.task = v.tasks.front().name;
  c.file = v.loc.file ? v.loc.file : "";
  c.line = v.loc.line;
  c.record = v;
  return c;
}

/// The result of an outcome; `report` is the text as the CLI prints it.
check_result result_of(const scenario_outcome& out, std::string report) {
  check_result r;
  r.name = out.scenario;
  r.verdict = detail::verdict_of(out);
  for (const auto& v : out.violations) r.violations.push_back(violation_of(v));
  r.report = std::move(report);
  r.executions = out.result.executions;
  r.samples = out.result.samples;
  r.exhaustive = out.result.exhaustive;
  return r;
}

/// The explanation with its `chancheck replay` line (for registered scenarios) replaced by the ways to replay a
/// check: the environment, or replay() with the same name.
std::string replay_hint(std::string explanation, const scenario_outcome& out) {
  const std::string cli = "replay: chancheck replay " + out.scenario + " " + out.token + "\n";
  const std::size_t at = explanation.find(cli);
  if (at == std::string::npos || out.token.empty()) return explanation;
  return explanation.replace(at, cli.size(),
                             "replay: CHANCHECK_REPLAY=" + out.token + " (or chancheck::replay(body, \"" + out.token +
                                 "\", \"" + out.scenario + "\"))\n");
}

/// Replays `token` (already read from its file) against `s`.
check_result replay_token(const scenario_info& s, const std::string& token, const char* source) {
  std::string error;
  scenario_outcome out = detail::replay_scenario(s, token, error);
  if (!error.empty()) throw check_error(std::string("chancheck: ") + source + error);
  std::string report = "replay of " + out.scenario + ": " + detail::verdict_of(out) + "\n\n" +
                       (!out.violations.empty() ? detail::explain(out)
                                                : "interleaving (" + std::to_string(out.result.failing.steps) +
                                                      " steps):\n" + detail::format_trace(out.result.failing));
  check_result r = result_of(out, std::move(report));
  if (!r.passed()) r.token = token;
  r.replayed = true;
  return r;
}

}  // namespace

const char* to_string(violation_kind k) noexcept { return detail::to_string(static_cast<detail::violation_kind>(k)); }

check_result check(const std::function<void()>& body, const check_options& options, std::source_location loc) {
  detail::environment env =
      options.use_environment ? detail::read_environment(options) : detail::environment{options, std::nullopt};
  explore_options x = explore_options_of(env.options);
  scenario_info s = scenario_of(body, env.options.name, loc);
  if (env.replay) return replay_token(s, *env.replay, "CHANCHECK_REPLAY: ");
  scenario_outcome out = detail::check_scenario(s, x);
  std::string report = detail::summary_line(out, false);
  std::string explanation = detail::explain(out);
  if (!explanation.empty()) report += "\n\n" + replay_hint(explanation, out);
  if (!out.result.error.empty()) throw check_error("chancheck: " + out.result.error);
  check_result r = result_of(out, std::move(report));
  r.token = out.token;
  return r;
}

check_result replay(const std::function<void()>& body, const std::string& token, const std::string& name,
                    std::source_location loc) {
  scenario_info s = scenario_of(body, name, loc);
  std::string error;
  std::optional<std::string> text = detail::read_token_argument(token, error);
  if (!text) throw check_error("chancheck: " + error);
  return replay_token(s, *text, "");
}

}  // namespace chancheck
