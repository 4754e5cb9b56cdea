// Consumer lag: how many records of caseflow.events an owned partition has not been processed yet
// (the gauge caseflow_kafka_consumer_lag{partition} behind the CaseflowConsumerLagHigh alert). A
// backlog shows as lag while it is worked off and reaches 0; a revoked partition reports 0, so a
// moved partition leaves no stale lag behind.
#include <gtest/gtest.h>

#include <vector>

#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

constexpr int kPartitions = 3;
constexpr int kEvents = 90;

// A fixture with kEvents reports waiting on caseflow.events before any processor runs, and a
// processor that takes few records per transaction, so the backlog takes many cycles.
class ConsumerLag : public ::testing::Test {
 protected:
  ConsumerLag()
      : f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows", kPartitions) {
    for (int i = 0; i < kEvents; ++i) {
      const std::string id = "case-lag-" + std::to_string(i);
      f.produce_event(id, report_json(id, "parking.illegal", i % 2 ? "G01" : "G03"));
    }
    f.adjust_options = [](runtime::ProcessorOptions& o) { o.max_batch_records = 5; };
  }

  bool some_lag_now() const {
    for (const auto& [partition, lag] : f.probe.lag) {
      if (lag > 0) return true;
    }
    return false;
  }
  bool no_lag_anywhere() const {
    if (f.probe.lag.size() != kPartitions) return false;
    for (const auto& [partition, lag] : f.probe.lag) {
      if (lag != 0) return false;
    }
    return true;
  }

  RuntimeFixture f;
};

TEST_F(ConsumerLag, ABacklogIsReportedAndReachesZero) {
  f.start_processor();
  ASSERT_TRUE(f.step_until([&] { return some_lag_now(); }))
      << "no positive lag reported; " << f.probe.lag_reports.size() << " reports";
  for (const auto& [partition, lag] : f.probe.lag_reports) {
    EXPECT_GE(partition, 0);
    EXPECT_LT(partition, kPartitions);
    EXPECT_GE(lag, 0);
    EXPECT_LE(lag, kEvents);
  }

  ASSERT_TRUE(f.step_until([&] { return no_lag_anywhere(); }))
      << f.processor().inputs_applied() << " of " << kEvents << " inputs applied";
  EXPECT_EQ(f.processor().inputs_applied(), uint64_t(kEvents));

  // Lag only shrank while the backlog was worked off (nothing was produced meanwhile).
  std::map<int32_t, int64_t> last;
  for (const auto& [partition, lag] : f.probe.lag_reports) {
    if (auto it = last.find(partition); it != last.end()) {
      EXPECT_LE(lag, it->second) << "partition " << partition;
    }
    last[partition] = lag;
  }

  // New input shows again, and is worked off again.
  const size_t reports_before = f.probe.lag_reports.size();
  for (int i = 0; i < 20; ++i) {
    const std::string id = "case-lag-more-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
  ASSERT_TRUE(f.step_until([&] {
    return f.processor().inputs_applied() == uint64_t(kEvents + 20) && no_lag_anywhere() &&
           f.probe.lag_reports.size() > reports_before;
  }));
}

TEST_F(ConsumerLag, ARevokedPartitionReportsNoLag) {
  f.start_processor();
  ASSERT_TRUE(f.step_until([&] { return some_lag_now(); }));
  ASSERT_LT(f.processor().inputs_applied(), uint64_t(kEvents));
  std::vector<int32_t> behind;
  for (const auto& [partition, lag] : f.probe.lag) {
    if (lag > 0) behind.push_back(partition);
  }
  ASSERT_FALSE(behind.empty());

  f.stop_processor();  // leaves the group: every partition is revoked with its backlog
  for (int32_t partition : behind)
    EXPECT_EQ(f.probe.lag.at(partition), 0) << "partition " << partition;
  for (int32_t partition = 0; partition < kPartitions; ++partition) {
    ASSERT_TRUE(f.probe.lag.contains(partition)) << "partition " << partition;
    EXPECT_EQ(f.probe.lag.at(partition), 0) << "partition " << partition;
  }
}

}  // namespace
}  // namespace caseflow::testing
