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

// The outbound CloudEvents types (docs/events.md); type_name gives the full CloudEvents type.
enum class OutType : uint8_t {
  dispatched,
  unrouted,  // a report or returned case waiting in the dispatcher queue
  sla_warning,
  sla_breached,
  escalated,
  supervised,
  updated,
  closed,
  reassigned,  // to the unit a dispatcher took the case from
  archived,    // the case leaves the engine's memory; the archive holds it from now on
  // Inbound events the engine writes to its own input topic (Topics::events), keyed and
  // subjected by the case they are for, which may live on another partition.
  merge_link,
  merge_answer,
  master_closed,
};
inline constexpr size_t kOutTypeCount = 13;
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
  // The case left the engine (retention): `state` is empty and the runtime writes a null value
  // for the key, so a compacted changelog forgets the case too.
  bool tombstone = false;
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

// The effects of one or more Engine calls. Reusing one Effects across calls (clear() between
// them) is what the hot path should do: clear() keeps the string buffers of the records and
// changelog entries it drops, and the Engine writes the next ones into them, so a steady stream
// allocates nothing per record. A default-constructed or moved Effects works the same, only
// without buffers to reuse.
struct Effects {
  std::vector<Record> records;
  std::vector<ChangelogEntry> changelog;  // at most one entry per case per apply call
  std::vector<MetricObservation> metrics;
  std::vector<Rejection> rejections;  // one per rejected input (state unchanged for it)

  bool empty() const {
    return records.empty() && changelog.empty() && metrics.empty() && rejections.empty();
  }
  // Empties every list; keeps the dropped records' and entries' buffers for the next ones.
  void clear() {
    truncate_records(0);
    for (ChangelogEntry& c : changelog)
      if (spare_changelog_.size() < kMaxSpare) spare_changelog_.push_back(std::move(c));
    changelog.clear();
    metrics.clear();
    rejections.clear();
  }

  // Appends an empty Record (all strings empty), with the buffers of a dropped one if any.
  Record& add_record() {
    if (spare_records_.empty()) return records.emplace_back();
    Record& r = records.emplace_back(std::move(spare_records_.back()));
    spare_records_.pop_back();
    r.key.clear();
    r.id.clear();
    r.value.clear();
    return r;
  }
  // Appends an empty ChangelogEntry, with the buffers of a dropped one if any.
  ChangelogEntry& add_changelog() {
    if (spare_changelog_.empty()) return changelog.emplace_back();
    ChangelogEntry& c = changelog.emplace_back(std::move(spare_changelog_.back()));
    spare_changelog_.pop_back();
    c.case_id.clear();
    c.state.clear();
    c.tombstone = false;
    return c;
  }
  // Drops the records after the first `n`, keeping their buffers.
  void truncate_records(size_t n) {
    for (size_t i = n; i < records.size(); ++i)
      if (spare_records_.size() < kMaxSpare) spare_records_.push_back(std::move(records[i]));
    records.resize(n < records.size() ? n : records.size());
  }

 private:
  // Buffers kept at most: a few batches' worth, so a burst does not pin its memory for good.
  static constexpr size_t kMaxSpare = 16384;
  std::vector<Record> spare_records_;
  std::vector<ChangelogEntry> spare_changelog_;
};

}  // namespace caseflow::core
