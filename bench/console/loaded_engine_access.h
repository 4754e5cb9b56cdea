// runtime::EngineAccess over one engine that no longer changes: the console benchmark loads its
// engine completely before the HTTP server starts, and nothing writes to it afterwards. The app's
// ProcessingLoop queues each read job for its processing thread because the engine changes there
// between jobs; with no writer left, a job may run at once on the calling thread (the
// io_context's, where http::Api submits), and reading the engine from there is safe: the engine's
// last change happened before that thread was started. Unlike the app, the I/O thread serves
// nothing else while a job runs (README.md says what that changes in the figures).
#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "connectors/runtime/engine_access.h"

namespace caseflow::bench {

class LoadedEngineAccess final : public runtime::EngineAccess, private runtime::EngineReader {
 public:
  explicit LoadedEngineAccess(const core::Engine& engine) : engine_(engine) {}

  bool submit(std::function<void(const runtime::EngineReader&)> job) override {
    job(*this);
    return true;
  }

 private:
  // One engine holds every case (one partition, this instance owns it).
  const core::Engine* engine_for_case(std::string_view) const override { return &engine_; }
  std::vector<const core::Engine*> engines() const override { return {&engine_}; }

  const core::Engine& engine_;
};

}  // namespace caseflow::bench
