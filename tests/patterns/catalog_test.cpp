// catalog_test.cpp: the built-in catalog of leak and deadlock patterns
// (examples/patterns/). Each pattern is found with the verdict it declares, the
// violation kind, the operation and the line its file marks "<- reported here";
// its token replays the same violation; and its _fixed twin passes every
// interleaving.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <chancheck/chancheck.hpp>
#include "seed/source_tree.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

/// One catalog entry: its name under patterns/, its verdict, the operation the
/// reported task was in (the blocking one; for a panic, the one that panicked),
/// and a word the first violation's message must contain.
struct entry {
  const char* name;
  const char* verdict;
  op_kind op;
  const char* says;
};

const std::vector<entry>& catalog() {
  static const std::vector<entry> entries{
      {"forgotten_receiver", "leak", op_kind::send, "blocked forever in send"},
      {"range_unclosed", "leak", op_kind::recv, "blocked forever in recv"},
      {"pool_first_error", "leak", op_kind::send, "blocked forever in send"},
      {"double_lock", "deadlock", op_kind::lock, "itself"},
      {"lock_order", "deadlock", op_kind::lock, "lock cycle"},
      {"read_write_read", "deadlock", op_kind::rlock, "lock cycle"},
      {"wg_missing_done", "leak", op_kind::wg_wait, "wait on wait_group#"},
      {"wg_negative", "panic", op_kind::wg_done, "sync: negative WaitGroup counter"},
      {"lock_across_send", "deadlock", op_kind::send, "it holds mutex#"},
      {"cond_lost_signal", "leak", op_kind::cond_wait, "found no waiter and was lost"},
      {"ticker_loop", "step-limit", op_kind::select, "was still running"},
      {"timer_drain", "leak", op_kind::recv, "blocked forever in recv"},
      {"cancel_never_called", "leak", op_kind::recv, "blocked forever in recv"},
      {"producer_no_done", "leak", op_kind::send, "blocked forever in send"},
      {"pipeline_early_stop", "leak", op_kind::send, "blocked forever in send"},
      {"double_close", "panic", op_kind::close, "close of closed channel"},
      {"forgotten_unlock", "leak", op_kind::lock, "returned without unlocking it"},
      {"unlock_unlocked", "panic", op_kind::unlock, "sync: unlock of unlocked mutex"},
      {"once_recursive", "deadlock", op_kind::once, "lock cycle"},
      {"try_lock_drops_work", "assertion", op_kind::wg_wait, "every key is loaded"},
      {"semaphore_leak", "leak", op_kind::sem_acquire, "returned without releasing it"},
      {"server_handler_leak", "leak", op_kind::send, "caught mid-run"},
      {"ticker_worker_leak", "leak", op_kind::send, "caught mid-run"},
  };
  return entries;
}

const scenario_info& scenario(const std::string& name) {
  const scenario_info* s = find_scenario(name);
  if (!s) throw std::runtime_error("scenario " + name + " is not registered");
  return *s;
}

std::string describe(const scenario_outcome& o) { return "\n" + summary_line(o, false) + "\n" + explain(o); }

std::string file_of(const entry& e) { return std::string("examples/patterns/") + e.name + ".cpp"; }

/// The line of `file` marked "<- reported here", read from the source tree.
unsigned marked_line(const std::string& file) {
  auto root = find_source_root(file, CHANCHECK_CLI);
  if (!root) return 0;
  return line_containing(*root / file, "// <- reported here");
}

explore_options with(const std::string& s, time_mode t) {
  explore_options o = dfs(t);
  o.strategy = s;
  o.budget = std::chrono::seconds(20);  // a bound, so that a search that cannot end fails instead of hanging
  o.minimize = false;                   // the first counterexample is enough here
  return o;
}

TEST(PatternCatalog, HasAtLeastSixteenPatternsEachWithAFixedTwin) {
  std::set<std::string> names;
  for (const auto& s : scenarios())
    if (s.name.rfind("patterns/", 0) == 0) names.insert(s.name);
  std::size_t bugs = 0;
  for (const auto& n : names) {
    if (n.size() > 6 && n.compare(n.size() - 6, 6, "_fixed") == 0) continue;
    ++bugs;
    EXPECT_TRUE(names.count(n + "_fixed")) << n << " has no fixed twin";
  }
  EXPECT_GE(bugs, 16u);
  EXPECT_EQ(bugs, catalog().size()) << "every pattern needs an entry in this test";
}

TEST(PatternCatalog, EachPatternIsFoundWithItsVerdictKindOperationAndLine) {
  for (const auto& e : catalog()) {
    SCOPED_TRACE(e.name);
    const auto& s = scenario(std::string("patterns/") + e.name);
    auto o = check_scenario(s, dfs());
    ASSERT_EQ(verdict_of(o), e.verdict) << describe(o);
    EXPECT_TRUE(as_expected(o, s.expect)) << "the registration declares another verdict";
    ASSERT_FALSE(o.violations.empty());
    const violation& v = o.violations.front();
    EXPECT_EQ(to_string(v.kind), std::string(e.verdict));
    EXPECT_EQ(std::string(v.loc.file), file_of(e));
    unsigned line = marked_line(file_of(e));
    ASSERT_NE(line, 0u) << "cannot find the source tree or the marker in " << file_of(e);
    EXPECT_EQ(v.loc.line, line) << describe(o);
    ASSERT_GE(v.task, 0);
    EXPECT_EQ(o.result.failing.tasks.at(static_cast<std::size_t>(v.task)).op, e.op) << describe(o);
    EXPECT_NE(v.message.find(e.says), std::string::npos) << v.message;
  }
}

TEST(PatternCatalog, EachPatternIsFoundByEveryExhaustiveStrategyInBothTimeModes) {
  for (const auto& e : catalog())
    for (std::string strategy : {"dfs", "dpor"})
      for (auto mode : {time_mode::any, time_mode::exact}) {
        SCOPED_TRACE(std::string(e.name) + ", " + strategy + (mode == time_mode::any ? ", any" : ", exact"));
        auto o = check_scenario(scenario(std::string("patterns/") + e.name), with(strategy, mode));
        EXPECT_EQ(verdict_of(o), e.verdict) << describe(o);
        ASSERT_FALSE(o.violations.empty());
        EXPECT_EQ(o.violations[0].loc.line, marked_line(file_of(e))) << describe(o);
      }
}

TEST(PatternCatalog, EachTokenReplaysTheSameViolation) {
  for (const auto& e : catalog()) {
    SCOPED_TRACE(e.name);
    const auto& s = scenario(std::string("patterns/") + e.name);
    auto o = check_scenario(s, dfs());
    ASSERT_FALSE(o.token.empty());
    std::string error;
    auto r = replay_scenario(s, o.token, error);
    ASSERT_TRUE(error.empty()) << error;
    ASSERT_EQ(r.violations.size(), o.violations.size()) << describe(r);
    EXPECT_EQ(r.violations[0].message, o.violations[0].message);
    EXPECT_EQ(r.violations[0].loc.line, o.violations[0].loc.line);
  }
}

TEST(PatternCatalog, EachFixedTwinPassesExhaustively) {
  for (const auto& e : catalog()) {
    const std::string name = std::string("patterns/") + e.name + "_fixed";
    const auto& s = scenario(name);
    EXPECT_EQ(s.expect, expected::pass) << name;
    for (std::string strategy : {"dfs", "dpor"})
      for (auto mode : {time_mode::any, time_mode::exact}) {
        SCOPED_TRACE(name + ", " + strategy + (mode == time_mode::any ? ", any" : ", exact"));
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
        // dfs in time any runs up to 261,000 executions (ticker_worker_leak_fixed),
        // each a new fiber for the sanitizer: past the budget. The normal build runs it.
        if (strategy == "dfs" && mode == time_mode::any) continue;
#endif
        auto out = check_scenario(s, with(strategy, mode));
        EXPECT_EQ(verdict_of(out), "pass") << describe(out);
        EXPECT_TRUE(out.result.exhaustive) << describe(out);
      }
  }
}

TEST(PatternCatalog, TheCliRunsPatternsWithTheirExpectations) {
  std::string out;
  int code = run_command(std::string(CHANCHECK_CLI) +
                             " run 'patterns/lock_order*' 'patterns/forgotten_receiver*' "
                             "--expected --no-time",
                         out);
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("FAIL patterns/lock_order: deadlock found"), std::string::npos) << out;
  EXPECT_NE(out.find("PASS patterns/lock_order_fixed"), std::string::npos) << out;
  EXPECT_NE(out.find("lock cycle:"), std::string::npos) << out;
  std::string list;
  ASSERT_EQ(run_command(std::string(CHANCHECK_CLI) + " list", list), 0);
  for (const auto& e : catalog()) {
    EXPECT_NE(list.find(std::string("patterns/") + e.name + " "), std::string::npos) << e.name;
    EXPECT_NE(list.find(std::string("patterns/") + e.name + "_fixed "), std::string::npos) << e.name;
  }
}

}  // namespace
}  // namespace chancheck::testing
