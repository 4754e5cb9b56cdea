// caseflow's Prometheus registry: the runtime's probe (engine observations, DLQ, transactions,
// restores, offset resets, moved inputs, consumer lag) plus the process basics, serialised to the
// Prometheus text format for our own HTTP server's GET /metrics.
//
// Families of the catalog (metric_catalog.h) exist from construction, with their help text and
// buckets; a name the engine emits that the catalog does not know gets a family of the kind it
// was observed with, created on first use. Label values come from the engine, which never uses
// one value per case or per grid (engine_step.h).
//
// Thread rules: the RuntimeProbe hooks and recount_open_cases() are called by the processing
// thread; text() by any thread (the HTTP server's) at the same time. Every method is thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "connectors/metrics/assessment_series.h"
#include "connectors/metrics/metric_catalog.h"
#include "connectors/metrics/process_metrics.h"
#include "connectors/runtime/runtime_probe.h"
#include "engine/assessment/assessment.h"
#include "engine/core/engine.h"

namespace caseflow::metrics {

class MetricsRegistry final : public runtime::RuntimeProbe {
 public:
  MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // --- RuntimeProbe (processing thread) ---
  void engine_metric(const core::MetricObservation& observation) override;
  void record_dead_lettered(std::string_view reason) override;
  void transaction_committed(uint64_t inputs, uint64_t outputs) override;
  void transaction_aborted(std::string_view why) override;  // `why` is free text: not a label
  void partition_restored(int32_t partition, uint64_t cases, double seconds) override;
  void offset_reset(int32_t partition) override;
  void events_repartitioned(uint64_t count) override;
  void consumer_lag(int32_t partition, int64_t lag) override;

  // --- the HTTP API (its io thread) ---
  // caseflow_http_denied_total{reason}: a request refused (connectors/http/auth/refusal.h).
  void record_http_denied(std::string_view reason);
  // Creates caseflow_http_denied_total{reason} at 0, so increase() counts the first refusal.
  void declare_http_denied(std::string_view reason);

  // Sets caseflow_cases_open from the engines' own state (every open, routed case by workflow and
  // stage), replacing what the engine's +1/-1 observations summed up. Call it on the processing
  // thread (an EngineAccess job) after partitions are restored or revoked: the engine does not
  // report cases that arrive by restore or leave by revocation.
  void recount_open_cases(std::span<const core::Engine* const> engines);

  // Sets caseflow_assessment_weight{part} (solved, partly, not_solved, satisfied, basically,
  // unsatisfied, score_response, score_resolution, score_satisfaction) from the config: the
  // recording rules read the weights from there, never from constants.
  void set_assessment_weights(const assessment::Weights& weights);
  // Creates every live assessment counter (caseflow_dispatched_total, caseflow_response_*_total,
  // caseflow_rated_cases_total for each solved x satisfaction, caseflow_unrated_cases_total) at 0
  // for each pair, so increase() counts a unit's first case. Series that exist keep their values;
  // call it again after a reload with the new directory's pairs.
  void declare_assessment_series(std::span<const StreetUnit> pairs);

  // The whole registry in the Prometheus text format (version 0.0.4). Thread-safe.
  std::string text() const;
  // text() as a function for the HTTP server; the registry must outlive the function.
  std::function<std::string()> text_function() const {
    return [this] { return text(); };
  }

  // Observations dropped because their name or labels are not valid Prometheus names or their
  // kind contradicts the family's type (also exported as a metric).
  double dropped_observations() const;

 private:
  struct Family {
    FamilyType type = FamilyType::counter;
    prometheus::Family<prometheus::Counter>* counters = nullptr;
    prometheus::Family<prometheus::Gauge>* gauges = nullptr;
    prometheus::Family<prometheus::Histogram>* histograms = nullptr;
    const std::vector<double>* buckets = nullptr;
  };
  struct Series {
    FamilyType type = FamilyType::counter;
    void* metric = nullptr;  // prometheus::Counter / Gauge / Histogram, owned by its family
  };
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using SeriesMap = std::unordered_map<std::string, Series, KeyHash, std::equal_to<>>;

  // Guarded by mutex_.
  Family* family(std::string_view name, FamilyType observed_as);
  Series* series(std::string_view name, FamilyType type, std::span<const core::Label> labels);
  void drop();

  const std::shared_ptr<prometheus::Registry> registry_;
  const ProcessMetrics process_;

  mutable std::mutex mutex_;  // guards everything below (the prometheus objects lock themselves)
  std::unordered_map<std::string, Family, KeyHash, std::equal_to<>> families_;
  SeriesMap series_;
  std::string key_;  // scratch for series lookups
  prometheus::Counter* dropped_ = nullptr;
};

}  // namespace caseflow::metrics
