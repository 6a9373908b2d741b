// gtest.hpp: opt-in GoogleTest support for the real-thread leak check.
//
// Including this header (in any file of a test program) names every task that
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

#include <gtest/gtest.h>

#include <chrono>
#include <source_location>
#include <string>

#include <chancheck/model/leak_check.hpp>

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

}  // namespace chancheck::testing
