// junit_report.hpp: the JUnit XML report that CI services read (GitLab, Jenkins,
// GitHub test reporters, junit-report-merger): one testsuite, one testcase per
// scenario. Made from the JSON result document only (docs/reports.md).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace chancheck::detail {

/// The JUnit XML of a JSON result document: a testcase per scenario (classname: its
/// group, name: the rest of its name), with a <failure> for a violation or a verdict
/// other than the declared one, an <error> for a scenario that could not be checked
/// (error, crash, uncontrolled) and <skipped> for an interrupted one.
std::string junit_report(const nlohmann::json& document);

}  // namespace chancheck::detail
