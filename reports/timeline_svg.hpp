// timeline_svg.hpp: the SVG timeline of a failing execution for the HTML report:
// one lane per task of the execution (class "lane"), one mark per step in trace
// order with its source line in a <title> (shown on hover), the hand-offs of values
// between lanes, the go() that started each task, timer firings on a clock row,
// and the blocked operation of one violation marked. Made from the JSON result's
// "trace" and violation records only.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace chancheck::detail {

/// The most steps a timeline draws: a longer trace is drawn from its last steps, with a note.
inline constexpr std::size_t timeline_max_steps = 400;

/// The <svg> element of `trace` (a scenario's "trace") with `violation`'s task and operation marked.
std::string timeline_svg(const nlohmann::json& trace, const nlohmann::json& violation);

}  // namespace chancheck::detail
