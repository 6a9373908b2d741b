// naming.cpp: names of locations, times, tasks, objects and operations.
#include <chancheck/properties/naming.hpp>

#include <cstdio>

namespace chancheck::detail {

std::string where(const trace_loc& l) {
  if (!l.file || !*l.file) return "?";
  return std::string(l.file) + ":" + std::to_string(l.line);
}

std::string ms(std::int64_t ns) {
  char buf[32];
  if (ns % 1000000 == 0)
    std::snprintf(buf, sizeof buf, "%lldms", static_cast<long long>(ns / 1000000));
  else
    std::snprintf(buf, sizeof buf, "%.3fms", static_cast<double>(ns) / 1e6);
  return buf;
}

std::string task_name(const execution_record& r, std::int32_t id) {
  if (id < 0 || id >= static_cast<std::int32_t>(r.tasks.size())) return "clock";
  return r.tasks[id].name;
}

std::string task_label(const execution_record& r, std::int32_t id) { return "task " + task_name(r, id); }

std::string object_name(const execution_record& r, std::uint32_t id) {
  const trace_object* o = r.object(id);
  if (!o) return "nil";
  std::string base = o->label.empty() ? to_string(o->kind) : o->label;
  return base + "#" + std::to_string(id);
}

std::string case_name(const execution_record& r, const trace_case& c) {
  return c.is_send ? object_name(r, c.obj) + "<-" : "<-" + object_name(r, c.obj);
}

std::string describe_object(const execution_record& r, std::uint32_t id) {
  const trace_object* o = r.object(id);
  if (!o) return "a nil channel";
  const std::string name = object_name(r, id), made = where(o->loc);
  if (o->kind == object_kind::cond)
    return name + " (made at " + made + ", over " + object_name(r, static_cast<std::uint32_t>(o->cap)) + ")";
  if (const char* size = info(o->kind).size_word) {
    std::string s = name;
    s.append(" (").append(size).append(" ").append(std::to_string(o->cap)).append(", made at ").append(made);
    return s + ")";
  }
  if (o->kind != object_kind::chan) return name + " (made at " + made + ")";
  if (o->label == "ctx.done") return name + " (the done channel of the context made at " + made + ")";
  if (o->label == "after" || o->label == "sleep" || o->label == "timer")
    return name + " (the timer channel made at " + made + ")";
  if (o->label == "ticker") return name + " (the ticker channel made at " + made + ")";
  return name + " (" + (o->cap == 0 ? "unbuffered" : "capacity " + std::to_string(o->cap)) + ", made at " + made + ")";
}

std::string describe_op(const execution_record& r, op_kind op, std::uint32_t obj,
                        const std::vector<trace_case>& cases) {
  if (op == op_kind::select) {
    std::string s = "select {";
    for (std::size_t i = 0; i < cases.size(); ++i) s += (i ? ", " : "") + case_name(r, cases[i]);
    return s + "}";
  }
  const op_info& d = info(op);
  std::string s = d.verb ? d.verb : d.name;  // built by appends: GCC 12 warns (-Wrestrict) on " " + a temporary
  if (d.verb || obj) {
    s += ' ';
    s += object_name(r, obj);
  }
  return s;
}

std::string op_phrase(const execution_record& r, op_kind op, std::uint32_t obj) {
  if (op != op_kind::select) return describe_op(r, op, obj);
  std::string s = to_string(op);
  if (obj) {  // appended in two steps: GCC 12 warns (-Wrestrict) about " " + a temporary string
    s += ' ';
    s += object_name(r, obj);
  }
  return s;
}

}  // namespace chancheck::detail
