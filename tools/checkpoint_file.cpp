// checkpoint_file.cpp: the checkpoint file's JSON, its checks on resume, and its writes
// (see checkpoint_file.hpp).
#include "tools/checkpoint_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include <chancheck/harness/record/execution_options.hpp>

#include "tools/cli_options.hpp"
#include "tools/isolation/whole_file.hpp"

namespace chancheck::detail {

namespace {

constexpr const char* format_name = "chancheck-checkpoint";
constexpr int format_version = 1;
const std::string start_afresh = "; resume with the same options, or start without --resume";

/// The binary's identity: an FNV-1a hash of /proc/self/exe's bytes, taken 8 at a time
/// (a 60 MB binary with debug information in about 20 ms), read once; "" when unreadable.
const std::string& binary_identity() {
  static const std::string id = [] {
    std::ifstream in("/proc/self/exe", std::ios::binary);
    if (!in) return std::string();
    std::uint64_t h = 0xcbf29ce484222325ULL;
    std::vector<char> buf(1 << 20);
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0) {
      const auto got = static_cast<std::size_t>(in.gcount());
      std::memset(buf.data() + got, 0, buf.size() - got);
      for (std::size_t i = 0; i < got; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, buf.data() + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
      }
      h = (h ^ got) * 0x100000001b3ULL;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return std::string(hex);
  }();
  return id;
}

nlohmann::json report_json(const scenario_report& r) {
  return {{"verdict", r.verdict},
          {"as_expected", r.as_expected},
          {"summary", r.summary},
          {"explanation", r.explanation},
          {"json", r.json}};
}

scenario_report report_of(const nlohmann::json& j) {
  scenario_report r;
  r.verdict = j.at("verdict").get<std::string>();
  r.as_expected = j.at("as_expected").get<bool>();
  r.summary = j.at("summary").get<std::string>();
  r.explanation = j.at("explanation").get<std::string>();
  r.json = j.at("json").get<std::string>();
  return r;
}

nlohmann::json progress_json(const std::string& scenario, const search_checkpoint& c) {
  return {{"scenario", scenario}, {"strategy", c.strategy}, {"executions", c.executions}, {"pruned", c.pruned},
          {"samples", c.samples}, {"seconds", c.seconds},   {"state", c.state},           {"ticks_held", c.ticks_held}};
}

search_checkpoint progress_of(const nlohmann::json& j) {
  search_checkpoint c;
  c.strategy = j.at("strategy").get<std::string>();
  c.executions = j.at("executions").get<std::uint64_t>();
  c.pruned = j.at("pruned").get<std::uint64_t>();
  c.samples = j.value("samples", std::uint64_t{0});  // absent in checkpoints written before the portfolio
  c.seconds = j.at("seconds").get<double>();
  c.state = j.at("state").get<std::vector<std::uint64_t>>();
  c.ticks_held = j.value("ticks_held", false);  // absent in checkpoints written before the tick budget
  return c;
}

/// The `bound` a scenario's JSON object names: "none", "max-executions", "budget", ...
std::string bound_of(const scenario_report& r) {
  const nlohmann::json j = nlohmann::json::parse(r.json, nullptr, false);
  return j.is_object() && j.contains("bound") && j["bound"].is_string() ? j["bound"].get<std::string>() : "none";
}

/// The text of `path`; bad_usage when it cannot be read.
std::string read_checkpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw bad_usage{"--resume " + path + ": cannot read it (" + std::strerror(errno) +
                    "); give the file --checkpoint wrote, or start without --resume"};
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Checks that the checkpoint `j` was made by this binary and version; bad_usage otherwise.
void check_maker(const nlohmann::json& j, const std::string& path) {
  if (j.at("format").get<std::string>() != format_name || j.at("version").get<int>() != format_version)
    throw bad_usage{"--resume " + path + ": not a chancheck checkpoint of format version " +
                    std::to_string(format_version) + "; start without --resume"};
  const std::string version = j.at("chancheck").get<std::string>();
  if (version != CHANCHECK_VERSION)
    throw bad_usage{"--resume " + path + ": the checkpoint was made by chancheck " + version + ", this is " +
                    CHANCHECK_VERSION + "; resume with the binary that made it, or start without --resume"};
  if (j.at("binary").get<std::string>() != binary_identity())
    throw bad_usage{"--resume " + path +
                    ": the checkpoint was made by another binary (rebuilt, or another test program); resume with "
                    "the binary that made it, or start without --resume"};
}

/// Checks that the checkpoint `j` was made for the same scenarios and options; bad_usage otherwise.
void check_identity(const nlohmann::json& j, const checkpoint_identity& id, const std::string& path) {
  if (j.at("scenarios").get<std::vector<std::string>>() != id.scenarios)
    throw bad_usage{"--resume " + path +
                    ": the checkpoint was made for other scenarios; resume with the same scenario names, or start "
                    "without --resume"};
  const auto& made = j.at("options");
  for (const auto& [flag, given] : id.options) {
    const std::string was = made.at(flag).get<std::string>();
    if (was != given) throw bad_usage{"--resume " + path + ": the checkpoint was made " + was + start_afresh};
  }
}

}  // namespace

checkpoint_identity checkpoint_identity::of(std::vector<std::string> scenarios, const explore_options& o) {
  checkpoint_identity id;
  id.scenarios = std::move(scenarios);
  id.max_executions = o.max_executions;
  id.budget_ms = o.budget.count();
  auto with = [&](const std::string& flag, const std::string& value) {
    id.options.emplace_back(flag, "with " + flag + " " + value);
  };
  with("--strategy", o.strategy);
  with("--time", to_string(o.exec.time));
  with("--seed", std::to_string(o.seed));
  with("--depth", std::to_string(o.pct_depth));
  with("--preemptions", std::to_string(o.max_preemptions));
  with("--max-steps", std::to_string(o.exec.max_steps));
  with("--max-tasks", std::to_string(o.exec.max_tasks));
  with("--tick-budget", std::to_string(o.exec.tick_budget));
  with("--stack-size", std::to_string(o.exec.stack_size));
  if (o.sharded())
    with("--shard", std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count));
  else
    id.options.emplace_back("--shard", "without --shard");
  id.options.emplace_back("--no-split", o.dpor_split ? "without --no-split" : "with --no-split");
  return id;
}

checkpoint_file::checkpoint_file(std::string path, checkpoint_identity identity)
    : path_(std::move(path)), identity_(std::move(identity)) {}

checkpoint_file checkpoint_file::resume(const std::string& resume_path, std::string path,
                                        checkpoint_identity identity) {
  checkpoint_file f(std::move(path), std::move(identity));
  try {
    const nlohmann::json j = nlohmann::json::parse(read_checkpoint(resume_path));
    check_maker(j, resume_path);
    check_identity(j, f.identity_, resume_path);
    f.bounds_changed_ = j.at("max_executions").get<std::uint64_t>() != f.identity_.max_executions ||
                        j.at("budget_ms").get<std::int64_t>() != f.identity_.budget_ms;
    for (const auto& done : j.at("finished")) {
      f.finished_.push_back({done.at("scenario").get<std::string>(), report_of(done.at("report")), nullptr});
      if (done.contains("stopped"))
        f.finished_.back().stopped = std::make_shared<const search_checkpoint>(progress_of(done.at("stopped")));
    }
    if (const auto& p = j.at("in_progress"); !p.is_null()) {
      f.progress_scenario_ = p.at("scenario").get<std::string>();
      f.progress_ = std::make_shared<const search_checkpoint>(progress_of(p));
    }
  } catch (const nlohmann::json::exception& e) {
    throw bad_usage{"--resume " + resume_path + ": not a valid chancheck checkpoint (" + e.what() +
                    "); start without --resume"};
  }
  return f;
}

const checkpoint_file::finished_scenario* checkpoint_file::find_finished(const std::string& scenario) const {
  for (const auto& done : finished_)
    if (done.name == scenario) return &done;
  return nullptr;
}

const scenario_report* checkpoint_file::finished(const std::string& scenario) const {
  const finished_scenario* done = find_finished(scenario);
  return done && !(bounds_changed_ && done->stopped) ? &done->report : nullptr;
}

std::shared_ptr<const search_checkpoint> checkpoint_file::progress(const std::string& scenario) const {
  if (const finished_scenario* done = find_finished(scenario)) return bounds_changed_ ? done->stopped : nullptr;
  return scenario == progress_scenario_ ? progress_ : nullptr;
}

/// The progress of `scenario` in the file as it is on disk (a child wrote it last), or nullptr.
std::shared_ptr<const search_checkpoint> checkpoint_file::saved_progress(const std::string& scenario) const {
  std::ifstream in(path_, std::ios::binary);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_object() || !j.contains("in_progress") || !j["in_progress"].is_object()) return nullptr;
  try {
    const auto& p = j["in_progress"];
    if (p.at("scenario").get<std::string>() != scenario) return nullptr;
    return std::make_shared<const search_checkpoint>(progress_of(p));
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

std::string checkpoint_file::text() const {
  nlohmann::json options = nlohmann::json::object();
  for (const auto& [flag, given] : identity_.options) options[flag] = given;
  nlohmann::json finished = nlohmann::json::array();
  for (const auto& done : finished_) {
    nlohmann::json entry = {{"scenario", done.name}, {"report", report_json(done.report)}};
    if (done.stopped) entry["stopped"] = progress_json(done.name, *done.stopped);
    finished.push_back(std::move(entry));
  }
  nlohmann::json j = {{"format", format_name},
                      {"version", format_version},
                      {"chancheck", CHANCHECK_VERSION},
                      {"binary", binary_identity()},
                      {"scenarios", identity_.scenarios},
                      {"options", options},
                      {"max_executions", identity_.max_executions},
                      {"budget_ms", identity_.budget_ms},
                      {"finished", finished},
                      {"in_progress", progress_ ? progress_json(progress_scenario_, *progress_) : nullptr}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

int checkpoint_file::write() const { return write_whole_file(path_, text()); }

void checkpoint_file::start() {
  if (int e = write()) throw bad_usage{"--checkpoint " + path_ + ": cannot write it (" + std::strerror(e) + ")"};
}

void checkpoint_file::finish(const std::string& scenario, const scenario_report& r) {
  std::erase_if(finished_, [&](const finished_scenario& done) { return done.name == scenario; });
  const std::string bound = bound_of(r);
  const bool stopped = bound == "max-executions" || bound == "budget";  // a run with larger bounds goes on
  finished_.push_back({scenario, r, stopped ? saved_progress(scenario) : nullptr});
  if (progress_scenario_ == scenario) progress_ = nullptr, progress_scenario_.clear();
  write_or_warn();
}

void checkpoint_file::save_progress(const std::string& scenario, const search_checkpoint& c) {
  progress_scenario_ = scenario;
  progress_ = std::make_shared<const search_checkpoint>(c);
  write_or_warn();
}

void checkpoint_file::write_or_warn() const {
  if (int e = write())
    std::fprintf(stderr,
                 "chancheck: --checkpoint %s: cannot write it (%s); the run goes on, and the next checkpoint "
                 "tries again\n",
                 path_.c_str(), std::strerror(e));
}

}  // namespace chancheck::detail
