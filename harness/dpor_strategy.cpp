// dpor_strategy.cpp: dynamic partial-order reduction with sleep sets.
//
// Flanagan & Godefroid, "Dynamic partial-order reduction for model checking
// software", POPL 2005; sleep sets after Godefroid, "Partial-Order Methods for the
// Verification of Concurrent Systems", LNCS 1032, 1996.
//
// Processes are the tasks plus the clock (-1), whose steps fire timers. Two steps
// are dependent when they touch a common object (a channel, a context's done
// channel, a lock ...; a select touches every channel it names). After each
// execution, vector clocks over its step log give happens-before (program order,
// spawn, wake-up, and dependent steps in order); for every step j, the last
// earlier dependent step i of another process that does not happen before j is
// a race, and the decision before i gets proc(j) in its backtrack set (or every
// option, when proc(j) could not run there). Select choices are data choices:
// every alternative is explored.
//
// Sleep sets: once a branch of a decision has been explored, its process sleeps
// in the later branches until a step dependent with its transition runs; an
// execution that reaches a decision where every option sleeps is redundant and
// is pruned.
//
// Deviation: the virtual clock's value is not an object, so reading now() is not
// a dependency; scenarios that branch on the clock's value should use dfs.
#include <algorithm>
#include <string>

#include "harness/strategy.hpp"
#include "harness/trace.hpp"

namespace chancheck {

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
};

bool intersects(const std::vector<std::uint32_t>& a, const std::uint32_t* b, std::uint32_t nb) {
  for (auto x : a)
    for (std::uint32_t i = 0; i < nb; ++i)
      if (x == b[i]) return true;
  return false;
}

class dpor_strategy final : public strategy {
 public:
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
    stack_.push_back(std::move(x));
    ++pos_;
    return 0;
  }

  void end_execution() override {
    if (!live_ || !error_.empty()) return;
    analyse(*live_);
  }

  bool exhausted() const override { return done_; }
  std::string error() const override { return error_; }

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
      sleep_.erase(std::remove_if(sleep_.begin(), sleep_.end(),
                                  [&](const sleeper& z) { return z.proc == st.proc || intersects(z.access, acc, count); }),
                   sleep_.end());
    }
  }

  /// Moves to the next unexplored branch; false when none is left.
  bool advance() {
    while (!stack_.empty()) {
      node& x = stack_.back();
      if (x.is_choice) {
        if (x.chosen + 1 < x.n) {
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
    return false;
  }

  void add_backtrack(std::int32_t decision, std::int32_t proc) {
    if (decision < 0 || static_cast<std::size_t>(decision) >= stack_.size()) return;
    node& x = stack_[decision];
    if (x.is_choice) return;
    for (std::uint32_t o = 0; o < x.n; ++o)
      if (x.options[o] == proc) {
        x.backtrack[o] = 1;
        return;
      }
    std::fill(x.backtrack.begin(), x.backtrack.end(), 1);
  }

  /// Race detection over the finished execution (vector clocks).
  void analyse(const execution_record& r) {
    const auto& log = r.step_log;
    const std::size_t nprocs = r.tasks.size() + 1;  // tasks, then the clock
    auto pidx = [&](std::int32_t p) { return p >= 0 ? static_cast<std::size_t>(p) : nprocs - 1; };
    vc_.assign(log.size() * nprocs, 0);
    last_of_proc_.assign(nprocs, -1);
    std::size_t nobj = r.objects.size() + 1;
    last_access_.assign(nobj, -1);
    std::vector<std::uint32_t> local(nprocs, 0);
    // Record what each decision's chosen step touched (sleep sets need it).
    for (std::size_t j = 0; j < log.size(); ++j) {
      const auto& st = log[j];
      if (st.decision >= 0 && static_cast<std::size_t>(st.decision) < stack_.size()) {
        auto& ca = stack_[st.decision].chosen_access;
        ca.assign(r.access.begin() + st.access_begin, r.access.begin() + st.access_begin + st.access_count);
      }
    }
    // A step's clock before its dependent steps are joined: program order, spawn, wake-up.
    auto base_clock = [&](const trace_step& st, std::uint32_t* vc) {
      std::size_t p = pidx(st.proc);
      auto join = [&](std::int64_t i) {
        if (i < 0) return;
        const std::uint32_t* o = &vc_[static_cast<std::size_t>(i) * nprocs];
        for (std::size_t k = 0; k < nprocs; ++k) vc[k] = std::max(vc[k], o[k]);
      };
      join(last_of_proc_[p]);
      if (last_of_proc_[p] < 0 && st.proc > 0) join(r.tasks[st.proc].created_step);
      join(st.woken_by);
    };
    // The latest racing step: a dependent step of another process not ordered before st.
    auto latest_race = [&](const trace_step& st, const std::uint32_t* vc) {
      std::size_t p = pidx(st.proc);
      std::int64_t race = -1;
      for (std::uint32_t a = 0; a < st.access_count; ++a) {
        std::uint32_t obj = r.access[st.access_begin + a];
        if (obj >= nobj || last_access_[obj] < 0) continue;
        std::int64_t i = last_access_[obj];
        std::size_t q = pidx(log[i].proc);
        if (q != p && vc_[static_cast<std::size_t>(i) * nprocs + q] > vc[q]) race = std::max(race, i);
      }
      if (race >= 0) add_backtrack(log[race].decision, st.proc);
    };
    for (std::size_t j = 0; j < log.size(); ++j) {
      const trace_step& st = log[j];
      std::size_t p = pidx(st.proc);
      std::uint32_t* vc = &vc_[j * nprocs];
      base_clock(st, vc);
      vc[p] = ++local[p];
      latest_race(st, vc);
      for (std::uint32_t a = 0; a < st.access_count; ++a) {
        std::uint32_t obj = r.access[st.access_begin + a];
        if (obj >= nobj) continue;
        if (last_access_[obj] >= 0) {
          const std::uint32_t* o = &vc_[static_cast<std::size_t>(last_access_[obj]) * nprocs];
          for (std::size_t k = 0; k < nprocs; ++k) vc[k] = std::max(vc[k], o[k]);
        }
        last_access_[obj] = static_cast<std::int64_t>(j);
      }
      last_of_proc_[p] = static_cast<std::int64_t>(j);
    }
    // Steps that could still have run when the execution stopped early race too.
    std::vector<std::uint32_t> pvc(nprocs);
    for (const trace_step& st : r.pending_steps) {
      std::fill(pvc.begin(), pvc.end(), 0);
      base_clock(st, pvc.data());
      latest_race(st, pvc.data());
    }
  }

  std::vector<node> stack_;
  std::vector<sleeper> sleep_;
  std::size_t pos_ = 0;
  std::size_t filtered_ = 0;
  const execution_record* live_ = nullptr;
  bool started_ = false;
  bool done_ = false;
  std::string error_;
  std::vector<std::uint32_t> vc_;
  std::vector<std::int64_t> last_of_proc_, last_access_;
};

}  // namespace

std::unique_ptr<strategy> make_dpor_strategy() { return std::make_unique<dpor_strategy>(); }

}  // namespace chancheck
