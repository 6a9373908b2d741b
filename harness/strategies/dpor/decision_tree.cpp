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

/// Reads node x's (decision d's) options, marks, sleepers and chosen accesses
/// into s's pools; false when misshapen.
bool read_pooled(search_state_reader& in, decision_tree::stack& s, decision_tree::node& x, std::uint32_t d) {
  // The search indexes a node's data by option.
  if (x.n < 1 || x.chosen >= x.n || (x.is_choice && x.every)) return false;
  if (!s.options.read(in, x.options) || s.options.size(x.options) != (x.is_choice ? 0 : x.n)) return false;
  x.chosen_proc = x.is_choice ? 0 : s.options.at(x.options, x.chosen);
  const std::vector<std::uint32_t> marked = in.u32s();
  for (std::size_t k = 0; k < marked.size(); ++k) {
    if (x.is_choice || marked[k] >= x.n || (k > 0 && marked[k] <= marked[k - 1])) return false;
    s.marks.push_back({d, marked[k], s.options.at(x.options, marked[k])});
  }
  for (std::size_t k = 0; k < marked.size(); ++k) {  // the processes of the reversals counting on each
    reversal_reach& reach = s.marks[s.marks.size() - marked.size() + k].reach;
    reach.opaque = in.below(2) != 0;
    const std::vector<std::uint32_t> procs = in.u32s();
    reach.procs.assign(procs.begin(), procs.end());
    if (!std::is_sorted(reach.procs.begin(), reach.procs.end())) return false;  // searched by silent_commutes()
  }
  x.sleepers = size32(s.sleepers.size());
  x.accesses = size32(s.accesses.size());
  x.sleep_count = read_sleepers(in, s);
  x.explored_count = read_sleepers(in, s);
  const std::vector<std::uint32_t> chosen = in.u32s();
  x.chosen_access = size32(s.chosen.size()), x.chosen_count = size32(chosen.size());
  s.chosen.insert(s.chosen.end(), chosen.begin(), chosen.end());
  // A short list of sleepers fails `in`; the explored options are others than the chosen one.
  return in.ok() && x.explored_count < x.n;
}

}  // namespace

void decision_tree::save_nodes(search_state_writer& out, const stack& s) {
  out.u64(s.nodes.size());
  std::vector<std::uint32_t> marked;
  std::size_t m = 0;
  for (std::size_t d = 0; d < s.nodes.size(); ++d) {
    const node& x = s.nodes[d];
    out.u64(x.is_choice | x.fixed << 1 | x.access_once << 2 | x.access_seen << 3 | x.every << 4);
    out.u64(x.n | std::uint64_t{x.chosen} << 32);
    out.u64(x.group);
    out.u64(x.side);
    s.options.save(out, x.options);
    marked.clear();
    const std::size_t first = m;
    for (; m < s.marks.size() && s.marks[m].node == d; ++m) marked.push_back(s.marks[m].option);
    out.u32s(marked);
    for (std::size_t k = first; k < m; ++k) {
      const reversal_reach& reach = s.marks[k].reach;
      out.u64(reach.opaque);
      marked.assign(reach.procs.begin(), reach.procs.end());
      out.u32s(marked);
    }
    save_sleepers(out, s, x.sleepers, x.sleep_count);
    save_sleepers(out, s, x.sleepers + x.sleep_count, x.explored_count);
    out.u32s(std::span(s.chosen).subspan(x.chosen_access, x.chosen_count));
  }
}

decision_tree::stack decision_tree::read_nodes(search_state_reader& in) {
  stack s;
  s.nodes.resize(in.count());
  for (std::size_t d = 0; d < s.nodes.size(); ++d) {
    node& x = s.nodes[d];
    const std::uint64_t flags = in.below(31), pick = in.u64();
    x.is_choice = flags & 1, x.fixed = flags & 2, x.access_once = flags & 4, x.access_seen = flags & 8;
    x.every = flags & 16;
    x.n = static_cast<std::uint32_t>(pick), x.chosen = static_cast<std::uint32_t>(pick >> 32);
    x.group = in.u32();
    x.side = in.u32();
    if (!in.ok() || !read_pooled(in, s, x, size32(d))) {
      in.fail();
      return {};
    }
    // In the backtrack set and not explored: every option, or its marks.
    x.pending = x.every ? x.n - 1 - x.explored_count : 0;
    for (auto m = s.marks.rbegin(); m != s.marks.rend() && m->node == d && !x.every; ++m)
      x.pending += m->option != x.chosen && !explored_in(s, x, m->proc) ? 1 : 0;
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
  if (!(engine ? s_.options.scan(options, engine->runnable_tasks()) : s_.options.scan(options))) {
    error_ = "internal error: the engine offered decision " + std::to_string(pos_ + 1) +
             "'s options out of order (the running task, the other tasks ascending, then timers); please report it";
    return n;
  }
  if (pos_ < s_.nodes.size()) {
    node& x = s_.nodes[pos_++];
    if (x.is_choice || x.n != n || !s_.options.scanned_equal(x.options)) {
      error_ = "the scenario is not deterministic: decision " + std::to_string(pos_) +
               " offers other tasks than before; it must not depend on real time, real randomness or "
               "state kept between runs";
      return n;
    }
    const auto first = s_.sleepers.begin() + x.sleepers;
    sleep_.assign(first, first + x.sleep_count + x.explored_count);
    if (engine) x.side = engine->next_side(x.chosen_proc);  // a branch taken anew: its sleeper's side
    return x.chosen;
  }
  wake_changed(engine);
  std::uint32_t k = 0;
  while (k < n && asleep(sleep_.data(), sleep_.size(), options[k])) ++k;
  if (k == n) return n;  // every option sleeps: redundant, prune
  node& x = s_.nodes.emplace_back();
  x.n = n;
  x.chosen = k;
  x.chosen_proc = options[k];
  x.options = s_.options.push_scanned();
  x.side = engine ? engine->next_side(options[k]) : 0;
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
  x.options = s_.options.push_none();
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
  s_.sleepers.push_back({x.chosen_proc, access, x.chosen_count, x.side});
  ++x.explored_count;
}

void decision_tree::pop() {
  const node& x = s_.nodes.back();
  const auto d = size32(s_.nodes.size() - 1);
  s_.options.pop(x.options);
  while (!s_.marks.empty() && s_.marks.back().node >= d) s_.marks.pop_back();
  s_.sleepers.resize(x.sleepers);
  s_.accesses.resize(x.accesses);
  s_.chosen.resize(std::min<std::size_t>(s_.chosen.size(), x.chosen_access));
  s_.nodes.pop_back();
}

std::pair<std::size_t, std::size_t> decision_tree::marks_of(std::uint32_t d) const {
  const auto by_node = [](const mark& m, std::uint32_t n) { return m.node < n; };
  const auto first = std::lower_bound(s_.marks.begin(), s_.marks.end(), d, by_node);
  const auto last = std::lower_bound(first, s_.marks.end(), d + 1, by_node);
  return {static_cast<std::size_t>(first - s_.marks.begin()), static_cast<std::size_t>(last - s_.marks.begin())};
}

bool decision_tree::in_backtrack(std::uint32_t d, std::uint32_t o, std::int32_t proc) const {
  const node& x = s_.nodes[d];
  return x.every || done_at(x, o, proc) || std::binary_search(s_.marks.begin(), s_.marks.end(), mark{d, o, proc});
}

template <class F>
void decision_tree::for_each_awake(std::uint32_t d, const node& x, F f) const {
  if (x.every) {
    s_.options.decode(x.options, decoded_);
    for (std::uint32_t o = 0; o < x.n; ++o)
      if (!done_at(x, o, decoded_[o]) && !asleep_at(x, decoded_[o]) && f(o, decoded_[o])) return;
    return;
  }
  const auto [first, last] = marks_of(d);
  for (std::size_t k = first; k < last; ++k) {
    const mark& m = s_.marks[k];
    if (!done_at(x, m.option, m.proc) && !asleep_at(x, m.proc) && f(m.option, m.proc)) return;
  }
}

std::uint32_t decision_tree::next_branch(std::uint32_t d, const node& x, std::int32_t& proc) const {
  std::uint32_t found = x.n;
  for_each_awake(d, x, [&](std::uint32_t o, std::int32_t p) {
    found = o, proc = p;
    return true;
  });
  return found;
}

std::uint32_t decision_tree::awake_pending(std::uint32_t d, const node& x) const {
  std::uint32_t count = 0;
  for_each_awake(d, x, [&](std::uint32_t, std::int32_t) {
    ++count;
    return false;
  });
  return count;
}

bool decision_tree::advance() {
  while (!s_.nodes.empty()) {
    node& x = s_.nodes.back();
    if (x.is_choice) {
      if (!x.fixed && x.chosen + 1 < x.n) {
        ++x.chosen;
        return true;
      }
    } else if (x.pending > 0) {  // most decisions have nothing left: the count saves looking
      // The branch just explored sleeps in the later ones, and may cover them.
      push_explored(x);
      const auto d = size32(s_.nodes.size() - 1);
      std::int32_t proc = 0;
      for (std::uint32_t o = next_branch(d, x, proc); o < x.n; o = next_branch(d, x, proc)) {
        --x.pending;
        if (drop_covered(d, x, o, proc)) continue;
        x.chosen = o;
        x.chosen_proc = proc;
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
  for (std::size_t d = 0; d < s_.nodes.size(); ++d) {
    const node& x = s_.nodes[d];
    std::uint32_t before = 0, branches = 1;
    if (x.is_choice) {
      if (!x.fixed) before = x.chosen, branches = x.n;
    } else if (x.pending > 0 || x.explored_count > 0) {
      // Branches known: those explored, the chosen one, and the awake ones still to explore.
      before = x.explored_count;
      branches = 1 + x.explored_count + (x.pending > 0 ? awake_pending(size32(d), x) : 0);
    }
    estimate.step(before, branches);
  }
  return estimate.value();
}

std::uint32_t decision_tree::source_option(std::int32_t d, const std::vector<std::int32_t>& initials, std::size_t lead,
                                           bool& covered) const {
  const auto dn = static_cast<std::uint32_t>(d);
  const node& x = s_.nodes[dn];
  std::uint32_t pick = every_option;
  covered = false;
  for (std::size_t k = 0; k < initials.size(); ++k) {
    const std::int32_t q = initials[k];
    const std::uint32_t o = s_.options.index_of(x.options, q);
    if (o >= x.n) continue;
    // An initial that can run here and sleeps starts executions equivalent to
    // ones explored from an earlier branch (optimal dpor's test of the sleep set
    // against the sequence's weak initials, Abdulla et al., JACM 2017).
    covered = covered || in_backtrack(dn, o, q) || asleep_at(x, q);
    if (pick == every_option && k < lead) pick = o;
  }
  return pick;
}

void decision_tree::add_backtrack(std::int32_t d, std::uint32_t o, const reversal_reach* reach) {
  const auto dn = static_cast<std::uint32_t>(d);
  node& x = s_.nodes[dn];
  if (x.every) return;
  if (o == every_option) {
    x.every = true;
    x.pending = x.n - 1 - x.explored_count;  // every option not explored yet
    return;
  }
  mark m{dn, o, s_.options.at(x.options, o)};
  if (done_at(x, o, m.proc)) return;
  if (const auto at = find_mark(dn, o, m.proc); at != s_.marks.end()) {
    at->reach.merge(reach ? *reach : m.reach);
    return;
  }
  if (reach) m.reach = *reach;
  s_.marks.insert(std::lower_bound(s_.marks.begin(), s_.marks.end(), m), std::move(m));
  ++x.pending;
}

void decision_tree::rely(std::int32_t d, const std::vector<std::int32_t>& initials, const reversal_reach& reach) {
  const auto dn = static_cast<std::uint32_t>(d);
  const node& x = s_.nodes[dn];
  if (x.every) return;
  for (std::int32_t q : initials) {
    const std::uint32_t o = s_.options.index_of(x.options, q);
    if (o >= x.n || done_at(x, o, q)) continue;  // not here, or explored: nothing to drop
    if (const auto at = find_mark(dn, o, q); at != s_.marks.end()) at->reach.merge(reach);
  }
}

bool decision_tree::drop_covered(std::uint32_t d, const node& x, std::uint32_t o, std::int32_t proc) {
  if (x.every) return false;
  const auto at = find_mark(d, o, proc);
  if (at == s_.marks.end()) return false;
  const sleeper* z = s_.sleepers.data() + x.sleepers;
  for (std::uint32_t k = 0; k < x.sleep_count + x.explored_count; ++k)
    if (z[k].count == 0 && at->reach.silent_commutes(z[k].proc)) {
      s_.marks.erase(at);
      return true;
    }
  return false;
}

std::vector<decision_tree::mark>::iterator decision_tree::find_mark(std::uint32_t d, std::uint32_t o,
                                                                    std::int32_t proc) {
  const auto at = std::lower_bound(s_.marks.begin(), s_.marks.end(), mark{d, o, proc});
  return at != s_.marks.end() && at->node == d && at->option == o ? at : s_.marks.end();
}

void decision_tree::truncate(std::size_t n) {
  while (s_.nodes.size() > n) pop();
}

void decision_tree::unfix_all() {
  for (auto& x : s_.nodes) x.fixed = false;
}

void decision_tree::restart_from(const stack& first, std::uint32_t group) {
  s_ = first;
  s_.marks.clear();
  for (auto& x : s_.nodes) {
    x.fixed = x.is_choice && x.group != group;
    x.pending = 0;
    x.every = false;
  }
}

}  // namespace chancheck::detail
