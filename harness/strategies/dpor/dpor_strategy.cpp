// dpor_strategy.cpp: dynamic partial-order reduction with sleep sets, and its
// factory.
//
// Flanagan & Godefroid, "Dynamic partial-order reduction for model checking
// software", POPL 2005, with source sets (Abdulla, Aronis, Jonsson, Sagonas,
// "Optimal dynamic partial order reduction", POPL 2014) and sleep sets
// (Godefroid, LNCS 1032, 1996). Processes are the tasks and the timers; the
// engine records the step log (what each step touched) for it. After each
// execution the race detector (race_detector.hpp, over vector_clocks.hpp and
// timer_order.hpp) finds its races; each adds a backtrack point to the decision
// tree (decision_tree.hpp), which also keeps the sleep sets. By default the
// tasks are split into independent groups explored one after another
// (split_search.hpp, task_groups.hpp). A sharded search expands the first
// decision fully and splits its branches between the shards (shard_frontier.hpp),
// without the split.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/record/trace.hpp>
#include <chancheck/harness/strategies/dpor/decision_tree.hpp>
#include <chancheck/harness/strategies/dpor/race_detector.hpp>
#include <chancheck/harness/strategies/dpor/shard_frontier.hpp>
#include <chancheck/harness/strategies/dpor/split_search.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

namespace {

/// The dpor strategy: the decision tree driven by the races of each execution.
class dpor_strategy final : public strategy {
 public:
  dpor_strategy(bool split, bool frontier, shard_slice slice) : split_(split), frontier_(frontier, slice) {}

  bool begin_execution() override {
    if (started_ && !advance()) {
      done_ = true;
      return false;
    }
    started_ = true;
    tree_.begin_execution();
    return true;
  }

  bool wants_steps() const override { return true; }
  /// A task that is the only one that can move, and sleeps, ends the execution as
  /// redundant, as a decision whose options all sleep does: every way on repeats an
  /// explored class (without the check the execution ran on to its end, a
  /// duplicate counted as a class; docs/exploration.md, "Redundant executions").
  /// The shard frontier's extra root branches end there too.
  bool checks_lone_options() const override { return true; }
  bool lone_option_redundant(std::int32_t proc) override { return live_ && tree_.lone_sleeps(proc, *live_, engine_); }
  void attach(const execution_record* live, const live_execution* engine) override {
    if (live) live_ = live;
    engine_ = engine;
  }

  std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t) override {
    if (frontier_.cut(tree_)) return static_cast<std::uint32_t>(options.size());  // a probe ends here
    return tree_.pick_task(options, live_, engine_);
  }

  /// A select's choice among ready cases: every alternative is explored.
  std::uint32_t pick(decision_kind, std::uint32_t n) override {
    std::uint32_t group = 0;
    bool fixed = false;
    if (!tree_.replaying()) split_.choice_group(live_, group, fixed);
    return tree_.pick_choice(n, group, fixed);
  }

  void end_execution() override {
    if (!live_ || !tree_.error().empty()) return;
    if (!frontier_.finish(tree_, *live_)) return;
    if (!split_.check_groups(*live_, tree_)) return;
    const execution_record& r = *live_;
    tree_.record_accesses(r);
    reversal_reach::makers(r, makes_);
    races_.analyse(r, [&](std::size_t i, std::size_t j_end, std::int32_t proc_j, clock_ref vcj) {
      add_race(r, i, j_end, proc_j, vcj);
    });
    split_.after_analysis(tree_);
  }

  bool counted() const override { return frontier_.counted(); }
  bool exhausted() const override { return done_; }
  /// The tree's estimate; with the split, each group's phase counts as an equal part.
  /// A shard cannot tell: its tree holds the other shards' probes.
  double explored_estimate() const override {
    if (done_) return 1;
    if (frontier_.on() || !started_) return -1;
    return (split_.phase() + tree_.explored_fraction()) / split_.groups();
  }
  std::string error() const override { return tree_.error(); }
  std::string summary() const override { return split_.summary(); }
  coverage_kind coverage() const override {
    return split_.used() ? coverage_kind::per_task_group : coverage_kind::one_per_class;
  }
  bool resumable() const override { return true; }
  /// The decision tree, the split search and the shard frontier; the race
  /// detector's clocks and the live record belong to one execution.
  void save(search_state_writer& out) const override {
    out.u64(started_ | done_ << 1);
    tree_.save(out);
    split_.save(out);
    frontier_.save(out);
  }
  bool restore(search_state_reader& in) override {
    const std::uint64_t flags = in.below(3);
    started_ = flags & 1, done_ = flags & 2;
    tree_.restore(in);
    split_.restore(in);
    frontier_.restore(in);
    return in.done();
  }

 private:
  /// Moves to the next unexplored branch, or the next group's phase; false when none is left.
  bool advance() {
    if (split_.take_restart()) {
      tree_.clear();
      return true;
    }
    if (frontier_.on()) return frontier_.advance(tree_);
    if (tree_.advance()) return true;
    while (split_.next_phase(tree_))
      if (tree_.advance()) return true;
    return false;
  }

  /// Adds a backtrack point for the race (i, j): at the decision before step i,
  /// a process whose step starts the reversed order v (the process of v's first
  /// step when it can run there, else one of the race's own), unless one is
  /// already there (source sets), or every option when none of them can run there
  /// (Flanagan & Godefroid). A race of another group than the split search's
  /// phase is kept for that group's phase.
  ///
  /// When step i is a task's and only timers start the reversed order, none of
  /// which can fire at that decision, and each is held there (armed, waiting for
  /// no timer still armed: timer_order::held_at), nothing is added: such a timer
  /// fires only once every task waits (time mode exact; a ticker past its early
  /// ticks), and step i's task, ready to take it, stays ready until it has. So no
  /// execution from that decision has the timer first, and every option there
  /// only repeated classes (docs/exploration.md, "Redundant executions"). A timer
  /// that waits for an earlier one may fire once that one has, or was stopped:
  /// when v is that timer's firing alone, an earlier timer it waits for that can
  /// fire at the decision starts the reversal (predecessor_option), else every
  /// option stays.
  void add_race(const execution_record& r, std::size_t i, std::size_t j_end, std::int32_t proc_j, clock_ref vcj) {
    const std::int32_t d = r.step_log[i].decision;
    std::uint32_t group = 0;
    if (!tree_.is_task_decision(d) || !split_.race_group(i, group)) return;
    bool covered = false;
    const std::vector<std::int32_t>& initials = races_.clocks().initials(i, j_end, proc_j, vcj);
    const std::size_t lead = races_.clocks().lead();
    std::uint32_t o = tree_.source_option(d, initials, lead, covered);
    if (o == decision_tree::every_option && r.step_log[i].proc >= 0 &&
        std::all_of(initials.begin(), initials.begin() + static_cast<std::ptrdiff_t>(lead), [&](std::int32_t q) {
          return q < 0 &&
                 (races_.timers().held_at(proc_timer(q), i) || races_.timers().quiet_only_at(proc_timer(q), i));
        }))
      return;  // only held timers start the reversal: none can fire before step i (above)
    // The branch starts v's first step when it can run there, as the wakeup sequence
    // for v would: then a later race whose v starts there too finds it covered. (Any
    // initial of v makes a source set; the race's own would often be a second
    // branch to the same classes, a run cut short where every task left sleeps.)
    // When none of the race's own can run there, v may not run from there at all
    // (its j waits for a step before i): every option stays, as before.
    if (o == decision_tree::every_option && lead == 1 && initials[0] < 0 && races_.clocks().reversal_steps().empty())
      o = predecessor_option(d, i, initials[0]);
    if (const std::uint32_t first = tree_.option_of(d, races_.clocks().first_initial());
        first != decision_tree::every_option && o != decision_tree::every_option)
      o = first;
    if (!split_.current(group)) {
      split_.defer(group, d, o);
      return;
    }
    reach_ = {};
    reach_.add(r, races_.clocks().reversal_steps(), j_end, proc_j, makes_);
    if (!covered)
      tree_.add_backtrack(d, o, &reach_);
    else
      tree_.rely(d, initials, reach_);
  }

  /// The reversal of a race whose v is one timer's firing, which cannot fire at
  /// decision d: the option at d of a timer it waits for, still armed at step i,
  /// that can fire there (it must fire first, so it starts the reversal), or
  /// every option when none can.
  std::uint32_t predecessor_option(std::int32_t d, std::size_t i, std::int32_t q) {
    races_.timers().armed_predecessors(proc_timer(q), i, preds_);
    for (const std::uint64_t p : preds_)
      if (const std::uint32_t o = tree_.option_of(d, timer_proc(races_.timers().chain_of(p)));
          o != decision_tree::every_option)
        return o;
    return decision_tree::every_option;
  }

  std::vector<std::uint64_t> preds_;  // scratch of predecessor_option
  reversal_reach reach_;              // scratch of add_race
  std::vector<char> makes_;           // per step of the execution analysed: it made a task, object or timer
  decision_tree tree_;
  race_detector races_;
  split_search split_;
  shard_frontier frontier_;
  const execution_record* live_ = nullptr;
  const live_execution* engine_ = nullptr;  // while an execution runs
  bool started_ = false;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<strategy> make_dpor_strategy(const explore_options& options) {
  // The split's later phases start from what the first one learnt: a sharded search explores without it.
  return std::make_unique<dpor_strategy>(options.dpor_split && !options.sharded(), options.sharded(),
                                         shard_slice::of(options));
}

}  // namespace chancheck::detail
