// The archive writer's numbers as Prometheus families of the catalog (archive_metric in
// metric_catalog.h), in the registry /metrics serves.
#pragma once

#include "connectors/archive/archive_writer.h"
#include "connectors/metrics/metrics_registry.h"

namespace caseflow::archive {

class MetricsArchiveProbe final : public ArchiveProbe {
 public:
  // `registry` must outlive the probe.
  explicit MetricsArchiveProbe(metrics::MetricsRegistry& registry) : registry_(registry) {}

  void batch_committed(uint64_t records) override;
  void store_error(std::string_view reason) override;
  void bad_record(std::string_view reason) override;
  void lag(int64_t records) override;

 private:
  metrics::MetricsRegistry& registry_;
  int64_t lag_ = 0;  // what the gauge says: the registry's gauges move by differences
};

}  // namespace caseflow::archive
