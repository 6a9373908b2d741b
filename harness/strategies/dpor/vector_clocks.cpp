// vector_clocks.cpp: happens-before and races over one execution (see vector_clocks.hpp).
#include <chancheck/harness/strategies/dpor/vector_clocks.hpp>

#include <algorithm>

namespace chancheck::detail {

void vector_clocks::reset(const execution_record& r) {
  r_ = &r;
  ntasks_ = r.tasks.size();
  // Timer processes (a ticker's ticks are one) get dense indices after the tasks.
  dense_.assign(r.timers + 1, -1);
  std::size_t nchains = 0;
  auto note = [&](std::int32_t p) {
    if (p >= 0) return;
    std::uint64_t c = proc_timer(p);
    if (c < dense_.size() && dense_[c] < 0) dense_[c] = static_cast<std::int64_t>(nchains++);
  };
  for (const auto& st : r.step_log) note(st.proc);
  for (const auto& st : r.pending_steps) note(st.proc);
  for (const auto& t : r.timer_log) note(timer_proc(t.chain));
  nprocs_ = ntasks_ + nchains;
  tree_.reset(nprocs_);
  step_clock_.assign(r.step_log.size(), 0);
  wake_clock_.assign(r.step_log.size(), 0);
  step_tick_.assign(r.step_log.size(), 0);
  local_.assign(nprocs_, 0);
  last_of_proc_.assign(nprocs_, -1);
  clock_slot_ = r.objects.size() + 1;  // ids 1.., then the clock, then the quiet pseudo-object,
  second_slot_ = clock_slot_ + 2;      // then each object's second side (by id)
  nobj_ = second_slot_ + clock_slot_;
  last_write_.assign(nobj_, -1);
  read_head_.assign(nobj_, -1);
  read_join_.assign(nobj_, 0);
  read_step_.clear();
  read_next_.clear();
}

bool vector_clocks::racing(std::int64_t i, std::size_t p, clock_ref vc) const {
  std::size_t q = index(r_->step_log[static_cast<std::size_t>(i)].proc);
  return q != p && step_tick_[static_cast<std::size_t>(i)] > at(vc, q);
}

void vector_clocks::find_races(std::size_t p, clock_ref vc, const std::uint32_t* accs, std::uint32_t n,
                               std::vector<std::int64_t>& races) {
  races.clear();
  writes_.clear();
  std::int64_t latest = -1;
  for (std::uint32_t a = 0; a < n; ++a) {
    std::size_t s = slot(accs[a]);
    if (s >= nobj_) continue;
    if (last_write_[s] >= 0 && racing(last_write_[s], p, vc)) {
      latest = std::max(latest, last_write_[s]);
      writes_.push_back(last_write_[s]);
    }
    if (!(accs[a] & read_access))  // a write: every read since the last write
      for (std::int32_t k = read_head_[s]; k >= 0; k = read_next_[static_cast<std::size_t>(k)])
        if (racing(read_step_[static_cast<std::size_t>(k)], p, vc))
          races.push_back(read_step_[static_cast<std::size_t>(k)]);
  }
  if (latest >= 0) races.push_back(latest);
  // The other racing last writes that the latest does not come after: reversing the
  // latest alone need not lead to them (its reversal may stop early, at a panic, or
  // take another way, a select's default), so each is a race of its own.
  if (latest < 0) return;
  const auto l = static_cast<std::size_t>(latest);
  const std::size_t pl = index(r_->step_log[l].proc);
  for (std::int64_t w : writes_)
    if (racing(w, pl, step_clock_[l]) && std::find(races.begin(), races.end(), w) == races.end()) races.push_back(w);
}

void vector_clocks::join_dependencies(clock_ref& vc, const std::uint32_t* accs, std::uint32_t n) {
  for (std::uint32_t a = 0; a < n; ++a) {
    std::size_t s = slot(accs[a]);
    if (s >= nobj_) continue;
    join(vc, last_write_[s]);
    if (!(accs[a] & read_access))
      for (std::int32_t k = read_head_[s]; k >= 0; k = read_next_[static_cast<std::size_t>(k)])
        join(vc, read_step_[static_cast<std::size_t>(k)]);
  }
}

void vector_clocks::record(std::size_t j, std::size_t p, clock_ref vc, const std::uint32_t* accs, std::uint32_t n) {
  step_clock_[j] = vc;
  step_tick_[j] = at(vc, p);
  wake_clock_[j] = vc;
  for (std::uint32_t a = 0; a < n; ++a) {
    std::size_t s = slot(accs[a]);
    if (s >= nobj_) continue;
    if ((accs[a] & read_access) && s < clock_slot_ &&
        r_->kind_of(static_cast<std::uint32_t>(s)) == object_kind::wait_group) {
      tree_.seal();  // vc is the step's for good: the joins below never write a kept clock in place
      read_join_[s] = tree_.join(read_join_[s], vc);
      tree_.seal();
      wake_clock_[j] = tree_.join(wake_clock_[j], read_join_[s]);
    }
    if (accs[a] & read_access) {
      read_step_.push_back(static_cast<std::int64_t>(j));
      read_next_.push_back(read_head_[s]);
      read_head_[s] = static_cast<std::int32_t>(read_step_.size() - 1);
    } else {
      last_write_[s] = static_cast<std::int64_t>(j);
      read_head_[s] = -1;
      read_join_[s] = 0;
    }
  }
  last_of_proc_[p] = static_cast<std::int64_t>(j);
}

const std::vector<std::int32_t>& vector_clocks::initials(std::size_t i, std::size_t j_end, std::int32_t proc_j,
                                                         clock_ref vcj) {
  const auto& log = r_->step_log;
  const std::size_t pi = index(log[i].proc);
  const std::uint32_t ci = step_tick_[i];
  initials_.clear();
  reversal_.clear();
  // first_[q]: the local index of process q's first step among those found so
  // far (after i, not after i); a step is an initial when none of them happens
  // before it, and vector clocks say that per process.
  first_.assign(nprocs_, UINT32_MAX);
  seen_procs_.clear();
  auto has_pred = [&](clock_ref v) {
    for (std::size_t q : seen_procs_)
      if (at(v, q) >= first_[q]) return true;
    return false;
  };
  lead_ = 0;  // initials_[0, lead_): of steps ordered before j, then j's
  for (std::size_t k = i + 1; k < j_end; ++k) {
    const clock_ref vk = step_clock_[k];
    const std::size_t pk = index(log[k].proc);
    if (at(vk, pi) >= ci) continue;  // ordered after i
    if (!has_pred(vk)) {
      if (at(vcj, pk) >= step_tick_[k])  // ordered before j: in the race's own reversal
        initials_.insert(initials_.begin() + static_cast<std::ptrdiff_t>(lead_++), log[k].proc);
      else
        initials_.push_back(log[k].proc);
    }
    reversal_.push_back(k);
    if (first_[pk] == UINT32_MAX) {
      first_[pk] = step_tick_[k];
      seen_procs_.push_back(pk);
    }
  }
  if (!has_pred(vcj)) {
    initials_.insert(initials_.begin(), proc_j);  // j's own process first
    ++lead_;
  }
  first_initial_ = reversal_.empty() ? proc_j : log[reversal_.front()].proc;  // nothing in v comes before it
  return initials_;
}

}  // namespace chancheck::detail
