// dpor_strategy.cpp: dynamic partial-order reduction with sleep sets.
//
// Flanagan & Godefroid, "Dynamic partial-order reduction for model checking
// software", POPL 2005; sleep sets after Godefroid, "Partial-Order Methods for the
// Verification of Concurrent Systems", LNCS 1032, 1996.
//
// Processes are the tasks and the timers (each timer's firing is a process of
// one step; a ticker's ticks are one process, named by its first tick). Two steps are dependent when they touch a common object (a channel,
// a context's done channel, a lock ...; a select touches every channel it names)
// and at least one writes it. One pseudo-object is also read: the timers. In
// time mode `any` arming and stopping a timer read the set of armed timers and a
// ticker's re-arming writes it; in `exact` arming and now() read the clock and a
// firing that moves it writes it. A firing happens after its arming and after
// the removal (firing or stop) of the timers it waits for: in `any`, those the
// engine recorded as its predecessors (harness/causal_clock.hpp); in `exact`,
// every timer due earlier, and arming a timer due before one that already fired
// conflicts with that firing. A timer that was stopped could have fired just
// before its stop: its firing is checked for races there.
//
// After each execution, vector clocks over its step log give happens-before
// (program order, spawn, wake-up, timer order, and dependent steps in order);
// for every step j, the last earlier dependent step i of another process that
// does not happen before j is a race (for a write of the pseudo-object, every
// read since the last write), and the decision before i gets a process that
// starts the reversed order, chosen as in source-DPOR (Abdulla, Aronis, Jonsson,
// Sagonas, "Optimal dynamic partial order reduction", POPL 2014): an initial of
// the steps between i and j not ordered after i, then j, unless one is there
// already; when none of them can run there, every option (FG05). Select choices
// are data choices: every alternative is explored.
//
// Sleep sets: once a branch of a decision has been explored, its process sleeps
// in the later branches until a step dependent with its transition runs; an
// execution that reaches a decision where every option sleeps is redundant and
// is pruned.
#include <algorithm>
#include <string>
#include <string_view>

#include <chancheck/harness/strategies/strategy.hpp>
#include <chancheck/harness/strategies/task_groups.hpp>
#include <chancheck/harness/record/trace.hpp>

namespace chancheck::detail {

namespace {

struct sleeper {
  std::int32_t proc;
  std::vector<std::uint32_t> access;
};

struct node {
  bool is_choice = false;
  std::uint32_t n = 0;
  std::vector<std::int32_t> options;  // task decisions: the processes
  std::uint32_t chosen = 0;
  std::vector<std::uint8_t> backtrack, done;
  std::vector<sleeper> sleep;     // the sleep set when the node was reached
  std::vector<sleeper> explored;  // transitions of branches already explored
  std::vector<std::uint32_t> chosen_access;  // what the chosen branch's step touched
  bool fixed = false;  // a choice of a group the split search is not exploring now
  std::uint32_t group = 0;  // a choice: the group of the task that chose
};

/// Two accesses conflict when they name the same object and are not both reads.
bool conflicts(std::uint32_t a, std::uint32_t b) {
  return (a & ~read_access) == (b & ~read_access) && !((a & b) & read_access);
}

bool intersects(const std::vector<std::uint32_t>& a, const std::uint32_t* b, std::uint32_t nb) {
  for (auto x : a)
    for (std::uint32_t i = 0; i < nb; ++i)
      if (conflicts(x, b[i])) return true;
  return false;
}

class dpor_strategy final : public strategy {
 public:
  explicit dpor_strategy(bool split) : split_(split) {}

  bool begin_execution() override {
    if (started_) {
      if (!advance()) {
        done_ = true;
        return false;
      }
    }
    started_ = true;
    pos_ = 0;
    filtered_ = 0;
    armed_seen_ = 0;
    sleep_.clear();
    error_.clear();
    return true;
  }

  bool wants_steps() const override { return true; }
  void attach(const execution_record* live) override {
    if (live) live_ = live;
  }

  std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t) override {
    filter_sleep();
    auto n = static_cast<std::uint32_t>(options.size());
    if (pos_ < stack_.size()) {
      node& x = stack_[pos_++];
      if (x.is_choice || x.n != n || !std::equal(options.begin(), options.end(), x.options.begin())) {
        error_ = "the scenario is not deterministic: decision " + std::to_string(pos_) +
                 " offers other tasks than before; it must not depend on real time, real randomness or "
                 "state kept between runs";
        return n;
      }
      sleep_ = x.sleep;
      sleep_.insert(sleep_.end(), x.explored.begin(), x.explored.end());
      return x.chosen;
    }
    node x;
    x.n = n;
    x.options.assign(options.begin(), options.end());
    x.sleep = sleep_;
    x.backtrack.assign(n, 0);
    x.done.assign(n, 0);
    std::uint32_t k = 0;
    while (k < n && asleep(x.sleep, options[k])) ++k;
    if (k == n) return n;  // every option sleeps: redundant, prune
    x.chosen = k;
    x.backtrack[k] = x.done[k] = 1;
    stack_.push_back(std::move(x));
    ++pos_;
    return k;
  }

  std::uint32_t pick(decision_kind, std::uint32_t n) override {
    // A select's choice among ready cases: every alternative is explored.
    if (pos_ < stack_.size()) {
      node& x = stack_[pos_++];
      if (!x.is_choice || x.n != n) {
        error_ = "the scenario is not deterministic: decision " + std::to_string(pos_) + " changed";
        return n;
      }
      return x.chosen;
    }
    node x;
    x.is_choice = true;
    x.n = n;
    x.sleep = sleep_;
    if (split_ && live_ && !live_->step_log.empty()) {
      x.group = group_of(*live_, live_->step_log.back().proc);
      x.fixed = x.group != phase_;
    }
    stack_.push_back(std::move(x));
    ++pos_;
    return 0;
  }

  void end_execution() override {
    if (!live_ || !error_.empty()) return;
    if (split_) {
      std::uint32_t count = 0;
      bool same_groups = true;
      bool independent = independent_groups(*live_, step_group_, count, roots_);
      if (independent && split_runs_ > 0) {  // the groups of every run must be the first run's
        same_groups = roots_.size() == first_roots_.size();
        for (std::size_t g = 0; same_groups && g < roots_.size(); ++g)
          same_groups = roots_[g].line == first_roots_[g].line && std::string_view(roots_[g].file) == first_roots_[g].file;
      }
      if (!independent || !same_groups) {
        // The groups touch each other: explore their product. Races of other
        // groups were skipped in the runs so far, so start again, unless this
        // is the first run: then nothing was skipped yet.
        split_ = false;
        for (auto& x : stack_) x.fixed = false;
        if (split_runs_ > 0) {
          restart_ = true;
          return;
        }
      } else {
        groups_ = std::max(groups_, count);
        if (split_runs_ == 0) first_roots_ = roots_;
        ++split_runs_;
      }
    }
    analyse(*live_);
    if (split_ && split_runs_ == 1) first_stack_ = stack_;  // where every other group's phase starts
  }

  bool exhausted() const override { return done_; }
  std::string error() const override { return error_; }
  std::string summary() const override {
    if (!split_ || groups_ < 2) return {};
    return "dpor split the tasks into " + std::to_string(groups_) +
           " independent groups (main, and each task main started with its descendants and timers) and explored "
           "each group's interleavings with the others' fixed: every task's behaviours are covered, not every "
           "combination of them (--no-split explores the combinations)";
  }

 private:
  static bool asleep(const std::vector<sleeper>& s, std::int32_t proc) {
    for (const auto& z : s)
      if (z.proc == proc) return true;
    return false;
  }

  /// Wakes the sleepers that a step executed since the last decision depends on.
  void filter_sleep() {
    if (!live_) return;
    const auto& log = live_->step_log;
    // The last step may still be running (its access list grows); steps before it are complete.
    for (; filtered_ < log.size(); ++filtered_) {
      const trace_step& st = log[filtered_];
      const std::uint32_t* acc = live_->access.data() + st.access_begin;
      std::uint32_t count = filtered_ + 1 < log.size() ? st.access_count
                                                        : static_cast<std::uint32_t>(live_->access.size() - st.access_begin);
      // A timer armed in this step that is due before a sleeping timer wakes it.
      bool armed = false;
      for (; armed_seen_ < live_->timer_log.size() &&
             live_->timer_log[armed_seen_].step <= static_cast<std::int32_t>(filtered_);
           ++armed_seen_) {
        const timer_step& t = live_->timer_log[armed_seen_];
        if (t.kind != timer_step::kind_t::arm || live_->causal_time) continue;
        armed = true;
      }
      // (`exact` only; a ticker's process is named by its first tick, so every
      // sleeping timer wakes.)
      auto disabled = [&](std::int32_t proc) { return proc < 0 && armed; };
      sleep_.erase(std::remove_if(sleep_.begin(), sleep_.end(),
                                  [&](const sleeper& z) {
                                    return z.proc == st.proc || disabled(z.proc) || intersects(z.access, acc, count);
                                  }),
                   sleep_.end());
    }
  }

  /// Moves to the next unexplored branch; false when none is left.
  bool advance() {
    if (restart_) {
      restart_ = false;
      stack_.clear();
      return true;
    }
    while (!stack_.empty()) {
      node& x = stack_.back();
      if (x.is_choice) {
        if (!x.fixed && x.chosen + 1 < x.n) {
          ++x.chosen;
          return true;
        }
      } else {
        for (std::uint32_t o = 0; o < x.n; ++o) {
          if (!x.backtrack[o] || x.done[o] || asleep(x.sleep, x.options[o])) continue;
          x.explored.push_back({x.options[x.chosen], x.chosen_access});
          x.chosen = o;
          x.done[o] = 1;
          return true;
        }
      }
      stack_.pop_back();
    }
    // Split search: the next group, from the first run's decisions with that
    // group's races of the first run as backtrack points.
    while (split_ && phase_ + 1 < groups_) {
      ++phase_;
      stack_ = first_stack_;
      for (auto& x : stack_) {
        x.fixed = x.is_choice && x.group != phase_;
        std::fill(x.backtrack.begin(), x.backtrack.end(), 0);
        std::fill(x.done.begin(), x.done.end(), 0);
        if (!x.is_choice) x.backtrack[x.chosen] = x.done[x.chosen] = 1;
      }
      if (phase_ < deferred_.size())
        for (auto [d, o] : deferred_[phase_]) {
          node& x = stack_[static_cast<std::size_t>(d)];
          if (o == UINT32_MAX)
            std::fill(x.backtrack.begin(), x.backtrack.end(), 1);
          else
            x.backtrack[o] = 1;
        }
      if (advance()) return true;
    }
    return false;
  }

  /// Adds a backtrack point for the race (i, j): at the decision before step i,
  /// a process whose step starts the reversed order (an initial of the steps
  /// after i that are not ordered after i but come before j, then j), unless one
  /// is already there (source sets, Abdulla et al. 2014). When none of them can
  /// run there, every option is added (Flanagan & Godefroid 2005).
  void add_race(const execution_record& r, std::size_t i, std::size_t j_end, std::int32_t proc_j,
                const std::uint32_t* vcj) {
    const auto& log = r.step_log;
    std::int32_t decision = log[i].decision;
    if (decision < 0 || static_cast<std::size_t>(decision) >= stack_.size()) return;
    const std::uint32_t group = split_ && i < step_group_.size() ? step_group_[i] : phase_;
    if (group != phase_ && split_runs_ != 1) return;  // another group's race: its own phase finds it
    node& x = stack_[decision];
    if (x.is_choice) return;
    const std::size_t pi = pidx(log[i].proc);
    const std::uint32_t ci = vc_[i * nprocs_ + pi];
    initials_.clear();
    // first_[q]: the local index of process q's first step among those found so
    // far (after i, not after i, before j); a step is an initial when none of
    // them happens before it, and vector clocks say that per process.
    first_.assign(nprocs_, UINT32_MAX);
    seen_procs_.clear();
    auto has_pred = [&](const std::uint32_t* v) {
      for (std::size_t q : seen_procs_)
        if (v[q] >= first_[q]) return true;
      return false;
    };
    for (std::size_t k = i + 1; k < j_end; ++k) {
      const std::uint32_t* vk = &vc_[k * nprocs_];
      const std::size_t pk = pidx(log[k].proc);
      if (vk[pi] >= ci) continue;             // ordered after i
      if (vcj[pk] < vk[pk]) continue;          // not before j
      if (!has_pred(vk)) initials_.push_back(log[k].proc);
      if (first_[pk] == UINT32_MAX) {
        first_[pk] = vk[pk];
        seen_procs_.push_back(pk);
      }
    }
    const bool j_initial = !has_pred(vcj);
    if (j_initial) initials_.push_back(proc_j);
    std::int32_t pick = -1;
    if (j_initial) std::rotate(initials_.begin(), initials_.end() - 1, initials_.end());  // j's own process first
    for (std::int32_t q : initials_)
      for (std::uint32_t o = 0; o < x.n; ++o)
        if (x.options[o] == q) {
          if (x.backtrack[o] && group == phase_) return;  // already covered
          if (pick < 0) pick = static_cast<std::int32_t>(o);
        }
    if (group != phase_) {  // the first run's race of another group: kept for that group's phase
      if (deferred_.size() <= group) deferred_.resize(group + 1);
      deferred_[group].emplace_back(decision, pick >= 0 ? static_cast<std::uint32_t>(pick) : UINT32_MAX);
      return;
    }
    if (pick >= 0)
      x.backtrack[static_cast<std::size_t>(pick)] = 1;
    else
      std::fill(x.backtrack.begin(), x.backtrack.end(), 1);
  }

  std::size_t pidx(std::int32_t p) const {
    return p >= 0 ? static_cast<std::size_t>(p) : ntasks_ + static_cast<std::size_t>(dense_[proc_timer(p)]);
  }

  /// Race detection over the finished execution (vector clocks). Processes are the
  /// tasks and the timers; the clock is a pseudo-object that arming and now() read
  /// and that a firing which moves it writes.
  void analyse(const execution_record& r) {
    const auto& log = r.step_log;
    ntasks_ = r.tasks.size();
    // Timer processes (a ticker's ticks are one) get dense indices after the tasks.
    dense_.assign(r.timers + 1, -1);
    std::size_t nchains = 0;
    auto note = [&](std::int32_t p) {
      if (p >= 0) return;
      std::uint64_t c = proc_timer(p);
      if (c < dense_.size() && dense_[c] < 0) dense_[c] = static_cast<std::int64_t>(nchains++);
    };
    for (const auto& st : log) note(st.proc);
    for (const auto& st : r.pending_steps) note(st.proc);
    for (const auto& t : r.timer_log) note(timer_proc(t.chain));
    nprocs_ = ntasks_ + nchains;
    const std::size_t nprocs = nprocs_;
    vc_.assign(log.size() * nprocs, 0);
    last_of_proc_.assign(nprocs, -1);
    const std::size_t nobj = r.objects.size() + 2;  // ids 1.., then the clock
    const std::size_t clock_slot = nobj - 1;
    last_access_.assign(nobj, -1);
    clock_reads_.clear();
    std::vector<std::uint32_t> local(nprocs, 0);
    auto slot = [&](std::uint32_t a) -> std::size_t {
      std::uint32_t o = a & ~read_access;
      return o == clock_object ? clock_slot : (o < clock_slot ? o : nobj);
    };
    // Timers: where each was armed and its deadline; removals (firings and stops)
    // in order. A timer fires only after every timer due earlier is gone.
    arm_step_.assign(r.timers + 1, -1);
    deadline_.assign(r.timers + 1, 0);
    removed_at_.assign(r.timers + 1, -1);
    arm_entry_.assign(r.timers + 1, 0);
    fired_at_.assign(log.size(), 0);
    last_tick_.assign(r.timers + 1, 0);
    removals_.clear();
    fires_.clear();
    follows_.clear();
    std::size_t next_arm = 0;  // cursor into timer_log for the arms of step j
    for (const timer_step& t : r.timer_log) {
      if (t.id > r.timers) continue;
      if (t.kind == timer_step::kind_t::follow) {
        follows_.push_back(t);
      } else if (t.kind == timer_step::kind_t::arm) {
        if (t.chain <= r.timers) last_tick_[t.chain] = t.id;
        arm_step_[t.id] = t.step;
        deadline_[t.id] = t.deadline;
        arm_entry_[t.id] = static_cast<std::size_t>(&t - r.timer_log.data());
      } else {
        removals_.push_back(t);
        removed_at_[t.id] = t.step;
        if (t.kind == timer_step::kind_t::fire && t.step >= 0 && static_cast<std::size_t>(t.step) < log.size())
          fired_at_[t.step] = t.id;
      }
    }
    // Record what each decision's chosen step touched (sleep sets need it).
    for (std::size_t j = 0; j < log.size(); ++j) {
      const auto& st = log[j];
      if (st.decision >= 0 && static_cast<std::size_t>(st.decision) < stack_.size()) {
        auto& ca = stack_[st.decision].chosen_access;
        ca.assign(r.access.begin() + st.access_begin, r.access.begin() + st.access_begin + st.access_count);
      }
    }
    auto join = [&](std::uint32_t* vc, std::int64_t i) {
      if (i < 0) return;
      const std::uint32_t* o = &vc_[static_cast<std::size_t>(i) * nprocs];
      for (std::size_t k = 0; k < nprocs; ++k) vc[k] = std::max(vc[k], o[k]);
    };
    // A step's clock before its dependent steps are joined: program order, spawn,
    // wake-up, and for a timer its arming and the removal of every earlier timer.
    auto base_clock = [&](const trace_step& st, std::size_t j, std::uint32_t* vc, std::uint64_t id) {
      std::size_t p = pidx(st.proc);
      join(vc, last_of_proc_[p]);
      if (st.proc >= 0) {
        if (last_of_proc_[p] < 0 && st.proc > 0) join(vc, r.tasks[st.proc].created_step);
        join(vc, st.woken_by);
      } else {
        if (id <= r.timers && r.causal_time) {  // its arming, and the removal of its predecessors
          join(vc, arm_step_[id]);
          auto join_preds = [&](const timer_step& a) {
            for (std::uint32_t k = 0; k < a.preds_count; ++k) {
              std::uint64_t q = r.timer_preds[a.preds_begin + k];
              if (q <= r.timers && removed_at_[q] >= 0 && static_cast<std::size_t>(removed_at_[q]) < j)
                join(vc, removed_at_[q]);
            }
          };
          join_preds(r.timer_log[arm_entry_[id]]);
          for (const timer_step& f : follows_)
            if (f.id == id) join_preds(f);
        } else if (id <= r.timers) {  // its arming, and the removal of every timer due earlier
          join(vc, arm_step_[id]);
          for (const timer_step& t : removals_) {
            if (static_cast<std::size_t>(t.step) >= j) break;
            if (t.deadline < deadline_[id]) join(vc, t.step);
          }
        }
      }
    };
    // The steps of other processes that conflict with st and are not ordered before it.
    auto find_races = [&](const trace_step& st, const std::uint32_t* vc, const std::uint32_t* accs) {
      std::size_t p = pidx(st.proc);
      races_.clear();
      std::int64_t latest = -1;
      auto racing = [&](std::int64_t i) {
        if (i < 0) return false;
        std::size_t q = pidx(log[i].proc);
        return q != p && vc_[static_cast<std::size_t>(i) * nprocs + q] > vc[q];
      };
      for (std::uint32_t a = 0; a < st.access_count; ++a) {
        std::uint32_t acc = accs[a];
        std::size_t s = slot(acc);
        if (s >= nobj) continue;
        if (racing(last_access_[s])) latest = std::max(latest, last_access_[s]);
        if (s == clock_slot && !(acc & read_access))
          for (std::int64_t i : clock_reads_)
            if (racing(i)) races_.push_back(i);
      }
      if (latest >= 0) races_.push_back(latest);
    };
    // Arming a timer due before a timer that fired earlier would have kept that
    // one from firing: the two conflict.
    // (`exact` only: in `any` arming adds predecessors to the new timer only.)
    auto arm_conflicts = [&](std::size_t j) {
      arm_conflicts_.clear();
      if (r.causal_time) return;
      for (std::size_t a = next_arm; a < r.timer_log.size() && r.timer_log[a].step <= static_cast<std::int32_t>(j); ++a) {
        const timer_step& t = r.timer_log[a];
        if (t.kind != timer_step::kind_t::arm || t.step != static_cast<std::int32_t>(j)) continue;
        for (const timer_step& f : fires_)
          if (f.deadline > t.deadline) arm_conflicts_.push_back(f.step);
      }
    };
    // Joins the steps st depends on (the last write of each object it touches,
    // and for a clock write the reads since).
    auto join_deps = [&](const trace_step& st, std::uint32_t* vc, const std::uint32_t* accs) {
      for (std::uint32_t a = 0; a < st.access_count; ++a) {
        std::uint32_t acc = accs[a];
        std::size_t s = slot(acc);
        if (s >= nobj) continue;
        join(vc, last_access_[s]);
        if (s == clock_slot && !(acc & read_access))
          for (std::int64_t i : clock_reads_) join(vc, i);
      }
    };
    std::vector<std::uint32_t> pvc(nprocs);
    std::size_t next_stop = 0;  // cursor into timer_log for the stops of step j
    for (std::size_t j = 0; j < log.size(); ++j) {
      const trace_step& st = log[j];
      std::size_t p = pidx(st.proc);
      std::uint32_t* vc = &vc_[j * nprocs];
      base_clock(st, j, vc, st.proc < 0 ? fired_at_[j] : 0);
      vc[p] = ++local[p];
      find_races(st, vc, r.access.data() + st.access_begin);
      arm_conflicts(j);
      for (std::int64_t i : arm_conflicts_) {
        std::size_t q = pidx(log[i].proc);
        if (q != p && vc_[static_cast<std::size_t>(i) * nprocs + q] > vc[q]) races_.push_back(i);
      }
      join_deps(st, vc, r.access.data() + st.access_begin);
      for (std::int64_t i : arm_conflicts_) join(vc, i);
      while (next_arm < r.timer_log.size() && r.timer_log[next_arm].step <= static_cast<std::int32_t>(j)) ++next_arm;
      for (std::int64_t i : races_) add_race(r, static_cast<std::size_t>(i), j, st.proc, vc);
      if (st.proc < 0) {
        std::uint64_t id = fired_at_[j];
        if (id <= r.timers) fires_.push_back(timer_step{timer_step::kind_t::fire, static_cast<std::int32_t>(j), id, deadline_[id]});
      }
      for (std::uint32_t a = 0; a < st.access_count; ++a) {
        std::uint32_t acc = r.access[st.access_begin + a];
        std::size_t s = slot(acc);
        if (s >= nobj) continue;
        if (s == clock_slot && (acc & read_access)) {
          clock_reads_.push_back(static_cast<std::int64_t>(j));
        } else {
          last_access_[s] = static_cast<std::int64_t>(j);
          if (s == clock_slot) clock_reads_.clear();
        }
      }
      last_of_proc_[p] = static_cast<std::int64_t>(j);
      // A timer stopped in this step could have fired instead: its firing races
      // with the stop and the steps before it (Flanagan & Godefroid check the
      // next transition of every process, enabled or not).
      for (; next_stop < r.timer_log.size() && r.timer_log[next_stop].step <= static_cast<std::int32_t>(j); ++next_stop) {
        const timer_step& t = r.timer_log[next_stop];
        if (t.kind != timer_step::kind_t::stop || t.obj == 0 || t.step != static_cast<std::int32_t>(j)) continue;
        trace_step vs;
        vs.proc = timer_proc(t.chain);
        vs.access_count = 1;
        std::fill(pvc.begin(), pvc.end(), 0);
        base_clock(vs, j + 1, pvc.data(), t.id);
        std::size_t q = pidx(vs.proc);
        pvc[q] = local[q] + 1;
        find_races(vs, pvc.data(), &t.obj);
        join_deps(vs, pvc.data(), &t.obj);
        for (std::int64_t i : races_) add_race(r, static_cast<std::size_t>(i), j + 1, vs.proc, pvc.data());
      }
    }
    // Steps that could still have run when the execution stopped early race too.
    for (const trace_step& st : r.pending_steps) {
      std::fill(pvc.begin(), pvc.end(), 0);
      base_clock(st, log.size(), pvc.data(),
                 st.proc < 0 && proc_timer(st.proc) <= r.timers ? last_tick_[proc_timer(st.proc)] : 0);
      std::size_t p = pidx(st.proc);
      pvc[p] = local[p] + 1;
      find_races(st, pvc.data(), r.access.data() + st.access_begin);
      join_deps(st, pvc.data(), r.access.data() + st.access_begin);
      for (std::int64_t i : races_) add_race(r, static_cast<std::size_t>(i), log.size(), st.proc, pvc.data());
    }
  }

  std::vector<node> stack_;
  std::vector<sleeper> sleep_;
  std::size_t pos_ = 0;
  std::size_t filtered_ = 0;
  std::size_t armed_seen_ = 0;
  const execution_record* live_ = nullptr;
  bool started_ = false;
  bool done_ = false;
  std::string error_;
  std::vector<std::uint32_t> vc_;
  std::vector<std::int64_t> last_of_proc_, last_access_, clock_reads_, races_, arm_conflicts_;
  std::vector<std::int64_t> arm_step_;
  std::vector<std::int64_t> deadline_, removed_at_;
  std::vector<std::size_t> arm_entry_;
  std::vector<timer_step> removals_, fires_, follows_;
  std::vector<std::int32_t> initials_;
  std::vector<std::uint32_t> first_;
  std::vector<std::size_t> seen_procs_;
  std::size_t ntasks_ = 0, nprocs_ = 0;
  std::vector<std::int64_t> dense_;      // timer process (by its chain's id) -> index after the tasks
  std::vector<std::uint64_t> fired_at_;  // per step: the timer it fired (0: none)
  std::vector<std::uint64_t> last_tick_;  // per chain: its last armed timer
  // Split search (harness/task_groups.hpp): while the groups stay independent,
  // phase k explores the races of group k only.
  bool split_;
  bool restart_ = false;
  std::uint32_t phase_ = 0;
  std::uint32_t groups_ = 1;
  std::vector<std::uint32_t> step_group_;
  std::uint64_t split_runs_ = 0;
  std::vector<node> first_stack_;  // the first run's decisions
  std::vector<trace_loc> roots_, first_roots_;  // where each group's first task was started
  std::vector<std::vector<std::pair<std::int32_t, std::uint32_t>>> deferred_;  // per group: (decision, option)
};

}  // namespace

std::unique_ptr<strategy> make_dpor_strategy(bool split) { return std::make_unique<dpor_strategy>(split); }

}  // namespace chancheck::detail
