// go.cpp: go() and yield(), each a scheduling point.
#include <chancheck/model/go.hpp>

#include <chancheck/model/runtime.hpp>

namespace chancheck {

void detail::go_task(std::function<void()> fn, const char* name, memory_range closure, std::source_location loc) {
  if (!detail::dyn_runtime::schedule_point(detail::op_desc{detail::op_kind::go, 0, loc})) return;  // a foreign thread
  detail::dyn_runtime::spawn(std::move(fn), name, loc, closure);
}

void go(std::function<void()> fn, std::source_location loc) { detail::go_task(std::move(fn), nullptr, {}, loc); }

void go(const std::string& name, std::function<void()> fn, std::source_location loc) {
  detail::go_task(std::move(fn), name.c_str(), {}, loc);
}

void yield(std::source_location loc) {
  detail::dyn_runtime::schedule_point(detail::op_desc{detail::op_kind::yield, 0, loc});
}

}  // namespace chancheck
