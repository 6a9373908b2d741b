// replay_strategy.cpp: follows the decisions of a token once, and says clearly
// when they do not fit the scenario (too few, too many, or out of range): which of
// the token's decisions, and what could run there. The trace recorded up to that
// point says where the scenario was (properties/checker.cpp names its last step).
#include <memory>
#include <span>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/record/trace.hpp>  // proc_timer
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

namespace {

/// "task 1", or "timer 2" for a timer's firing process.
std::string process_name(std::int32_t p) {
  return p >= 0 ? "task " + std::to_string(p) : "timer " + std::to_string(proc_timer(p));
}

class replay_strategy final : public strategy {
 public:
  explicit replay_strategy(std::vector<std::uint32_t> d) : d_(std::move(d)) {}
  bool begin_execution() override {
    if (ran_) return false;
    ran_ = true;
    return true;
  }
  std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t running) override {
    (void)running;
    choices_ = "the scenario can run ";
    for (std::size_t i = 0; i < options.size(); ++i)
      choices_ += (i == 0 ? "" : i + 1 == options.size() ? " or " : ", ") + process_name(options[i]);
    return pick(decision_kind::task, static_cast<std::uint32_t>(options.size()));
  }
  std::uint32_t pick(decision_kind kind, std::uint32_t n) override {
    if (kind == decision_kind::select) choices_ = "the scenario's select has " + std::to_string(n) + " ready cases";
    if (pos_ >= d_.size()) {
      error_ = "the token ends after " + std::to_string(d_.size()) + " decisions but the scenario needs more (" +
               choices_ + " there): it was made for another scenario or version";
      return n;
    }
    std::uint32_t c = d_[pos_++];
    if (c >= n) {
      error_ = "decision " + std::to_string(pos_) + " of the token picks option " + std::to_string(c + 1) + " of " +
               std::to_string(n) + ", where " + choices_ + ": it was made for another scenario or version";
      return n;
    }
    return c;
  }
  void end_execution() override {
    if (error_.empty() && pos_ != d_.size())
      error_ = "the scenario ended after " + std::to_string(pos_) + " of the token's " + std::to_string(d_.size()) +
               " decisions: it was made for another scenario or version";
  }
  bool wants_trace() const override { return true; }
  coverage_kind coverage() const override { return coverage_kind::replay; }
  std::string error() const override { return error_; }

 private:
  std::vector<std::uint32_t> d_;
  std::size_t pos_ = 0;
  bool ran_ = false;
  std::string choices_;
  std::string error_;
};

}  // namespace

std::unique_ptr<strategy> make_replay_strategy(const explore_options& options) {
  return std::make_unique<replay_strategy>(options.replay);
}

}  // namespace chancheck::detail
