// leak_check.cpp: verify_no_leaks() and its report (see leak_check.hpp).
#include <chancheck/model/leak_check.hpp>

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace chancheck {

namespace {
std::string where(const std::source_location& l) {
  if (!l.file_name() || !*l.file_name()) return "?";
  return std::string(l.file_name()) + ":" + std::to_string(l.line());
}

std::string object(const char* kind, std::uint32_t id) { return std::string(kind) + "#" + std::to_string(id); }

/// True when `file` is `want` or ends with "/" + `want`.
bool file_matches(std::string_view file, std::string_view want) {
  if (want.empty() || file.size() < want.size() || file.substr(file.size() - want.size()) != want) return false;
  return file.size() == want.size() || file[file.size() - want.size() - 1] == '/';
}

/// True when a task spawned at `at` matches `site`: "file" or "file:line".
bool site_matches(const std::source_location& at, std::string_view site) {
  std::string_view file = at.file_name() ? at.file_name() : "";
  auto colon = site.rfind(':');
  if (colon != std::string_view::npos && colon + 1 < site.size() &&
      site.find_first_not_of("0123456789", colon + 1) == std::string_view::npos)
    return std::to_string(at.line()) == site.substr(colon + 1) && file_matches(file, site.substr(0, colon));
  return file_matches(file, site);
}

std::string seconds(std::chrono::steady_clock::duration d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1fs", std::chrono::duration<double>(d).count());
  return buf;
}
}  // namespace

bool task_set::contains(std::uint64_t serial) const noexcept {
  return std::binary_search(serials.begin(), serials.end(), serial);
}

task_set leak_snapshot() {
  task_set s;
  for (const auto& t : detail::live_tasks::list()) s.serials.push_back(t.serial);
  std::sort(s.serials.begin(), s.serials.end());
  return s;
}

bool leak_check_options::ignores(const task_snapshot& t) const {
  if (ignore.contains(t.serial)) return true;
  for (const auto& n : ignore_names)
    if (t.name == n) return true;
  for (const auto& site : ignore_sites)
    if (site_matches(t.spawned_at, site)) return true;
  return false;
}

std::string describe_task_op(const task_snapshot& t) {
  if (!t.has_op) return "no operation yet";
  switch (t.op) {
    case detail::op_kind::send: return t.obj ? "send on " + object("chan", t.obj) : "send on a nil channel";
    case detail::op_kind::recv: return t.obj ? "receive from " + object("chan", t.obj) : "receive from a nil channel";
    case detail::op_kind::close: return "close of " + object("chan", t.obj);
    case detail::op_kind::select: return "select";
    case detail::op_kind::lock: return "lock of " + object("mutex", t.obj);
    default: {
      // Appended step by step: GCC 12 at -O3 reports a false -Wrestrict on `" " + string`.
      std::string s(to_string(t.op));
      if (t.obj) s.append(" ").append(object("object", t.obj));
      return s;
    }
  }
}

std::string leak_report::text() const {
  if (ok()) return {};
  std::string s = "leak check: " + std::to_string(leaked.size()) + (leaked.size() == 1 ? " task" : " tasks") +
                  " still alive " + std::to_string(grace.count()) + " ms after the end of " +
                  (scope.empty() ? std::string("the checked code") : "test " + scope) +
                  (ignored ? " (" + std::to_string(ignored) + " more ignored by the options)" : "") + "\n";
  for (const auto& t : leaked) {
    s += "  task " + std::to_string(t.serial) + " \"" + t.name + "\", started at " + where(t.spawned_at);
    if (!t.scope.empty()) s += " in test " + t.scope;
    s += ", alive for " + seconds(t.age) + "\n";
    if (t.blocked)
      s += "    blocked in " + describe_task_op(t) + " at " + where(t.op_loc) + "\n";
    else if (t.has_op)
      s += "    running (not blocked); last operation: " + describe_task_op(t) + " at " + where(t.op_loc) + "\n";
    else
      s += "    running (not blocked); it has reached no channel, select or lock operation yet\n";
  }
  s += "fix: make every task end before the test does: close the channel a receiver waits on, cancel the "
       "context it selects on, give a channel room for a value nobody receives (make_chan<T>(1)), or "
       "wait for the task (a wait_group); run the code under the explorer (CHANCHECK_SCENARIO) to see the "
       "interleaving that leaks\n";
  return s;
}

leak_report verify_no_leaks(const leak_check_options& o) {
  leak_report r;
  r.scope = o.scope;
  r.grace = o.grace;
  auto ignored = [&o](const task_snapshot& t) { return o.ignores(t); };
  detail::live_tasks::wait_until_none(o.scope, std::chrono::steady_clock::now() + o.grace, ignored);
  for (auto& t : detail::live_tasks::list(o.scope)) {
    if (o.ignores(t))
      ++r.ignored;
    else
      r.leaked.push_back(std::move(t));
  }
  return r;
}

}  // namespace chancheck
