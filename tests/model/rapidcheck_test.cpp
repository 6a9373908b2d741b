// rapidcheck_test.cpp: <chancheck/rapidcheck.hpp>. The example property over the
// seed's process() (examples/rapidcheck/) fails, and RapidCheck shrinks its inputs
// to the smallest timeout and the smallest latency that still leaks under time mode
// exact; the failure's property token replays both the inputs and the interleaving.
// Also: the token's codec, and the generators' ranges and shrink targets.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <chancheck/rapidcheck.hpp>
#include "examples/rapidcheck/process_property.hpp"

namespace chancheck::testing {
namespace {

using namespace std::chrono_literals;

/// The text between `open` and the next `close` in `s`.
std::string between(const std::string& s, const std::string& open, const std::string& close) {
  auto a = s.find(open);
  if (a == std::string::npos) return {};
  a += open.size();
  return s.substr(a, s.find(close, a) - a);
}

/// Runs the example property under RapidCheck (fixed seed) and returns the failure's description.
std::string shrunk_failure() {
  rc::detail::TestParams params;
  params.seed = 7;
  params.maxSuccess = 100;
  const auto result =
      rc::detail::checkTestable([] { rc_example::process_never_leaks(); }, rc::detail::TestMetadata{}, params);
  rc::detail::FailureResult failure;
  if (!result.match(failure)) return {};
  return failure.description;
}

TEST(RapidCheckProperty, ShrinksToTheSmallestTimeoutAndLatencyThatLeak) {
  const std::string d = shrunk_failure();
  ASSERT_FALSE(d.empty()) << "the property did not fail";
  ASSERT_NE(d.find("chancheck: leak with inputs ("), std::string::npos) << d;
  const std::string inputs = between(d, "with inputs (", ")");  // "Lms, Tms"
  const auto comma = inputs.find(", ");
  ASSERT_NE(comma, std::string::npos) << d;
  const auto latency = std::chrono::milliseconds(std::stoll(inputs.substr(0, comma)));
  const auto timeout = std::chrono::milliseconds(std::stoll(inputs.substr(comma + 2)));
  // The smallest timeout, and the smallest latency that leaks with it: one step less passes.
  EXPECT_EQ(timeout, 1ms) << d;
  EXPECT_TRUE(check([&] { rc_example::process_with(latency, timeout); }, rc_example::options()).verdict == "leak");
  EXPECT_TRUE(check([&] { rc_example::process_with(latency - 1ms, timeout); }, rc_example::options()).passed())
      << "latency " << latency.count() << "ms is not the smallest that leaks";
  // Time mode exact fires timers in deadline order; at equal deadlines the timeout,
  // armed first, fires first: a search as slow as the timeout already leaks.
  EXPECT_EQ(latency, timeout) << d;
  // The token replays the inputs and the interleaving.
  const std::string token = between(d, "replay_property(body, \"", "\")");
  ASSERT_EQ(token.rfind("ccp1.", 0), 0u) << d;
  check_result r = replay_property(rc_example::process_with, token, "rc_example/process");
  EXPECT_EQ(r.verdict, "leak") << r.report;
  EXPECT_TRUE(r.replayed);
  EXPECT_NE(r.report.find("blocked forever in send"), std::string::npos) << r.report;
}

TEST(RapidCheckProperty, TokenCarriesTheInputs) {
  const check_result r = check_inputs(rc_example::process_with, rc_example::options(), duration(30ms), duration(20ms));
  ASSERT_EQ(r.verdict, "leak") << r.report;
  EXPECT_EQ(r.token.rfind("ccp1.30000000.20000000.cc", 0), 0u) << r.token;
  // The same schedule with other inputs would not leak: replay uses the token's.
  auto seen = std::make_shared<std::vector<std::int64_t>>();
  auto body = [seen](duration latency, duration timeout) {
    seen->push_back(std::chrono::duration_cast<std::chrono::milliseconds>(latency).count());
    seen->push_back(std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count());
    rc_example::process_with(latency, timeout);
  };
  const check_result again = replay_property(body, r.token, "rc_example/process");
  EXPECT_EQ(again.verdict, "leak") << again.report;
  ASSERT_GE(seen->size(), 2u);
  EXPECT_EQ((*seen)[0], 30);
  EXPECT_EQ((*seen)[1], 20);
  EXPECT_EQ(check_inputs(rc_example::process_with, rc_example::options(), duration(20ms), duration(30ms)).token, "");
}

TEST(RapidCheckProperty, ABadPropertyTokenSaysWhatToDo) {
  auto body = [](duration, duration) {};
  EXPECT_THROW(replay_property(body, "cc2-abc"), check_error);
  EXPECT_THROW(replay_property(body, "ccp1.5.cc2-abc"), check_error);      // one input, the body takes two
  EXPECT_THROW(replay_property(body, "ccp1.5.6.7.cc2-abc"), check_error);  // three
  EXPECT_THROW(replay_property(body, "ccp1.5.x.cc2-abc"), check_error);
  try {
    replay_property(body, "ccp1.5.cc2-abc");
  } catch (const check_error& e) {
    EXPECT_NE(std::string(e.what()).find("replay it with the body of the property that printed it"), std::string::npos);
  }
  std::vector<std::int64_t> in;
  std::string schedule;
  detail::split_property_token(detail::make_property_token({-3, 0, 42}, "cc2-xyz"), 3, in, schedule);
  EXPECT_EQ(in, (std::vector<std::int64_t>{-3, 0, 42}));
  EXPECT_EQ(schedule, "cc2-xyz");
}

TEST(RapidCheckGenerators, StayInRangeAndShrinkTowardsTheSmallest) {
  EXPECT_TRUE(rc::check([] {
    const auto d = *gen_duration(5ms, 50ms, 5ms);
    RC_ASSERT(d >= 5ms && d <= 50ms && d.count() % 5000000 == 0);
    const auto c = *gen_capacity(3);
    RC_ASSERT(c <= 3u);
    const int w = *gen_workers(4);
    RC_ASSERT(w >= 1 && w <= 4);
    const int m = *gen_messages(6);
    RC_ASSERT(m >= 0 && m <= 6);
  }));
  rc::detail::TestParams params;
  params.seed = 3;
  const auto result = rc::detail::checkTestable(
      [] {
        const int w = *gen_workers(8);
        RC_ASSERT(w < 3);  // fails from 3 on: shrinks to exactly 3
      },
      rc::detail::TestMetadata{}, params);
  rc::detail::FailureResult failure;
  ASSERT_TRUE(result.match(failure));
  ASSERT_FALSE(failure.counterExample.empty());
  EXPECT_EQ(failure.counterExample.front().second, "3");
}

}  // namespace
}  // namespace chancheck::testing
