// gtest_test.cpp: CHANCHECK_TEST explores its body (the fixed twin passes), and
// the matchers tell a result with a violation from one without, showing the report.
#include <chancheck/gtest.hpp>
#include <sstream>
#include <string>

#include "examples/seed/forgotten_sender.hpp"

using namespace chancheck;
using chancheck::testing::finds;
using chancheck::testing::finds_violation;
using chancheck::testing::passes;

namespace {

void leaky() { seed::process("gophers", 0, 200ms); }
void fixed() { seed::process("gophers", 1, 200ms); }

/// What a matcher says of a result it does not match.
template <typename M>
std::string explanation(const M& matcher, const check_result& r) {
  ::testing::StringMatchResultListener listener;
  EXPECT_FALSE(::testing::Matcher<const check_result&>(matcher).MatchAndExplain(r, &listener));
  return listener.str();
}

std::string description(const ::testing::Matcher<const check_result&>& m) {
  std::ostringstream os;
  m.DescribeTo(&os);
  return os.str();
}

}  // namespace

CHANCHECK_TEST(ExploredTest, TheFixedTwinPasses) { fixed(); }

TEST(Matchers, FindsAndPassesTellTheResultsApart) {
  check_result bug = check(leaky), fix = check(fixed);
  EXPECT_THAT(bug, finds(violation_kind::leak));
  EXPECT_THAT(bug, finds_violation());
  EXPECT_THAT(bug, ::testing::Not(finds(violation_kind::deadlock)));
  EXPECT_THAT(bug, ::testing::Not(passes()));
  EXPECT_THAT(fix, passes());
  EXPECT_THAT(fix, ::testing::Not(finds_violation()));
}

TEST(Matchers, AMismatchShowsTheReportAndToken) {
  check_result bug = check(leaky);
  std::string why = explanation(passes(), bug);
  EXPECT_NE(why.find("FAIL check: leak found"), std::string::npos) << why;
  EXPECT_NE(why.find("CHANCHECK_REPLAY=" + bug.token), std::string::npos) << why;
  std::string fix_why = explanation(finds(violation_kind::leak), check(fixed));
  EXPECT_NE(fix_why.find("every property holds"), std::string::npos) << fix_why;
  EXPECT_EQ(description(finds(violation_kind::leak)), "finds a leak violation");
  EXPECT_EQ(description(passes()), "finds no violation");
}
