// checkpoint_file.hpp: `run --checkpoint FILE` and `run --resume FILE`. The file (JSON,
// docs/nightly.md) holds what a killed run needs to go on: the finished scenarios'
// reports, and the scenario in progress with its search state (search_checkpoint.hpp).
// It is always written whole (tools/isolation/whole_file.hpp). Under process isolation
// the child that explores a scenario writes its progress, and the parent writes the file
// after each scenario ends, never while a child runs. A checkpoint resumes only in the
// same binary, with the same scenarios and the same options (bounds aside).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <chancheck/harness/record/explore_options.hpp>
#include <chancheck/harness/record/search_checkpoint.hpp>

#include "tools/isolation/scenario_report.hpp"

namespace chancheck::detail {

/// What a checkpoint must agree on with the run that resumes it.
struct checkpoint_identity {
  std::vector<std::string> scenarios;  ///< the scenarios of the run, in order
  /// Per option that changes the search: its flag, and how the run gave it ("with --strategy dfs").
  std::vector<std::pair<std::string, std::string>> options;
  /// The bounds, which may change on resume: a search a bound stopped then goes on.
  std::uint64_t max_executions = 0;
  std::int64_t budget_ms = 0;

  /// The identity of a run of `scenarios` with `o` (its budget and execution bound may change on resume).
  static checkpoint_identity of(std::vector<std::string> scenarios, const explore_options& o);
};

/// The checkpoint file of one run.
class checkpoint_file {
 public:
  /// A new checkpoint written to `path`.
  checkpoint_file(std::string path, checkpoint_identity identity);
  /// The checkpoint in `resume_path`, written on to `path`; bad_usage when it is missing, corrupt,
  /// or made by another binary, version, scenario set or options.
  static checkpoint_file resume(const std::string& resume_path, std::string path, checkpoint_identity identity);

  /// The report of `scenario` when it finished before the checkpoint (and is not to
  /// go on under changed bounds), else nullptr.
  const scenario_report* finished(const std::string& scenario) const;
  /// The search state of `scenario` when it was in progress, or when a bound stopped
  /// it and the bounds changed since; else nullptr.
  std::shared_ptr<const search_checkpoint> progress(const std::string& scenario) const;

  /// Writes the file as it is (before the first scenario); bad_usage when it cannot.
  void start();
  /// `scenario` ended with `r`: writes the file with it finished (the parent), with its
  /// last search state when a bound stopped it. A failure is written to stderr and the
  /// run goes on (the report is printed and kept; the next write tries again).
  void finish(const std::string& scenario, const scenario_report& r);
  /// The search of `scenario` is at `c`: writes the file with it (the explorer's process);
  /// a failure is written to stderr, and the search goes on.
  void save_progress(const std::string& scenario, const search_checkpoint& c);

 private:
  /// A scenario that finished, and its last search state when a bound stopped it.
  struct finished_scenario {
    std::string name;
    scenario_report report;
    std::shared_ptr<const search_checkpoint> stopped;
  };

  const finished_scenario* find_finished(const std::string& scenario) const;
  std::shared_ptr<const search_checkpoint> saved_progress(const std::string& scenario) const;
  std::string text() const;
  int write() const;
  /// write(), and a warning on stderr when it fails (only start() is bad usage).
  void write_or_warn() const;

  std::string path_;
  checkpoint_identity identity_;
  bool bounds_changed_ = false;  ///< the bounds differ from those of the run that made the checkpoint
  std::vector<finished_scenario> finished_;
  std::string progress_scenario_;
  std::shared_ptr<const search_checkpoint> progress_;
};

}  // namespace chancheck::detail
