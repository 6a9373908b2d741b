// timeline_svg.cpp: lanes, marks and hand-offs. Positions are whole pixels from the
// step's index and the task's lane, so the same trace always gives the same SVG.
// A value handed over a channel is drawn from the k-th send on it to the k-th
// receive from it (a channel is FIFO), whichever came first in the trace.
#include <chancheck/reports/timeline_svg.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include <chancheck/reports/markup.hpp>
#include <chancheck/reports/violation_text.hpp>

namespace chancheck::detail {

namespace {
constexpr int label_width = 160, column = 30, lane_height = 40, top = 60;

/// Where the lanes and steps of one timeline are.
struct layout {
  std::vector<std::int64_t> task_ids;  ///< lane i's task
  std::size_t first = 0;               ///< the first step drawn
  std::size_t count = 0;               ///< steps drawn

  int lane_of(std::int64_t task) const {
    for (std::size_t i = 0; i < task_ids.size(); ++i)
      if (task_ids[i] == task) return static_cast<int>(i);
    return -1;
  }
  int x(std::size_t step) const { return label_width + column / 2 + static_cast<int>(step - first) * column; }
  int y(std::int64_t task) const { return task < 0 ? top - 30 : top + lane_of(task) * lane_height + lane_height / 2; }
  int width() const { return label_width + static_cast<int>(count) * column + 20; }
  int height() const { return top + static_cast<int>(task_ids.size()) * lane_height + 10; }
};

/// What a step did, in words.
std::string step_words(const nlohmann::json& s, const nlohmann::json& trace) {
  const std::string event = s.value("event", ""), op = s.value("op", ""), obj = s.value("object", "");
  if (event == "spawn") {
    const std::int64_t id = s.value("started", -1);
    std::string name;
    for (const auto& t : trace["tasks"])
      if (t.value("id", -2) == id) name = t.value("name", "");
    return "go: starts task " + std::to_string(id) + " \"" + name + "\"";
  }
  if (event == "return") return "returns";
  if (event == "choice")
    return "chooses " + std::to_string(s.value("chose", 0)) + " of " + std::to_string(s.value("of", 0));
  if (event == "timer-fire") return "timer fires: " + obj;
  if (event == "select-case") return op == "default" ? "select takes default" : "select takes " + op + " on " + obj;
  if (event == "block") return "blocks in " + op + (obj.empty() ? "" : " on " + obj);
  if (op == "select") {
    std::string cases;
    for (const auto& c : s.value("cases", nlohmann::json::array()))
      cases += (cases.empty() ? "" : ", ") + c.get<std::string>();
    return "select {" + cases + (s.value("has_default", false) ? ", default" : "") + "}";
  }
  if (s.contains("ms")) return op + " " + std::to_string(s.value("ms", 0)) + "ms";
  return op + (obj.empty() ? "" : " " + obj);
}

std::string task_name(const nlohmann::json& trace, std::int64_t id) {
  if (id < 0) return "clock";
  for (const auto& t : trace["tasks"])
    if (t.value("id", -2) == id) return t.value("name", "");
  return "task " + std::to_string(id);
}

std::string lanes_svg(const layout& l, const nlohmann::json& trace) {
  std::string out = "<text class=\"clock-label\" x=\"8\" y=\"" + std::to_string(l.y(-1) + 4) + "\">clock</text>\n";
  for (std::size_t i = 0; i < l.task_ids.size(); ++i) {
    const std::int64_t id = l.task_ids[i];
    const std::string y = std::to_string(l.y(id));
    out += "<g class=\"lane\" data-task=\"" + std::to_string(id) + "\"><text x=\"8\" y=\"" +
           std::to_string(l.y(id) + 4) + "\">" + xml_escape(std::to_string(id) + " " + task_name(trace, id)) +
           "</text><line x1=\"" + std::to_string(label_width) + "\" y1=\"" + y + "\" x2=\"" +
           std::to_string(l.width() - 10) + "\" y2=\"" + y + "\"/></g>\n";
  }
  return out;
}

std::string line_svg(const char* cls, int x1, int y1, int x2, int y2, const std::string& title) {
  return std::string("<line class=\"") + cls + "\" x1=\"" + std::to_string(x1) + "\" y1=\"" + std::to_string(y1) +
         "\" x2=\"" + std::to_string(x2) + "\" y2=\"" + std::to_string(y2) + "\"><title>" + xml_escape(title) +
         "</title></line>\n";
}

/// Lines from each go() to the task's lane, and from the k-th send on a channel to the k-th receive from it.
std::string links_svg(const layout& l, const nlohmann::json& trace) {
  const auto& steps = trace["steps"];
  std::map<std::string, std::vector<std::size_t>> sends, recvs;
  std::string out;
  for (std::size_t i = l.first; i < l.first + l.count; ++i) {
    const auto& s = steps[i];
    const std::string event = s.value("event", ""), op = s.value("op", "");
    const std::int64_t task = s.value("task", -1);
    if (event == "spawn" && l.lane_of(s.value("started", -1)) >= 0)
      out +=
          line_svg("spawn", l.x(i), l.y(task), l.x(i) + column / 2, l.y(s.value("started", -1)), step_words(s, trace));
    if ((event == "op" || event == "select-case") && (op == "send" || op == "recv") && !s.value("object", "").empty())
      (op == "send" ? sends : recvs)[s.value("object", "")].push_back(i);
  }
  for (const auto& [obj, ss] : sends) {
    const auto& rs = recvs[obj];
    for (std::size_t k = 0; k < ss.size() && k < rs.size(); ++k) {
      const std::int64_t from = steps[ss[k]].value("task", -1), to = steps[rs[k]].value("task", -1);
      if (from == to) continue;
      out += line_svg("handoff", l.x(ss[k]), l.y(from), l.x(rs[k]), l.y(to),
                      obj + ": " + task_name(trace, from) + " hands a value to " + task_name(trace, to));
    }
  }
  return out;
}

/// The step the violation's task is blocked at (its last "block" step, else its last step), or npos.
std::size_t blocked_step(const nlohmann::json& trace, const nlohmann::json& violation) {
  const std::int64_t task = violation.value("task_id", -1);
  if (task < 0) return std::string::npos;
  std::size_t last = std::string::npos, block = std::string::npos;
  const auto& steps = trace["steps"];
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].value("task", -2) != task) continue;
    last = i;
    if (steps[i].value("event", "") == "block") block = i;
  }
  return block != std::string::npos ? block : last;
}

/// One mark per step, with its words and source line in a <title>.
std::string marks_svg(const layout& l, const nlohmann::json& trace, std::size_t marked, const std::string& kind) {
  const auto& steps = trace["steps"];
  std::string out;
  for (std::size_t i = l.first; i < l.first + l.count; ++i) {
    const auto& s = steps[i];
    const std::int64_t task = s.value("task", -1);
    const std::string event = s.value("event", ""), where = where_text(s);
    std::string title = "#" + std::to_string(i + 1 + trace.value("left_out", std::size_t{0})) +
                        " t=" + ms_text(s.value("t_ms", 0.0)) + " " + task_name(trace, task) + ": " +
                        step_words(s, trace) + (where.empty() ? "" : "\n" + where);
    const std::string x = std::to_string(l.x(i)), y = std::to_string(l.y(task));
    if (i == marked) {
      title = kind + ": blocked here\n" + title;
      out += "<g class=\"blocked\"><circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"11\"/><text x=\"" + x + "\" y=\"" +
             std::to_string(l.y(task) - 15) + "\">" + xml_escape(kind) + "</text>";
    } else {
      out += "<g class=\"step " + event + "\">";
    }
    if (event == "block" || event == "timer-fire")
      out += "<rect x=\"" + std::to_string(l.x(i) - 5) + "\" y=\"" + std::to_string(l.y(task) - 5) +
             "\" width=\"10\" height=\"10\"/>";
    else
      out += "<circle cx=\"" + x + "\" cy=\"" + y + "\" r=\"5\"/>";
    out += "<title>" + xml_escape(title) + "</title></g>\n";
  }
  return out;
}
}  // namespace

std::string timeline_svg(const nlohmann::json& trace, const nlohmann::json& violation) {
  layout l;
  for (const auto& t : trace["tasks"]) l.task_ids.push_back(t.value("id", -1));
  const std::size_t n = trace["steps"].size();
  l.first = n > timeline_max_steps ? n - timeline_max_steps : 0;
  l.count = n - l.first;
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"" +
                    std::to_string(l.width()) + "\" height=\"" + std::to_string(l.height()) +
                    "\" role=\"img\" aria-label=\"timeline of " + std::to_string(l.task_ids.size()) + " tasks\">\n";
  const std::size_t left_out = l.first + trace.value("left_out", std::size_t{0});
  if (left_out > 0)
    out += "<text class=\"note\" x=\"8\" y=\"14\">the first " + std::to_string(left_out) + " of " +
           std::to_string(left_out + l.count) + " steps are left out</text>\n";
  out += lanes_svg(l, trace) + links_svg(l, trace) +
         marks_svg(l, trace, blocked_step(trace, violation), violation.value("kind", ""));
  return out + "</svg>\n";
}

}  // namespace chancheck::detail
