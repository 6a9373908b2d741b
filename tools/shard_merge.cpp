// shard_merge.cpp: checking that shard results belong together, and combining them.
#include "tools/shard_merge.hpp"

#include <algorithm>

#include "tools/cli_options.hpp"

namespace chancheck::detail {

namespace {

/// How strongly a verdict speaks for the merged scenario: a finding over a stopped shard over a pass.
int weight(const std::string& verdict) { return verdict == "pass" ? 0 : verdict == "interrupted" ? 1 : 2; }

std::string names_of(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

/// The scenario names of a document, in order.
std::vector<std::string> scenario_names(const nlohmann::json& doc) {
  std::vector<std::string> out;
  for (const auto& s : doc["scenarios"]) out.push_back(s.value("scenario", ""));
  return out;
}

/// The document's one shard; throws bad_usage when its scenarios have none or different ones.
const nlohmann::json& shard_of(const std::string& path, const nlohmann::json& doc) {
  const auto& list = doc["scenarios"];
  if (list.empty())
    throw bad_usage{"\"" + path + "\" holds no scenario (its run stopped before the first one); run that shard again"};
  for (const auto& s : list)
    if (!s.contains("shard") || s["shard"] != list[0]["shard"])
      throw bad_usage{"\"" + path + "\": scenario " + s.value("scenario", "?") +
                      " was not run as the same shard as the others; merge the files of `run --shard I/N --json "
                      "FILE`, one per shard"};
  return list[0]["shard"];
}

}  // namespace

void shard_merge::add(const std::string& path, const std::string& text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("format", "") != "chancheck-result" ||
      !doc["scenarios"].is_array())
    throw bad_usage{"\"" + path +
                    "\" is not a chancheck JSON result; pass the files `run --shard I/N --json FILE` wrote"};
  const nlohmann::json& shard = shard_of(path, doc);
  const auto index = shard.value("index", 0u);
  if (first_path_.empty()) {
    first_path_ = path;
    producer_ = doc["producer"].value("version", "");
    count_ = shard.value("count", 1u);
    options_ = shard["options"];
    names_ = scenario_names(doc);
    path_of_.assign(count_, "");
  }
  check_fits(path, doc, index);
  path_of_[index] = path;
  for (const auto& s : doc["scenarios"]) {
    auto& per_shard = objects_[s["scenario"].get<std::string>()];
    per_shard.resize(count_);
    per_shard[index] = s;
  }
}

void shard_merge::check_fits(const std::string& path, const nlohmann::json& doc, std::uint32_t index) const {
  const nlohmann::json& shard = doc["scenarios"][0]["shard"];
  const std::string other = "\"" + path + "\" and \"" + first_path_ + "\"";
  if (doc["producer"].value("version", "") != producer_)
    throw bad_usage{other + " were written by different chancheck versions; merge the shards of one version"};
  if (shard.value("count", 0u) != count_)
    throw bad_usage{other + " are shards of searches split in different numbers of shards (" +
                    std::to_string(shard.value("count", 0u)) + " and " + std::to_string(count_) +
                    "); merge the shards of one --shard I/N split"};
  if (shard["options"] != options_)
    throw bad_usage{other + " searched with different options (" + shard["options"].dump() + " and " + options_.dump() +
                    "); merge the shards of one search"};
  if (scenario_names(doc) != names_)
    throw bad_usage{other + " hold different scenarios (" + names_of(scenario_names(doc)) + "; and " +
                    names_of(names_) + "); merge the shards of one run"};
  if (!path_of_[index].empty())
    throw bad_usage{"shard " + std::to_string(index) + " of " + std::to_string(count_) + " is given twice: \"" +
                    path_of_[index] + "\" and \"" + path + "\"; pass each shard's file once"};
}

std::vector<nlohmann::json> shard_merge::merged() const {
  for (std::uint32_t i = 0; i < count_; ++i)
    if (path_of_[i].empty())
      throw bad_usage{"shard " + std::to_string(i) + " of " + std::to_string(count_) +
                      " is missing; pass every shard's file (run --shard " + std::to_string(i) + "/" +
                      std::to_string(count_) + " --json FILE writes it)"};
  std::vector<nlohmann::json> out;
  for (const auto& name : names_) {
    const auto& shards = objects_.at(name);
    std::size_t base = 0;
    for (std::size_t i = 1; i < shards.size(); ++i)
      if (weight(shards[i]["verdict"]) > weight(shards[base]["verdict"])) base = i;
    nlohmann::json m = shards[base];
    std::uint64_t executions = 0, samples = 0;
    double seconds = 0;
    bool exhaustive = true, ticks_held = false;
    std::string bound = "none";
    for (const auto& s : shards) {
      ticks_held = ticks_held || s.value("ticks_held", false);
      executions += s.value("executions", std::uint64_t{0});
      samples += s.value("samples", std::uint64_t{0});
      seconds += s.value("seconds", 0.0);
      exhaustive = exhaustive && s.value("exhaustive", false);
      if (bound == "none") bound = s.value("bound", "none");
    }
    m["executions"] = executions;
    if (samples > 0) m["samples"] = samples;  // each shard's own pct samples (the portfolio)
    m["seconds"] = seconds;
    m["exhaustive"] = exhaustive;
    if (ticks_held) m["ticks_held"] = true;  // a proof up to the tick budget if any shard held a tick
    m["bound"] = bound;
    m["shards"] = count_;
    if (m["verdict"] != "pass") m["found_by_shard"] = base;
    m.erase("shard");
    m.erase("explored_estimate");  // one shard's, not the search's
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace chancheck::detail
