// gtest.hpp: opt-in GoogleTest support: explored tests, matchers for check()
// results, and the real-thread leak check.
//
//   CHANCHECK_TEST(Orders, PriceTimesOut) { price(7); }   // a TEST whose body is explored
//   EXPECT_THAT(chancheck::check(body), chancheck::testing::finds(chancheck::violation_kind::leak));
//   EXPECT_THAT(chancheck::check(fixed), chancheck::testing::passes());
//
// A CHANCHECK_TEST that finds a violation fails with the report and the token,
// and says how to replay it (CHANCHECK_REPLAY=<token> with --gtest_filter). It is
// an ordinary TEST, so gtest_discover_tests lists it. Explored tests and matchers
// need chancheck::check linked; the leak check needs only the kit.
//
// The leak check: including this header (in any file of a test program) names every task that
// go() starts on a real thread after the GoogleTest test that started it, so a
// leak report says which test leaked, even when the leaked task is only noticed
// by a later test. Then, at the end of a test, either call
//
//   chancheck::testing::expect_no_leaks();        // fails the test if a task of it is still alive
//
// or derive the test's fixture from chancheck::testing::leak_checked_test. Each
// test process has its own registry, so this works with ctest -j (tests in
// parallel processes) as well as in one process.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chancheck/check.hpp>
#include <chrono>
#include <optional>
#include <ostream>
#include <source_location>
#include <string>

#include <chancheck/model/leak_check.hpp>

namespace chancheck {

/// Prints a result in a GoogleTest message: its verdict and name.
inline void PrintTo(const check_result& r, std::ostream* os) {
  *os << "check_result{" << r.verdict << " " << r.name << ", " << r.executions << " executions}";
}

}  // namespace chancheck

namespace chancheck::testing {

/// The full name of the running GoogleTest test ("Suite.Name"), or "" outside a test.
inline std::string current_test_name() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) return {};
  return std::string(info->test_suite_name()) + "." + info->name();
}

namespace detail {
/// Installs current_test_name as the scope of new tasks, once per program.
inline const bool gtest_scope_installed =
    (::chancheck::detail::live_tasks::set_scope_provider(&current_test_name), true);
}  // namespace detail

/// The leak check of the running test: waits up to `grace` for the tasks it
/// started to end and reports those still alive.
inline leak_report check_test_leaks(std::chrono::milliseconds grace = std::chrono::milliseconds(2000)) {
  leak_check_options o;
  o.grace = grace;
  o.scope = current_test_name();
  return verify_no_leaks(o);
}

/// Adds a (non-fatal) failure at the caller's line when a task the running test
/// started is still alive after `grace`; the message lists each such task.
inline void expect_no_leaks(std::chrono::milliseconds grace = std::chrono::milliseconds(2000),
                            std::source_location loc = std::source_location::current()) {
  leak_report r = check_test_leaks(grace);
  if (!r.ok()) ADD_FAILURE_AT(loc.file_name(), static_cast<int>(loc.line())) << r.text();
}

/// A fixture that runs the leak check after every test (in TearDown). Set
/// `leak_grace` in the constructor or SetUp to change the grace period.
class leak_checked_test : public ::testing::Test {
 protected:
  void TearDown() override {
    leak_report r = check_test_leaks(leak_grace);
    if (!r.ok()) ADD_FAILURE() << r.text();
  }
  std::chrono::milliseconds leak_grace{2000};
};

/// How a failing explored test says to replay its token.
inline std::string replay_hint(const std::string& test_name, const std::string& token) {
  return "replay: CHANCHECK_REPLAY=" + token + " <this test binary> --gtest_filter=" + test_name;
}

/// Runs the body of CHANCHECK_TEST(Suite, Name): explores it under the name "Suite.Name" and fails the
/// running test with the report and the token when a property is violated.
inline void run_explored_test(const char* test_name, void (*body)(), std::source_location loc) {
  check_options o;
  o.name = test_name;
  check_result r = check(body, o, loc);
  if (r.passed()) return;
  ADD_FAILURE_AT(loc.file_name(), static_cast<int>(loc.line())) << r.report << "\n" << replay_hint(test_name, r.token);
}

namespace detail {

/// The matcher finds() and passes() make: a result with a violation (of one kind, or any), or none.
class violation_matcher {
 public:
  violation_matcher(bool want_violation, std::optional<violation_kind> kind) : want_(want_violation), kind_(kind) {}

  bool MatchAndExplain(const check_result& r, ::testing::MatchResultListener* listener) const {
    bool has = !r.passed();
    if (kind_) {
      has = false;
      for (const auto& v : r.violations) has |= v.kind == *kind_;
    }
    if (has != want_) *listener << (r.passed() ? "every property holds:\n" : "the report:\n") << r.report;
    return has == want_;
  }
  void DescribeTo(std::ostream* os) const { describe(os, want_); }
  void DescribeNegationTo(std::ostream* os) const { describe(os, !want_); }

 private:
  void describe(std::ostream* os, bool violated) const {
    std::string what = kind_ ? std::string("a ") + to_string(*kind_) + " violation" : "a violation";
    *os << (violated ? "finds " + what : "finds no " + (kind_ ? what.substr(2) : std::string("violation")));
  }
  bool want_;
  std::optional<violation_kind> kind_;
};

}  // namespace detail

/// Matches a check_result that has a violation of kind `kind`; on a mismatch, shows the report.
inline ::testing::PolymorphicMatcher<detail::violation_matcher> finds(violation_kind kind) {
  return ::testing::MakePolymorphicMatcher(detail::violation_matcher(true, kind));
}

/// Matches a check_result that has any violation.
inline ::testing::PolymorphicMatcher<detail::violation_matcher> finds_violation() {
  return ::testing::MakePolymorphicMatcher(detail::violation_matcher(true, std::nullopt));
}

/// Matches a check_result where every property holds; on a mismatch, shows the report and its token.
inline ::testing::PolymorphicMatcher<detail::violation_matcher> passes() {
  return ::testing::MakePolymorphicMatcher(detail::violation_matcher(false, std::nullopt));
}

}  // namespace chancheck::testing

#define CHANCHECK_TEST_BODY_NAME(suite, name) chancheck_explored_##suite##_##name

/// A GoogleTest TEST whose body is explored: CHANCHECK_TEST(Suite, Name) { code }. A violation fails the test
/// with the report, the token and how to replay it; CHANCHECK_* variables set the options (<chancheck/check.hpp>).
#define CHANCHECK_TEST(suite, name)                                                                   \
  static void CHANCHECK_TEST_BODY_NAME(suite, name)();                                                \
  TEST(suite, name) {                                                                                 \
    ::chancheck::testing::run_explored_test(#suite "." #name, &CHANCHECK_TEST_BODY_NAME(suite, name), \
                                            std::source_location::current());                         \
  }                                                                                                   \
  static void CHANCHECK_TEST_BODY_NAME(suite, name)()
