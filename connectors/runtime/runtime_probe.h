// What the runtime reports about itself, named after what happened. The app plugs in the
// Prometheus registry; tests count. Called only from the processing thread.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/core/effects.h"

namespace caseflow::runtime {

class RuntimeProbe {
 public:
  virtual ~RuntimeProbe() = default;
  virtual void engine_metric(const core::MetricObservation&) {}
  virtual void record_dead_lettered(std::string_view /*reason*/) {}
  virtual void transaction_committed(uint64_t /*inputs*/, uint64_t /*outputs*/) {}
  virtual void transaction_aborted(std::string_view /*why*/) {}
  virtual void partition_restored(int32_t /*partition*/, uint64_t /*cases*/, double /*seconds*/) {}
  virtual void offset_reset(int32_t /*partition*/) {}  // input fell off the log: an alarm
  // Committed inputs that arrived on a partition not owning their case and were moved to the
  // owner (their producer does not hash keys like the Java client).
  virtual void events_repartitioned(uint64_t /*count*/) {}
  virtual void consumer_lag(int32_t /*partition*/, int64_t /*lag*/) {}
};

}  // namespace caseflow::runtime
