#include "connectors/runtime/processing_loop.h"

namespace caseflow::runtime {
namespace {

class ProcessorReader final : public EngineReader {
 public:
  explicit ProcessorReader(const StreamProcessor& p) : p_(p) {}
  const core::Engine* engine_for_case(std::string_view case_id) const override {
    return p_.engine(p_.partition_of(case_id));
  }
  std::vector<const core::Engine*> engines() const override {
    std::vector<const core::Engine*> out;
    for (int32_t partition : p_.owned_partitions()) out.push_back(p_.engine(partition));
    return out;
  }

 private:
  const StreamProcessor& p_;
};

}  // namespace

void ProcessingLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stopped_.notify_all();
}

bool ProcessingLoop::wait_for_stop(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return stopped_.wait_for(lock, timeout, [this] { return stopping_.load(); });
}

void ProcessingLoop::report_starting(std::string reason) {
  std::lock_guard lock(mutex_);
  if (!running_ && !closed_) readiness_ = {false, std::move(reason)};
}

Status ProcessingLoop::run(const ProcessorFactory& make) {
  auto made = make();
  if (!made) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    readiness_ = {false, made.error().message};
    return made.error();
  }
  StreamProcessor& processor = **made;
  running_ = true;
  Status result = ok_status();
  while (!stopping_) {
    if (auto stepped = processor.step(); !stepped) {
      result = stepped;
      break;
    }
    run_jobs(processor);
  }
  processor.stop();
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    readiness_ = {false, result ? "stopped" : result.error().message};
  }
  run_jobs(processor);  // jobs queued before closing still get their answer
  running_ = false;
  return result;
}

void ProcessingLoop::run_jobs(StreamProcessor& processor) {
  std::deque<std::function<void(const EngineReader&)>> reads;
  std::deque<std::function<void(StreamProcessor&)>> controls;
  {
    std::lock_guard lock(mutex_);
    reads.swap(reads_);
    controls.swap(controls_);
    if (!closed_) readiness_ = processor.readiness();
  }
  for (auto& control : controls) control(processor);
  const ProcessorReader reader(processor);
  for (auto& read : reads) read(reader);
}

bool ProcessingLoop::submit(std::function<void(const EngineReader&)> job) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  reads_.push_back(std::move(job));
  return true;
}

bool ProcessingLoop::submit_control(std::function<void(StreamProcessor&)> job) {
  std::lock_guard lock(mutex_);
  if (closed_) return false;
  controls_.push_back(std::move(job));
  return true;
}

Readiness ProcessingLoop::readiness() const {
  std::lock_guard lock(mutex_);
  return readiness_;
}

}  // namespace caseflow::runtime
