// crash_report.cpp: the text and JSON of a crash, a hang or an ended search.
#include "tools/isolation/crash_report.hpp"

#include <nlohmann/json.hpp>

#include <chancheck/harness/schedule/schedule_token.hpp>
#include <chancheck/harness/strategies/strategy_registry.hpp>
#include <chancheck/reports/found_where.hpp>
#include <chancheck/reports/json_report.hpp>
#include <chancheck/reports/text_report.hpp>

namespace chancheck::detail {

namespace {
std::string task_label(const crash_journal& j) {
  if (j.task < 0) return "the host (no task was running)";
  std::string name = j.task < static_cast<std::int32_t>(crash_journal::max_named_tasks) ? j.names[j.task] : "";
  return "task " + std::to_string(j.task) + (name.empty() ? "" : " \"" + name + "\"");
}

std::string where(const crash_journal& j) {
  if (j.task < 0) return "";
  std::string loc = std::string(j.file[0] ? j.file : "?") + ":" + std::to_string(j.line);
  return std::string(to_string(j.op)) + " at " + loc;
}

/// The replay token of the running execution's decisions, or "" when they overflowed the journal.
std::string token_of(const crash_journal& j, const crash_context& c) {
  if (j.decision_count > crash_journal::max_decisions) return "";
  schedule_token t;
  t.scenario_hash = schedule_token::hash_name(c.scenario);
  t.time = c.options.exec.time;
  t.max_steps = c.options.exec.max_steps;
  t.decisions.assign(j.decisions, j.decisions + j.decision_count);
  return t.encode();
}

/// What ended the child, in one line.
std::string what_happened(const child_end& end, const crash_journal& j, const crash_context& c) {
  if (end.how == child_end::how_t::hung)
    return task_label(j) + " ran " + std::to_string(c.watchdog.count()) +
           " ms without reaching a scheduling point: a loop with no kit operation, or blocked outside the kit "
           "(std::mutex, a real sleep, a join, I/O)";
  if (j.stack_overflow.load()) return "stack overflow in " + task_label(j) + " (" + describe_signal(end.signal) + ")";
  std::string s = end.signal ? "the process was killed by " + describe_signal(end.signal)
                             : "the process exited with status " + std::to_string(end.exit_status) +
                                   (end.exit_status == 0 ? " before it sent its result (" + end.lost_report + ")" : "");
  if (j.cause[0]) s += ": " + std::string(j.cause);
  return s + " in " + task_label(j);
}

std::string advice(const child_end& end, const crash_journal& j, const crash_context& c) {
  std::string s;
  if (end.how == child_end::how_t::hung)
    s = "  every blocking wait must go through the kit (chan, select, mutex, sleep); raise --watchdog if a step "
        "is just slow\n";
  else if (j.stack_overflow.load())
    s = "  each task has a stack of --stack-size bytes (" + std::to_string(c.options.exec.stack_size / 1024) +
        "k now); raise it, or move large buffers to the heap\n";
  s += "  the scenario ran in a child process, which was ended; the run goes on with the next scenario\n";
  s += "  to debug it in one process: chancheck " +
       std::string(c.replay ? "replay --isolate none " : "run --isolate none ") + c.scenario +
       (c.replay ? " TOKEN" : "") + "\n";
  return s;
}

nlohmann::json violation_json(const child_end& end, const crash_journal& j, const std::string& kind,
                              const std::string& message, const std::string& token) {
  nlohmann::json v;
  v["kind"] = kind;
  v["task_id"] = j.task;
  v["task"] = j.task >= 0 && j.task < static_cast<std::int32_t>(crash_journal::max_named_tasks) ? j.names[j.task] : "";
  v["message"] = message;
  v["file"] = j.task >= 0 ? j.file : "";
  v["line"] = j.task >= 0 ? j.line : 0;
  v["operation"] = to_string(j.op);
  v["token"] = token;
  if (end.signal) v["signal"] = describe_signal(end.signal).substr(0, describe_signal(end.signal).find(' '));
  if (end.how == child_end::how_t::died && !end.signal) v["exit_status"] = end.exit_status;
  v["cause"] = end.how == child_end::how_t::hung ? "watchdog"
               : j.stack_overflow.load()         ? "stack overflow"
               : j.cause[0]                      ? "terminate"
               : end.signal                      ? "signal"
                                                 : "exit";
  return v;
}

/// The outcome with what the journal knows (the search's counts, time), for the parts
/// reports/ render; `running`: the execution that ran when the child ended counts too.
scenario_outcome known_outcome(const child_end& end, const crash_context& c, const crash_journal& j, bool running) {
  scenario_outcome o;
  o.scenario = c.scenario;
  o.options = c.options;
  const bool sample = running && j.in_sample.load();
  o.result.executions = j.searched.load() + (running && !sample ? 1 : 0);
  o.result.samples = j.sampled.load() + (sample ? 1 : 0);
  o.result.found_in_sample = sample;
  o.result.seconds = end.seconds;
  std::string unknown;  // the strategy says what it covers (random and pct name their seed)
  if (auto s = make_strategy(c.options, unknown)) o.result.covers = s->coverage();
  return o;
}
}  // namespace

scenario_report crash_report(const child_end& end, const crash_journal& j, const crash_context& c) {
  const bool hung = end.how == child_end::how_t::hung;
  const scenario_outcome known = known_outcome(end, c, j, true);
  const std::string execution =
      found_where(known.result.found_in_sample, known.result.executions, known.result.samples);
  scenario_report r;
  r.verdict = hung ? "uncontrolled" : "crash";
  std::string message = what_happened(end, j, c), token = token_of(j, c);
  r.summary = c.replay ? "replay of " + c.scenario + ": " + r.verdict : summary_line(known, r.verdict, c.show_time);
  r.explanation = r.verdict + ": " + message + "\n";
  if (j.task >= 0)
    r.explanation +=
        "  in " + task_label(j) +
        (j.line ? ", last seen at its scheduling point: " + where(j) : ", before its first scheduling point") + "\n";
  if (j.tearing_down) r.explanation += "  after the execution ended, while leaked tasks were unwound\n";
  r.explanation +=
      "  in " + execution + ", after " + std::to_string(j.decision_count) + " decisions\n" + advice(end, j, c);
  r.explanation += token.empty()
                       ? "\nno replay token: the execution made more than " +
                             std::to_string(crash_journal::max_decisions) + " decisions, more than the journal keeps\n"
                       : "\nreplay: chancheck replay " + c.scenario + " " + token + "\n";
  nlohmann::json obj = nlohmann::json::parse(only_scenario_object(to_json({known})));
  obj["verdict"] = r.verdict;
  obj["violations"] = nlohmann::json::array({violation_json(end, j, r.verdict, message, token)});
  r.json = obj.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);  // user text may be any bytes
  return r;
}

scenario_report over_budget_report(const child_end& end, const crash_journal& j, const crash_context& c) {
  scenario_outcome o = known_outcome(end, c, j, false);
  o.result.bound = bound_hit::budget;
  const scenario_outcome ended = known_outcome(end, c, j, true);
  scenario_report r;
  r.verdict = verdict_of(o);
  r.as_expected = as_expected(o, c.declared);
  r.summary = summary_line(o, c.show_time) + "\n     " +
              found_where(ended.result.found_in_sample, ended.result.executions, ended.result.samples) +
              " ran more than a second past --budget and was ended (at " + task_label(j) +
              (j.line ? ", " + where(j) : "") + ")";
  r.json = only_scenario_object(to_json({o}));
  return r;
}

scenario_report interrupted_report(const child_end& end, const crash_journal& j, const crash_context& c, int signal) {
  const std::string by = describe_signal(signal).substr(0, describe_signal(signal).find(' '));
  scenario_outcome o = known_outcome(end, c, j, false);
  scenario_report r;
  r.verdict = "interrupted";
  if (c.replay) {
    r.summary = "replay of " + c.scenario + ": interrupted by " + by;
  } else {
    r.summary = "STOP " + c.scenario + ": interrupted by " + by + " after " +
                runs_phrase(o.result.executions, o.result.samples) + " (" + c.options.strategy + "); not exhaustive";
    if (c.show_time) r.summary += time_suffix(end.seconds);
  }
  nlohmann::json obj = nlohmann::json::parse(only_scenario_object(to_json({o})));
  obj["verdict"] = r.verdict;
  obj["bound"] = "interrupted";
  obj["signal"] = by;
  r.json = obj.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

}  // namespace chancheck::detail
