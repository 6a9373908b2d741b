// scenario.cpp: the scenario registry, and what each declared expectation accepts.
#include <chancheck/properties/scenario.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace chancheck {

const char* to_string(expected e) {
  static const char* names[] = {"pass",      "leak",      "deadlock",   "panic",
                                "exception", "assertion", "step-limit", "blocking"};
  return names[static_cast<int>(e)];
}

}  // namespace chancheck

namespace chancheck::detail {

namespace {
std::vector<scenario_info>& registry() {
  static std::vector<scenario_info> r;
  return r;
}
bool sorted = false;
}  // namespace

bool verdict_accepted(std::string_view declared, std::string_view verdict) {
  if (declared == "blocking") return verdict == "leak" || verdict == "deadlock";
  return declared == verdict;
}

scenario_registrar::scenario_registrar(const scenario_spec& spec, void (*body)(), std::source_location loc) {
  for (const auto& s : registry())
    if (s.name == spec.name) {
      std::fprintf(stderr, "chancheck: two scenarios are named \"%s\" (%s:%u and %s:%u); rename one\n",
                   spec.name.c_str(), s.loc.file, s.loc.line, loc.file_name(), static_cast<unsigned>(loc.line()));
      std::exit(2);
    }
  registry().push_back({spec.name, spec.expect, body, {loc.file_name(), static_cast<std::uint32_t>(loc.line())}});
  sorted = false;
}

const std::vector<scenario_info>& scenarios() {
  if (!sorted) {
    std::sort(registry().begin(), registry().end(),
              [](const scenario_info& a, const scenario_info& b) { return a.name < b.name; });
    sorted = true;
  }
  return registry();
}

const scenario_info* find_scenario(const std::string& name) {
  for (const auto& s : scenarios())
    if (s.name == name) return &s;
  return nullptr;
}

}  // namespace chancheck::detail
