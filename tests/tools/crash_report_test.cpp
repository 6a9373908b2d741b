// crash_report_test.cpp: a crash, a hang, a search past its budget and an
// interrupted search are reported with the search's own counts (the journal's
// `searched` and `sampled`), not the runs the child started: dpor's pruned runs
// and traced replays are left out, a resumed search's earlier executions are in,
// and a pct sample of the portfolio is named as one.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tools/isolation/crash_report.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

/// A journal 41 executions and 7 samples into a portfolio search, 900 runs started (pruned ones among them).
std::unique_ptr<crash_journal> journal_after(bool in_sample) {
  auto j = std::make_unique<crash_journal>();
  for (int i = 0; i < 900; ++i) j->begin_execution(false);
  j->counts(41, 7, in_sample);
  return j;
}

crash_context portfolio_context() {
  crash_context c;
  c.scenario = "hostile/abort";
  c.options.strategy = "portfolio";
  c.show_time = false;
  return c;
}

/// The report of a child that aborted with the journal `journal_after(in_sample)`.
scenario_report aborted(bool in_sample) {
  child_end end;
  end.how = child_end::how_t::died;
  end.signal = 6;
  return crash_report(end, *journal_after(in_sample), portfolio_context());
}

TEST(CrashReport, ACrashInASampleIsNamedAsOne) {
  const scenario_report r = aborted(true);
  EXPECT_NE(r.summary.find("crash found in pct sample 8, after 41 dpor executions"), std::string::npos) << r.summary;
  EXPECT_NE(r.explanation.find("in pct sample 8, after 41 dpor executions, after 0 decisions"), std::string::npos)
      << r.explanation;
}

TEST(CrashReport, ACrashInTheSearchCountsItsExecutionsNotTheRunsStarted) {
  const scenario_report r = aborted(false);
  EXPECT_NE(r.summary.find("crash found in execution 42"), std::string::npos) << r.summary;
  EXPECT_NE(r.json.find("\"executions\":42"), std::string::npos) << r.json;
}

TEST(CrashReport, AnInterruptedSearchSaysWhatItFinished) {
  child_end end;
  end.how = child_end::how_t::interrupted;
  const scenario_report r = interrupted_report(end, *journal_after(true), portfolio_context(), 2);
  EXPECT_NE(r.summary.find("interrupted by SIGINT after 41 executions and 7 pct samples (portfolio)"),
            std::string::npos)
      << r.summary;
  EXPECT_NE(r.json.find("\"executions\":41"), std::string::npos) << r.json;
}

}  // namespace
}  // namespace chancheck::testing
