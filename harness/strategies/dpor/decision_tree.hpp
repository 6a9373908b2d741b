// decision_tree.hpp: dpor's backtracking state. The decisions of the current
// execution, each with the options it offered, the one taken, the backtrack set
// still to explore, and sleep sets.
//
// Stateless search (Godefroid, "Model checking for programming languages using
// VeriSoft", POPL 1997): every execution re-runs from the start, replaying the
// decisions on the stack and extending it past its end. Backtrack sets grow from
// the races found after each execution (Flanagan & Godefroid, POPL 2005): at the
// decision before the first step of a race, one process that starts the
// reversed order, as in source-DPOR (Abdulla, Aronis, Jonsson, Sagonas, "Optimal
// dynamic partial order reduction", POPL 2014), or every option when none can.
// Sleep sets (Godefroid, "Partial-Order Methods for the Verification of
// Concurrent Systems", LNCS 1032, 1996): once a branch of a decision has been
// explored, its process sleeps in the later branches until a step dependent
// with its transition runs; an execution that reaches a decision where every
// option sleeps is redundant and is pruned. Select choices are data choices:
// every alternative is explored.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/search_state.hpp>

namespace chancheck::detail {

/// The decisions of dpor's search, with backtrack and sleep sets.
class decision_tree {
 public:
  /// A process asleep, with what its sleeping transition touched.
  struct sleeper {
    std::int32_t proc;
    std::vector<std::uint32_t> access;
  };

  /// One decision.
  struct node {
    bool is_choice = false;                     ///< a select's choice (else: which process runs)
    std::uint32_t n = 0;                        ///< how many options
    std::vector<std::int32_t> options;          ///< task decisions: the processes
    std::uint32_t chosen = 0;                   ///< the branch taken
    std::vector<std::uint8_t> backtrack, done;  ///< per option: to explore, explored
    std::vector<sleeper> sleep;                 ///< the sleep set when the node was reached
    std::vector<sleeper> explored;              ///< transitions of branches already explored
    std::vector<std::uint32_t> chosen_access;   ///< what the chosen branch's step touched
    bool fixed = false;                         ///< a choice of a group the split search is not exploring now
    std::uint32_t group = 0;                    ///< a choice: the group of the task that chose
    bool access_once = false;                   ///< chosen_access is taken from each branch's first execution only
    bool access_seen = false;                   ///< chosen_access holds the chosen branch's (with access_once)
  };

  /// The option index add_backtrack() takes to mean every option.
  static constexpr std::uint32_t every_option = UINT32_MAX;

  /// Starts replaying the stack from its first decision.
  void begin_execution();
  /// Picks the process that runs among `options` at the next decision, after
  /// waking the sleepers that the steps of `live` since the last one depend on;
  /// options.size() when the scenario diverged (error() set) or every option
  /// sleeps (prune).
  std::uint32_t pick_task(std::span<const std::int32_t> options, const execution_record* live);
  /// True when `proc`, the only process that can move now, sleeps (after waking
  /// the sleepers that the steps of `live` since the last check depend on): every
  /// continuation is equivalent to one explored before (Godefroid's sleep-set
  /// blocking, with one option).
  bool lone_sleeps(std::int32_t proc, const execution_record& live) {
    filter_sleep(live);
    return asleep(sleep_, proc);
  }
  /// Picks among n ready select cases at the next decision; `group` and `fixed`
  /// describe a new decision (the split search); n when the scenario diverged.
  std::uint32_t pick_choice(std::uint32_t n, std::uint32_t group, bool fixed);
  /// How many decisions of the execution under way were taken.
  std::size_t position() const { return pos_; }
  /// True while the execution replays decisions of an earlier one.
  bool replaying() const { return pos_ < stack_.size(); }
  /// Why the last pick failed, or "".
  const std::string& error() const { return error_; }

  /// Records what each decision's chosen step in `r` touched (sleep sets need it).
  void record_accesses(const execution_record& r);
  /// Moves to the next unexplored branch, popping exhausted decisions; false when none is left.
  bool advance();

  /// True when decision d exists and picks a process.
  bool is_task_decision(std::int32_t d) const {
    return d >= 0 && static_cast<std::size_t>(d) < stack_.size() && !stack_[static_cast<std::size_t>(d)].is_choice;
  }
  /// The first option of task decision d whose process is among `initials` (in
  /// their order), or every_option; `covered` when one of them is already in
  /// its backtrack set.
  std::uint32_t source_option(std::int32_t d, const std::vector<std::int32_t>& initials, bool& covered) const;
  /// Adds option o (or every_option) of task decision d to its backtrack set.
  void add_backtrack(std::int32_t d, std::uint32_t o);

  /// The decisions of the last execution.
  const std::vector<node>& nodes() const { return stack_; }
  /// Decision d of the last execution (d < nodes().size()).
  node& node_at(std::size_t d) { return stack_[d]; }
  /// Keeps the first `n` decisions only.
  void truncate(std::size_t n) { stack_.resize(std::min(n, stack_.size())); }
  /// Forgets every decision: the next execution starts a new search.
  void clear() { stack_.clear(); }
  /// Unfixes every choice (the split search is off).
  void unfix_all();
  /// Restarts from `first`'s decisions with nothing explored but their chosen
  /// branches, and the select choices of every group but `group` fixed.
  void restart_from(const std::vector<node>& first, std::uint32_t group);

  /// Appends `nodes` to a checkpoint's state.
  static void save_nodes(search_state_writer& out, const std::vector<node>& nodes);
  /// Reads nodes save_nodes() wrote (a misshapen one fails `in`).
  static std::vector<node> read_nodes(search_state_reader& in);
  /// Appends the decisions (between executions the rest is scratch of the next execution).
  void save(search_state_writer& out) const { save_nodes(out, stack_); }
  /// Restores what save() wrote.
  void restore(search_state_reader& in) { stack_ = read_nodes(in); }

 private:
  static bool asleep(const std::vector<sleeper>& s, std::int32_t proc);
  /// Wakes the sleepers that a step executed since the last decision depends on.
  void filter_sleep(const execution_record& live);

  std::vector<node> stack_;
  std::vector<sleeper> sleep_;
  std::size_t pos_ = 0;
  std::size_t filtered_ = 0;
  std::size_t armed_seen_ = 0;
  std::string error_;
};

}  // namespace chancheck::detail
