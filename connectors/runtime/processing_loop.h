// The processing thread's body: steps the StreamProcessor until asked to stop, runs the jobs other
// threads submit between cycles, and publishes readiness for the health endpoints.
//
// Thread rules: run() is called on the one thread the app starts for it; everything else is
// thread-safe. The app creates the StreamProcessor on that same thread (inside `make`), so the
// processor never changes threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "connectors/runtime/engine_access.h"
#include "connectors/runtime/stream_processor.h"

namespace caseflow::runtime {

class ProcessingLoop final : public EngineAccess {
 public:
  using ProcessorFactory = std::function<Result<std::unique_ptr<StreamProcessor>>()>;

  // Creates the processor with `make` on the calling thread, then steps it until stop(). Returns
  // the error that ended it, or ok after a stop (having committed and left the group).
  Status run(const ProcessorFactory& make);

  // Asks run() to finish its cycle, commit and return; wakes wait_for_stop(). Thread-safe,
  // idempotent.
  void stop();
  bool stopping() const { return stopping_; }

  // For the work before run() (e.g. waiting for Kafka to answer): waits up to `timeout`; true
  // when stop() was called. Thread-safe.
  bool wait_for_stop(std::chrono::milliseconds timeout);

  // Before run(): what readiness says while the engine is not running yet (e.g. "kafka: ... does
  // not answer"). Ignored once run() has started. Thread-safe.
  void report_starting(std::string reason);

  bool submit(std::function<void(const EngineReader&)> job) override;

  // A control job: runs on the processing thread with the processor itself (e.g. a reload).
  bool submit_control(std::function<void(StreamProcessor&)> job);

  // Readiness as of the last cycle. Thread-safe.
  Readiness readiness() const;
  bool running() const { return running_; }

 private:
  void run_jobs(StreamProcessor& processor);

  std::atomic<bool> stopping_{false};
  std::atomic<bool> running_{false};
  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable stopped_;
  std::deque<std::function<void(const EngineReader&)>> reads_;
  std::deque<std::function<void(StreamProcessor&)>> controls_;
  Readiness readiness_{false, "starting"};
  bool closed_ = false;  // no more jobs accepted
};

}  // namespace caseflow::runtime
