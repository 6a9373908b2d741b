// random_strategy.cpp: uniformly random decisions. Execution i draws from
// xoshiro256** (Blackman & Vigna 2018) seeded by splitmix64 from (seed, i), so a
// seed names the whole sequence of executions. A shard (shard_slice.hpp) runs
// the executions i with (i - 1) mod N = I, each as the whole search runs it.
#include <memory>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/strategies/shard_slice.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class random_strategy final : public strategy {
 public:
  random_strategy(std::uint64_t seed, shard_slice slice) : seed_(seed), slice_(slice) {}
  bool begin_execution() override {
    execution_ += execution_ == 0 ? slice_.index + 1 : slice_.count;
    std::uint64_t x = seed_ ^ (0xa0761d6478bd642fULL * execution_);
    for (auto& w : s_) w = splitmix64(x);
    return true;
  }
  std::uint32_t pick(decision_kind, std::uint32_t n) override {
    // xoshiro256** (Blackman & Vigna), then Lemire's multiply-shift reduction.
    std::uint64_t r = rotl(s_[1] * 5, 7) * 9;
    std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return static_cast<std::uint32_t>(((r >> 32) * n) >> 32);
  }
  coverage_kind coverage() const override { return coverage_kind::random_sample; }
  bool resumable() const override { return true; }
  /// The executions drawn so far: each execution's decisions depend on its number only.
  void save(search_state_writer& out) const override { out.u64(execution_); }
  bool restore(search_state_reader& in) override {
    execution_ = in.u64();
    return in.done();
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t seed_;
  shard_slice slice_;
  std::uint64_t execution_ = 0;
  std::uint64_t s_[4] = {};
};

}  // namespace

std::unique_ptr<strategy> make_random_strategy(const explore_options& options) {
  return std::make_unique<random_strategy>(options.seed, shard_slice::of(options));
}

}  // namespace chancheck::detail
