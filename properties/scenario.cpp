// scenario.cpp: the scenario registry.
#include <chancheck/properties/scenario.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace chancheck::detail {

namespace {
std::vector<scenario_info>& registry() {
  static std::vector<scenario_info> r;
  return r;
}
bool sorted = false;
}  // namespace

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
