// report_outputs.cpp: parse --report, render each kind from the JSON document,
// write each file atomically (temporary file in FILE's folder, then rename).
#include "tools/report_outputs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include <chancheck/reports/html_report.hpp>
#include <chancheck/reports/junit_report.hpp>
#include <chancheck/reports/sarif_report.hpp>

#include <chancheck/check/cli_values.hpp>
#include "tools/isolation/scenario_report.hpp"
#include "tools/isolation/whole_file.hpp"

namespace chancheck::detail {

namespace {
constexpr const char* kinds[] = {"junit", "sarif", "html", "json"};

/// True when `a` and `b` name the same file (an existing one, or the same text).
bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return a == b || std::filesystem::equivalent(a, b, ec);
}
}  // namespace

const char* report_outputs::help() {
  return "also write a report, again after each scenario: junit:FILE (JUnit XML for CI), sarif:FILE (SARIF 2.1.0 "
         "for code scanning), html:FILE (a page with a timeline per violation) or json:FILE (as --json); "
         "repeat it for several (docs/reports.md)";
}

bool report_outputs::configure(const std::vector<std::string>& specs, const std::string& json_path,
                               bool (*is_scenario)(const std::string&), std::string& error) {
  for (const auto& spec : specs) {
    const auto colon = spec.find(':');
    const std::string kind = spec.substr(0, colon);
    if (colon == std::string::npos || std::find(std::begin(kinds), std::end(kinds), kind) == std::end(kinds)) {
      error = "--report \"" + spec +
              "\" is not KIND:FILE with KIND one of junit, sarif, html, json; write it like "
              "--report junit:results.xml";
      return false;
    }
    output o{kind, spec.substr(colon + 1)};
    if (o.path.empty()) {
      error = "--report " + spec + " needs a file name after the colon, e.g. --report " + kind + ":results";
      return false;
    }
    if (!check_output_path(o.path, "--report " + kind, is_scenario, error)) return false;
    for (const auto& other : outputs_)
      if (same_file(other.path, o.path))
        error = "--report names \"" + o.path + "\" twice; give each report its own file";
    if (!json_path.empty() && same_file(json_path, o.path))
      error = "--report " + kind + ":" + o.path + " is the --json file too; give each its own file";
    if (!error.empty()) return false;
    outputs_.push_back(std::move(o));
  }
  return true;
}

bool report_outputs::start(std::string& error) const { return write(error); }

bool report_outputs::add(std::string scenario_object, std::string& error) {
  if (outputs_.empty()) return true;
  objects_.push_back(std::move(scenario_object));
  return write(error);
}

bool report_outputs::write(std::string& error) const {
  if (outputs_.empty()) return true;
  const std::string text = json_document(objects_);
  const nlohmann::json document = nlohmann::json::parse(text);
  for (const auto& o : outputs_) {
    const std::string report = o.kind == "junit"   ? junit_report(document)
                               : o.kind == "sarif" ? sarif_report(document)
                               : o.kind == "html"  ? html_report(document)
                                                   : text;
    if (int failure = write_whole_file(o.path, report)) {
      error = "cannot write the " + o.kind + " report to \"" + o.path + "\" (" + std::strerror(failure) +
              "); check that its folder is writable and has room";
      return false;
    }
  }
  return true;
}

}  // namespace chancheck::detail
