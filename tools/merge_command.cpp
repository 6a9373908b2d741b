// merge_command.cpp: reading shard files, printing the merged verdicts, writing the merged reports.
#include "tools/merge_command.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <chancheck/reports/found_where.hpp>

#include "tools/isolation/result_file.hpp"
#include "tools/report_outputs.hpp"
#include "tools/run_tally.hpp"
#include "tools/shard_merge.hpp"

namespace chancheck::detail {

namespace {

/// The summary line of a merged scenario, and its violations with their tokens.
void print_scenario(const nlohmann::json& s, unsigned shards, bool check_expected, bool as_expected) {
  const std::string verdict = s.value("verdict", "error"), name = s.value("scenario", "");
  const unsigned long long executions = s.value("executions", 0ULL);
  std::string line = (verdict == "pass" ? "PASS " : verdict == "error" ? "ERROR " : "FAIL ") + name + ": ";
  if (verdict != "pass") line += verdict + " found by shard " + std::to_string(s.value("found_by_shard", 0u)) + "; ";
  line += runs_phrase(executions, s.value("samples", 0ULL));
  line += " over " + std::to_string(shards) + " shards, ";
  const std::string bound = s.value("bound", "none");
  line += s.value("exhaustive", false) ? "exhaustive" : bound == "none" ? "not exhaustive" : "stopped by " + bound;
  if (check_expected) line += as_expected ? "  (as expected)" : "  UNEXPECTED: declared " + s.value("expected", "");
  std::printf("%s\n", line.c_str());
  if (s.contains("error")) std::printf("  %s\n", s["error"].get<std::string>().c_str());
  for (const auto& v : s["violations"]) {
    std::printf("  %s: %s at %s:%d\n", v.value("kind", "").c_str(), v.value("message", "").c_str(),
                v.value("file", "").c_str(), v.value("line", 0));
    if (!v.value("token", "").empty())
      std::printf("  replay: chancheck replay %s %s\n", name.c_str(), v["token"].get<std::string>().c_str());
  }
}

/// The text of `path`; bad_usage when it cannot be read.
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw bad_usage{"cannot read \"" + path + "\"; pass the JSON files the shards wrote (--json FILE)"};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int show_merged(const std::vector<nlohmann::json>& scenarios, unsigned shards, const merged_output& out) {
  result_file json(out.json_path);
  report_outputs reports;
  std::string error;
  if (out.reports && !reports.configure(
                         *out.reports, out.json_path, [](const std::string&) { return false; }, error))
    throw bad_usage{error};
  if (!json.start(error) || !reports.start(error)) throw bad_usage{error};
  run_tally tally;
  int code = 0;
  for (const auto& s : scenarios) {
    scenario_report r;
    r.verdict = s.value("verdict", "error");
    r.as_expected = s.contains("expected") && s["expected"] == r.verdict;
    tally.add(r, out.check_expected);
    const int c = r.verdict == "error" ? 2 : (out.check_expected ? !r.as_expected : r.verdict != "pass") ? 1 : 0;
    code = std::max(code, c);
    if (!out.quiet || c != 0) print_scenario(s, shards, out.check_expected, r.as_expected);
    const std::string object = s.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (!json.add(object, error) || !reports.add(object, error)) throw bad_usage{error};
  }
  std::printf("\n%s\n", tally.closing_line(out.check_expected, out.seconds).c_str());
  std::fflush(stdout);
  return code;
}

int merge_main(const merge_flags& flags) {
  merged_output out;
  out.json_path = flags.json.checked();
  out.reports = &flags.reports;
  out.check_expected = flags.check_expected;
  shard_merge m;
  for (const auto& path : flags.files) m.add(path, read_file(path));
  return show_merged(m.merged(), m.count(), out);
}

}  // namespace chancheck::detail
