// scenario_runner.cpp: one scenario, rendered, in a child process or in this one.
#include "tools/isolation/scenario_runner.hpp"

#include <chancheck/harness/schedule/schedule_token.hpp>
#include <chancheck/properties/checker.hpp>
#include <chancheck/reports/json_report.hpp>
#include <chancheck/reports/text_report.hpp>

#include "tools/isolation/crash_report.hpp"
#include "tools/isolation/stop_signal.hpp"

namespace chancheck::detail {

scenario_runner::scenario_runner(const isolation_settings& settings) : settings_(settings) {
  if (settings_.enabled) journal_ = std::make_unique<shared_journal>();
}

scenario_report scenario_runner::check(const scenario_info& s, const explore_options& o, bool show_time) {
  auto work = [&](crash_journal* journal) {
    explore_options opts = o;
    opts.exec.journal = journal;
    if (journal && opts.on_checkpoint) {  // a stopping parent asks for a last checkpoint through the journal
      opts.checkpoint_asked = [journal] { return journal->checkpoint_asked.exchange(0) != 0; };
      opts.on_checkpoint = [save = o.on_checkpoint, journal](const search_checkpoint& c) {
        save(c);
        journal->checkpoint_written.store(1);
      };
    }
    scenario_outcome out = check_scenario(s, opts);
    out.options.exec.journal = nullptr;
    scenario_report r;
    r.verdict = verdict_of(out);
    r.as_expected = as_expected(out, s.expect);
    r.summary = summary_line(out, show_time);
    r.explanation = explain(out);
    r.json = only_scenario_object(to_json({out}));
    return r;
  };
  if (!settings_.enabled) return work(nullptr);
  return isolated(work, crash_context{s.name, o, s.expect, false, show_time, settings_.limits.watchdog});
}

scenario_report scenario_runner::replay(const scenario_info& s, const std::string& token, const execution_options& exec,
                                        const scenario_info* made_for) {
  auto work = [&](crash_journal* journal) {
    execution_options e = exec;
    e.journal = journal;
    scenario_report r;
    scenario_outcome out = replay_scenario(s, token, r.usage_error, e, made_for);
    if (!r.usage_error.empty()) return r;
    out.options.exec.journal = nullptr;
    r.verdict = verdict_of(out);
    r.summary = "replay of " + (made_for && made_for != &s ? made_for->name + "'s token on " : std::string()) +
                out.scenario + ": " + r.verdict;
    r.explanation = !out.violations.empty() ? explain(out)
                                            : "interleaving (" + std::to_string(out.result.failing.steps) +
                                                  " steps):\n" + format_trace(out.result.failing);
    r.json = only_scenario_object(to_json({out}));
    return r;
  };
  if (!settings_.enabled) return work(nullptr);
  crash_context c{s.name, {}, s.expect, true, false, settings_.limits.watchdog};
  c.options.strategy = "replay";  // the internal strategy strategy_registry.cpp names so
  c.options.exec = exec;
  std::string error;
  schedule_token t;  // the parent needs the token's time mode and step bound to name a crash
  if (schedule_token::decode(token, t, error)) {
    c.options.exec.time = t.time;
    c.options.exec.max_steps = t.max_steps;
  }
  return isolated(work, c);
}

scenario_report scenario_runner::isolated(const std::function<scenario_report(crash_journal*)>& work, crash_context c) {
  journal_->reset();
  child_limits limits = settings_.limits;
  limits.budget = c.options.budget;
  limits.checkpoint_on_stop = c.options.on_checkpoint != nullptr;
  child_end end = run_in_child(work, journal_->get(), limits);
  switch (end.how) {
    case child_end::how_t::reported: return end.report;
    case child_end::how_t::over_budget: return over_budget_report(end, journal_->get(), c);
    case child_end::how_t::interrupted: return interrupted_report(end, journal_->get(), c, stop_requested());
    case child_end::how_t::died:
    case child_end::how_t::hung: break;
  }
  return crash_report(end, journal_->get(), c);
}

}  // namespace chancheck::detail
