// junit_report.cpp: JUnit XML in the shape most CI services read (the Ant/Surefire
// schema): <testsuites><testsuite><testcase>, counts on both levels. The failure
// text is each violation's explanation and its replay command.
#include <chancheck/reports/junit_report.hpp>

#include <nlohmann/json.hpp>

#include <chancheck/reports/markup.hpp>
#include <chancheck/reports/violation_text.hpp>

namespace chancheck::detail {

namespace {
struct counts {
  std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
  double seconds = 0;

  std::string attributes() const {
    return "tests=\"" + std::to_string(tests) + "\" failures=\"" + std::to_string(failures) + "\" errors=\"" +
           std::to_string(errors) + "\" skipped=\"" + std::to_string(skipped) + "\" time=\"" + seconds_text(seconds) +
           "\"";
  }
};

/// The explanation of every violation of a scenario, each with its replay command.
std::string failure_text(const nlohmann::json& s) {
  std::string out = s.value("scenario", "") + ": " + verdict_text(s) + "\n";
  for (const auto& v : s.value("violations", nlohmann::json::array())) {
    out += "\n" + violation_text(v);
    if (std::string replay = replay_command(s, v); !replay.empty()) out += "replay: " + replay + "\n";
  }
  return out;
}

/// One <testcase> element; counts what it is.
std::string testcase(const nlohmann::json& s, counts& c) {
  const std::string name = s.value("scenario", ""), verdict = s.value("verdict", "");
  const auto slash = name.rfind('/');
  const std::string group = slash == std::string::npos ? "chancheck" : name.substr(0, slash);
  const double seconds = s.value("seconds", 0.0);
  ++c.tests;
  c.seconds += seconds;
  std::string out = "    <testcase classname=\"" + xml_escape(group) + "\" name=\"" +
                    xml_escape(slash == std::string::npos ? name : name.substr(slash + 1)) + "\" time=\"" +
                    seconds_text(seconds) + "\"";
  const std::string message = xml_escape(verdict_text(s));
  if (verdict == "interrupted") {
    ++c.skipped;
    return out + ">\n      <skipped message=\"" + message + "\"/>\n    </testcase>\n";
  }
  const char* element = broken_verdict(s) ? "error" : failed_for_ci(s) ? "failure" : nullptr;
  if (!element) return out + "/>\n";
  ++(broken_verdict(s) ? c.errors : c.failures);
  return out + ">\n      <" + element + " message=\"" + message + "\" type=\"" + xml_escape(verdict) + "\">" +
         xml_escape(failure_text(s)) + "</" + element + ">\n    </testcase>\n";
}
}  // namespace

std::string junit_report(const nlohmann::json& document) {
  counts c;
  std::string cases;
  for (const auto& s : document.value("scenarios", nlohmann::json::array())) cases += testcase(s, c);
  const auto producer = document.value("producer", nlohmann::json::object());
  const std::string tool = producer.value("name", "chancheck") + " " + producer.value("version", "");
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"chancheck\" " + c.attributes() +
         ">\n  <testsuite name=\"chancheck\" " + c.attributes() +
         ">\n    <properties>\n      <property name=\"producer\" value=\"" + xml_escape(tool) +
         "\"/>\n    </properties>\n" + cases + "  </testsuite>\n</testsuites>\n";
}

}  // namespace chancheck::detail
