// bounded_strategy.cpp: preemption-bounded exhaustive search.
//
// Musuvathi & Qadeer, "Iterative context bounding for systematic testing of
// multithreaded programs", PLDI 2007 (CHESS). A decision that switches away from
// a task that could go on is a preemption (a timer firing is not); the search
// explores every execution with at most b preemptions, for b = 0, 1, ... up to
// the maximum. Most concurrency bugs need very few preemptions, so they show up
// in the first rounds. Each round re-runs the executions of the rounds before it.
// The search is exhaustive when a round cut nothing off.
#include <memory>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

namespace {

class bounded_strategy final : public strategy {
 public:
  explicit bounded_strategy(std::uint32_t max_bound) : max_bound_(max_bound) {}

  bool begin_execution() override {
    if (started_ && !advance()) {
      if (!cut_ || bound_ >= max_bound_) {
        done_ = true;
        exhaustive_ = !cut_;
        return false;
      }
      ++bound_;  // the next round
      cut_ = false;
      stack_.clear();
    }
    started_ = true;
    pos_ = 0;
    used_ = 0;
    return true;
  }

  std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t running) override {
    auto n = static_cast<std::uint32_t>(options.size());
    bool can_preempt = running >= 0 && options[0] == running;
    if (pos_ < stack_.size()) {
      entry& e = stack_[pos_++];
      used_ = e.used_before + e.cost(e.chosen);
      return e.chosen < n ? e.chosen : n;
    }
    entry e{0, n, can_preempt, used_, {options.begin(), options.end()}};
    stack_.push_back(e);
    ++pos_;
    return 0;
  }

  std::uint32_t pick(decision_kind, std::uint32_t n) override {
    if (pos_ < stack_.size()) return stack_[pos_++].chosen;
    stack_.push_back(entry{0, n, false, used_, {}});
    ++pos_;
    return 0;
  }

  bool exhausted() const override { return done_ && exhaustive_; }
  coverage_kind coverage() const override { return coverage_kind::preemption_bounded; }
  bool resumable() const override { return true; }
  void save(search_state_writer& out) const override {
    out.u64(bound_);
    out.u64(started_ | cut_ << 1 | done_ << 2 | exhaustive_ << 3);
    out.u64(stack_.size());
    for (const entry& e : stack_) {
      out.u64(e.chosen | std::uint64_t{e.n} << 32);
      out.u64(e.can_preempt | std::uint64_t{e.used_before} << 32);
      out.i32s(e.options);
    }
  }
  bool restore(search_state_reader& in) override {
    bound_ = in.u32();
    const std::uint64_t flags = in.below(15);
    started_ = flags & 1, cut_ = flags & 2, done_ = flags & 4, exhaustive_ = flags & 8;
    stack_.resize(in.count());
    for (entry& e : stack_) {
      const std::uint64_t pick = in.u64(), cost = in.u64();
      e = {static_cast<std::uint32_t>(pick), static_cast<std::uint32_t>(pick >> 32), (cost & 1) != 0,
           static_cast<std::uint32_t>(cost >> 32), in.i32s()};
      if (e.chosen >= e.n || (!e.options.empty() && e.options.size() != e.n)) in.fail();
    }
    return in.done() && bound_ <= max_bound_;
  }

  std::string summary() const override {
    return "bounded: every execution with at most " + std::to_string(bound_) + " preemption" +
           (bound_ == 1 ? "" : "s") + (done_ && !exhaustive_ ? " (the bound cut some off: not a proof)" : "");
  }

 private:
  struct entry {
    std::uint32_t chosen;
    std::uint32_t n;
    bool can_preempt;
    std::uint32_t used_before;
    std::vector<std::int32_t> options;
    std::uint32_t cost(std::uint32_t i) const {
      return can_preempt && i > 0 && !options.empty() && options[i] >= 0 ? 1 : 0;
    }
  };

  bool advance() {
    while (!stack_.empty()) {
      entry& e = stack_.back();
      while (e.chosen + 1 < e.n) {
        ++e.chosen;
        if (e.used_before + e.cost(e.chosen) <= bound_) return true;
        cut_ = true;
      }
      stack_.pop_back();
    }
    return false;
  }

  std::uint32_t max_bound_;
  std::uint32_t bound_ = 0;
  std::vector<entry> stack_;
  std::size_t pos_ = 0;
  std::uint32_t used_ = 0;
  bool started_ = false;
  bool cut_ = false;
  bool done_ = false;
  bool exhaustive_ = false;
};

}  // namespace

std::unique_ptr<strategy> make_bounded_strategy(const explore_options& options) {
  return std::make_unique<bounded_strategy>(options.max_preemptions);
}

}  // namespace chancheck::detail
