// Every metric family caseflow exports, in one sorted list: name, type, help text, label names and
// histogram buckets. The engine's own observations (engine/core/metric_names.h) and the runtime's
// (runtime_probe.h) are both declared here, so /metrics, the alert rules, the dashboard and
// docs/operations.md can be checked against one list. Plain constant data; thread-safe.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace caseflow::metrics {

enum class FamilyType { counter, gauge, histogram };

struct FamilySpec {
  std::string_view name;  // "caseflow_sla_breaches_total"
  FamilyType type = FamilyType::counter;
  std::string_view help;
  std::vector<std::string_view> labels;  // the label names, in the order the engine emits them
  std::vector<double> buckets;           // histograms only: upper bounds in seconds
};

// Names of the families the runtime (not the engine) reports.
namespace runtime_metric {
inline constexpr std::string_view kConsumerLag = "caseflow_kafka_consumer_lag";  // partition
inline constexpr std::string_view kDeadLetters = "caseflow_dlq_records_total";   // reason
inline constexpr std::string_view kDropped = "caseflow_metric_observations_dropped_total";
inline constexpr std::string_view kRepartitioned = "caseflow_events_repartitioned_total";
inline constexpr std::string_view kOffsetResets =
    "caseflow_kafka_offset_resets_total";  // partition
inline constexpr std::string_view kPartitionsRestored = "caseflow_partitions_restored_total";
inline constexpr std::string_view kRestoreSeconds = "caseflow_partition_restore_seconds";
inline constexpr std::string_view kRestoredCases = "caseflow_restored_cases_total";
inline constexpr std::string_view kTxnAborted = "caseflow_kafka_transactions_aborted_total";
inline constexpr std::string_view kTxnCommitted = "caseflow_kafka_transactions_committed_total";
inline constexpr std::string_view kTxnInputs = "caseflow_kafka_transaction_inputs_total";
inline constexpr std::string_view kTxnOutputs = "caseflow_kafka_transaction_outputs_total";
}  // namespace runtime_metric

// Names of the families the archive writer reports (connectors/archive).
namespace archive_metric {
inline constexpr std::string_view kLag = "caseflow_archive_lag_records";
inline constexpr std::string_view kRecords = "caseflow_archive_records_total";
inline constexpr std::string_view kBatches = "caseflow_archive_batches_total";
inline constexpr std::string_view kErrors = "caseflow_archive_errors_total";  // reason
inline constexpr std::string_view kBadRecords = "caseflow_archive_bad_records_total";
}  // namespace archive_metric

// Names of the families the HTTP API reports (connectors/http, docs/security.md).
namespace http_metric {
inline constexpr std::string_view kDenied = "caseflow_http_denied_total";  // reason
}  // namespace http_metric

// The assessment's weights as the config sets them (MetricsRegistry::set_assessment_weights).
namespace assessment_metric {
inline constexpr std::string_view kWeight = "caseflow_assessment_weight";  // part
}  // namespace assessment_metric

// Every declared family, sorted by name.
std::span<const FamilySpec> all_families();

// The declared family called `name`; nullptr if it is not declared.
const FamilySpec* find_family(std::string_view name);

// Buckets for a histogram the engine emits but the catalog does not know (seconds, 1 ms .. 1 week).
const std::vector<double>& default_buckets();

}  // namespace caseflow::metrics
