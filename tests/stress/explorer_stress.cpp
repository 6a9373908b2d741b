// explorer_stress.cpp: the fiber explorer under the sanitizers. Every task is a
// Boost.Context fiber; these tests make it switch, throw inside fibers and
// unwind blocked fibers at teardown, many times over, so AddressSanitizer and
// ThreadSanitizer (with harness/fiber_annotations.hpp) check the stacks, the
// exceptions and the teardown. They also run every built-in scenario with its
// declared verdict.
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <chancheck/properties/checker.hpp>
#include "tests/stress/stress.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::stress {
namespace {

scenario_outcome explore_body(std::function<void()> body, explore_options o) {
  scenario_info s;
  s.name = "stress/body";
  s.body = std::move(body);
  return check_scenario(s, o);
}

explore_options random_runs(std::uint64_t executions, std::uint64_t seed = 7) {
  explore_options o;
  o.strategy = "random";
  o.seed = seed;
  o.max_executions = executions;
  o.minimize = false;
  return o;
}

TEST(ExplorerStress, EveryBuiltInScenarioHasItsDeclaredVerdict) {
  ASSERT_FALSE(scenarios().empty());
  for (const auto& s : scenarios()) {
    explore_options o;  // as `chancheck run --expected` does
    o.strategy = "dpor";
    o.budget = std::chrono::milliseconds(10000);
    scenario_outcome out = check_scenario(s, o);
    EXPECT_TRUE(as_expected(out, s.expect)) << s.name << ": " << verdict_of(out);
  }
}

// Each execution makes fresh fibers on the host thread: more than 65536 of them
// is where an unannotated ThreadSanitizer overflowed its shadow call stack.
TEST(ExplorerStress, SeventyThousandExecutionsOfFreshFibers) {
  auto out = explore_body(
      [] {
        auto ch = make_chan<int>();
        go([ch] { ch.send(1); });
        ch.recv();
      },
      random_runs(70000));
  EXPECT_EQ(verdict_of(out), "pass");
  EXPECT_EQ(out.result.executions, 70000u);
}

int deep_then_throw(int depth) {
  volatile char frame[256] = {};
  if (depth == 0) throw std::runtime_error("deep");
  return deep_then_throw(depth - 1) + frame[depth % 256];
}

TEST(ExplorerStress, ExceptionsThrownAndCaughtInsideFibers) {
  auto out = explore_body(
      [] {
        auto ch = make_chan<int>(1);
        go("thrower", [ch] {
          int caught = 0;
          for (int i = 0; i < 3; ++i) {
            try {
              deep_then_throw(40);
            } catch (const std::runtime_error&) {
              ++caught;
            }
            yield();
          }
          ch.send(caught);
        });
        int panics = 0;
        auto done = make_chan<int>();
        done.close();
        try {
          done.close();  // closing twice panics: a panic_error thrown and caught in the main fiber
        } catch (const panic_error&) {
          ++panics;
        }
        expect(panics == 1, "the double close panicked");
        expect(ch.recv().value == 3, "every throw was caught in its fiber");
      },
      explore_options{});
  EXPECT_EQ(verdict_of(out), "pass");
  EXPECT_TRUE(out.result.exhaustive);
}

TEST(ExplorerStress, PanicsInTasksAreReportedWithoutCorruptingStacks) {
  for (int round = 0; round < 50; ++round) {
    auto out = explore_body(
        [] {
          auto ch = make_chan<int>();
          go("closer", [ch] { ch.close(); });
          go("sender", [ch] { ch.send(1); });  // panics when the close comes first
          select(recv(ch), default_case());
        },
        random_runs(200, static_cast<std::uint64_t>(round) + 1));
    std::string v = verdict_of(out);
    EXPECT_TRUE(v == "panic" || v == "leak" || v == "pass") << v;
  }
}

std::atomic<int> alive{0};
struct tracked {
  std::unique_ptr<std::string> data = std::make_unique<std::string>(100, 'x');
  tracked() { ++alive; }
  tracked(const tracked&) = delete;
  ~tracked() { --alive; }
};

// Teardown abandons leaked tasks as Go does (docs/architecture.md, "Teardown"):
// none of their destructors runs after the verdict; main's, which returned, did.
TEST(ExplorerStress, TeardownAbandonsBlockedTasksWithoutRunningTheirDestructors) {
  auto out = explore_body(
      [] {
        auto never = make_chan<int>();
        for (int t = 0; t < 4; ++t)
          go("blocked", [never] {
            tracked held;
            std::vector<tracked> more(3);
            never.recv();  // blocks forever: the execution ends with it blocked
          });
        tracked mine;
        yield();
      },
      random_runs(500));
  EXPECT_EQ(verdict_of(out), "leak");
  EXPECT_GT(alive.load(), 0);
  EXPECT_EQ(alive.load() % 16, 0) << "a blocked task's destructors ran at teardown (4 tasks hold 4 each), "
                                     "or main's did not run";
}

}  // namespace
}  // namespace chancheck::stress
