// split_search.hpp: dpor's split search over independent task groups
// (task_groups.hpp). While no object is touched by two groups, phase k explores
// the races of group k only, every other group kept as in the first execution:
// N x classes executions instead of classes^N. Every task's behaviours are
// covered, not every combination of them. The first execution that shows the
// groups touching each other (or other groups than the first) turns the split
// off, and the search starts again over every combination; the runs before the
// restart count among its executions, and its coverage sentence says how many.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/dpor/decision_tree.hpp>

namespace chancheck::detail {

/// The phases of the split search, and the races it keeps for later phases.
class split_search {
 public:
  /// `on`: split while the groups stay independent (dpor_split).
  explicit split_search(bool on) : on_(on) {}

  /// True while the search is split.
  bool on() const { return on_; }
  /// True when the split was used: exhaustive then means every group's classes.
  bool used() const { return on_ && groups_ >= 2; }
  /// The group and whether it is fixed in this phase, for a select choice made
  /// after the last step of `live`.
  void choice_group(const execution_record* live, std::uint32_t& group, bool& fixed) const;

  /// Checks that the groups of the finished execution `r` are independent and
  /// the first execution's; if not, turns the split off. False when the search
  /// must start again (races of other groups were skipped so far): `r` is then
  /// not to be analysed.
  bool check_groups(const execution_record& r, decision_tree& tree);
  /// After `r`'s races were added: the first execution's decisions are where
  /// every other group's phase starts.
  void after_analysis(const decision_tree& tree);

  /// The group of the race at step i; false when the race is not for this
  /// phase nor to be kept for a later one (a later execution of that group's
  /// phase finds it).
  bool race_group(std::size_t i, std::uint32_t& group) const {
    group = on_ && i < step_group_.size() ? step_group_[i] : phase_;
    return group == phase_ || split_runs_ == 1;
  }
  /// The group whose phase is under way, and how many groups there are (1 when not split).
  std::uint32_t phase() const { return phase_; }
  std::uint32_t groups() const { return on_ ? groups_ : 1; }
  /// True when a race of `group` is for the phase under way.
  bool current(std::uint32_t group) const { return group == phase_; }
  /// Keeps option o (or every option) of decision d for group's phase.
  void defer(std::uint32_t group, std::int32_t d, std::uint32_t o);

  /// True, once, when check_groups() asked to start again.
  bool take_restart();
  /// Moves the tree to the next group's phase: the first execution's
  /// decisions, with that group's races of it to explore. False when no group
  /// is left (or the search is not split).
  bool next_phase(decision_tree& tree);

  /// The coverage sentence: the split's, or the restart's (the runs before it
  /// count among the executions); "" when the search was never split.
  std::string summary() const;

  /// Appends the state a checkpoint needs between executions (step_group_ and
  /// roots_ are rebuilt by each execution's check_groups()).
  void save(search_state_writer& out) const;
  /// Restores what save() wrote.
  void restore(search_state_reader& in);

 private:
  bool on_;
  bool restart_ = false;
  std::uint32_t phase_ = 0;
  std::uint32_t groups_ = 1;
  std::vector<std::uint32_t> step_group_;
  std::uint64_t split_runs_ = 0;
  std::uint64_t restarted_after_ = 0;           // runs before the search started again over every combination
  decision_tree::stack first_stack_;            // the first run's decisions
  std::vector<trace_loc> roots_, first_roots_;  // where each group's first task was started
  std::vector<std::vector<std::pair<std::int32_t, std::uint32_t>>> deferred_;  // per group: (decision, option)
  std::deque<std::string> restored_files_;  // the files of first_roots_ read from a checkpoint
};

}  // namespace chancheck::detail
