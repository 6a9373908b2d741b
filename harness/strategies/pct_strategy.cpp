// pct_strategy.cpp: probabilistic concurrency testing.
//
// Burckhardt, Kothari, Musuvathi, Nagarakatte, "A Randomized Scheduler with
// Probabilistic Guarantees of Finding Bugs", ASPLOS 2010. Every process (each
// task, and the clock that fires timers) gets a distinct random priority when it
// first appears; at every decision the enabled process with the highest priority
// runs; at d-1 change points, drawn uniformly from the k steps of an execution,
// the running process drops to a priority below all initial ones. A bug of depth
// d is then found in one execution with probability at least 1/(n k^(d-1)) for n
// processes and k steps.
//
// Deviations: k is not known in advance, so it is the largest number of
// decisions seen so far (the first execution runs with an estimate of 64), and
// select choices among ready cases are drawn uniformly.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

namespace {

class pct_strategy final : public strategy {
 public:
  pct_strategy(std::uint64_t seed, std::uint32_t depth)
      : rng_(seed ^ 0x5851f42d4c957f2dULL), depth_(std::max(1u, depth)) {}

  bool begin_execution() override {
    if (executions_ > 0) {  // k: the most decisions an execution has taken so far
      max_seen_ = std::max(max_seen_, decisions_);
      k_ = std::max(1u, max_seen_);
    }
    max_procs_ = std::max<std::size_t>(max_procs_, priority_.size());
    ++executions_;
    decisions_ = 0;
    priority_.clear();
    change_points_.clear();
    for (std::uint32_t i = 1; i < depth_; ++i) change_points_.push_back(1 + next() % k_);
    std::sort(change_points_.begin(), change_points_.end());
    return true;
  }

  std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t running) override {
    ++decisions_;
    auto proc = [](std::int32_t p) { return p < 0 ? -1 : p; };  // every timer is the clock
    for (auto p : options)
      if (!priority_.count(proc(p)))
        priority_[proc(p)] = (1ULL << 32) + (next() >> 32);  // above every change-point priority
    // A change point: the running process drops below all initial priorities.
    for (std::size_t i = 0; i < change_points_.size(); ++i)
      if (change_points_[i] == decisions_ && priority_.count(running)) priority_[running] = depth_ - i;
    std::uint32_t best = 0;
    for (std::uint32_t i = 1; i < options.size(); ++i)
      if (priority_[proc(options[i])] > priority_[proc(options[best])]) best = i;
    return best;
  }

  std::uint32_t pick(decision_kind, std::uint32_t n) override {
    ++decisions_;
    return static_cast<std::uint32_t>(next() % n);
  }

  std::string summary() const override {
    double n = static_cast<double>(std::max<std::size_t>(max_procs_, priority_.size()));
    double k = static_cast<double>(std::max(1u, std::max(max_seen_, decisions_)));
    double p = 1.0 / (n * std::pow(k, depth_ - 1));
    double miss = std::pow(1.0 - std::min(1.0, p), static_cast<double>(executions_));
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "pct depth %u: each execution finds a bug of depth <= %u with probability >= 1/(n*k^%u) = %.3g "
                  "(n = %.0f processes, k = %.0f steps); after %llu executions one is missed with probability <= %.3g",
                  depth_, depth_, depth_ - 1, p, n, k, static_cast<unsigned long long>(executions_), miss);
    return buf;
  }
  coverage_kind coverage() const override { return coverage_kind::probabilistic; }
  bool resumable() const override { return true; }
  void save(search_state_writer& out) const override {
    for (std::uint64_t w : {rng_, std::uint64_t{k_}, std::uint64_t{decisions_}, std::uint64_t{max_seen_}, executions_,
                            std::uint64_t{max_procs_}})
      out.u64(w);
    out.u64(priority_.size());  // the last execution's processes, for the next begin_execution() and summary()
    for (auto [proc, priority] : priority_) out.u64(static_cast<std::uint32_t>(proc)), out.u64(priority);
  }
  bool restore(search_state_reader& in) override {
    rng_ = in.u64();
    k_ = in.u32(), decisions_ = in.u32(), max_seen_ = in.u32();
    executions_ = in.u64();
    max_procs_ = in.u32();
    const std::size_t procs = in.count();
    for (std::size_t i = 0; i < procs && in.ok(); ++i) {
      const auto proc = static_cast<std::int32_t>(in.u32());
      priority_[proc] = in.u64();
    }
    return in.done() && k_ > 0;
  }

 private:
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (rng_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t rng_;
  std::uint32_t depth_;
  std::uint32_t k_ = 64;
  std::uint32_t decisions_ = 0;
  std::uint32_t max_seen_ = 0;
  std::uint64_t executions_ = 0;
  std::size_t max_procs_ = 0;
  std::map<std::int32_t, std::uint64_t> priority_;
  std::vector<std::uint32_t> change_points_;
};

}  // namespace

std::unique_ptr<strategy> make_pct_strategy(const explore_options& options) {
  return std::make_unique<pct_strategy>(options.seed, options.pct_depth);
}

}  // namespace chancheck::detail
