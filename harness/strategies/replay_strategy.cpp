// replay_strategy.cpp: follows the decisions of a token once, and says clearly
// when they do not fit the scenario (too few, too many, or out of range).
#include <memory>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

namespace {
class replay_strategy final : public strategy {
 public:
  explicit replay_strategy(std::vector<std::uint32_t> d) : d_(std::move(d)) {}
  bool begin_execution() override {
    if (ran_) return false;
    ran_ = true;
    return true;
  }
  std::uint32_t pick(decision_kind, std::uint32_t n) override {
    if (pos_ >= d_.size()) {
      error_ = "the token ends after " + std::to_string(d_.size()) +
               " decisions but the scenario needs more: it was made for another scenario or version";
      return n;
    }
    std::uint32_t c = d_[pos_++];
    if (c >= n) {
      error_ = "decision " + std::to_string(pos_) + " of the token picks option " + std::to_string(c) + " of " +
               std::to_string(n) + ": it was made for another scenario or version";
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
  std::string error_;
};

}  // namespace

std::unique_ptr<strategy> make_replay_strategy(const explore_options& options) {
  return std::make_unique<replay_strategy>(options.replay);
}

}  // namespace chancheck::detail
