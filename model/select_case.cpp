// select_case.cpp: the run-time select (see select_case.hpp). It fills the same
// per-case arrays as the fixed-arity select in select.hpp, on the heap.
#include <chancheck/model/select_case.hpp>

#include <string>

#include <chancheck/model/panic.hpp>

namespace chancheck {

int select(std::vector<select_case>& cases, std::source_location loc) {
  const auto total = static_cast<std::uint32_t>(cases.size());
  std::uint32_t default_pos = UINT32_MAX;
  std::vector<detail::chan_core::select_case> rt;
  std::vector<detail::case_desc> desc;
  std::vector<std::uint32_t> pos;  // the index in `cases` of each channel case
  std::vector<const detail::object_origin*> made;
  rt.reserve(total);
  desc.reserve(total);
  pos.reserve(total);
  made.reserve(total);
  for (std::uint32_t p = 0; p < total; ++p) {
    select_case& c = cases[p];
    if (c.is_default_) {
      if (default_pos != UINT32_MAX)
        panic("select: cases " + std::to_string(default_pos) + " and " + std::to_string(p) +
                  " are both default cases; keep at most one",
              loc);
      default_pos = p;
      continue;
    }
    rt.push_back({c.core_, c.body_->elem(), c.is_send_, false});
    desc.push_back({c.id_, c.is_send_, c.loc_});
    made.push_back(c.origin_);
    pos.push_back(p);
  }
  const auto n = static_cast<std::uint32_t>(rt.size());
  const bool has_default = default_pos != UINT32_MAX;
  detail::op_desc op{detail::op_kind::select, 0, loc, desc.data(), n, has_default};
  if (!detail::dyn_runtime::schedule_point(op, made.data(), n)) return -1;
  int k = detail::chan_core::select(rt.data(), n, has_default, op);
  if (k < 0 && detail::dyn_runtime::tearing_down()) return -1;
  std::uint32_t taken = k < 0 ? default_pos : pos[static_cast<std::uint32_t>(k)];
  if (taken == UINT32_MAX) return -1;  // execution torn down
  cases[taken].body_->run(k >= 0 && rt[static_cast<std::uint32_t>(k)].ok);
  return static_cast<int>(taken);
}

}  // namespace chancheck
