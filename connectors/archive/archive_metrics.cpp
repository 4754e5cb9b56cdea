#include "connectors/archive/archive_metrics.h"

namespace caseflow::archive {
namespace {

namespace a = metrics::archive_metric;

core::MetricObservation observation(std::string_view name, core::MetricKind kind, double value) {
  core::MetricObservation o;
  o.name = name;
  o.kind = kind;
  o.value = value;
  return o;
}

}  // namespace

void MetricsArchiveProbe::batch_committed(uint64_t records) {
  registry_.engine_metric(
      observation(a::kRecords, core::MetricKind::counter, static_cast<double>(records)));
  registry_.engine_metric(observation(a::kBatches, core::MetricKind::counter, 1));
}

void MetricsArchiveProbe::store_error(std::string_view reason) {
  auto o = observation(a::kErrors, core::MetricKind::counter, 1);
  o.labels[0] = {"reason", reason};
  o.label_count = 1;
  registry_.engine_metric(o);
}

void MetricsArchiveProbe::bad_record(std::string_view) {
  registry_.engine_metric(observation(a::kBadRecords, core::MetricKind::counter, 1));
}

void MetricsArchiveProbe::lag(int64_t records) {
  if (records == lag_) return;
  registry_.engine_metric(
      observation(a::kLag, core::MetricKind::gauge_add, static_cast<double>(records - lag_)));
  lag_ = records;
}

}  // namespace caseflow::archive
