// cli_values_test.cpp: the command line's values are parsed strictly: Go's
// duration grammar with range checks, whole numbers in digits only, tokens from
// a file, and output paths checked before a search starts.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <chancheck/check/cli_values.hpp>

using namespace chancheck::detail;  // tests and benchmarks reach the internals
using namespace std::chrono_literals;

namespace chancheck::testing {
namespace {

std::chrono::nanoseconds duration_of(const std::string& s) {
  std::string error;
  auto d = parse_duration_value(s, "--budget", error);
  EXPECT_TRUE(d.has_value()) << s << ": " << error;
  return d.value_or(0ns);
}

std::string duration_error(const std::string& s) {
  std::string error;
  EXPECT_FALSE(parse_duration_value(s, "--budget", error).has_value()) << s;
  return error;
}

TEST(CliValues, DurationsFollowGosGrammar) {
  EXPECT_EQ(duration_of("300ms"), 300ms);
  EXPECT_EQ(duration_of("1h30m"), 90min);
  EXPECT_EQ(duration_of("1.5m"), 90s);
  EXPECT_EQ(duration_of("0.1ms"), 100us);
  EXPECT_EQ(duration_of("2h45m10.5s"), 2h + 45min + 10500ms);
  EXPECT_EQ(duration_of("10us"), 10us);
  EXPECT_EQ(duration_of("10\xc2\xb5s"), 10us);
  EXPECT_EQ(duration_of("7ns"), 7ns);
  EXPECT_EQ(duration_of(".5s"), 500ms);
  EXPECT_EQ(duration_of("2562047h"), 2562047h);
}

TEST(CliValues, DurationsThatMeanNothingAreRejectedWithTheReason) {
  EXPECT_NE(duration_error("").find("it is empty"), std::string::npos);
  EXPECT_NE(duration_error("10").find("a unit (ns, us, ms, s, m or h) is missing after \"10\""), std::string::npos);
  EXPECT_NE(duration_error("1e99s").find("a unit"), std::string::npos);
  EXPECT_NE(duration_error("0x2s").find("a unit"), std::string::npos);
  EXPECT_NE(duration_error("inf").find("a number is missing"), std::string::npos);
  EXPECT_NE(duration_error("nans").find("a number is missing"), std::string::npos);
  EXPECT_NE(duration_error("-1s").find("no sign"), std::string::npos);
  EXPECT_NE(duration_error("0s").find("longer than zero"), std::string::npos);
  EXPECT_NE(duration_error("2562048h").find("largest duration"), std::string::npos);
  EXPECT_NE(duration_error("99999999999999999999999s").find("largest duration"), std::string::npos);
  EXPECT_NE(duration_error("1h30").find("a unit"), std::string::npos);
  EXPECT_NE(duration_error("10 s").find("a unit"), std::string::npos);
  EXPECT_NE(duration_error("5d").find("write it as Go does"), std::string::npos);
}

TEST(CliValues, WholeNumbersAreDigitsInRange) {
  std::string error;
  EXPECT_EQ(parse_whole_number("18446744073709551615", 0, UINT64_MAX, "--seed", error), UINT64_MAX);
  EXPECT_EQ(parse_whole_number("42", 1, 100, "--max-executions", error), 42u);
  for (const char* bad : {"-1", "+1", "0x10", " 5", "5 ", "", "18446744073709551616", "1e3", "3.0"})
    EXPECT_FALSE(parse_whole_number(bad, 0, UINT64_MAX, "--seed", error).has_value()) << bad;
  EXPECT_FALSE(parse_whole_number("0", 1, 100, "--max-executions", error).has_value());
  EXPECT_EQ(error, "--max-executions takes a whole number from 1 to 100, written in digits; \"0\" is not one");
}

TEST(CliValues, ATokenComesFromTheArgumentOrAFile) {
  std::string error;
  EXPECT_EQ(read_token_argument("  cc2-abc\n", error), "cc2-abc");
  auto path = std::filesystem::temp_directory_path() / ("chancheck-token-" + std::to_string(::getpid()));
  std::ofstream(path) << "cc2-fromfile\n";
  EXPECT_EQ(read_token_argument("@" + path.string(), error), "cc2-fromfile");
  std::filesystem::remove(path);
  EXPECT_FALSE(read_token_argument("@" + path.string(), error).has_value());
  EXPECT_NE(error.find("cannot read the token file"), std::string::npos) << error;
  EXPECT_FALSE(read_token_argument("   ", error).has_value());
}

bool names_seed_leak(const std::string& s) { return s == "seed/leak"; }

TEST(CliValues, OutputPathsAreCheckedBeforeTheSearch) {
  std::string error;
  auto dir = std::filesystem::temp_directory_path();
  EXPECT_TRUE(check_output_path((dir / "out.json").string(), "--json", names_seed_leak, error)) << error;
  EXPECT_TRUE(check_output_path("out.json", "--json", names_seed_leak, error)) << error;
  EXPECT_FALSE(check_output_path("", "--json", names_seed_leak, error));
  EXPECT_NE(error.find("needs a file name"), std::string::npos) << error;
  EXPECT_FALSE(check_output_path("/nonexistent/x.json", "--json", names_seed_leak, error));
  EXPECT_NE(error.find("does not exist"), std::string::npos) << error;
  EXPECT_FALSE(check_output_path("seed/leak", "--json", names_seed_leak, error));
  EXPECT_NE(error.find("names a scenario"), std::string::npos) << error;
  EXPECT_FALSE(check_output_path(dir.string(), "--json", names_seed_leak, error));
  EXPECT_NE(error.find("is a folder"), std::string::npos) << error;
}

}  // namespace
}  // namespace chancheck::testing
