// The process basics every Prometheus client exports (process_cpu_seconds_total,
// process_resident_memory_bytes, process_start_time_seconds, ...), read from /proc/self at each
// scrape. Linux only. Thread-safe: Collect() keeps no state.
#pragma once

#include <vector>

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>

namespace caseflow::metrics {

class ProcessMetrics final : public prometheus::Collectable {
 public:
  // The families as of now; a value /proc cannot give is left out rather than reported as 0.
  std::vector<prometheus::MetricFamily> Collect() const override;
};

}  // namespace caseflow::metrics
