// The registry as a scraper sees it: what an observation turns into in the text format.
#include "connectors/metrics/metrics_registry.h"

#include <gtest/gtest.h>

#include <thread>

#include "engine/core/metric_names.h"
#include "tests/support/text_lines.h"

namespace caseflow::metrics {
namespace {

using caseflow::testing::has_line;

core::MetricObservation observe(std::string_view name, core::MetricKind kind, double value,
                                std::initializer_list<core::Label> labels) {
  core::MetricObservation m;
  m.name = name;
  m.kind = kind;
  m.value = value;
  for (const auto& l : labels) m.labels[m.label_count++] = l;
  return m;
}

// Families without labels are there from the start (absent and zero differ in PromQL); labelled
// families appear with their first series (prometheus-cpp leaves out empty families).
TEST(MetricsRegistry, UnlabelledFamiliesHaveHelpTypeAndZeroBeforeAnyObservation) {
  MetricsRegistry registry;
  const std::string text = registry.text();
  for (const FamilySpec& spec : all_families()) {
    if (!spec.labels.empty() || spec.type == FamilyType::histogram) continue;
    EXPECT_NE(text.find("# HELP " + std::string(spec.name) + " "), std::string::npos) << spec.name;
    const char* type = spec.type == FamilyType::counter ? "counter"
                       : spec.type == FamilyType::gauge ? "gauge"
                                                        : "histogram";
    EXPECT_TRUE(has_line(text, "# TYPE " + std::string(spec.name) + " " + type)) << spec.name;
  }
  // Families without labels start at zero so increase() works from the first scrape.
  EXPECT_TRUE(has_line(text, "caseflow_kafka_transactions_aborted_total 0")) << text;
}

TEST(MetricsRegistry, EngineCountersCarryTheirLabels) {
  MetricsRegistry registry;
  const auto breach = observe(core::metric::kSlaBreaches, core::MetricKind::counter, 1,
                              {{"workflow", "parking"}, {"stage", "grid"}, {"clock", "sign"}});
  registry.engine_metric(breach);
  registry.engine_metric(breach);
  registry.engine_metric(
      observe(core::metric::kSlaBreaches, core::MetricKind::counter, 1,
              {{"workflow", "parking"}, {"stage", "community"}, {"clock", "sign"}}));
  const std::string text = registry.text();
  EXPECT_TRUE(has_line(
      text, R"(caseflow_sla_breaches_total{clock="sign",stage="grid",workflow="parking"} 2)"))
      << text;
  EXPECT_TRUE(has_line(
      text, R"(caseflow_sla_breaches_total{clock="sign",stage="community",workflow="parking"} 1)"))
      << text;
  EXPECT_TRUE(has_line(text,
                       "# HELP caseflow_sla_breaches_total SLA clock breaches, by workflow, "
                       "stage and clock."))
      << text;
  EXPECT_TRUE(has_line(text, "# TYPE caseflow_sla_breaches_total counter")) << text;
}

TEST(MetricsRegistry, OpenCasesGaugeGoesUpAndDown) {
  MetricsRegistry registry;
  const std::initializer_list<core::Label> where = {{"workflow", "noise"}, {"stage", "street"}};
  registry.engine_metric(observe(core::metric::kCasesOpen, core::MetricKind::gauge_add, 1, where));
  registry.engine_metric(observe(core::metric::kCasesOpen, core::MetricKind::gauge_add, 1, where));
  registry.engine_metric(observe(core::metric::kCasesOpen, core::MetricKind::gauge_add, -1, where));
  EXPECT_TRUE(
      has_line(registry.text(), R"(caseflow_cases_open{stage="street",workflow="noise"} 1)"))
      << registry.text();
}

TEST(MetricsRegistry, HistogramsUseBucketsThatFitWhatTheyMeasure) {
  MetricsRegistry registry;
  registry.engine_metric(
      observe(core::metric::kTimerLateness, core::MetricKind::histogram, 0.003, {}));
  registry.engine_metric(observe(core::metric::kTimeInStage, core::MetricKind::histogram,
                                 3 * 86400.0, {{"workflow", "parking"}, {"stage", "grid"}}));
  const std::string text = registry.text();
  // Lateness: milliseconds up to an hour.
  EXPECT_TRUE(has_line(text, R"(caseflow_timer_lateness_seconds_bucket{le="0.001"} 0)")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_timer_lateness_seconds_bucket{le="0.005"} 1)")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_timer_lateness_seconds_bucket{le="3600"} 1)")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_timer_lateness_seconds_count 1)")) << text;
  // Time in stage: minutes up to weeks; three days falls between two and seven days.
  EXPECT_TRUE(has_line(
      text,
      R"(caseflow_time_in_stage_seconds_bucket{stage="grid",workflow="parking",le="172800"} 0)"))
      << text;
  EXPECT_TRUE(has_line(
      text,
      R"(caseflow_time_in_stage_seconds_bucket{stage="grid",workflow="parking",le="604800"} 1)"))
      << text;
}

TEST(MetricsRegistry, UnknownEngineNamesGetAFamilyOfTheObservedKind) {
  MetricsRegistry registry;
  registry.engine_metric(
      observe("caseflow_new_thing_total", core::MetricKind::counter, 3, {{"workflow", "x"}}));
  registry.engine_metric(
      observe("caseflow_new_seconds", core::MetricKind::histogram, 2, {{"workflow", "x"}}));
  const std::string text = registry.text();
  EXPECT_TRUE(has_line(text, "# TYPE caseflow_new_thing_total counter")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_new_thing_total{workflow="x"} 3)")) << text;
  EXPECT_TRUE(has_line(text, "# TYPE caseflow_new_seconds histogram")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_new_seconds_count{workflow="x"} 1)")) << text;
}

TEST(MetricsRegistry, ContradictoryOrInvalidObservationsAreDroppedAndCounted) {
  MetricsRegistry registry;
  // A declared counter observed as a gauge, an invalid name, an invalid label name, a negative
  // counter increment.
  registry.engine_metric(observe(core::metric::kSlaBreaches, core::MetricKind::gauge_add, 1, {}));
  registry.engine_metric(observe("caseflow bad name", core::MetricKind::counter, 1, {}));
  registry.engine_metric(
      observe("caseflow_ok_total", core::MetricKind::counter, 1, {{"bad-label", "x"}}));
  registry.engine_metric(observe(core::metric::kStageEntries, core::MetricKind::counter, -1,
                                 {{"workflow", "w"}, {"stage", "s"}}));
  EXPECT_EQ(registry.dropped_observations(), 4);
  const std::string text = registry.text();
  EXPECT_TRUE(has_line(text, "caseflow_metric_observations_dropped_total 4")) << text;
  EXPECT_EQ(text.find("bad name"), std::string::npos);
  EXPECT_EQ(text.find("bad-label"), std::string::npos);
}

TEST(MetricsRegistry, RuntimeHooksBecomeKafkaAndDlqMetrics) {
  MetricsRegistry registry;
  registry.record_dead_lettered("not_json");
  registry.record_dead_lettered("not_json");
  registry.record_dead_lettered("oversized");
  registry.transaction_committed(10, 25);
  registry.transaction_committed(5, 5);
  registry.transaction_aborted("commit: Broker: some free text that must not become a label");
  registry.partition_restored(2, 120, 0.4);
  registry.offset_reset(4);
  registry.consumer_lag(0, 17);
  registry.consumer_lag(0, 3);
  const std::string text = registry.text();
  EXPECT_TRUE(has_line(text, R"(caseflow_dlq_records_total{reason="not_json"} 2)")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_dlq_records_total{reason="oversized"} 1)")) << text;
  EXPECT_TRUE(has_line(text, "caseflow_kafka_transactions_committed_total 2")) << text;
  EXPECT_TRUE(has_line(text, "caseflow_kafka_transaction_inputs_total 15")) << text;
  EXPECT_TRUE(has_line(text, "caseflow_kafka_transaction_outputs_total 30")) << text;
  EXPECT_TRUE(has_line(text, "caseflow_kafka_transactions_aborted_total 1")) << text;
  EXPECT_EQ(text.find("free text"), std::string::npos);
  EXPECT_TRUE(has_line(text, "caseflow_partitions_restored_total 1")) << text;
  EXPECT_TRUE(has_line(text, "caseflow_restored_cases_total 120")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_kafka_offset_resets_total{partition="4"} 1)")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_kafka_consumer_lag{partition="0"} 3)")) << text;
}

TEST(MetricsRegistry, ProcessBasicsComeFromProcSelf) {
  MetricsRegistry registry;
  const std::string text = registry.text();
  EXPECT_TRUE(has_line(text, "# TYPE process_cpu_seconds_total counter")) << text;
  EXPECT_TRUE(has_line(text, "# TYPE process_resident_memory_bytes gauge")) << text;
  EXPECT_TRUE(has_line(text, "# TYPE process_start_time_seconds gauge")) << text;
  // The start time is a plausible Unix time (after 2020) and not in the future.
  const auto at = text.find("\nprocess_start_time_seconds ");
  ASSERT_NE(at, std::string::npos);
  const double start = std::stod(text.substr(at + 28));
  EXPECT_GT(start, 1.58e9);
  EXPECT_LT(start, static_cast<double>(std::time(nullptr)) + 1);
  const auto rss = text.find("\nprocess_resident_memory_bytes ");
  ASSERT_NE(rss, std::string::npos);
  EXPECT_GT(std::stod(text.substr(rss + 31)), 1e6);
}

TEST(MetricsRegistry, ScrapingWhileTheProcessingThreadWritesIsSafe) {
  MetricsRegistry registry;
  std::thread writer([&] {
    for (int i = 0; i < 20'000; ++i) {
      const std::string stage = "s" + std::to_string(i % 7);
      registry.engine_metric(observe(core::metric::kStageEntries, core::MetricKind::counter, 1,
                                     {{"workflow", "w"}, {"stage", stage}}));
      registry.engine_metric(
          observe(core::metric::kTimerLateness, core::MetricKind::histogram, 0.01, {}));
    }
  });
  size_t scrapes = 0;
  for (; scrapes < 50; ++scrapes) ASSERT_FALSE(registry.text().empty());
  writer.join();
  EXPECT_TRUE(has_line(registry.text(), "caseflow_timer_lateness_seconds_count 20000"));
}

}  // namespace
}  // namespace caseflow::metrics
