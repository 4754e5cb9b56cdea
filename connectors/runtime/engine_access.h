// How threads other than the processing thread (the HTTP server's) read engine state: they hand a
// job to the processing loop, which runs it between two cycles, when no case is changing. The
// job answers by posting its result back to its own executor (e.g. an Asio strand).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "engine/core/engine.h"

namespace caseflow::runtime {

// What a job sees. Valid only during the job; never keep pointers past it.
class EngineReader {
 public:
  virtual ~EngineReader() = default;
  // The engine owning `case_id` on this instance; nullptr if another instance owns the case's
  // partition (or this one has not restored it yet).
  virtual const core::Engine* engine_for_case(std::string_view case_id) const = 0;
  // Every engine of this instance (one per owned input partition).
  virtual std::vector<const core::Engine*> engines() const = 0;
};

class EngineAccess {
 public:
  virtual ~EngineAccess() = default;
  // Queues `job` to run on the processing thread within about one commit interval. Thread-safe.
  // Returns false (and never runs the job) when the processing loop has stopped.
  virtual bool submit(std::function<void(const EngineReader&)> job) = 0;
};

}  // namespace caseflow::runtime
