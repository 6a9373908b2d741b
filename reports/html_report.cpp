// html_report.cpp: the page: a summary table (scenario, verdict, expected,
// executions, time), then a section per failing scenario with each violation.
#include <chancheck/reports/html_report.hpp>

#include <nlohmann/json.hpp>

#include <chancheck/reports/markup.hpp>
#include <chancheck/reports/timeline_svg.hpp>
#include <chancheck/reports/violation_text.hpp>

namespace chancheck::detail {

namespace {
constexpr const char* style = R"(body{font-family:sans-serif;margin:24px;color:#222;background:#fff}
table.summary{border-collapse:collapse}table.summary td,table.summary th{border:1px solid #ccc;padding:4px 10px;text-align:left}
tr.ok td.verdict{background:#d8f0d8}tr.failed td.verdict{background:#f8d0d0}tr.broken td.verdict{background:#f0d8a8}
tr.skipped td.verdict{background:#e8e8e8}pre{background:#f4f4f4;padding:8px;white-space:pre-wrap}
.violation{border-left:4px solid #c33;padding-left:12px;margin:18px 0}.timeline{display:block;margin:8px 0;overflow:visible}
.timeline text{font:12px monospace;fill:#222}.timeline .lane line{stroke:#bbb;stroke-width:1}
.timeline .step circle,.timeline .step rect{fill:#36c}.timeline .step.block rect{fill:#e90}
.timeline .step.timer-fire rect{fill:#999;transform-box:fill-box;transform-origin:center;transform:rotate(45deg)}
.timeline .step.return circle{fill:#3a3}.timeline .blocked circle{fill:#d00;stroke:#600;stroke-width:2}
.timeline .blocked rect{fill:#fff}.timeline .blocked text{fill:#d00;font-weight:bold}
.timeline line.handoff{stroke:#36c;stroke-width:2}.timeline line.spawn{stroke:#3a3;stroke-dasharray:4 3}
.token code{background:#f4f4f4;padding:2px 6px}.token button{margin-left:8px})";

constexpr const char* script = R"(function chancheckCopy(b){var t=b.getAttribute('data-copy');
function done(){b.textContent='copied';}
function fallback(){var a=document.createElement('textarea');a.value=t;document.body.appendChild(a);a.select();
try{document.execCommand('copy');}catch(e){}document.body.removeChild(a);done();}
if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t).then(done,fallback);}else{fallback();}}
document.querySelectorAll('button.copy').forEach(function(b){b.addEventListener('click',function(){chancheckCopy(b);});});)";

/// "ok", "failed", "broken" or "skipped": the class of a scenario's row.
std::string status_of(const nlohmann::json& s) {
  if (s.value("verdict", "") == "interrupted") return "skipped";
  return broken_verdict(s) ? "broken" : failed_for_ci(s) ? "failed" : "ok";
}

std::string cell(const std::string& text, const char* cls = nullptr) {
  return std::string("<td") + (cls ? std::string(" class=\"") + cls + "\"" : "") + ">" + xml_escape(text) + "</td>";
}

std::string summary_table(const nlohmann::json& scenarios) {
  std::string out =
      "<table class=\"summary\">\n<thead><tr><th>scenario</th><th>verdict</th><th>expected</th><th>executions</th>"
      "<th>time</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const auto& s = scenarios[i];
    const std::string name = s.value("scenario", "");
    const bool linked = !s.value("violations", nlohmann::json::array()).empty();
    out += "<tr class=\"" + status_of(s) + "\"><td>" +
           (linked ? "<a href=\"#s" + std::to_string(i) + "\">" + xml_escape(name) + "</a>" : xml_escape(name)) +
           "</td>" + cell(s.value("verdict", ""), "verdict") + cell(s.value("expected", "")) +
           cell(std::to_string(s.value("executions", std::uint64_t{0})) +
                (s.value("exhaustive", false) ? " (exhaustive)" : "")) +
           cell(seconds_text(s.value("seconds", 0.0)) + "s") + "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string violation_html(const nlohmann::json& s, const nlohmann::json& v) {
  std::string out = "<div class=\"violation\">\n<h3>" +
                    xml_escape(v.value("kind", "") + ": " + v.value("message", "")) + "</h3>\n<pre>" +
                    xml_escape(violation_text(v)) + "</pre>\n";
  if (s.contains("trace")) out += timeline_svg(s["trace"], v);
  if (std::string replay = replay_command(s, v); !replay.empty())
    out += "<p class=\"token\">replay: <code>" + xml_escape(replay) + "</code><button class=\"copy\" data-copy=\"" +
           xml_escape(replay) + "\" type=\"button\">copy</button></p>\n";
  return out + "</div>\n";
}

std::string scenario_sections(const nlohmann::json& scenarios) {
  std::string out;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    const auto& s = scenarios[i];
    const auto violations = s.value("violations", nlohmann::json::array());
    if (violations.empty()) continue;
    out += "<section id=\"s" + std::to_string(i) + "\">\n<h2>" + xml_escape(s.value("scenario", "")) + "</h2>\n<p>" +
           xml_escape(verdict_text(s)) + "</p>\n";
    for (const auto& v : violations) out += violation_html(s, v);
    out += "</section>\n";
  }
  return out;
}
}  // namespace

std::string html_report(const nlohmann::json& document) {
  const auto scenarios = document.value("scenarios", nlohmann::json::array());
  const auto producer = document.value("producer", nlohmann::json::object());
  std::size_t failing = 0;
  for (const auto& s : scenarios) failing += status_of(s) == "ok" ? 0 : 1;
  return std::string("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n") +
         "<title>chancheck report</title>\n<style>\n" + style +
         "\n</style>\n</head>\n<body>\n<h1>chancheck report</h1>\n" + "<p>" +
         xml_escape(producer.value("name", "chancheck") + " " + producer.value("version", "")) + ": " +
         std::to_string(scenarios.size()) + " scenarios, " + std::to_string(failing) + " not passing</p>\n" +
         summary_table(scenarios) + scenario_sections(scenarios) + "<script>\n" + script +
         "\n</script>\n</body>\n</html>\n";
}

}  // namespace chancheck::detail
