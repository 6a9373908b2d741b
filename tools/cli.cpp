// cli.cpp: `chancheck list | run | replay | merge`, parsed with CLI11. The options of `run` and
// `replay` live in tools/cli_options (one struct per group, each with add_to); every
// value is taken as text and parsed strictly by check/cli_values, and every output path
// is checked, before any scenario runs. The commands themselves are in tools/run_command (and merge_command).
#include "tools/cli.hpp"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include <chancheck/properties/scenario.hpp>

#include "tools/cli_options.hpp"
#include "tools/merge_command.hpp"
#include "tools/run_command.hpp"

namespace chancheck::detail {

namespace {

constexpr const char* exit_codes_help =
    "Exit codes: 0 every property holds (with --expected: every verdict is the declared one), 1 a violation, "
    "2 bad usage or input, 130 stopped by SIGINT, 143 stopped by SIGTERM (the JSON result then "
    "holds the finished scenarios and the interrupted one).";

/// The subcommand `argv` names, when its first word is not an option; "" otherwise.
std::string_view first_word(int argc, char** argv) {
  return argc > 1 && argv[1][0] != '-' ? std::string_view(argv[1]) : std::string_view();
}

/// True when `word` names one of `app`'s subcommands.
bool is_subcommand(const CLI::App& app, std::string_view word) {
  for (const CLI::App* sub : app.get_subcommands({}))
    if (sub->get_name() == word) return true;
  return false;
}

/// Exit code 2 with the subcommands to choose from, when the first word names none of them.
int unknown_subcommand(const CLI::App& app, std::string_view word) {
  std::string names;
  for (const CLI::App* sub : app.get_subcommands({})) names += (names.empty() ? "" : ", ") + sub->get_name();
  std::fprintf(stderr,
               "chancheck: unknown subcommand \"%.*s\"; the subcommands are %s (`chancheck --help` says more)\n",
               static_cast<int>(word.size()), word.data(), names.c_str());
  return 2;
}

/// `list`: the scenarios as text lines or as a JSON array (for chancheck_discover_scenarios).
int list_main(const std::string& format) {
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : scenarios())
      out.push_back({{"name", s.name}, {"expected", to_string(s.expect)}, {"file", s.loc.file}, {"line", s.loc.line}});
    std::printf("%s\n", out.dump(2).c_str());
    return 0;
  }
  for (const auto& s : scenarios())
    std::printf("%-40s expect %-10s %s:%u\n", s.name.c_str(), to_string(s.expect), s.loc.file, s.loc.line);
  return 0;
}

}  // namespace

int cli_main(int argc, char** argv) {
  CLI::App app{"chancheck: explores the interleavings of Go-style concurrent C++ and proves every task terminates"};
  app.require_subcommand(1);
  app.footer(exit_codes_help);
  app.set_version_flag("--version", "chancheck " CHANCHECK_VERSION,
                       "print the version (chancheck " CHANCHECK_VERSION ")");

  auto* list = app.add_subcommand("list", "list the registered scenarios");
  std::string list_format = "text";
  list->add_option("--format", list_format,
                   "text: one line per scenario; json: an array of {name, expected, file, line} (default text)")
      ->check(CLI::IsMember({"text", "json"}));
  auto* run = app.add_subcommand("run", "explore scenarios and check that every task terminates");
  run_flags run_args;
  run_args.add_to(run);
  run->footer(exit_codes_help);
  auto* replay = app.add_subcommand("replay", "re-run one interleaving from a replay token and print its trace");
  replay_flags replay_args;
  replay_args.add_to(replay);
  replay->footer(exit_codes_help);
  auto* merge = app.add_subcommand("merge", "combine the JSON results of the shards of one search into one result");
  merge_flags merge_args;
  merge_args.add_to(merge);
  merge->footer(exit_codes_help);

  if (auto word = first_word(argc, argv); !word.empty() && !is_subcommand(app, word))
    return unknown_subcommand(app, word);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "chancheck: %s\nRun `chancheck --help` (or `chancheck run --help`) for the usage.\n",
                 e.what());
    return 2;
  }

  try {
    if (list->parsed()) return list_main(list_format);
    if (run->parsed()) return run_main(run_args);
    if (replay->parsed()) return replay_main(replay_args);
    if (merge->parsed()) return merge_main(merge_args);
  } catch (const bad_usage& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "chancheck: %s\n", e.message.c_str());
    return 2;
  }
  return 2;
}

}  // namespace chancheck::detail
