// violation_records_test.cpp: the structured violations that properties hand to
// reports, on catalog scenarios: the blocked operation and its object, the other
// side of a channel, lock holders read from the engine's acquire and release
// events, lock cycles in order, and the fixes as data; and the JSON that carries them.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <chancheck/chancheck.hpp>
#include <chancheck/harness/engine/explorer.hpp>
#include <chancheck/properties/termination.hpp>
#include <chancheck/reports/json_report.hpp>
#include "examples/seed/forgotten_sender.hpp"
#include "seed/source_tree.hpp"
#include "util/explore.hpp"

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

const scenario_info& scenario(const std::string& name) {
  const scenario_info* s = find_scenario(name);
  if (!s) throw std::runtime_error("scenario " + name + " is not registered");
  return *s;
}

std::string describe(const scenario_outcome& o) { return "\n" + summary_line(o, false) + "\n" + explain(o); }

/// The line of `file` (relative to the project root) that contains `needle`.
unsigned line_of(const std::string& file, const std::string& needle) {
  auto root = find_source_root(file, CHANCHECK_CLI);
  return root ? line_containing(*root / file, needle) : 0;
}

const violation& first_violation(const scenario_outcome& o) {
  if (o.violations.empty()) throw std::runtime_error("no violation" + describe(o));
  return o.violations.front();
}

std::size_t count_events(const execution_record& r, event_kind k, std::int32_t task, std::uint32_t obj) {
  return static_cast<std::size_t>(std::count_if(r.events.begin(), r.events.end(), [&](const trace_event& e) {
    return e.kind == k && e.task == task && e.obj == obj;
  }));
}

TEST(PropertiesRecords, ForgottenSenderHasTheSendItsChannelTheOtherSideAndACapacityFix) {
  const std::string file = "examples/seed/forgotten_sender.cpp";
  auto o = check_scenario(scenario("seed/forgotten_sender"), dfs());
  const violation& v = first_violation(o);
  ASSERT_EQ(v.kind, violation_kind::leak) << describe(o);
  ASSERT_FALSE(v.tasks.empty());
  EXPECT_EQ(v.tasks.front().id, v.task);
  EXPECT_EQ(v.tasks.front().name, "search");
  EXPECT_EQ(v.tasks.front().spawned_at.line, line_of(file, "go(\"search\""));
  EXPECT_EQ(v.blocked.op, op_kind::send);
  EXPECT_EQ(v.blocked.loc.line, seed::send_line);
  const unsigned made = line_of(file, "make_chan<std::string>(capacity)");
  ASSERT_NE(made, 0u);
  EXPECT_EQ(v.object.id, v.blocked.obj);
  EXPECT_EQ(v.object.kind, object_kind::chan);
  EXPECT_EQ(v.object.cap, 0u);
  EXPECT_EQ(v.object.made_at.line, made);
  // The receiver, main, took the ctx.done() case of its select at t=100ms, not the channel's.
  ASSERT_TRUE(v.left.found) << describe(o);
  EXPECT_EQ(v.left.task, 0);
  EXPECT_EQ(v.left.select_at.line, line_of(file, "select(recv(ctx.done()"));
  ASSERT_GE(v.left.taken_index, 0);
  EXPECT_EQ(object_name(o.result.failing, v.left.taken.obj).rfind("ctx.done#", 0), 0u);
  EXPECT_EQ(v.left.missed.obj, v.blocked.obj);
  EXPECT_EQ(v.left.missed.loc.line, line_of(file, "recv(ch, [&]"));
  EXPECT_EQ(v.left.time_ns, 100'000'000);
  EXPECT_TRUE(v.left.returned);
  // Capacity 1 where the channel is made, or a select on ctx.done() in the sender.
  ASSERT_EQ(v.fixes.size(), 2u);
  EXPECT_EQ(v.fixes[0].kind, fix_kind::give_capacity);
  EXPECT_EQ(v.fixes[0].obj, v.blocked.obj);
  EXPECT_EQ(v.fixes[0].capacity, 1u);
  EXPECT_EQ(v.fixes[0].at.line, made);
  EXPECT_EQ(v.fixes[1].kind, fix_kind::sender_selects_ctx_done);
  EXPECT_TRUE(v.waits.empty());
  EXPECT_TRUE(v.cycle.empty());
}

TEST(PropertiesRecords, LockOrderIsACycleOfTwoTasksThroughTwoMutexes) {
  auto o = check_scenario(scenario("patterns/lock_order"), dfs());
  const violation& v = first_violation(o);
  ASSERT_EQ(v.kind, violation_kind::deadlock) << describe(o);
  ASSERT_EQ(v.cycle.size(), 2u) << describe(o);
  const lock_wait& a = v.cycle[0];
  const lock_wait& b = v.cycle[1];
  EXPECT_EQ(a.waiter, v.task);
  EXPECT_EQ(a.holder.task, b.waiter);  // in order: each wait's holder waits next
  EXPECT_EQ(b.holder.task, v.task);    // and the last one closes the cycle
  EXPECT_NE(a.waiter, b.waiter);
  EXPECT_NE(a.holder.obj, b.holder.obj);
  for (const auto& w : v.cycle) {
    EXPECT_EQ(w.op, op_kind::lock);
    EXPECT_EQ(w.holder.how, hold_kind::locked);
    EXPECT_EQ(o.result.failing.tasks.at(static_cast<std::size_t>(w.waiter)).obj, w.holder.obj);
  }
  EXPECT_EQ(v.holds.size(), 1u);  // it holds the lock the other task waits for
  ASSERT_EQ(v.fixes.size(), 1u);
  EXPECT_EQ(v.fixes[0].kind, fix_kind::lock_order);
  EXPECT_EQ(v.tasks.size(), 2u);
}

TEST(PropertiesRecords, ForgottenUnlockNamesTheHolderThatReturnedAndWhereItLocked) {
  const std::string file = "examples/patterns/forgotten_unlock.cpp";
  auto o = check_scenario(scenario("patterns/forgotten_unlock"), dfs());
  const violation& v = first_violation(o);
  ASSERT_EQ(v.kind, violation_kind::leak) << describe(o);
  ASSERT_EQ(v.waits.size(), 1u) << describe(o);
  const lock_holder& h = v.waits[0].holder;
  const execution_record& r = o.result.failing;
  EXPECT_EQ(r.tasks.at(static_cast<std::size_t>(h.task)).name, "put empty");
  EXPECT_EQ(r.tasks.at(static_cast<std::size_t>(h.task)).state, task_state::finished);
  EXPECT_EQ(h.how, hold_kind::locked);
  EXPECT_EQ(h.obj, v.blocked.obj);
  EXPECT_EQ(h.at.line, line_of(file, "// <- reported here"));
  // The engine recorded the hold and no release of it.
  EXPECT_EQ(count_events(r, event_kind::acquire, h.task, h.obj), 1u);
  EXPECT_EQ(count_events(r, event_kind::release, h.task, h.obj), 0u);
  ASSERT_EQ(v.fixes.size(), 1u);
  EXPECT_EQ(v.fixes[0].kind, fix_kind::unlock_every_path);
}

TEST(PropertiesRecords, ReadWriteReadShowsWriterPreferenceThroughTheRecordedHolds) {
  auto o = check_scenario(scenario("patterns/read_write_read"), dfs());
  const execution_record& r = o.result.failing;
  const violation* reader = nullptr;
  for (const auto& v : o.violations)
    if (v.blocked.op == op_kind::rlock) reader = &v;
  ASSERT_NE(reader, nullptr) << describe(o);
  ASSERT_EQ(reader->cycle.size(), 2u) << describe(o);
  const lock_wait& wait_writer = reader->cycle[0];
  const lock_wait& wait_reader = reader->cycle[1];
  // The reader waits for a writer that does not hold the lock but waits for it ...
  EXPECT_EQ(wait_writer.op, op_kind::rlock);
  EXPECT_EQ(wait_writer.holder.how, hold_kind::writer_waiting);
  const std::int32_t writer = wait_writer.holder.task;
  EXPECT_EQ(r.tasks.at(static_cast<std::size_t>(writer)).name, "writer");
  // ... and the writer waits for the read lock the reader took first.
  EXPECT_EQ(wait_reader.waiter, writer);
  EXPECT_EQ(wait_reader.holder.how, hold_kind::read_locked);
  EXPECT_EQ(wait_reader.holder.task, reader->task);
  // The engine's events: the reader holds its first read lock; the writer never acquired.
  const std::uint32_t lock = reader->blocked.obj;
  EXPECT_EQ(count_events(r, event_kind::acquire, reader->task, lock), 1u);
  EXPECT_EQ(count_events(r, event_kind::acquire, writer, lock), 0u);
  ASSERT_EQ(reader->holds.size(), 1u);
  EXPECT_EQ(reader->holds[0].how, hold_kind::read_locked);
  ASSERT_EQ(reader->fixes.size(), 1u);
  EXPECT_EQ(reader->fixes[0].kind, fix_kind::no_nested_rlock);
}

TEST(PropertiesRecords, AnUnlockHandsTheMutexToTheTaskThatWaited) {
  const unsigned line = __LINE__ + 7;
  auto o = explore_body(
      [] {
        auto mu = std::make_shared<mutex>();
        auto never = make_chan<int>();
        mu->lock();
        go("taker", [mu, never] {
          mu->lock();
          (void)never.recv();  // blocks holding mu
        });
        sleep(std::chrono::milliseconds(1));  // time exact: fires once taker waits in lock()
        mu->unlock();                         // hands mu to taker
        mu->lock();
      },
      dfs(time_mode::exact));
  const violation& v = first_violation(o);
  ASSERT_EQ(v.kind, violation_kind::deadlock) << describe(o);
  const violation* main_v = nullptr;
  for (const auto& x : o.violations)
    if (x.task == 0) main_v = &x;
  ASSERT_NE(main_v, nullptr) << describe(o);
  ASSERT_EQ(main_v->waits.size(), 1u) << describe(o);
  EXPECT_EQ(main_v->waits[0].holder.task, 1);
  EXPECT_EQ(main_v->waits[0].holder.at.line, line);
  // main's release comes before taker's acquire in the trace: the hand-off.
  const auto& ev = o.result.failing.events;
  auto released = std::find_if(ev.begin(), ev.end(),
                               [](const trace_event& e) { return e.kind == event_kind::release && e.task == 0; });
  auto taken = std::find_if(ev.begin(), ev.end(),
                            [](const trace_event& e) { return e.kind == event_kind::acquire && e.task == 1; });
  ASSERT_NE(released, ev.end());
  ASSERT_NE(taken, ev.end());
  EXPECT_LT(released - ev.begin(), taken - ev.begin());
}

TEST(PropertiesRecords, HoldsAreRecordedOnlyWhenTracing) {
  auto body = [] {
    mutex mu;
    mu.lock();
    mu.unlock();
    mu.lock();
    mu.lock();  // deadlock
  };
  // The explorer searches without the trace, then replays the failing execution with it.
  std::vector<std::pair<std::size_t, std::size_t>> seen;  // per execution: op events, hold events
  auto res = explore(body, dfs(), [&](const execution_record& r) {
    std::size_t ops = 0, holds = 0;
    for (const auto& e : r.events) {
      ops += e.kind == event_kind::op;
      holds += e.kind == event_kind::acquire || e.kind == event_kind::release;
    }
    seen.emplace_back(ops, holds);
    return violates(r);
  });
  ASSERT_TRUE(res.found);
  ASSERT_GE(seen.size(), 2u);
  EXPECT_EQ(seen.front(), std::make_pair(std::size_t{0}, std::size_t{0}));  // searched untraced
  EXPECT_EQ(seen.back(), std::make_pair(std::size_t{4}, std::size_t{3}));   // replayed traced
}

TEST(PropertiesRecords, JsonCarriesTheRecordsOfEachViolation) {
  auto o = check_scenario(scenario("seed/forgotten_sender"), dfs());
  auto doc = nlohmann::json::parse(to_json({o}));
  const auto& v = doc["scenarios"][0]["violations"][0];
  EXPECT_EQ(v["task"], "search");
  EXPECT_EQ(v["tasks"][0]["name"], "search");
  EXPECT_EQ(v["object_info"]["capacity"], 0);
  EXPECT_EQ(v["object_info"]["kind"], "chan");
  EXPECT_EQ(v["other_side"]["took"].get<std::string>().rfind("<-ctx.done#", 0), 0u);
  EXPECT_EQ(v["other_side"]["time_ms"], 100.0);
  EXPECT_EQ(v["fixes"][0]["kind"], "give-capacity");
  EXPECT_EQ(v["fixes"][0]["capacity"], 1);
  EXPECT_EQ(v["fixes"][1]["kind"], "sender-selects-ctx-done");
  EXPECT_TRUE(v["cycle"].empty());

  auto lo = check_scenario(scenario("patterns/lock_order"), dfs());
  auto ldoc = nlohmann::json::parse(to_json({lo}));
  const auto& cycle = ldoc["scenarios"][0]["violations"][0]["cycle"];
  ASSERT_EQ(cycle.size(), 2u);
  EXPECT_EQ(cycle[0]["holder"]["task_id"], cycle[1]["task_id"]);
  EXPECT_EQ(cycle[0]["holder"]["how"], "locked");
}

TEST(PropertiesNaming, NamesNilObjectsUnknownPlacesAndTimes) {
  execution_record r;
  EXPECT_EQ(object_name(r, 0), "nil");
  EXPECT_EQ(describe_object(r, 0), "a nil channel");
  EXPECT_EQ(where(trace_loc{}), "?");
  EXPECT_EQ(where(trace_loc{"f.cpp", 12}), "f.cpp:12");
  EXPECT_EQ(ms(100'000'000), "100ms");
  EXPECT_EQ(ms(250'000), "0.250ms");
  EXPECT_EQ(task_name(r, -1), "clock");
}

}  // namespace
}  // namespace chancheck::testing
