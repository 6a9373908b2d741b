// console_style.cpp: colours, NO_COLOR and the shortening of long traces.
#include "tools/console_style.hpp"

#include <unistd.h>

#include <cstdlib>
#include <vector>

namespace chancheck::detail {

namespace {

constexpr std::string_view red = "\x1b[31m", green = "\x1b[32m", yellow = "\x1b[1;33m", reset = "\x1b[0m";
constexpr std::size_t lines_kept = 20;  ///< at each end of a shortened trace

std::string coloured(std::string_view text, std::string_view colour) {
  std::string s(colour);
  s.append(text).append(reset);
  return s;
}

bool is_trace_header(std::string_view line) {
  return line.substr(0, 14) == "interleaving (" && line.size() >= 2 && line.substr(line.size() - 2) == "):";
}

/// A numbered trace line: spaces, digits, then two spaces.
bool is_trace_line(std::string_view line) {
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || line[i] < '0' || line[i] > '9') return false;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  return line.substr(i, 2) == "  ";
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl == std::string_view::npos ? text.size() : nl + 1));
    text.remove_prefix(lines.back().size());
  }
  return lines;
}

std::string_view without_newline(std::string_view line) {
  return !line.empty() && line.back() == '\n' ? line.substr(0, line.size() - 1) : line;
}

}  // namespace

std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

console_style console_style::decide(const std::string& color_flag, bool full_trace, bool short_trace) {
  const bool terminal = ::isatty(STDOUT_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  console_style s;
  s.color = color_flag == "always" || (color_flag == "auto" && terminal && !(no_color && *no_color));
  s.shorten = short_trace || (terminal && !full_trace);
  return s;
}

std::string console_style::paint_summary(const std::string& line) const {
  if (!color) return line;
  static constexpr struct {
    std::string_view word, colour;
  } verdicts[] = {{"PASS ", green}, {"FAIL ", red}, {"ERROR ", red}, {"STOP ", yellow}};
  std::string out = line;
  for (const auto& v : verdicts)
    if (out.compare(0, v.word.size(), v.word) == 0) {
      out = coloured(v.word.substr(0, v.word.size() - 1), v.colour) + out.substr(v.word.size() - 1);
      break;
    }
  if (auto at = out.find("UNEXPECTED"); at != std::string::npos)
    out = out.substr(0, at) + coloured("UNEXPECTED", yellow) + out.substr(at + 10);
  return out;
}

std::string console_style::body(const std::string& text) const {
  return shorten ? shorten_traces(text, lines_kept) : text;
}

std::string shorten_traces(std::string_view text, std::size_t keep) {
  const auto lines = split_lines(text);
  std::string out;
  for (std::size_t i = 0; i < lines.size();) {
    out.append(lines[i]);
    if (!is_trace_header(without_newline(lines[i++]))) continue;
    std::size_t end = i;
    while (end < lines.size() && is_trace_line(lines[end])) ++end;
    const std::size_t count = end - i;
    if (count <= 3 * keep) continue;  // short enough: the loop copies its lines as they are
    for (std::size_t k = i; k < i + keep; ++k) out.append(lines[k]);
    out += "     ... " + with_commas(count - 2 * keep) +
           " trace lines omitted (--full-trace, or output to a file or pipe, shows them all) ...\n";
    for (std::size_t k = end - keep; k < end; ++k) out.append(lines[k]);
    i = end;
  }
  return out;
}

}  // namespace chancheck::detail
