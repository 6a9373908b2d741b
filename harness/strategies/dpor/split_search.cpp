// split_search.cpp: dpor's search of independent task groups one by one (see split_search.hpp).
#include <chancheck/harness/strategies/dpor/split_search.hpp>

#include <algorithm>
#include <string_view>

#include <chancheck/harness/strategies/dpor/task_groups.hpp>

namespace chancheck::detail {

void split_search::choice_group(const execution_record* live, std::uint32_t& group, bool& fixed) const {
  group = 0;
  fixed = false;
  if (on_ && live && !live->step_log.empty()) {
    group = group_of(*live, live->step_log.back().proc);
    fixed = group != phase_;
  }
}

bool split_search::check_groups(const execution_record& r, decision_tree& tree) {
  if (!on_) return true;
  std::uint32_t count = 0;
  bool same_groups = true;
  bool independent = independent_groups(r, step_group_, count, roots_);
  if (independent && split_runs_ > 0) {  // the groups of every run must be the first run's
    same_groups = roots_.size() == first_roots_.size();
    for (std::size_t g = 0; same_groups && g < roots_.size(); ++g)
      same_groups = roots_[g].line == first_roots_[g].line && std::string_view(roots_[g].file) == first_roots_[g].file;
  }
  if (independent && same_groups) {
    groups_ = std::max(groups_, count);
    if (split_runs_ == 0) first_roots_ = roots_;
    ++split_runs_;
    return true;
  }
  // The groups touch each other: explore their product. Races of other groups
  // were skipped in the runs so far, so start again, unless this is the first
  // run: then nothing was skipped yet.
  on_ = false;
  tree.unfix_all();
  if (split_runs_ == 0) return true;
  restart_ = true;
  restarted_after_ = split_runs_ + 1;  // this run too: it is not analysed
  return false;
}

void split_search::after_analysis(const decision_tree& tree) {
  if (on_ && split_runs_ == 1) first_stack_ = tree.decisions();
}

void split_search::defer(std::uint32_t group, std::int32_t d, std::uint32_t o) {
  if (deferred_.size() <= group) deferred_.resize(group + 1);
  deferred_[group].emplace_back(d, o);
}

bool split_search::take_restart() {
  bool r = restart_;
  restart_ = false;
  return r;
}

bool split_search::next_phase(decision_tree& tree) {
  if (!on_ || phase_ + 1 >= groups_) return false;
  ++phase_;
  tree.restart_from(first_stack_, phase_);
  if (phase_ < deferred_.size())
    for (auto [d, o] : deferred_[phase_]) tree.add_backtrack(d, o);
  return true;
}

void split_search::save(search_state_writer& out) const {
  out.u64(on_ | restart_ << 1 | restarted_after_ << 2);
  out.u64(phase_ | std::uint64_t{groups_} << 32);
  out.u64(split_runs_);
  decision_tree::save_nodes(out, first_stack_);
  out.u64(first_roots_.size());
  for (const trace_loc& root : first_roots_) {
    out.str(root.file ? root.file : "");
    out.u64(root.line);
  }
  out.u64(deferred_.size());
  for (const auto& group : deferred_) {
    out.u64(group.size());
    for (auto [d, o] : group) out.u64(static_cast<std::uint32_t>(d) | std::uint64_t{o} << 32);
  }
}

void split_search::restore(search_state_reader& in) {
  const std::uint64_t flags = in.u64(), phases = in.u64();
  on_ = flags & 1, restart_ = flags & 2, restarted_after_ = flags >> 2;
  phase_ = static_cast<std::uint32_t>(phases), groups_ = static_cast<std::uint32_t>(phases >> 32);
  split_runs_ = in.u64();
  first_stack_ = decision_tree::read_nodes(in);
  first_roots_.resize(in.count());
  for (trace_loc& root : first_roots_) {  // the names outlive the search: this object owns them
    root.file = restored_files_.emplace_back(in.str()).c_str();
    root.line = in.u32();
  }
  deferred_.resize(in.count());
  for (auto& group : deferred_) {
    group.resize(in.count());
    for (auto& [d, o] : group) {
      const std::uint64_t w = in.u64();
      d = static_cast<std::int32_t>(static_cast<std::uint32_t>(w)), o = static_cast<std::uint32_t>(w >> 32);
      // A backtrack point of a task decision of the first run: one of its options, or every one.
      const auto& nodes = first_stack_.nodes;
      if (d < 0 || static_cast<std::size_t>(d) >= nodes.size() || nodes[static_cast<std::size_t>(d)].is_choice ||
          (o != decision_tree::every_option && o >= nodes[static_cast<std::size_t>(d)].n))
        in.fail();
    }
  }
}

std::string split_search::summary() const {
  if (restarted_after_ > 0)
    return "dpor split the tasks into independent groups, but execution " + std::to_string(restarted_after_) +
           " showed two of them touching a common object: it started again over every combination, and the " +
           std::to_string(restarted_after_) + " executions before the restart count among its executions";
  if (!used()) return {};
  return "dpor split the tasks into " + std::to_string(groups_) +
         " independent groups (main, and each task main started with its descendants and timers) and explored "
         "each group's interleavings with the others' fixed: every task's behaviours are covered, not every "
         "combination of them (--no-split explores the combinations)";
}

}  // namespace chancheck::detail
