// dfs_strategy.cpp: exhaustive depth-first search by stateless re-execution.
// It keeps the stack of (chosen, options) of the last execution and advances the
// deepest decision that has options left (Godefroid, "Model checking for
// programming languages using VeriSoft", POPL 1997). Every decision is a branch:
// task picks, timer firings and select choices. Option 0 continues the running
// task, so the first executions are the ones with the fewest preemptions.
#include <memory>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

namespace {
class dfs_strategy final : public strategy {
 public:
  bool begin_execution() override {
    if (started_) {
      while (!stack_.empty() && stack_.back().chosen + 1 >= stack_.back().n) stack_.pop_back();
      if (stack_.empty()) {
        done_ = true;
        return false;
      }
      ++stack_.back().chosen;
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
    stack_.push_back({0, n});
    ++pos_;
    return 0;
  }
  bool exhausted() const override { return done_; }
  coverage_kind coverage() const override { return coverage_kind::every_interleaving; }
  std::string error() const override { return error_; }

 private:
  struct entry {
    std::uint32_t chosen;
    std::uint32_t n;
  };
  std::vector<entry> stack_;
  std::size_t pos_ = 0;
  bool started_ = false;
  bool done_ = false;
  std::string error_;
};

}  // namespace

std::unique_ptr<strategy> make_dfs_strategy(const explore_options&) { return std::make_unique<dfs_strategy>(); }

}  // namespace chancheck::detail
