// dfs_strategy.cpp: exhaustive depth-first search by stateless re-execution.
// It keeps the stack of (chosen, options) of the last execution and advances the
// deepest decision that has options left (Godefroid, "Model checking for
// programming languages using VeriSoft", POPL 1997). Every decision is a branch:
// task picks, timer firings and select choices. Option 0 continues the running
// task, so the first executions are the ones with the fewest preemptions. A
// shard (shard_slice.hpp) explores the subtrees of the first decision's options
// it owns, stepping over the others.
#include <memory>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/strategies/path_estimate.hpp>
#include <chancheck/harness/strategies/shard_slice.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

namespace {
class dfs_strategy final : public strategy {
 public:
  explicit dfs_strategy(shard_slice slice) : slice_(slice) {}

  bool begin_execution() override {
    if (started_) {
      while (!stack_.empty() && stack_.back().chosen + step() >= stack_.back().n) stack_.pop_back();
      if (stack_.empty() || foreign_) {
        done_ = true;
        return false;
      }
      stack_.back().chosen += step();
    }
    started_ = true;
    pos_ = 0;
    error_.clear();
    return true;
  }
  std::uint32_t pick(decision_kind, std::uint32_t n) override {
    if (pos_ < stack_.size()) {
      auto& e = stack_[pos_++];
      if (e.n != n) {
        error_ = "the scenario is not deterministic: decision " + std::to_string(pos_) + " had " + std::to_string(e.n) +
                 " options before and " + std::to_string(n) +
                 " now; it must not depend on real time, real randomness or state kept between runs";
        return n;
      }
      return e.chosen;
    }
    std::uint32_t first = stack_.empty() ? slice_.first_owned(0) : 0;
    if (first >= n) first = 0, foreign_ = true;  // this shard owns no subtree: its search is empty
    stack_.push_back({first, n});
    ++pos_;
    return first;
  }
  void end_execution() override {
    if (stack_.empty() && slice_.index != 0) foreign_ = true;  // no decision: shard 0's execution
  }
  bool counted() const override { return !foreign_; }
  bool exhausted() const override { return done_; }
  /// Knuth's estimate along the current path (path_estimate.hpp).
  double explored_estimate() const override {
    if (done_) return 1;
    if (slice_.count > 1 || !started_) return -1;
    path_estimate estimate;
    for (const entry& e : stack_) estimate.step(e.chosen, e.n);
    return estimate.value();
  }
  coverage_kind coverage() const override { return coverage_kind::every_interleaving; }
  std::string error() const override { return error_; }
  bool resumable() const override { return true; }
  void save(search_state_writer& out) const override {
    out.u64(started_ | foreign_ << 1 | done_ << 2);
    out.u64(stack_.size());
    for (const entry& e : stack_) out.u64(e.chosen | std::uint64_t{e.n} << 32);
  }
  bool restore(search_state_reader& in) override {
    const std::uint64_t flags = in.below(7);
    started_ = flags & 1, foreign_ = flags & 2, done_ = flags & 4;
    stack_.resize(in.count());
    for (entry& e : stack_) {
      const std::uint64_t w = in.u64();
      e = {static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(w >> 32)};
      if (e.chosen >= e.n) in.fail();
    }
    return in.done();
  }

 private:
  struct entry {
    std::uint32_t chosen;
    std::uint32_t n;
  };
  /// How far the deepest decision moves: a shard steps over the root options of other shards.
  std::uint32_t step() const { return stack_.size() == 1 ? slice_.count : 1; }

  shard_slice slice_;
  std::vector<entry> stack_;
  std::size_t pos_ = 0;
  bool foreign_ = false;  ///< the last execution is another shard's (and this shard has nothing left)
  bool started_ = false;
  bool done_ = false;
  std::string error_;
};

}  // namespace

std::unique_ptr<strategy> make_dfs_strategy(const explore_options& options) {
  return std::make_unique<dfs_strategy>(shard_slice::of(options));
}

}  // namespace chancheck::detail
