// schedule_token.hpp: the one-line replay token. It holds the scenario's name
// hash, the time mode, the step bound (and the task bound and the tick budget when
// they are not the defaults) and every decision of one execution, with a
// checksum, in a compact text that survives copy and paste:
//   cc2-<base32 payload>
// (cc1- tokens, from before decisions were written as runs, are still read.)
// A token that is malformed, corrupted or made for another scenario is rejected
// with a message that says so.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <chancheck/harness/record/execution_options.hpp>

namespace chancheck::detail {

/// What a token holds.
struct schedule_token {
  std::uint32_t scenario_hash = 0;
  time_mode time = time_mode::any;
  std::uint32_t max_steps = 0;
  /// The task bound (--max-tasks); written only when it is not the default, so
  /// tokens made with the default keep their text.
  std::uint32_t max_tasks = execution_options{}.max_tasks;
  /// The tick budget (--tick-budget); written only when it is not the default.
  std::uint32_t tick_budget = execution_options{}.tick_budget;
  std::vector<std::uint32_t> decisions;

  /// The FNV-1a hash of a scenario name, as stored in tokens.
  static std::uint32_t hash_name(std::string_view name);
  /// The token's text.
  std::string encode() const;
  /// The largest step bound a token may carry (the CLI's --max-steps range).
  static constexpr std::uint64_t max_step_bound = 100000000;
  /// The largest task bound a token may carry (the CLI's --max-tasks range).
  static constexpr std::uint64_t max_task_bound = 1000000;
  /// The largest tick budget a token may carry (the CLI's --tick-budget range).
  static constexpr std::uint64_t max_tick_budget = 64;
  /// The most decisions one step can make, for checking a token's decision count.
  static constexpr std::uint64_t decisions_per_step = 4;

  /// Parses a token; on failure returns false and says why in `error`.
  static bool decode(std::string_view text, schedule_token& out, std::string& error);

 private:
  static bool read_payload(const std::vector<std::uint8_t>& bytes, std::size_t end, bool runs, schedule_token& out,
                           std::string& error);
};

}  // namespace chancheck::detail
