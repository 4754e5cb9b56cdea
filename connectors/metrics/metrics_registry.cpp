#include "connectors/metrics/metrics_registry.h"

#include <limits>
#include <map>
#include <sstream>
#include <utility>

#include <prometheus/check_names.h>
#include <prometheus/text_serializer.h>

#include "engine/core/metric_names.h"

namespace caseflow::metrics {
namespace {

namespace r = runtime_metric;

FamilyType type_of(core::MetricKind kind) {
  switch (kind) {
    case core::MetricKind::counter:
      return FamilyType::counter;
    case core::MetricKind::histogram:
      return FamilyType::histogram;
    case core::MetricKind::gauge_add:
      return FamilyType::gauge;
  }
  return FamilyType::counter;
}

void append_key(std::string& key, std::string_view name, std::span<const core::Label> labels) {
  key.clear();
  key.append(name);
  for (const auto& l : labels) {
    key.push_back('\n');
    key.append(l.name);
    key.push_back('=');
    key.append(l.value);
  }
}

std::string partition_value(int32_t partition) { return std::to_string(partition); }

}  // namespace

MetricsRegistry::MetricsRegistry() : registry_(std::make_shared<prometheus::Registry>()) {
  std::lock_guard lock(mutex_);
  for (const FamilySpec& spec : all_families()) {
    Family* f = family(spec.name, spec.type);
    // A family without labels has its one series from the start: absent and zero differ in
    // PromQL, and an alert on increase() needs the zero.
    if (spec.labels.empty() && f && spec.type != FamilyType::histogram) {
      series(spec.name, spec.type, {});
    }
  }
  dropped_ =
      static_cast<prometheus::Counter*>(series(r::kDropped, FamilyType::counter, {})->metric);
}

MetricsRegistry::Family* MetricsRegistry::family(std::string_view name, FamilyType observed_as) {
  if (auto it = families_.find(name); it != families_.end()) {
    return it->second.type == observed_as ? &it->second : nullptr;
  }
  if (!prometheus::CheckMetricName(std::string(name))) return nullptr;
  const FamilySpec* spec = find_family(name);
  if (spec && spec->type != observed_as) return nullptr;
  const std::string help =
      spec ? std::string(spec->help)
           : "caseflow engine metric " + std::string(name) + " (see docs/engine.md).";
  Family f;
  f.type = observed_as;
  switch (observed_as) {
    case FamilyType::counter:
      f.counters =
          &prometheus::BuildCounter().Name(std::string(name)).Help(help).Register(*registry_);
      break;
    case FamilyType::gauge:
      f.gauges = &prometheus::BuildGauge().Name(std::string(name)).Help(help).Register(*registry_);
      break;
    case FamilyType::histogram:
      f.histograms =
          &prometheus::BuildHistogram().Name(std::string(name)).Help(help).Register(*registry_);
      f.buckets = spec && !spec->buckets.empty() ? &spec->buckets : &default_buckets();
      break;
  }
  return &families_.emplace(std::string(name), f).first->second;
}

MetricsRegistry::Series* MetricsRegistry::series(std::string_view name, FamilyType type,
                                                 std::span<const core::Label> labels) {
  append_key(key_, name, labels);
  if (auto it = series_.find(std::string_view(key_)); it != series_.end()) {
    return it->second.type == type ? &it->second : nullptr;
  }
  Family* f = family(name, type);
  if (!f) return nullptr;
  prometheus::Labels values;
  for (const auto& l : labels) {
    std::string label(l.name);
    if (!prometheus::CheckLabelName(label)) return nullptr;
    values.emplace(std::move(label), std::string(l.value));
  }
  Series s;
  s.type = type;
  switch (type) {
    case FamilyType::counter:
      s.metric = &f->counters->Add(values);
      break;
    case FamilyType::gauge:
      s.metric = &f->gauges->Add(values);
      break;
    case FamilyType::histogram:
      s.metric = &f->histograms->Add(values, *f->buckets);
      break;
  }
  return &series_.emplace(key_, s).first->second;
}

void MetricsRegistry::drop() {
  if (dropped_) dropped_->Increment();
}

void MetricsRegistry::engine_metric(const core::MetricObservation& m) {
  const FamilyType type = type_of(m.kind);
  std::lock_guard lock(mutex_);
  Series* s = series(m.name, type, std::span(m.labels.data(), m.label_count));
  if (!s) return drop();
  switch (type) {
    case FamilyType::counter:
      if (m.value >= 0) {
        static_cast<prometheus::Counter*>(s->metric)->Increment(m.value);
      } else {
        drop();  // a counter never goes down
      }
      break;
    case FamilyType::gauge:
      static_cast<prometheus::Gauge*>(s->metric)->Increment(m.value);
      break;
    case FamilyType::histogram:
      static_cast<prometheus::Histogram*>(s->metric)->Observe(m.value);
      break;
  }
}

void MetricsRegistry::record_dead_lettered(std::string_view reason) {
  const core::Label label{"reason", reason};
  std::lock_guard lock(mutex_);
  if (Series* s = series(r::kDeadLetters, FamilyType::counter, std::span(&label, 1))) {
    static_cast<prometheus::Counter*>(s->metric)->Increment();
  }
}

void MetricsRegistry::record_http_denied(std::string_view reason) {
  const core::Label label{"reason", reason};
  std::lock_guard lock(mutex_);
  if (Series* s = series(http_metric::kDenied, FamilyType::counter, std::span(&label, 1))) {
    static_cast<prometheus::Counter*>(s->metric)->Increment();
  }
}

void MetricsRegistry::declare_http_denied(std::string_view reason) {
  const core::Label label{"reason", reason};
  std::lock_guard lock(mutex_);
  series(http_metric::kDenied, FamilyType::counter, std::span(&label, 1));
}

void MetricsRegistry::transaction_committed(uint64_t inputs, uint64_t outputs) {
  std::lock_guard lock(mutex_);
  static_cast<prometheus::Counter*>(series(r::kTxnCommitted, FamilyType::counter, {})->metric)
      ->Increment();
  static_cast<prometheus::Counter*>(series(r::kTxnInputs, FamilyType::counter, {})->metric)
      ->Increment(static_cast<double>(inputs));
  static_cast<prometheus::Counter*>(series(r::kTxnOutputs, FamilyType::counter, {})->metric)
      ->Increment(static_cast<double>(outputs));
}

void MetricsRegistry::transaction_aborted(std::string_view) {
  std::lock_guard lock(mutex_);
  static_cast<prometheus::Counter*>(series(r::kTxnAborted, FamilyType::counter, {})->metric)
      ->Increment();
}

void MetricsRegistry::partition_restored(int32_t, uint64_t cases, double seconds) {
  std::lock_guard lock(mutex_);
  static_cast<prometheus::Counter*>(series(r::kPartitionsRestored, FamilyType::counter, {})->metric)
      ->Increment();
  static_cast<prometheus::Counter*>(series(r::kRestoredCases, FamilyType::counter, {})->metric)
      ->Increment(static_cast<double>(cases));
  if (Series* s = series(r::kRestoreSeconds, FamilyType::histogram, {})) {
    static_cast<prometheus::Histogram*>(s->metric)->Observe(seconds);
  }
}

void MetricsRegistry::offset_reset(int32_t partition) {
  const std::string value = partition_value(partition);
  const core::Label label{"partition", value};
  std::lock_guard lock(mutex_);
  if (Series* s = series(r::kOffsetResets, FamilyType::counter, std::span(&label, 1))) {
    static_cast<prometheus::Counter*>(s->metric)->Increment();
  }
}

void MetricsRegistry::events_repartitioned(uint64_t count) {
  std::lock_guard lock(mutex_);
  static_cast<prometheus::Counter*>(series(r::kRepartitioned, FamilyType::counter, {})->metric)
      ->Increment(static_cast<double>(count));
}

void MetricsRegistry::consumer_lag(int32_t partition, int64_t lag) {
  const std::string value = partition_value(partition);
  const core::Label label{"partition", value};
  std::lock_guard lock(mutex_);
  if (Series* s = series(r::kConsumerLag, FamilyType::gauge, std::span(&label, 1))) {
    static_cast<prometheus::Gauge*>(s->metric)->Set(static_cast<double>(lag));
  }
}

void MetricsRegistry::recount_open_cases(std::span<const core::Engine* const> engines) {
  std::map<std::pair<std::string, std::string>, double> counts;
  core::CaseQuery q;
  q.open_only = true;
  q.limit = std::numeric_limits<size_t>::max();
  for (const core::Engine* engine : engines) {
    if (!engine) continue;
    for (const auto& c : engine->query(q)) {
      if (c.workflow.empty()) continue;  // unrouted: the engine counts those under no stage
      // The summary names the version ("parking@2"); the label is the workflow's name.
      const std::string workflow = c.workflow.substr(0, c.workflow.find('@'));
      counts[{workflow, c.stage}] += 1;
    }
  }
  std::lock_guard lock(mutex_);
  const std::string prefix = std::string(core::metric::kCasesOpen) + "\n";
  for (auto& [key, s] : series_) {
    if (key.starts_with(prefix)) static_cast<prometheus::Gauge*>(s.metric)->Set(0);
  }
  for (const auto& [where, n] : counts) {
    const core::Label labels[] = {{"workflow", where.first}, {"stage", where.second}};
    if (Series* s = series(core::metric::kCasesOpen, FamilyType::gauge, labels)) {
      static_cast<prometheus::Gauge*>(s->metric)->Set(n);
    }
  }
}

void MetricsRegistry::set_assessment_weights(const assessment::Weights& w) {
  const std::pair<std::string_view, double> parts[] = {
      {"solved", w.solved},
      {"partly", w.partly},
      {"not_solved", w.not_solved},
      {"satisfied", w.satisfied},
      {"basically", w.basically},
      {"unsatisfied", w.unsatisfied},
      {"score_response", w.score_response},
      {"score_resolution", w.score_resolution},
      {"score_satisfaction", w.score_satisfaction},
  };
  std::lock_guard lock(mutex_);
  for (const auto& [part, value] : parts) {
    const core::Label label{"part", part};
    if (Series* s = series(assessment_metric::kWeight, FamilyType::gauge, std::span(&label, 1))) {
      static_cast<prometheus::Gauge*>(s->metric)->Set(value);
    }
  }
}

void MetricsRegistry::declare_assessment_series(std::span<const StreetUnit> pairs) {
  namespace m = core::metric;
  static constexpr std::string_view kSolved[] = {"solved", "partly", "not_solved"};
  static constexpr std::string_view kSatisfaction[] = {"satisfied", "basically", "unsatisfied",
                                                       "no_answer"};
  std::lock_guard lock(mutex_);
  for (const StreetUnit& p : pairs) {
    const core::Label where[] = {{"street", p.street}, {"unit", p.unit}};
    for (std::string_view name :
         {m::kDispatched, m::kResponseAssessed, m::kResponseOnTime, m::kUnratedCases})
      series(name, FamilyType::counter, where);
    for (std::string_view solved : kSolved) {
      for (std::string_view satisfaction : kSatisfaction) {
        const core::Label rated[] = {
            where[0], where[1], {"solved", solved}, {"satisfaction", satisfaction}};
        series(m::kRatedCases, FamilyType::counter, rated);
      }
    }
  }
}

std::string MetricsRegistry::text() const {
  std::vector<prometheus::MetricFamily> families = registry_->Collect();
  for (auto& f : process_.Collect()) families.push_back(std::move(f));
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, families);
  return std::move(out).str();
}

double MetricsRegistry::dropped_observations() const { return dropped_ ? dropped_->Value() : 0; }

}  // namespace caseflow::metrics
