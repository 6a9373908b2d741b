// readme_samples_test.cpp: the README's samples stay true. The report it shows
// for seed/forgotten_sender is what the CLI prints (a line "..." stands for any
// number of lines; the run time is left out), its replay token replays the same
// leak, and the fix it names passes exhaustively.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "seed/source_tree.hpp"
#include "util/run_command.hpp"

namespace chancheck::testing {
namespace {

/// The CLI's command line with `args`, built by appending (GCC 12 under
/// ThreadSanitizer mistakes `std::string(path) + "..."` for an overflow).
std::string cli(const std::string& args) {
  std::string command = CHANCHECK_CLI;
  command += ' ';
  command += args;
  return command;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

/// The fenced block that follows the line containing `anchor` in the README.
std::vector<std::string> readme_block(const std::string& anchor) {
  auto root = find_source_root("README.md", CHANCHECK_CLI);
  if (!root) return {};
  std::ifstream in(*root / "README.md");
  std::stringstream all;
  all << in.rdbuf();
  auto lines = lines_of(all.str());
  std::vector<std::string> block;
  bool seen = false, inside = false;
  for (const auto& l : lines) {
    if (!seen) {
      seen = l.find(anchor) != std::string::npos;
    } else if (l.rfind("```", 0) == 0) {
      if (inside) return block;
      inside = true;
    } else if (inside) {
      block.push_back(l);
    }
  }
  return {};
}

/// The summary line's run time (" [0.001s]") differs from run to run.
std::string without_time(std::string line) {
  const auto open = line.rfind(" [");
  if (open == std::string::npos || line.size() < open + 4 || line.substr(line.size() - 2) != "s]") return line;
  for (std::size_t i = open + 2; i + 2 < line.size(); ++i)
    if (!(line[i] == '.' || (line[i] >= '0' && line[i] <= '9'))) return line;
  return line.substr(0, open);
}

/// Every sample line appears in the output in order; a "..." line skips any lines.
::testing::AssertionResult matches(const std::vector<std::string>& sample, const std::vector<std::string>& out) {
  std::size_t o = 0;
  bool skipping = false;
  for (const auto& s : sample) {
    auto trimmed = s.substr(s.find_first_not_of(' ') == std::string::npos ? s.size() : s.find_first_not_of(' '));
    if (trimmed == "...") {
      skipping = true;
      continue;
    }
    while (skipping && o < out.size() && without_time(out[o]) != s) ++o;
    if (o >= out.size() || without_time(out[o]) != s)
      return ::testing::AssertionFailure() << "README line not printed here:\n  " << s << "\nprinted instead:\n  "
                                           << (o < out.size() ? out[o] : "(end of output)");
    ++o;
    skipping = false;
  }
  return ::testing::AssertionSuccess();
}

TEST(ReadmeSamples, TheForgottenSenderReportIsWhatTheCliPrints) {
  auto sample = readme_block("`chancheck run seed/forgotten_sender` explores it and reports:");
  ASSERT_GT(sample.size(), 10u) << "the README's sample report was not found";
  std::string out;
  EXPECT_EQ(run_command(cli("run seed/forgotten_sender"), out), 1);
  EXPECT_TRUE(matches(sample, lines_of(out))) << out;
}

TEST(ReadmeSamples, TheSampleTokenReplaysTheLeak) {
  auto sample = readme_block("`chancheck run seed/forgotten_sender` explores it and reports:");
  std::string token;
  for (const auto& l : sample)
    if (l.rfind("replay: chancheck replay seed/forgotten_sender ", 0) == 0) token = l.substr(l.rfind(' ') + 1);
  ASSERT_FALSE(token.empty()) << "the README's sample has no replay line";
  std::string out;
  EXPECT_EQ(run_command(cli("replay seed/forgotten_sender " + token), out), 1) << out;
  EXPECT_NE(out.find("leak: 1 task still blocked"), std::string::npos) << out;
  EXPECT_NE(out.find("blocked forever in send on chan#2 at examples/seed/forgotten_sender.cpp:38"), std::string::npos);
}

TEST(ReadmeSamples, TheFixPassesExhaustively) {
  std::string out;
  EXPECT_EQ(run_command(cli("run seed/buffered_fix"), out), 0) << out;
  EXPECT_NE(out.find("PASS seed/buffered_fix"), std::string::npos) << out;
  EXPECT_NE(out.find("exhaustive"), std::string::npos) << out;
}

}  // namespace
}  // namespace chancheck::testing
