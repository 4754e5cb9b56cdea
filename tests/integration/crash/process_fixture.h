// Real processes for robustness tests: `caseflow broker` in a process of its own (so the log
// outlives the engines the test kills) and `caseflow run` engines pointed at it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "tests/integration/runtime/runtime_fixture.h"
#include "tests/integration/support/child_process.h"

namespace caseflow::testing {

class BrokerProcess {
 public:
  BrokerProcess();  // starts `caseflow broker` with caseflow's topics; waits for its address
  const std::string& bootstrap() const { return bootstrap_; }
  // An engine config for this broker, with `workflows_dir` and the project's calendars.
  std::filesystem::path engine_config(const std::string& workflows_dir) const;

 private:
  std::filesystem::path dir_;
  std::unique_ptr<ChildProcess> process_;
  std::string bootstrap_;
};

// Starts `caseflow run --config <config> --instance <instance>`; waits until it has started.
std::unique_ptr<ChildProcess> start_engine(const std::filesystem::path& config,
                                           const std::string& instance);

// Produces `json` keyed by `key` to caseflow.events (Java-compatible partitioning).
class EventProducer {
 public:
  explicit EventProducer(const std::string& bootstrap);
  void send(const std::string& key, const std::string& json);
  void flush();

 private:
  std::unique_ptr<kafka::Producer> producer_;
};

// The latest committed state of every case in the changelog, restored into fresh engines of
// `setup` (one per changelog partition): what a restarted engine would hold.
struct RestoredState {
  std::vector<std::unique_ptr<core::Engine>> engines;
  const core::Engine* engine_for(const std::string& case_id, int partitions) const;
  size_t cases() const;
};
RestoredState restore_from_changelog(const std::string& bootstrap,
                                     const runtime::EngineSetup& setup, int partitions);

}  // namespace caseflow::testing
