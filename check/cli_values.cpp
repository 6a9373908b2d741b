// cli_values.cpp: strict parsing of the values the command line and the environment take (see cli_values.hpp).
#include <chancheck/check/cli_values.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>

namespace chancheck::detail {

namespace {

constexpr std::uint64_t max_ns = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

/// The unit at the front of `s` in nanoseconds (0 when none), and its length.
std::uint64_t unit_at(std::string_view s, std::size_t& len) {
  static constexpr struct {
    std::string_view name;
    std::uint64_t ns;
  } units[] = {{"ns", 1},       {"us", 1000},      {"\xc2\xb5s", 1000}, {"\xce\xbcs", 1000},
               {"ms", 1000000}, {"s", 1000000000}, {"m", 60000000000},  {"h", 3600000000000}};
  std::uint64_t found = 0;
  for (const auto& u : units)
    if (s.substr(0, u.name.size()) == u.name && u.name.size() > len) len = u.name.size(), found = u.ns;
  return found;
}

/// `s` in double quotes (built by appending: GCC 12's -Wrestrict misfires on "\"" + std::string at -O2).
std::string in_quotes(std::string_view s) {
  std::string q(1, '"');
  q.append(s).push_back('"');
  return q;
}

/// Adds one "<number><unit>" term at the front of `s` to `total`; false on error.
bool add_term(std::string_view& s, std::uint64_t& total, std::string& why) {
  std::uint64_t whole = 0, frac = 0, scale = 1;
  std::size_t i = 0, digits = 0;
  bool overflow = false;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
    overflow |= whole > (max_ns - (s[i] - '0')) / 10;
    if (!overflow) whole = whole * 10 + static_cast<std::uint64_t>(s[i] - '0');
  }
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits)
      if (scale < 1000000000000000000ull) frac = frac * 10 + static_cast<std::uint64_t>(s[i] - '0'), scale *= 10;
  if (digits == 0) return why = "a number is missing", false;
  std::size_t len = 0;
  std::uint64_t unit = unit_at(s.substr(i), len);
  if (unit == 0) return why = "a unit (ns, us, ms, s, m or h) is missing after " + in_quotes(s.substr(0, i)), false;
  s.remove_prefix(i + len);
  // whole * unit + frac * unit / scale, refusing anything past the largest duration.
  if (overflow || whole > max_ns / unit) return why = "it is longer than the largest duration, 2562047h", false;
  std::uint64_t term = whole * unit + static_cast<std::uint64_t>(static_cast<long double>(frac) * unit / scale);
  if (term > max_ns - total) return why = "it is longer than the largest duration, 2562047h", false;
  total += term;
  return true;
}

}  // namespace

std::optional<std::chrono::nanoseconds> parse_duration_value(std::string_view text, std::string_view option,
                                                             std::string& error) {
  std::string why;
  std::uint64_t total = 0;
  std::string_view s = text;
  if (s.empty())
    why = "it is empty";
  else if (s.front() == '-' || s.front() == '+')
    why = "durations here have no sign";
  while (why.empty() && !s.empty())
    if (!add_term(s, total, why)) break;
  if (why.empty() && total == 0) why = "it must be longer than zero";
  if (!why.empty()) {
    error = std::string(option) + " " + in_quotes(text) + " is not a duration: " + why +
            "; write it as Go does, like 300ms, 10s, 1.5m or 1h30m";
    return std::nullopt;
  }
  return std::chrono::nanoseconds(static_cast<std::int64_t>(total));
}

std::optional<std::uint64_t> parse_whole_number(std::string_view text, std::uint64_t min, std::uint64_t max,
                                                std::string_view option, std::string& error) {
  std::uint64_t v = 0;
  bool ok = !text.empty();
  for (char c : text) {
    ok &= c >= '0' && c <= '9' && v <= (std::numeric_limits<std::uint64_t>::max() - (c - '0')) / 10;
    if (!ok) break;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (ok && v >= min && v <= max) return v;
  error = std::string(option) + " takes a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
          ", written in digits; " + in_quotes(text) + " is not one";
  return std::nullopt;
}

std::optional<std::string> read_token_argument(const std::string& arg, std::string& error) {
  std::string text = arg;
  if (arg == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else if (!arg.empty() && arg.front() == '@') {
    std::ifstream in(arg.substr(1), std::ios::binary);
    if (!in) {
      error =
          "cannot read the token file " + in_quotes(arg.substr(1)) + "; check the path (@FILE reads a token from FILE)";
      return std::nullopt;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) {
    error = "the token is empty; give the token from a report, @FILE or - (standard input)";
    return std::nullopt;
  }
  return text.substr(first, last - first + 1);
}

bool check_output_path(const std::string& path, std::string_view option, bool (*is_scenario)(const std::string&),
                       std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path p(path);
  const fs::path folder = p.has_parent_path() ? p.parent_path() : fs::path(".");
  if (path.empty()) {
    error = std::string(option) + " needs a file name, e.g. " + std::string(option) + " result.json";
  } else if (is_scenario && is_scenario(path) && !fs::exists(p, ec)) {
    error = std::string(option) + " " + in_quotes(path) + " names a scenario; give the output file right after " +
            std::string(option) + " (e.g. " + std::string(option) + " result.json " + path + ")";
  } else if (fs::is_directory(p, ec)) {
    error = std::string(option) + " " + in_quotes(path) + " is a folder; name a file in it";
  } else if (!fs::is_directory(folder, ec)) {
    error = "cannot write " + std::string(option) + " " + in_quotes(path) + ": the folder " +
            in_quotes(folder.string()) + " does not exist; create it first";
  } else if (::access(folder.c_str(), W_OK) != 0) {
    error = "cannot write " + std::string(option) + " " + in_quotes(path) + ": the folder " +
            in_quotes(folder.string()) + " is not writable";
  } else {
    return true;
  }
  return false;
}

}  // namespace chancheck::detail
