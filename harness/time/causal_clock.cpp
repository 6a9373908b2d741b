// causal_clock.cpp: stamps flowing along happens-before (see causal_clock.hpp).
#include <chancheck/harness/time/causal_clock.hpp>

#include <algorithm>

namespace chancheck::detail {

void time_stamp::join(const time_stamp& o) {
  time = std::max(time, o.time);
  if (armed.size() < o.armed.size()) armed.resize(o.armed.size(), 0);
  for (std::size_t i = 0; i < o.armed.size(); ++i) armed[i] |= o.armed[i];
}

void time_stamp::add(std::uint64_t id) {
  if (armed.size() <= id / 64) armed.resize(id / 64 + 1, 0);
  armed[id / 64] |= std::uint64_t{1} << (id % 64);
}

void time_stamp::clear() {
  time = 0;
  std::fill(armed.begin(), armed.end(), 0);
}

void causal_clock::reset() {
  ntasks_ = nobjects_ = 0;
  next(tasks_, ntasks_).clear();
  firing_ = false;
}

time_stamp& causal_clock::next(std::vector<time_stamp>& v, std::size_t& n) {
  if (n == v.size()) v.emplace_back();
  return v[n++];
}

const time_stamp& causal_clock::actor(int t) const {
  if (firing_) return fire_;
  return t >= 0 && static_cast<std::size_t>(t) < ntasks_ ? tasks_[t] : none_;
}

void causal_clock::add_task(int t) {
  time_stamp& s = next(tasks_, ntasks_);  // grows first: actor() may point into tasks_
  s = actor(t);                           // copy-assignment keeps s's storage
}

void causal_clock::add_object(int) {
  // It starts with nothing seen: whoever touches it got it (its handle, or the
  // struct it lives in) along happens-before from its maker, and a lock or wait
  // group is registered by its first user, which must not hand its time to the others.
  next(objects_, nobjects_).clear();
  if (reads_.size() < nobjects_) reads_.resize(nobjects_);
  reads_[nobjects_ - 1].clear();
  if (released_.size() < nobjects_) released_.resize(nobjects_);
  released_[nobjects_ - 1].clear();
  if (release_log_.size() < nobjects_) release_log_.resize(nobjects_), release_logged_.resize(nobjects_);
  release_logged_[nobjects_ - 1] = 0;
}

void causal_clock::touch(int t, std::uint32_t obj) {
  if (obj == 0 || obj > nobjects_) return;
  time_stamp& o = objects_[obj - 1];
  if (firing_) {
    o.join(fire_);
    return;
  }
  if (t < 0 || static_cast<std::size_t>(t) >= ntasks_) return;
  time_stamp& me = tasks_[t];
  me.join(o);
  me.join(reads_[obj - 1]);
  me.join(released_[obj - 1]);
  reads_[obj - 1].clear();
  o = me;
}

void causal_clock::read(int t, std::uint32_t obj) {
  if (firing_ || obj == 0 || obj > nobjects_) return touch(t, obj);
  if (t < 0 || static_cast<std::size_t>(t) >= ntasks_) return;
  time_stamp& me = tasks_[t];
  me.join(objects_[obj - 1]);
  reads_[obj - 1].join(me);
}

void causal_clock::observe(int t, std::uint32_t obj) {
  if (firing_ || obj == 0 || obj > nobjects_) return touch(t, obj);
  if (t < 0 || static_cast<std::size_t>(t) >= ntasks_) return;
  tasks_[t].join(objects_[obj - 1]);
  tasks_[t].join(reads_[obj - 1]);
}

void causal_clock::take_released(int t, std::uint32_t obj) {
  if (task_on(t, obj)) tasks_[t].join(released_[obj - 1]);
}

void causal_clock::take_release(int t, std::uint32_t obj, std::int64_t cover) {
  if (task_on(t, obj) && cover >= 0 && static_cast<std::size_t>(cover) < release_logged_[obj - 1])
    tasks_[t].join(release_log_[obj - 1][static_cast<std::size_t>(cover)]);
}

void causal_clock::release(int t, std::uint32_t obj) {
  if (!task_on(t, obj)) return;
  tasks_[t].join(released_[obj - 1]);
  released_[obj - 1] = tasks_[t];
}

void causal_clock::log_release(int t, std::uint32_t obj) {
  if (task_on(t, obj)) next(release_log_[obj - 1], release_logged_[obj - 1]) = tasks_[t];  // keeps its storage
}

void causal_clock::meet(int t, int partner) {
  if (firing_ || t < 0 || partner < 0 || static_cast<std::size_t>(t) >= ntasks_ ||
      static_cast<std::size_t>(partner) >= ntasks_)
    return;
  tasks_[t].join(tasks_[partner]);
}

void causal_clock::wake(int woken, int t) {
  if (woken < 0 || static_cast<std::size_t>(woken) >= ntasks_) return;
  if (firing_)
    tasks_[woken].join(fire_);
  else if (woken != t)
    tasks_[woken].join(actor(t));
}

void causal_clock::begin_fire(const time_stamp& s) {
  fire_ = s;
  firing_ = true;
}

time_stamp causal_clock::arm(int t, std::uint64_t id, std::int64_t d) {
  time_stamp* a = &none_;
  if (firing_)
    a = &fire_;
  else if (t >= 0 && static_cast<std::size_t>(t) < ntasks_)
    a = &tasks_[t];
  a->add(id);
  time_stamp s = *a;
  s.time = a->time + std::max<std::int64_t>(0, d);
  if (a == &none_) none_ = {};
  return s;
}

}  // namespace chancheck::detail
