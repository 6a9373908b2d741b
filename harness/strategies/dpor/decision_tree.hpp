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
#include <utility>
#include <vector>

#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/dpor/option_pool.hpp>
#include <chancheck/harness/strategies/dpor/reversal_reach.hpp>
#include <chancheck/harness/strategies/search_state.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

/// The decisions of dpor's search, with backtrack and sleep sets.
///
/// Storage is flat: the nodes are one vector, and what each holds (its options,
/// its sleepers and their accesses) lies in pools shared by the whole stack, in
/// stack order, so popping a node truncates them and a search allocates nothing
/// per step once the pools have grown to the deepest execution. A decision's
/// options are a bit set (option_pool.hpp); its backtrack set is the options
/// explored (the chosen one and the explored sleepers) and its marks, a sorted
/// list of (decision, option) for the whole stack, or every option.
class decision_tree {
 public:
  /// A process asleep; its transition touched accesses_[access, access + count),
  /// and one side `side` of a two-sided object (0: none, or both). The side can
  /// change under steps its transition does not depend on (a wait group's decrement
  /// becomes the one that panics): the process then has a new transition, awake.
  struct sleeper {
    std::int32_t proc;
    std::uint32_t access;
    std::uint32_t count;
    std::uint32_t side = 0;
  };

  /// One decision. Its pooled data: options in the option pool (task decisions);
  /// sleepers at [sleepers, + sleep_count): the sleep set when it was reached, then
  /// explored_count transitions of branches already explored; the chosen branch's
  /// accesses at chosen_[chosen_access, + chosen_count).
  struct node {
    bool is_choice = false;            ///< a select's choice (else: which process runs)
    bool every = false;                ///< every option is in the backtrack set (task decisions)
    std::uint32_t n = 0;               ///< how many options
    std::uint32_t chosen = 0;          ///< the branch taken
    std::int32_t chosen_proc = 0;      ///< its process (task decisions)
    bool fixed = false;                ///< a choice of a group the split search is not exploring now
    std::uint32_t group = 0;           ///< a choice: the group of the task that chose
    bool access_once = false;          ///< the chosen accesses are taken from each branch's first execution only
    bool access_seen = false;          ///< the chosen accesses hold the chosen branch's
    option_span options;               ///< its options in the option pool
    std::uint32_t sleepers = 0;        ///< first sleeper in the pool
    std::uint32_t sleep_count = 0;     ///< sleepers of the sleep set when reached
    std::uint32_t explored_count = 0;  ///< explored transitions after them
    std::uint32_t accesses = 0;        ///< the access pool's size when the node was made
    std::uint32_t chosen_access = 0;   ///< first access of the chosen step in the chosen pool
    std::uint32_t chosen_count = 0;    ///< how many
    std::uint32_t pending = 0;         ///< options in the backtrack set not yet explored (asleep or not)
    std::uint32_t side = 0;            ///< the side the chosen branch's step touched (live_execution::next_side)
  };

  /// An option in the backtrack set of a decision, beside those explored.
  struct mark {
    std::uint32_t node;    ///< the decision
    std::uint32_t option;  ///< the option's index
    std::int32_t proc;     ///< its process
    /// What the reversals that count on it touch; opaque (never dropped) unless told.
    reversal_reach reach = {true, {}};
    friend bool operator<(const mark& a, const mark& b) {
      return a.node != b.node ? a.node < b.node : a.option < b.option;
    }
  };

  /// The decisions and their pools: what the split search keeps of the first execution.
  struct stack {
    std::vector<node> nodes;
    option_pool options;      ///< task decisions' options
    std::vector<mark> marks;  ///< sorted by decision, then option
    std::vector<sleeper> sleepers;
    std::vector<std::uint32_t> accesses;  ///< explored transitions' accesses
    std::vector<std::uint32_t> chosen;    ///< chosen steps' accesses
  };

  /// The option index add_backtrack() takes to mean every option.
  static constexpr std::uint32_t every_option = UINT32_MAX;

  /// Starts replaying the stack from its first decision.
  void begin_execution();
  /// Picks the process that runs among `options` at the next decision, after
  /// waking the sleepers that the steps of `live` since the last one depend on,
  /// and those whose side `engine` says changed; options.size() when the scenario
  /// diverged (error() set) or every option sleeps (prune).
  std::uint32_t pick_task(std::span<const std::int32_t> options, const execution_record* live,
                          const live_execution* engine);
  /// True when `proc`, the only process that can move now, sleeps (after waking
  /// the sleepers that the steps of `live` since the last check depend on): every
  /// continuation is equivalent to one explored before (Godefroid's sleep-set
  /// blocking, with one option).
  bool lone_sleeps(std::int32_t proc, const execution_record& live, const live_execution* engine) {
    filter_sleep(live);
    wake_changed(engine);
    return asleep(sleep_.data(), sleep_.size(), proc);
  }
  /// Picks among n ready select cases at the next decision; `group` and `fixed`
  /// describe a new decision (the split search); n when the scenario diverged.
  std::uint32_t pick_choice(std::uint32_t n, std::uint32_t group, bool fixed);
  /// How many decisions of the execution under way were taken.
  std::size_t position() const { return pos_; }
  /// True while the execution replays decisions of an earlier one.
  bool replaying() const { return pos_ < s_.nodes.size(); }
  /// Why the last pick failed, or "".
  const std::string& error() const { return error_; }

  /// Records what each decision's chosen step in `r` touched (sleep sets need it).
  void record_accesses(const execution_record& r);
  /// Moves to the next unexplored branch, popping exhausted decisions; false when none is left.
  bool advance();

  /// True when decision d exists and picks a process.
  bool is_task_decision(std::int32_t d) const {
    return d >= 0 && static_cast<std::size_t>(d) < s_.nodes.size() && !s_.nodes[static_cast<std::size_t>(d)].is_choice;
  }
  /// The first option of task decision d whose process is among the first `lead`
  /// of `initials` (in their order), or every_option; `covered` when one of all
  /// `initials` is already in its backtrack set or asleep there.
  std::uint32_t source_option(std::int32_t d, const std::vector<std::int32_t>& initials, std::size_t lead,
                              bool& covered) const;
  /// The option of task decision d whose process is `proc`, or every_option.
  std::uint32_t option_of(std::int32_t d, std::int32_t proc) const {
    const node& x = s_.nodes[static_cast<std::size_t>(d)];
    const std::uint32_t o = s_.options.index_of(x.options, proc);
    return o < x.n ? o : every_option;
  }
  /// Adds option o (or every_option) of task decision d to its backtrack set, for
  /// the reversal `reach` (nullptr: one the branch can never be dropped for).
  void add_backtrack(std::int32_t d, std::uint32_t o, const reversal_reach* reach = nullptr);
  /// A race covered at task decision d by a branch still to explore there for one of
  /// `initials` counts on that branch: its reversal `reach` joins the branch's.
  void rely(std::int32_t d, const std::vector<std::int32_t>& initials, const reversal_reach& reach);

  /// The part of this tree's search done once the last execution ended, 0 to 1:
  /// Knuth's estimate along the current path (path_estimate.hpp), taking every
  /// branch known now at a decision (explored, or in its backtrack set and awake)
  /// to lead to a subtree of the same size. Races found later add branches, so it
  /// can go down as well as up.
  double explored_fraction() const;

  /// The decisions of the last execution, with their pools.
  const stack& decisions() const { return s_; }
  /// How many decisions the last execution has.
  std::size_t size() const { return s_.nodes.size(); }
  /// Decision d of the last execution (d < size()).
  node& node_at(std::size_t d) { return s_.nodes[d]; }
  /// Keeps the first `n` decisions only.
  void truncate(std::size_t n);
  /// Forgets every decision: the next execution starts a new search.
  void clear() { truncate(0); }
  /// Unfixes every choice (the split search is off).
  void unfix_all();
  /// Restarts from `first`'s decisions with nothing explored but their chosen
  /// branches, and the select choices of every group but `group` fixed.
  void restart_from(const stack& first, std::uint32_t group);

  /// Appends `s`'s decisions to a checkpoint's state.
  static void save_nodes(search_state_writer& out, const stack& s);
  /// Reads decisions save_nodes() wrote (a misshapen one fails `in`).
  static stack read_nodes(search_state_reader& in);
  /// Appends the decisions (between executions the rest is scratch of the next execution).
  void save(search_state_writer& out) const { save_nodes(out, s_); }
  /// Restores what save() wrote.
  void restore(search_state_reader& in) { s_ = read_nodes(in); }

 private:
  static bool asleep(const sleeper* s, std::size_t n, std::int32_t proc);
  /// True when `proc` is in the sleep set node x was reached with.
  bool asleep_at(const node& x, std::int32_t proc) const {
    return asleep(s_.sleepers.data() + x.sleepers, x.sleep_count, proc);
  }
  /// True when `proc` is among the transitions explored at node x of `s` before its chosen one.
  static bool explored_in(const stack& s, const node& x, std::int32_t proc) {
    return asleep(s.sleepers.data() + x.sleepers + x.sleep_count, x.explored_count, proc);
  }
  /// True when option o (process proc) of node x was explored or is under way.
  bool done_at(const node& x, std::uint32_t o, std::int32_t proc) const {
    return o == x.chosen || explored_in(s_, x, proc);
  }
  /// The marks of decision d: [first, last) of s_.marks.
  std::pair<std::size_t, std::size_t> marks_of(std::uint32_t d) const;
  /// The mark of option o of decision d (process proc), or s_.marks.end().
  std::vector<mark>::iterator find_mark(std::uint32_t d, std::uint32_t o, std::int32_t proc);
  /// True when option o of decision d is in its backtrack set.
  bool in_backtrack(std::uint32_t d, std::uint32_t o, std::int32_t proc) const;
  /// Calls f(option, process) for each option of node x (decision d) that its
  /// backtrack set holds, not explored and awake, in order, until f returns true.
  template <class F>
  void for_each_awake(std::uint32_t d, const node& x, F f) const;
  /// The first option of node x (decision d) past those explored that its
  /// backtrack set holds and that is awake, with its process, or x.n.
  std::uint32_t next_branch(std::uint32_t d, const node& x, std::int32_t& proc) const;
  /// How many options of node x (decision d) its backtrack set holds that are
  /// neither explored nor asleep.
  std::uint32_t awake_pending(std::uint32_t d, const node& x) const;
  /// Wakes the sleepers that a step executed since the last decision depends on.
  void filter_sleep(const execution_record& live);
  /// Wakes the sleepers whose side `engine` says is not the one they slept with:
  /// each has a new transition.
  void wake_changed(const live_execution* engine);
  /// True when sleeper z's transition conflicts with accesses acc[0, count).
  bool conflicts_with(const sleeper& z, const std::uint32_t* acc, std::uint32_t count) const;
  /// True when option o of decision d (node x) is a mark whose reversals a task
  /// asleep at d, whose step touches nothing, can all start (reversal_reach.hpp);
  /// the mark is then erased.
  bool drop_covered(std::uint32_t d, const node& x, std::uint32_t o, std::int32_t proc);
  /// Records the chosen branch of the top decision as explored.
  void push_explored(node& x);
  /// Drops the top decision and its pooled data.
  void pop();

  stack s_;
  std::vector<sleeper> sleep_;                 ///< the sleep set now
  std::vector<std::int64_t> step_of_;          ///< scratch of record_accesses: per decision, its step
  std::vector<std::uint32_t> chosen_next_;     ///< scratch of record_accesses: the chosen pool rebuilt
  mutable std::vector<std::int32_t> decoded_;  ///< scratch: a decision's options, listed
  std::size_t pos_ = 0;
  std::size_t filtered_ = 0;
  std::size_t armed_seen_ = 0;
  std::string error_;
};

}  // namespace chancheck::detail
