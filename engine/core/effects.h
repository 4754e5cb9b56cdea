// What the engine asks the world to do, as plain values: records to publish, changelog entries,
// metric observations, and the rejection of an input. The runtime (connectors/) performs them.
//
// Lifetime rule: string_views in effects (topics, metric names and label values) point into the
// Engine (its topic config, pinned workflows, interned strings) and stay valid for the Engine's
// lifetime. Everything else is owned by the effect. Not thread-safe; plain values.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caseflow::core {

// The outbound CloudEvents types (SPEC.md), without the "caseflow.case." prefix in short_name.
enum class OutType : uint8_t {
  dispatched,
  unrouted,  // a report or returned case waiting in the dispatcher queue
  sla_warning,
  sla_breached,
  escalated,
  supervised,
  updated,
  closed,
};
std::string_view type_name(OutType t);  // "caseflow.case.dispatched"

struct Record {
  std::string_view topic;
  std::string key;  // the partitioning key: a unit id on stage topics, else the case id
  std::string id;   // the CloudEvents id: "<case id>-<case sequence>"; unique per output
  OutType type = OutType::updated;
  std::string value;  // the CloudEvents JSON; empty when the Engine runs with encode=false
};

struct ChangelogEntry {
  std::string case_id;
  std::string state;  // Engine::serialize_case bytes; empty when the Engine runs with
                      // changelog_bytes=false (then call serialize_case at commit time)
};

enum class MetricKind : uint8_t {
  counter,    // add `value` to a counter
  histogram,  // observe `value`
  gauge_add,  // add `value` (may be negative) to a gauge
};

struct Label {
  std::string_view name;
  std::string_view value;
};

struct MetricObservation {
  static constexpr size_t kMaxLabels = 4;
  std::string_view name;  // "caseflow_sla_breaches_total"
  MetricKind kind = MetricKind::counter;
  uint8_t label_count = 0;
  std::array<Label, kMaxLabels> labels{};
  double value = 1;
};

struct Rejection {
  std::string reason;   // stable code: "unknown_case", "not_allowed_in_state", ...
  std::string message;  // for people
};

struct Effects {
  std::vector<Record> records;
  std::vector<ChangelogEntry> changelog;  // at most one entry per case per apply call
  std::vector<MetricObservation> metrics;
  std::vector<Rejection> rejections;  // one per rejected input (state unchanged for it)

  bool empty() const {
    return records.empty() && changelog.empty() && metrics.empty() && rejections.empty();
  }
  void clear() {
    records.clear();
    changelog.clear();
    metrics.clear();
    rejections.clear();
  }
};

}  // namespace caseflow::core
