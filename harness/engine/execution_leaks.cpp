// execution_leaks.cpp: the part of the engine that feeds the mid-run leak check
// (model/leak_fixpoint.hpp): which channels exist and where their
// handles went, which tasks' memory escaped in a message, and the check itself,
// run when a task blocks on channels or a handle of a waited-on channel goes away.
// It only records: the execution runs on, so a token covers the whole execution.
#include <chancheck/harness/engine/execution.hpp>

#include <algorithm>
#include <cstring>

#include <chancheck/model/handle_registry.hpp>

namespace chancheck::detail {

void execution::chan_made(std::uint32_t id, handle_registry* r) {
  if (tearing_down_) return;
  if (chans_.size() <= id) chans_.resize(id + 1, nullptr);
  chans_[id] = r;
}

void execution::chan_gone(std::uint32_t id) {
  if (id < chans_.size()) chans_[id] = nullptr;
}

void execution::handle_changed(std::uint32_t id) {
  if (tearing_down_ || id >= chans_.size() || !chans_[id]) return;
  if (drops_.size() <= id) drops_.resize(id + 1);
  const trace_loc at = current_ >= 0 ? rec_->tasks[current_].op_loc : trace_loc{};
  drops_[id] = {rec_->steps, static_cast<std::uint32_t>(rec_->events.size()), current_, at};
  if (opts_.midrun == midrun_check::on && chans_[id]->has_waiters()) check_leaks(true, id, current_, at);
}

void execution::value_sent(const void* value, std::size_t size) {
  if (tearing_down_ || opts_.midrun != midrun_check::on) return;
  constexpr std::uintptr_t w = sizeof(std::uintptr_t);
  const auto begin = (reinterpret_cast<std::uintptr_t>(value) + w - 1) & ~(w - 1);
  const auto end = reinterpret_cast<std::uintptr_t>(value) + size;
  for (auto p = begin; p + w <= end; p += w) {
    std::uintptr_t a;
    std::memcpy(&a, reinterpret_cast<const void*>(p), w);
    if (const std::int32_t t = task_memory_.find(a); t >= 0) escaped_[static_cast<std::size_t>(t)] = 1;
  }
}

memory_range execution::stack_range(std::size_t t) const {
  const boost::context::stack_context& sc = task_stacks_[t];
  if (tasks_[t].state == task_state::finished || !sc.sp) return {};
  const char* top = static_cast<const char*>(sc.sp);
  return {top - sc.size, top};
}

void execution::index_memory(int t) {
  const auto i = static_cast<std::size_t>(t);
  task_memory_.set(t, true, stack_range(i));
  task_memory_.set(t, false, closures_[i]);
}

bool execution::blocked_on_channels(int t) const {
  if (t <= 0 || tasks_[t].state != task_state::blocked) return false;
  const op_desc& op = last_ops_[t];
  if (op.kind == op_kind::send || op.kind == op_kind::recv) return op.obj != 0;
  if (op.kind != op_kind::select || op.has_default) return false;
  for (std::uint32_t i = 0; i < op.ncases; ++i)
    if (op.cases[i].obj != 0) return true;
  return false;
}

void execution::waits_of(int t, std::vector<std::uint32_t>& out) const {
  out.clear();
  if (!blocked_on_channels(t)) return;
  const op_desc& op = last_ops_[static_cast<std::size_t>(t)];
  if (op.obj) out.push_back(op.obj);
  for (std::uint32_t c = 0; c < op.ncases; ++c)
    if (op.cases[c].obj) out.push_back(op.cases[c].obj);
}

bool execution::fill_leak_views() {
  bool any = false;
  leak_views_.resize(tasks_.size());
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    leak_task_view& v = leak_views_[i];
    const auto t = static_cast<int>(i);
    v.blocked_on_channels = blocked_on_channels(t);
    v.escaped = escaped_[i] != 0;
    any |= v.blocked_on_channels && !v.escaped;
    waits_of(t, v.waits);
    v.stack = stack_range(i);
    v.closure = closures_[i];
    // main's body is the scenario's; a task started from a std::function keeps its captures out of sight.
    v.opaque = t > 0 && v.stack.begin != nullptr && v.closure.begin == nullptr;
  }
  return any;
}

bool execution::user_timer_armed() const {
  return std::any_of(armed_list_.begin(), armed_list_.end(),
                     [this](std::uint32_t i) { return timers_[i].effect == timer_effect::user_code; });
}

void execution::check_leaks(bool dropped, std::uint32_t obj, std::int32_t by, trace_loc at) {
  if (tearing_down_ || stopping_ || user_timer_armed()) return;
  if (dropped)
    changed_.assign(1, obj);
  else
    waits_of(by, changed_);
  const chan_lookup chan = [this](std::uint32_t id) { return id < chans_.size() ? chans_[id] : nullptr; };
  // Most changes leave the channel reachable: that is found without looking at every task.
  auto candidate = [this](std::int32_t t) { return blocked_on_channels(t) && !escaped_[static_cast<std::size_t>(t)]; };
  if (!changed_.empty() && leak_fixpoint::reachable_by_handle(changed_, chan, task_memory_, candidate)) return;
  if (!fill_leak_views()) return;
  // The changed channels were asked about above: the fixpoint starts from every candidate.
  static const std::vector<std::uint32_t> asked_already;
  std::vector<std::int32_t> found = leak_check_.leaked(leak_views_, chan, asked_already, &task_memory_);
  std::erase_if(found, [&](std::int32_t t) { return leak_reported_[static_cast<std::size_t>(t)] != 0; });
  if (found.empty()) return;
  leak_found why;
  why.step = rec_->steps;
  why.entry = static_cast<std::uint32_t>(rec_->events.size());
  why.dropped = dropped;
  why.obj = obj;
  why.by = by;
  why.at = at;
  for (std::int32_t t : found) {
    leak_reported_[static_cast<std::size_t>(t)] = 1;
    why.task_steps.push_back(rec_->tasks[static_cast<std::size_t>(t)].steps);
  }
  why.tasks = std::move(found);
  if (!dropped) note_last_drop(why);
  rec_->leaks_found.push_back(std::move(why));
}

void execution::note_last_drop(leak_found& f) const {
  for (std::int32_t t : f.tasks)
    for (const leak_task_view& v = leak_views_[static_cast<std::size_t>(t)]; std::uint32_t id : v.waits)
      if (id < drops_.size() && drops_[id].step > 0 && drops_[id].step >= f.drop_step)
        f.drop_step = drops_[id].step, f.drop_entry = drops_[id].entry, f.drop_by = drops_[id].by,
        f.drop_at = drops_[id].at, f.drop_obj = id;
}

}  // namespace chancheck::detail
