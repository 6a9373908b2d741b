// html_report.hpp: one self-contained HTML page per run for people reading a
// nightly run: the summary table and, per violation, its explanation, an SVG
// timeline (reports/timeline_svg) and the replay command with a copy button. No
// external resource: styles and the one small script are inline. Made from the
// JSON result document only (docs/reports.md).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace chancheck::detail {

/// The HTML page of a JSON result document.
std::string html_report(const nlohmann::json& document);

}  // namespace chancheck::detail
