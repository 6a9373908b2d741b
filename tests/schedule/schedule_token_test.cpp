// schedule_token_test.cpp: replay tokens round-trip any decisions, stay short when
// decisions repeat (a step-limit execution), still read the older cc1 form, and
// reject every number outside the CLI's limits and any byte after the payload.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/harness/schedule/schedule_token.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals

namespace chancheck::testing {
namespace {

/// An independent writer of raw tokens (varints, FNV-1a, base32), to build tokens
/// the encoder never writes.
struct raw_token {
  std::vector<std::uint8_t> bytes;
  raw_token& varint(std::uint64_t v) {
    for (; v >= 0x80; v >>= 7) bytes.push_back(static_cast<std::uint8_t>(v | 0x80));
    bytes.push_back(static_cast<std::uint8_t>(v));
    return *this;
  }
  raw_token& byte(std::uint8_t b) {
    bytes.push_back(b);
    return *this;
  }
  std::string text(const char* prefix = "cc2-") const {
    std::vector<std::uint8_t> all = bytes;
    std::uint32_t h = 2166136261u;
    for (auto b : bytes) h = (h ^ b) * 16777619u;
    for (int i = 0; i < 4; ++i) all.push_back(static_cast<std::uint8_t>(h >> (8 * i)));
    std::string out = prefix;
    std::uint32_t acc = 0;
    int bits = 0;
    for (auto b : all) {
      acc = (acc << 8) | b;
      for (bits += 8; bits >= 5; bits -= 5) out.push_back("abcdefghijklmnopqrstuvwxyz234567"[(acc >> (bits - 5)) & 31]);
    }
    if (bits > 0) out.push_back("abcdefghijklmnopqrstuvwxyz234567"[(acc << (5 - bits)) & 31]);
    return out;
  }
};

std::string decode_error(const std::string& text) {
  schedule_token t;
  std::string error;
  EXPECT_FALSE(schedule_token::decode(text, t, error)) << text;
  return error;
}

RC_GTEST_PROP(ScheduleToken, RoundTripsAnyDecisions, (std::vector<std::uint32_t> runs, std::uint32_t hash)) {
  schedule_token t;
  t.scenario_hash = hash;
  t.time = hash % 2 ? time_mode::exact : time_mode::any;
  for (auto r : runs) t.decisions.insert(t.decisions.end(), r % 7, r / 7 % 5 == 0 ? r : r % 4);
  t.max_steps = static_cast<std::uint32_t>(t.decisions.size() + 1);
  schedule_token back;
  std::string error;
  RC_ASSERT(schedule_token::decode(t.encode(), back, error));
  RC_ASSERT(back.decisions == t.decisions);
  RC_ASSERT(back.scenario_hash == t.scenario_hash);
  RC_ASSERT(back.time == t.time);
  RC_ASSERT(back.max_steps == t.max_steps);
}

TEST(ScheduleToken, AStepLimitExecutionGivesAShortToken) {
  schedule_token t;
  t.max_steps = 300000;
  t.decisions.assign(300000, 0);
  t.decisions[150000] = 1;
  std::string text = t.encode();
  EXPECT_LT(text.size(), 40u) << text;
  schedule_token back;
  std::string error;
  ASSERT_TRUE(schedule_token::decode(text, back, error)) << error;
  EXPECT_EQ(back.decisions, t.decisions);
}

TEST(ScheduleToken, TheOlderFormStillReads) {
  // cc1: decisions one varint each, as tokens were written before runs.
  std::string text =
      raw_token{}.varint(0xdeadbeef).byte(1).varint(20000).varint(3).varint(0).varint(2).varint(1).text("cc1-");
  schedule_token t;
  std::string error;
  ASSERT_TRUE(schedule_token::decode(text, t, error)) << error;
  EXPECT_EQ(t.scenario_hash, 0xdeadbeefu);
  EXPECT_EQ(t.time, time_mode::exact);
  EXPECT_EQ(t.max_steps, 20000u);
  EXPECT_EQ(t.decisions, (std::vector<std::uint32_t>{0, 2, 1}));
}

TEST(ScheduleToken, RejectsBytesAfterTheLastDecision) {
  auto e = decode_error(raw_token{}.varint(7).byte(0).varint(100).varint(1).varint(2).byte(0).text());
  EXPECT_NE(e.find("bytes after its last decision"), std::string::npos) << e;
}

TEST(ScheduleToken, RejectsAStepBoundOutsideTheCliRange) {
  auto big = decode_error(raw_token{}.varint(7).byte(0).varint(0xffffffffu).varint(0).text());
  EXPECT_NE(big.find("outside 1..100000000"), std::string::npos) << big;
  auto zero = decode_error(raw_token{}.varint(7).byte(0).varint(0).varint(0).text());
  EXPECT_NE(zero.find("outside 1..100000000"), std::string::npos) << zero;
}

TEST(ScheduleToken, RejectsOversizedNumbersInsteadOfTruncatingThem) {
  auto hash = decode_error(raw_token{}.varint(std::uint64_t{1} << 32).byte(0).varint(10).varint(0).text());
  EXPECT_NE(hash.find("header does not read"), std::string::npos) << hash;
  // A decision of 2^32 (written as a run-free value 2^33).
  auto decision =
      decode_error(raw_token{}.varint(7).byte(0).varint(10).varint(1).varint(std::uint64_t{1} << 33).text());
  EXPECT_NE(decision.find("decisions do not read"), std::string::npos) << decision;
  auto mode = decode_error(raw_token{}.varint(7).byte(8).varint(10).varint(0).text());
  EXPECT_NE(mode.find("header does not read"), std::string::npos) << mode;
  // Mode bit 2: a tick budget follows, in the range --tick-budget accepts.
  auto ticks = decode_error(raw_token{}.varint(7).byte(4).varint(10).varint(65).varint(0).text());
  EXPECT_NE(ticks.find("tick budget 65 is outside 0..64"), std::string::npos) << ticks;
  // Mode bit 1: a task bound follows the step bound, in the range --max-tasks accepts.
  auto tasks = decode_error(raw_token{}.varint(7).byte(2).varint(10).varint(0).varint(0).text());
  EXPECT_NE(tasks.find("task bound 0 is outside 1..1000000"), std::string::npos) << tasks;
  auto huge = decode_error(raw_token{}.varint(7).byte(3).varint(10).varint(1000001).varint(0).text());
  EXPECT_NE(huge.find("task bound 1000001 is outside"), std::string::npos) << huge;
}

/// A token's text with the task bound and the tick budget given, read back.
schedule_token round_trip(std::uint32_t max_tasks, std::uint32_t tick_budget, std::string& text) {
  schedule_token t;
  t.scenario_hash = 7;
  t.max_steps = 10;
  t.decisions = {1, 0, 1};
  t.max_tasks = max_tasks;
  t.tick_budget = tick_budget;
  text = t.encode();
  schedule_token back;
  std::string error;
  EXPECT_TRUE(schedule_token::decode(text, back, error)) << error;
  EXPECT_EQ(back.decisions, t.decisions);
  return back;
}

TEST(ScheduleToken, CarriesATaskBoundAndATickBudgetOnlyWhenTheyAreNotTheDefaults) {
  const execution_options defaults;
  std::string plain, tasks, ticks, both;
  const schedule_token p = round_trip(defaults.max_tasks, defaults.tick_budget, plain);
  EXPECT_EQ(p.max_tasks, defaults.max_tasks);
  EXPECT_EQ(p.tick_budget, defaults.tick_budget);
  EXPECT_EQ(round_trip(50, defaults.tick_budget, tasks).max_tasks, 50u);
  EXPECT_EQ(round_trip(defaults.max_tasks, 0, ticks).tick_budget, 0u);
  const schedule_token b = round_trip(50, 7, both);
  EXPECT_EQ(b.max_tasks, 50u);
  EXPECT_EQ(b.tick_budget, 7u);
  EXPECT_LT(plain.size(), tasks.size());
  EXPECT_LT(plain.size(), ticks.size());
  EXPECT_LT(tasks.size(), both.size());
}

TEST(ScheduleToken, RejectsMoreDecisionsThanTheStepBoundAllows) {
  // A run that would expand to a billion decisions from a few bytes.
  auto e = decode_error(raw_token{}.varint(7).byte(0).varint(10).varint(1000000000).varint(1).varint(999999997).text());
  EXPECT_NE(e.find("more decisions than its step bound allows"), std::string::npos) << e;
  auto overrun = decode_error(raw_token{}.varint(7).byte(0).varint(10).varint(4).varint(1).varint(5).text());
  EXPECT_NE(overrun.find("decisions do not read"), std::string::npos) << overrun;
}

}  // namespace
}  // namespace chancheck::testing
