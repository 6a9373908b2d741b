// portfolio_strategy.cpp: find first, then prove. Executions alternate between
// dpor's exhaustive search and pct's sampled schedules (seeded by --seed): a
// shallow bug that dpor's order would reach late is found by pct within the first
// few hundred executions, and a search that ends because dpor ran out of
// executions is a proof, with dpor's coverage. The first 1,024 executions
// alternate one for one; after that pct runs one in eight, so a long proof costs
// an eighth more executions than dpor alone, not twice as many. It is the
// default strategy.
//
// The pct executions are samples (strategy::sampled()): the explorer checks them
// and counts them apart, so the search's execution count, its bound
// (--max-executions) and its shards are exactly dpor's: `--shard I/N` runs dpor's
// shard I, with pct samples seeded for that shard, and the N shards' executions
// add up to one run's. A checkpoint holds both strategies' states.
//
// Portfolios of schedulers are how shuttle's and Coyote's test runners use their
// strategies; the sampler here is PCT (Burckhardt, Kothari, Musuvathi,
// Nagarakatte, ASPLOS 2010), the exhaustive part optimal-source dpor (Abdulla,
// Aronis, Jonsson, Sagonas, POPL 2014). Each keeps its own state: dpor sees only
// its own executions, so its backtracking is exactly the one `--strategy dpor`
// runs, and pct learns its length estimate from its own.
#include <memory>
#include <string>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/strategies/strategy.hpp>

namespace chancheck::detail {

std::unique_ptr<strategy> make_dpor_strategy(const explore_options& options);
std::unique_ptr<strategy> make_pct_strategy(const explore_options& options);

namespace {

class portfolio_strategy final : public strategy {
 public:
  portfolio_strategy(std::unique_ptr<strategy> exhaustive, std::unique_ptr<strategy> sampler)
      : exhaustive_(std::move(exhaustive)), sampler_(std::move(sampler)) {}

  bool begin_execution() override {
    // The first is dpor's, as with `--strategy dpor`; then every second, and past
    // the start every eighth, is the sampler's.
    const bool sample = begun_ < alternate_for ? begun_ % 2 == 1 : begun_ % 8 == 7;
    ++begun_;
    active_ = sample && sampler_->begin_execution() ? sampler_.get() : nullptr;
    if (active_) return true;
    if (!exhaustive_->begin_execution()) return false;
    active_ = exhaustive_.get();
    return true;
  }
  std::uint32_t pick(decision_kind kind, std::uint32_t n) override { return active_->pick(kind, n); }
  std::uint32_t pick_task(std::span<const std::int32_t> options, std::int32_t running) override {
    return active_->pick_task(options, running);
  }
  bool checks_lone_options() const override { return exhaustive_->checks_lone_options(); }
  bool lone_option_redundant(std::int32_t proc) override {
    return active_ == exhaustive_.get() && exhaustive_->lone_option_redundant(proc);
  }
  // The engine records the step log for every execution when dpor reads it.
  bool wants_steps() const override { return exhaustive_->wants_steps() || sampler_->wants_steps(); }
  void attach(const execution_record* live, const live_execution* engine) override { active_->attach(live, engine); }
  void end_execution() override { active_->end_execution(); }
  bool counted() const override { return active_->counted(); }
  bool sampled() const override { return active_ == sampler_.get(); }
  bool exhausted() const override { return exhaustive_->exhausted(); }
  double explored_estimate() const override { return exhaustive_->explored_estimate(); }
  std::string error() const override { return active_ ? active_->error() : std::string(); }
  // The report counts the samples apart (explore_result::samples); what is left to say is dpor's.
  std::string summary() const override { return exhaustive_->summary(); }
  coverage_kind coverage() const override { return exhaustive_->coverage(); }
  bool resumable() const override { return exhaustive_->resumable() && sampler_->resumable(); }
  /// The counters, then each strategy's state as a block of its own.
  void save(search_state_writer& out) const override {
    out.u64(begun_);
    for (const strategy* s : {exhaustive_.get(), sampler_.get()}) {
      search_state_writer part;
      s->save(part);
      out.block(part.words());
    }
  }
  bool restore(search_state_reader& in) override {
    begun_ = in.u64();
    for (strategy* s : {exhaustive_.get(), sampler_.get()}) {
      search_state_reader part(in.block());
      if (!in.ok() || !s->restore(part)) return false;
    }
    return in.done();
  }

 private:
  static constexpr std::uint64_t alternate_for = 1024;  ///< executions that alternate one for one

  std::unique_ptr<strategy> exhaustive_;
  std::unique_ptr<strategy> sampler_;
  strategy* active_ = nullptr;
  std::uint64_t begun_ = 0;  ///< calls to begin_execution()
};

}  // namespace

std::unique_ptr<strategy> make_portfolio_strategy(const explore_options& options) {
  // Each shard samples schedules of its own; shard 0 (and an unsharded run) those of --seed.
  explore_options sampling = options;
  sampling.seed ^= std::uint64_t{options.shard_index} * 0x9e3779b97f4a7c15ULL;
  return std::make_unique<portfolio_strategy>(make_dpor_strategy(options), make_pct_strategy(sampling));
}

}  // namespace chancheck::detail
