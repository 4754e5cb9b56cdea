// Metrics count committed work only: a transaction that aborts is replayed from the last commit,
// and the replay makes the same observations again (cases opened, SLA breaches, DLQ records).
// The Prometheus registry must count each of them once.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <sstream>

#include "connectors/metrics/metrics_registry.h"
#include "engine/core/metric_names.h"
#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

constexpr int16_t kProduce = 0;  // Kafka protocol API key (the mock cluster takes raw keys)
constexpr int kCases = 12;

// Reports to the Prometheus registry and to the fixture's counting probe, and counts the commits
// since the last abort (a commit after an abort holds the replay).
struct RegistryAndCounts : runtime::RuntimeProbe {
  explicit RegistryAndCounts(CountingProbe& c) : counts(c) {}
  metrics::MetricsRegistry registry;
  CountingProbe& counts;
  int commits_since_abort = 0;

  void engine_metric(const core::MetricObservation& o) override { registry.engine_metric(o); }
  void record_dead_lettered(std::string_view reason) override {
    registry.record_dead_lettered(reason);
    counts.record_dead_lettered(reason);
  }
  void transaction_committed(uint64_t inputs, uint64_t outputs) override {
    registry.transaction_committed(inputs, outputs);
    counts.transaction_committed(inputs, outputs);
    ++commits_since_abort;
  }
  void transaction_aborted(std::string_view why) override {
    registry.transaction_aborted(why);
    counts.transaction_aborted(why);
    commits_since_abort = 0;
  }
  void partition_restored(int32_t partition, uint64_t cases, double seconds) override {
    registry.partition_restored(partition, cases, seconds);
    counts.partition_restored(partition, cases, seconds);
  }
  void offset_reset(int32_t partition) override {
    registry.offset_reset(partition);
    counts.offset_reset(partition);
  }
  void events_repartitioned(uint64_t count) override {
    registry.events_repartitioned(count);
    counts.events_repartitioned(count);
  }
  void consumer_lag(int32_t partition, int64_t lag) override {
    registry.consumer_lag(partition, lag);
    counts.consumer_lag(partition, lag);
  }
};

// The sum of a family's series in the registry's text, as a scrape shows it.
double family_total(const metrics::MetricsRegistry& registry, std::string_view family) {
  std::istringstream lines(registry.text());
  double total = 0;
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(family)) continue;
    const char after = line.size() > family.size() ? line[family.size()] : '\0';
    if (after != '{' && after != ' ') continue;  // another family sharing the prefix
    total += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return total;
}

size_t cases_held(RuntimeFixture& f) {
  size_t held = 0;
  for (int32_t partition : f.processor().owned_partitions())
    held += f.processor().engine(partition)->case_count();
  return held;
}

TEST(RuntimeMetricsAfterAbort, ObservationsOfAnAbortedTransactionAreCountedOnceAfterTheReplay) {
  // The processor reports to `probe` until the fixture stops it on destruction: declared before
  // the fixture, the probe outlives it.
  CountingProbe counts;
  RegistryAndCounts probe(counts);
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  f.report_to = &probe;
  const metrics::MetricsRegistry& registry = probe.registry;
  f.start_processor();
  auto* mock = f.broker().mock_cluster();

  // 1. Reports and one record for the DLQ; the processor's first produce request fails for good,
  //    so the transaction holding them aborts and the inputs are read and applied again.
  f.produce_event("case-bad", "this is not json");
  for (int i = 0; i < kCases; ++i) {
    const std::string id = "case-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
  rd_kafka_mock_push_request_errors(mock, kProduce, 1, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  ASSERT_TRUE(f.step_until([&] {
    return counts.aborts >= 1 && probe.commits_since_abort >= 1 &&
           cases_held(f) == size_t(kCases) &&
           family_total(registry, core::metric::kCasesOpened) >= kCases;
  })) << "aborts "
      << counts.aborts << ", cases " << cases_held(f);
  EXPECT_EQ(family_total(registry, core::metric::kCasesOpened), kCases) << registry.text();
  int dead_letters = 0;
  for (const auto& [reason, count] : counts.dead_letters) dead_letters += count;
  EXPECT_EQ(dead_letters, 1) << "the DLQ record is sent once per committed transaction";

  // 2. Every grid sign clock (60 s) breaches; the transaction of those firings aborts too, and
  //    the rebuilt engines fire them again.
  const int aborts_before = counts.aborts;
  rd_kafka_mock_push_request_errors(mock, kProduce, 1, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
  f.now = f.now + Duration::seconds(61);
  ASSERT_TRUE(f.step_until([&] {
    return counts.aborts > aborts_before && probe.commits_since_abort >= 1 &&
           family_total(registry, core::metric::kSlaBreaches) >= kCases;
  })) << "aborts "
      << counts.aborts << ", breaches " << family_total(registry, core::metric::kSlaBreaches);
  EXPECT_EQ(family_total(registry, core::metric::kSlaBreaches), kCases) << registry.text();
  EXPECT_EQ(family_total(registry, core::metric::kCasesOpened), kCases);
}

}  // namespace
}  // namespace caseflow::testing
