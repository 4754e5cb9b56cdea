// The archive writer on a thread of its own, owned by the command that starts it (`caseflow run`
// or `caseflow archive`), with the settings of the config file.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "app/engine_config.h"
#include "connectors/archive/archive_writer.h"
#include "connectors/runtime/stream_processor.h"

namespace caseflow::app {

// The writer's options from the config; `kafka` holds bootstrap.servers and the pass-through
// properties.
archive::ArchiveWriterOptions archive_writer_options(const EngineConfig& config,
                                                     const kafka::Properties& kafka);

class ArchiveService {
 public:
  // Makes the writer and starts its thread. `on_exit` runs on that thread if the writer stops
  // on its own (an error), not after stop(). `probe` must outlive the service.
  static Result<std::unique_ptr<ArchiveService>> start(archive::ArchiveWriterOptions options,
                                                       archive::ArchiveProbe& probe,
                                                       std::function<void(const Status&)> on_exit);
  ~ArchiveService();  // stop()

  // Drains (what is held is written and committed if the database takes it) and joins.
  Status stop();
  archive::ArchiveHealth health() const { return writer_->health(); }
  // `readiness` with the archive's state added (runtime::Readiness::archive).
  void describe(runtime::Readiness& readiness) const;

 private:
  ArchiveService() = default;

  std::unique_ptr<archive::ArchiveWriter> writer_;
  std::thread thread_;
  Status result_ = ok_status();  // written by the thread before `exited_`
  std::atomic<bool> exited_{false};
  std::atomic<bool> stopping_{false};
};

}  // namespace caseflow::app
