// cli_values.hpp: the values the command line and the environment take, parsed strictly at the edge:
// Go's duration grammar ("300ms", "1h30m"), whole numbers with ranges, a replay
// token from the command line, a file or standard input, and output paths checked
// before any search starts. Each parser says what is wrong and what to write.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chancheck::detail {

/// Parses a duration in Go's grammar (time.ParseDuration): a sequence of decimal
/// numbers, each with an optional fraction and a unit (ns, us, µs, ms, s, m, h),
/// such as "300ms", "1.5h" or "1h30m". Signs are not accepted: durations here are
/// positive and at most 2562047h (the largest Go duration). On failure returns
/// nullopt and says why in `error`, naming `option`.
std::optional<std::chrono::nanoseconds> parse_duration_value(std::string_view text, std::string_view option,
                                                             std::string& error);

/// Parses a whole number in [min, max], digits only (no sign, no spaces, no hex).
std::optional<std::uint64_t> parse_whole_number(std::string_view text, std::uint64_t min, std::uint64_t max,
                                                std::string_view option, std::string& error);

/// A replay token argument: the token itself, "@FILE" to read it from a file, or
/// "-" to read it from standard input. Surrounding white space is dropped.
std::optional<std::string> read_token_argument(const std::string& arg, std::string& error);

/// Checks, before any search, that `path` can be written as option `option`'s
/// output: not empty, not a directory, its folder exists and is writable, and it
/// is not a scenario name given where a file was meant. `is_scenario` says whether
/// a text names a registered scenario.
bool check_output_path(const std::string& path, std::string_view option, bool (*is_scenario)(const std::string&),
                       std::string& error);

}  // namespace chancheck::detail
