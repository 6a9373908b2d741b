// decision_tree.cpp: dpor's decisions, backtrack sets and sleep sets (see decision_tree.hpp).
#include <chancheck/harness/strategies/dpor/decision_tree.hpp>
#include <chancheck/harness/strategies/path_estimate.hpp>

#include <algorithm>

namespace chancheck::detail {

namespace {

/// Two accesses conflict when they name the same object and are not both reads.
bool conflicts(std::uint32_t a, std::uint32_t b) {
  return access_object(a) == access_object(b) && !((a & b) & read_access);
}

/// The u32 count of a pool's size (pools stay far below 2^32 entries: --max-steps bounds them).
std::uint32_t size32(std::size_t n) { return static_cast<std::uint32_t>(n); }

void save_sleepers(search_state_writer& out, const decision_tree::stack& s, std::uint32_t first, std::uint32_t n) {
  out.u64(n);
  for (std::uint32_t k = first; k < first + n; ++k) {
    const decision_tree::sleeper& z = s.sleepers[k];
    out.u64(static_cast<std::uint32_t>(z.proc));
    out.u64(z.side);
    out.u32s(std::span(s.accesses).subspan(z.access, z.count));
  }
}

/// Reads sleepers into s's pools; returns how many.
std::uint32_t read_sleepers(search_state_reader& in, decision_tree::stack& s) {
  const std::size_t n = in.count();
  for (std::size_t k = 0; k < n && in.ok(); ++k) {
    const auto proc = static_cast<std::int32_t>(in.u32());
    const std::uint32_t side = in.u32();
    const std::vector<std::uint32_t> access = in.u32s();
    s.sleepers.push_back({proc, size32(s.accesses.size()), size32(access.size()), side});
    s.accesses.insert(s.accesses.end(), access.begin(), access.end());
  }
  return size32(n);
}

/// Reads one node's options, marks and chosen accesses into s's pools; false when misshapen.
bool read_pooled(search_state_reader& in, decision_tree::stack& s, decision_tree::node& x) {
  const std::vector<std::int32_t> options = in.i32s();
  const std::vector<std::uint8_t> backtrack = in.u8s(), done = in.u8s();
  const std::size_t n = x.is_choice ? 0 : x.n;  // a choice has no options of its own
  if (options.size() != n || backtrack.size() != n || done.size() != n) return false;
  x.options = size32(s.options.size());
  s.options.insert(s.options.end(), options.begin(), options.end());
  x.pending = 0;
  for (std::size_t o = 0; o < options.size(); ++o) {
    s.marks.push_back(static_cast<std::uint8_t>((backtrack[o] ? decision_tree::backtrack_mark : 0) |
                                                (done[o] ? decision_tree::done_mark : 0)));
    x.pending += backtrack[o] && !done[o] ? 1 : 0;
  }
  x.sleepers = size32(s.sleepers.size());
  x.accesses = size32(s.accesses.size());
  x.sleep_count = read_sleepers(in, s);
  x.explored_count = read_sleepers(in, s);
  const std::vector<std::uint32_t> chosen = in.u32s();
  x.chosen_access = size32(s.chosen.size()), x.chosen_count = size32(chosen.size());
  s.chosen.insert(s.chosen.end(), chosen.begin(), chosen.end());
  return in.ok();
}

}  // namespace

void decision_tree::save_nodes(search_state_writer& out, const stack& s) {
  out.u64(s.nodes.size());
  std::vector<std::uint8_t> backtrack, done;
  for (const node& x : s.nodes) {
    out.u64(x.is_choice | x.fixed << 1 | x.access_once << 2 | x.access_seen << 3);
    out.u64(x.n | std::uint64_t{x.chosen} << 32);
    out.u64(x.group);
    out.u64(x.side);
    const std::uint32_t n = x.is_choice ? 0 : x.n;
    out.i32s(std::span(s.options).subspan(x.options, n));
    backtrack.clear(), done.clear();
    for (std::uint32_t o = x.options; o < x.options + n; ++o) {
      backtrack.push_back((s.marks[o] & backtrack_mark) ? 1 : 0);
      done.push_back((s.marks[o] & done_mark) ? 1 : 0);
    }
    out.u8s(backtrack);
    out.u8s(done);
    save_sleepers(out, s, x.sleepers, x.sleep_count);
    save_sleepers(out, s, x.sleepers + x.sleep_count, x.explored_count);
    out.u32s(std::span(s.chosen).subspan(x.chosen_access, x.chosen_count));
  }
}

decision_tree::stack decision_tree::read_nodes(search_state_reader& in) {
  stack s;
  s.nodes.resize(in.count());
  for (node& x : s.nodes) {
    const std::uint64_t flags = in.below(15), pick = in.u64();
    x.is_choice = flags & 1, x.fixed = flags & 2, x.access_once = flags & 4, x.access_seen = flags & 8;
    x.n = static_cast<std::uint32_t>(pick), x.chosen = static_cast<std::uint32_t>(pick >> 32);
    x.group = in.u32();
    x.side = in.u32();
    // The search indexes a node's pooled data by option.
    if (!read_pooled(in, s, x) || x.n < 1 || x.chosen >= x.n) {
      in.fail();
      return {};
    }
  }
  return s;
}

void decision_tree::begin_execution() {
  pos_ = 0;
  filtered_ = 0;
  armed_seen_ = 0;
  sleep_.clear();
  error_.clear();
}

std::uint32_t decision_tree::pick_task(std::span<const std::int32_t> options, const execution_record* live,
                                       const live_execution* engine) {
  if (live) filter_sleep(*live);
  auto n = static_cast<std::uint32_t>(options.size());
  if (pos_ < s_.nodes.size()) {
    node& x = s_.nodes[pos_++];
    if (x.is_choice || x.n != n || !std::equal(options.begin(), options.end(), s_.options.begin() + x.options)) {
      error_ = "the scenario is not deterministic: decision " + std::to_string(pos_) +
               " offers other tasks than before; it must not depend on real time, real randomness or "
               "state kept between runs";
      return n;
    }
    const auto first = s_.sleepers.begin() + x.sleepers;
    sleep_.assign(first, first + x.sleep_count + x.explored_count);
    if (engine) x.side = engine->next_side(options[x.chosen]);  // a branch taken anew: its sleeper's side
    return x.chosen;
  }
  wake_changed(engine);
  std::uint32_t k = 0;
  while (k < n && asleep(sleep_.data(), sleep_.size(), options[k])) ++k;
  if (k == n) return n;  // every option sleeps: redundant, prune
  node& x = s_.nodes.emplace_back();
  x.n = n;
  x.chosen = k;
  x.options = size32(s_.options.size());
  s_.options.insert(s_.options.end(), options.begin(), options.end());
  x.side = engine ? engine->next_side(options[k]) : 0;
  s_.marks.resize(s_.options.size(), 0);
  s_.marks[x.options + k] = backtrack_mark | done_mark;
  x.sleepers = size32(s_.sleepers.size());
  x.sleep_count = size32(sleep_.size());
  s_.sleepers.insert(s_.sleepers.end(), sleep_.begin(), sleep_.end());  // their accesses stay where they are
  x.accesses = size32(s_.accesses.size());
  x.chosen_access = size32(s_.chosen.size());
  ++pos_;
  return k;
}

std::uint32_t decision_tree::pick_choice(std::uint32_t n, std::uint32_t group, bool fixed) {
  if (pos_ < s_.nodes.size()) {
    const node& x = s_.nodes[pos_++];
    if (!x.is_choice || x.n != n) {
      error_ = "the scenario is not deterministic: decision " + std::to_string(pos_) + " changed";
      return n;
    }
    return x.chosen;
  }
  node& x = s_.nodes.emplace_back();
  x.is_choice = true;
  x.n = n;
  x.group = group;
  x.fixed = fixed;
  x.options = size32(s_.options.size());
  x.sleepers = size32(s_.sleepers.size());
  x.sleep_count = size32(sleep_.size());
  s_.sleepers.insert(s_.sleepers.end(), sleep_.begin(), sleep_.end());
  x.accesses = size32(s_.accesses.size());
  x.chosen_access = size32(s_.chosen.size());
  ++pos_;
  return 0;
}

bool decision_tree::asleep(const sleeper* s, std::size_t n, std::int32_t proc) {
  for (std::size_t k = 0; k < n; ++k)
    if (s[k].proc == proc) return true;
  return false;
}

bool decision_tree::conflicts_with(const sleeper& z, const std::uint32_t* acc, std::uint32_t count) const {
  for (std::uint32_t a = z.access; a < z.access + z.count; ++a)
    for (std::uint32_t i = 0; i < count; ++i)
      if (conflicts(s_.accesses[a], acc[i])) return true;
  return false;
}

void decision_tree::filter_sleep(const execution_record& live) {
  const auto& log = live.step_log;
  // The last step may still be running (its access list grows); steps before it are complete.
  for (; filtered_ < log.size(); ++filtered_) {
    const trace_step& st = log[filtered_];
    const std::uint32_t* acc = live.access.data() + st.access_begin;
    std::uint32_t count =
        filtered_ + 1 < log.size() ? st.access_count : static_cast<std::uint32_t>(live.access.size() - st.access_begin);
    // A timer armed in this step that is due before a sleeping timer wakes it.
    // (`exact` only; a ticker's process is named by its first tick, so every
    // sleeping timer wakes.)
    bool armed = false;
    for (; armed_seen_ < live.timer_log.size() &&
           live.timer_log[armed_seen_].step <= static_cast<std::int32_t>(filtered_);
         ++armed_seen_) {
      const timer_step& t = live.timer_log[armed_seen_];
      if (t.kind != timer_step::kind_t::arm || live.causal_time) continue;
      armed = true;
    }
    std::erase_if(sleep_, [&](const sleeper& z) {
      return z.proc == st.proc || (z.proc < 0 && armed) || conflicts_with(z, acc, count);
    });
  }
}

void decision_tree::wake_changed(const live_execution* engine) {
  if (engine) std::erase_if(sleep_, [&](const sleeper& z) { return engine->next_side(z.proc) != z.side; });
}

void decision_tree::record_accesses(const execution_record& r) {
  // The chosen pool is rebuilt in decision order: a decision keeps its accesses
  // unless this execution took its step (and it is not fixed to its branch's first).
  step_of_.assign(s_.nodes.size(), -1);
  for (std::size_t i = 0; i < r.step_log.size(); ++i) {
    const std::int32_t d = r.step_log[i].decision;
    if (d >= 0 && static_cast<std::size_t>(d) < s_.nodes.size())
      step_of_[static_cast<std::size_t>(d)] = std::int64_t(i);
  }
  chosen_next_.clear();
  for (std::size_t d = 0; d < s_.nodes.size(); ++d) {
    node& x = s_.nodes[d];
    const std::uint32_t first = size32(chosen_next_.size());
    if (step_of_[d] >= 0 && !(x.access_once && x.access_seen)) {
      const trace_step& st = r.step_log[static_cast<std::size_t>(step_of_[d])];
      chosen_next_.insert(chosen_next_.end(), r.access.begin() + st.access_begin,
                          r.access.begin() + st.access_begin + st.access_count);
      x.access_seen = true;
    } else {
      chosen_next_.insert(chosen_next_.end(), s_.chosen.begin() + x.chosen_access,
                          s_.chosen.begin() + x.chosen_access + x.chosen_count);
    }
    x.chosen_access = first, x.chosen_count = size32(chosen_next_.size()) - first;
  }
  s_.chosen.swap(chosen_next_);
}

void decision_tree::push_explored(node& x) {
  // x is the top decision: its explored transitions end the sleeper and access pools.
  const std::uint32_t access = size32(s_.accesses.size());
  s_.accesses.insert(s_.accesses.end(), s_.chosen.begin() + x.chosen_access,
                     s_.chosen.begin() + x.chosen_access + x.chosen_count);
  s_.sleepers.push_back({s_.options[x.options + x.chosen], access, x.chosen_count, x.side});
  ++x.explored_count;
}

void decision_tree::pop() {
  const node& x = s_.nodes.back();
  s_.options.resize(x.options);
  s_.marks.resize(x.options);
  s_.sleepers.resize(x.sleepers);
  s_.accesses.resize(x.accesses);
  s_.chosen.resize(std::min<std::size_t>(s_.chosen.size(), x.chosen_access));
  s_.nodes.pop_back();
}

bool decision_tree::advance() {
  while (!s_.nodes.empty()) {
    node& x = s_.nodes.back();
    if (x.is_choice) {
      if (!x.fixed && x.chosen + 1 < x.n) {
        ++x.chosen;
        return true;
      }
    } else {
      // Most decisions have nothing left: the count saves looking at each of their options.
      for (std::uint32_t o = 0; o < x.n && x.pending > 0; ++o) {
        const std::uint8_t m = s_.marks[x.options + o];
        if (!(m & backtrack_mark) || (m & done_mark) || asleep_at(x, s_.options[x.options + o])) continue;
        push_explored(x);
        x.chosen = o;
        s_.marks[x.options + o] |= done_mark;
        --x.pending;
        x.access_seen = false;
        return true;
      }
    }
    pop();
  }
  return false;
}

double decision_tree::explored_fraction() const {
  path_estimate estimate;
  for (const node& x : s_.nodes) {
    std::uint32_t before = 0, branches = 1;
    if (x.is_choice) {
      if (!x.fixed) before = x.chosen, branches = x.n;
    } else {
      for (std::uint32_t o = 0; o < x.n; ++o) {
        const std::uint8_t m = s_.marks[x.options + o];
        const bool explored = m & done_mark;
        if (explored && o != x.chosen) ++before;
        if (o != x.chosen && (explored || ((m & backtrack_mark) && !asleep_at(x, s_.options[x.options + o]))))
          ++branches;
      }
    }
    estimate.step(before, branches);
  }
  return estimate.value();
}

std::uint32_t decision_tree::source_option(std::int32_t d, const std::vector<std::int32_t>& initials,
                                           bool& covered) const {
  const node& x = s_.nodes[static_cast<std::size_t>(d)];
  std::uint32_t pick = every_option;
  covered = false;
  for (std::int32_t q : initials)
    for (std::uint32_t o = 0; o < x.n; ++o)
      if (s_.options[x.options + o] == q) {
        // An initial that can run here and sleeps starts executions equivalent to
        // ones explored from an earlier branch (optimal dpor's test of the sleep set
        // against the sequence's weak initials, Abdulla et al., JACM 2017).
        covered = covered || (s_.marks[x.options + o] & backtrack_mark) || asleep_at(x, q);
        if (pick == every_option) pick = o;
      }
  return pick;
}

void decision_tree::add_backtrack(std::int32_t d, std::uint32_t o) {
  node& x = s_.nodes[static_cast<std::size_t>(d)];
  auto mark = [&](std::uint32_t k) {
    std::uint8_t& m = s_.marks[x.options + k];
    if (!(m & (backtrack_mark | done_mark))) ++x.pending;
    m |= backtrack_mark;
  };
  if (o == every_option)
    for (std::uint32_t k = 0; k < x.n; ++k) mark(k);
  else
    mark(o);
}

void decision_tree::truncate(std::size_t n) {
  while (s_.nodes.size() > n) pop();
}

void decision_tree::unfix_all() {
  for (auto& x : s_.nodes) x.fixed = false;
}

void decision_tree::restart_from(const stack& first, std::uint32_t group) {
  s_ = first;
  std::fill(s_.marks.begin(), s_.marks.end(), 0);
  for (auto& x : s_.nodes) {
    x.fixed = x.is_choice && x.group != group;
    x.pending = 0;
    if (!x.is_choice) s_.marks[x.options + x.chosen] = backtrack_mark | done_mark;
  }
}

}  // namespace chancheck::detail
