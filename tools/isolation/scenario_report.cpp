// scenario_report.cpp: the framed text of a scenario report, and the JSON document.
#include "tools/isolation/scenario_report.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include <chancheck/reports/json_report.hpp>

namespace chancheck::detail {

namespace {
constexpr std::string_view magic = "chancheck-report 1\n";
constexpr const char* field_names[] = {"verdict", "as_expected", "summary", "explanation", "json", "usage_error"};

void put(std::string& out, std::string_view name, std::string_view bytes) {
  out.append(name).append(" ").append(std::to_string(bytes.size())).append("\n").append(bytes).append("\n");
}

/// Reads `NAME LENGTH\nBYTES\n` at `pos` into `value`; false when anything differs.
bool take(std::string_view text, std::size_t& pos, std::string_view name, std::string& value) {
  if (text.substr(pos, name.size() + 1) != std::string(name) + " ") return false;
  pos += name.size() + 1;
  std::size_t end = text.find('\n', pos);
  if (end == std::string_view::npos || end == pos || end - pos > 12) return false;
  std::size_t len = 0;
  auto [p, ec] = std::from_chars(text.data() + pos, text.data() + end, len);
  if (ec != std::errc() || p != text.data() + end) return false;
  pos = end + 1;
  if (len > text.size() - pos || text.size() - pos - len < 1 || text[pos + len] != '\n') return false;
  value.assign(text.substr(pos, len));
  pos += len + 1;
  return true;
}
}  // namespace

std::string scenario_report::encode() const {
  std::string out(magic);
  const std::string* values[] = {&verdict, nullptr, &summary, &explanation, &json, &usage_error};
  for (std::size_t i = 0; i < std::size(field_names); ++i)
    put(out, field_names[i], values[i] ? std::string_view(*values[i]) : (as_expected ? "1" : "0"));
  return out + "end\n";
}

bool scenario_report::decode(std::string_view text, scenario_report& out, std::string& error) {
  std::size_t pos = magic.size();
  std::string flag;
  std::string* values[] = {&out.verdict, &flag, &out.summary, &out.explanation, &out.json, &out.usage_error};
  bool ok = text.substr(0, magic.size()) == magic;
  for (std::size_t i = 0; ok && i < std::size(field_names); ++i) ok = take(text, pos, field_names[i], *values[i]);
  ok = ok && (flag == "0" || flag == "1") && text.substr(pos) == "end\n" &&
       (!out.verdict.empty() || !out.usage_error.empty());
  if (!ok) {
    error = text.empty() ? "it sent no result" : "its result was cut short or malformed";
    return false;
  }
  out.as_expected = flag == "1";
  return true;
}

std::string json_document(const std::vector<std::string>& scenario_objects) {
  nlohmann::json doc = nlohmann::json::parse(to_json({}));
  for (const auto& o : scenario_objects) doc["scenarios"].push_back(nlohmann::json::parse(o));
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string only_scenario_object(const std::string& document) {
  return nlohmann::json::parse(document)["scenarios"].at(0).dump(-1, ' ', false,
                                                                 nlohmann::json::error_handler_t::replace);
}

}  // namespace chancheck::detail
