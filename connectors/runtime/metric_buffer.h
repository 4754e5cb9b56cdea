// The metric observations of the open transaction, held until it commits: metrics count committed
// work only (docs/kafka.md). An aborted transaction is replayed from the last commit, and the
// replay makes the same observations again; applied as they were made, they would count twice.
//
// Lifetime: a MetricObservation holds string_views into the Engine that made it (effects.h). The
// StreamProcessor applies the buffer before commit() returns and drops it in abort_and_rewind()
// before the engines are rebuilt, and a revocation commits (or drops) before it destroys engines;
// so the buffer is empty whenever an Engine is replaced or destroyed, and no view outlives its
// Engine.
//
// Not thread-safe: the processing thread's. clear()/apply() keep the vectors' capacity, so a
// steady stream of transactions allocates nothing here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/runtime/runtime_probe.h"
#include "engine/core/effects.h"

namespace caseflow::runtime {

class MetricBuffer {
 public:
  void add(const core::MetricObservation& observation) { observations_.push_back(observation); }

  // A record of the open transaction sent to the DLQ. Its reason is copied: it may point into
  // Effects or a decoder error that do not live until the commit. Reasons are stable codes, a
  // handful of them, so one entry per reason is kept and counted.
  void dead_lettered(std::string_view reason) {
    for (DeadLetters& d : dead_letters_) {
      if (d.reason == reason) {
        ++d.count;
        return;
      }
    }
    dead_letters_.push_back({std::string(reason), 1});
  }

  // The transaction committed: everything goes to the probe, and the buffer is empty again.
  void apply(RuntimeProbe& probe) {
    for (const core::MetricObservation& o : observations_) probe.engine_metric(o);
    observations_.clear();
    for (DeadLetters& d : dead_letters_) {
      for (; d.count > 0; --d.count) probe.record_dead_lettered(d.reason);
    }
  }

  // The transaction aborted (or the processor failed for good): nothing of it is counted.
  void drop() {
    observations_.clear();
    for (DeadLetters& d : dead_letters_) d.count = 0;
  }

  bool empty() const {
    if (!observations_.empty()) return false;
    for (const DeadLetters& d : dead_letters_)
      if (d.count > 0) return false;
    return true;
  }

 private:
  struct DeadLetters {
    std::string reason;
    uint64_t count = 0;  // pending in the open transaction
  };
  std::vector<core::MetricObservation> observations_;
  std::vector<DeadLetters> dead_letters_;  // one per reason seen; kept across transactions
};

}  // namespace caseflow::runtime
