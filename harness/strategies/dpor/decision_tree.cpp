// decision_tree.cpp: dpor's decisions, backtrack sets and sleep sets (see decision_tree.hpp).
#include <chancheck/harness/strategies/dpor/decision_tree.hpp>

#include <algorithm>

namespace chancheck::detail {

namespace {

/// Two accesses conflict when they name the same object and are not both reads.
bool conflicts(std::uint32_t a, std::uint32_t b) {
  return (a & ~read_access) == (b & ~read_access) && !((a & b) & read_access);
}

bool intersects(const std::vector<std::uint32_t>& a, const std::uint32_t* b, std::uint32_t nb) {
  for (auto x : a)
    for (std::uint32_t i = 0; i < nb; ++i)
      if (conflicts(x, b[i])) return true;
  return false;
}

void save_sleepers(search_state_writer& out, const std::vector<decision_tree::sleeper>& s) {
  out.u64(s.size());
  for (const auto& z : s) {
    out.u64(static_cast<std::uint32_t>(z.proc));
    out.u32s(z.access);
  }
}

std::vector<decision_tree::sleeper> read_sleepers(search_state_reader& in) {
  std::vector<decision_tree::sleeper> s(in.count());
  for (auto& z : s) {
    z.proc = static_cast<std::int32_t>(in.u32());
    z.access = in.u32s();
  }
  return s;
}

/// True when a restored node is well formed (the search indexes its vectors by option).
bool well_formed(const decision_tree::node& x) {
  if (x.is_choice) return x.n >= 1 && x.chosen < x.n;
  return x.n >= 1 && x.chosen < x.n && x.options.size() == x.n && x.backtrack.size() == x.n && x.done.size() == x.n;
}

}  // namespace

void decision_tree::save_nodes(search_state_writer& out, const std::vector<node>& nodes) {
  out.u64(nodes.size());
  for (const node& x : nodes) {
    out.u64(x.is_choice | x.fixed << 1 | x.access_once << 2 | x.access_seen << 3);
    out.u64(x.n | std::uint64_t{x.chosen} << 32);
    out.u64(x.group);
    out.i32s(x.options);
    out.u8s(x.backtrack);
    out.u8s(x.done);
    save_sleepers(out, x.sleep);
    save_sleepers(out, x.explored);
    out.u32s(x.chosen_access);
  }
}

std::vector<decision_tree::node> decision_tree::read_nodes(search_state_reader& in) {
  std::vector<node> nodes(in.count());
  for (node& x : nodes) {
    const std::uint64_t flags = in.below(15), pick = in.u64();
    x.is_choice = flags & 1, x.fixed = flags & 2, x.access_once = flags & 4, x.access_seen = flags & 8;
    x.n = static_cast<std::uint32_t>(pick), x.chosen = static_cast<std::uint32_t>(pick >> 32);
    x.group = in.u32();
    x.options = in.i32s();
    x.backtrack = in.u8s();
    x.done = in.u8s();
    x.sleep = read_sleepers(in);
    x.explored = read_sleepers(in);
    x.chosen_access = in.u32s();
    if (!in.ok() || !well_formed(x)) {
      in.fail();
      return {};
    }
  }
  return nodes;
}

void decision_tree::begin_execution() {
  pos_ = 0;
  filtered_ = 0;
  armed_seen_ = 0;
  sleep_.clear();
  error_.clear();
}

std::uint32_t decision_tree::pick_task(std::span<const std::int32_t> options, const execution_record* live) {
  if (live) filter_sleep(*live);
  auto n = static_cast<std::uint32_t>(options.size());
  if (pos_ < stack_.size()) {
    node& x = stack_[pos_++];
    if (x.is_choice || x.n != n || !std::equal(options.begin(), options.end(), x.options.begin())) {
      error_ = "the scenario is not deterministic: decision " + std::to_string(pos_) +
               " offers other tasks than before; it must not depend on real time, real randomness or "
               "state kept between runs";
      return n;
    }
    sleep_ = x.sleep;
    sleep_.insert(sleep_.end(), x.explored.begin(), x.explored.end());
    return x.chosen;
  }
  node x;
  x.n = n;
  x.options.assign(options.begin(), options.end());
  x.sleep = sleep_;
  x.backtrack.assign(n, 0);
  x.done.assign(n, 0);
  std::uint32_t k = 0;
  while (k < n && asleep(x.sleep, options[k])) ++k;
  if (k == n) return n;  // every option sleeps: redundant, prune
  x.chosen = k;
  x.backtrack[k] = x.done[k] = 1;
  stack_.push_back(std::move(x));
  ++pos_;
  return k;
}

std::uint32_t decision_tree::pick_choice(std::uint32_t n, std::uint32_t group, bool fixed) {
  if (pos_ < stack_.size()) {
    node& x = stack_[pos_++];
    if (!x.is_choice || x.n != n) {
      error_ = "the scenario is not deterministic: decision " + std::to_string(pos_) + " changed";
      return n;
    }
    return x.chosen;
  }
  node x;
  x.is_choice = true;
  x.n = n;
  x.sleep = sleep_;
  x.group = group;
  x.fixed = fixed;
  stack_.push_back(std::move(x));
  ++pos_;
  return 0;
}

bool decision_tree::asleep(const std::vector<sleeper>& s, std::int32_t proc) {
  for (const auto& z : s)
    if (z.proc == proc) return true;
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
    sleep_.erase(std::remove_if(sleep_.begin(), sleep_.end(),
                                [&](const sleeper& z) {
                                  return z.proc == st.proc || (z.proc < 0 && armed) || intersects(z.access, acc, count);
                                }),
                 sleep_.end());
  }
}

void decision_tree::record_accesses(const execution_record& r) {
  for (const trace_step& st : r.step_log) {
    if (st.decision < 0 || static_cast<std::size_t>(st.decision) >= stack_.size()) continue;
    node& x = stack_[st.decision];
    if (x.access_once && x.access_seen) continue;
    x.chosen_access.assign(r.access.begin() + st.access_begin, r.access.begin() + st.access_begin + st.access_count);
    x.access_seen = true;
  }
}

bool decision_tree::advance() {
  while (!stack_.empty()) {
    node& x = stack_.back();
    if (x.is_choice) {
      if (!x.fixed && x.chosen + 1 < x.n) {
        ++x.chosen;
        return true;
      }
    } else {
      for (std::uint32_t o = 0; o < x.n; ++o) {
        if (!x.backtrack[o] || x.done[o] || asleep(x.sleep, x.options[o])) continue;
        x.explored.push_back({x.options[x.chosen], x.chosen_access});
        x.chosen = o;
        x.done[o] = 1;
        x.access_seen = false;
        return true;
      }
    }
    stack_.pop_back();
  }
  return false;
}

std::uint32_t decision_tree::source_option(std::int32_t d, const std::vector<std::int32_t>& initials,
                                           bool& covered) const {
  const node& x = stack_[static_cast<std::size_t>(d)];
  std::uint32_t pick = every_option;
  covered = false;
  for (std::int32_t q : initials)
    for (std::uint32_t o = 0; o < x.n; ++o)
      if (x.options[o] == q) {
        covered = covered || x.backtrack[o];
        if (pick == every_option) pick = o;
      }
  return pick;
}

void decision_tree::add_backtrack(std::int32_t d, std::uint32_t o) {
  node& x = stack_[static_cast<std::size_t>(d)];
  if (o == every_option)
    std::fill(x.backtrack.begin(), x.backtrack.end(), 1);
  else
    x.backtrack[o] = 1;
}

void decision_tree::unfix_all() {
  for (auto& x : stack_) x.fixed = false;
}

void decision_tree::restart_from(const std::vector<node>& first, std::uint32_t group) {
  stack_ = first;
  for (auto& x : stack_) {
    x.fixed = x.is_choice && x.group != group;
    std::fill(x.backtrack.begin(), x.backtrack.end(), 0);
    std::fill(x.done.begin(), x.done.end(), 0);
    if (!x.is_choice) x.backtrack[x.chosen] = x.done[x.chosen] = 1;
  }
}

}  // namespace chancheck::detail
