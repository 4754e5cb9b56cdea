// Broker faults injected with the mock cluster's own API: produce errors, an unavailable
// transaction coordinator, a broker down and up again. The processor recovers without a restart,
// and every case ends with exactly the transitions its input implies — none lost, none doubled.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <functional>
#include <string_view>
#include <thread>

#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

// Kafka protocol API keys (the mock cluster takes raw keys).
constexpr int16_t kProduce = 0;
constexpr int16_t kEndTxn = 26;
constexpr int16_t kAddPartitionsToTxn = 24;
constexpr int16_t kHeartbeat = 12;

void produce_reports(RuntimeFixture& f, int from, int to) {
  for (int i = from; i < to; ++i) {
    const std::string id = "case-" + std::to_string(i);
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
}

// Every case exists once, and its history has exactly one report and one dispatch.
void expect_each_case_once(RuntimeFixture& f, int cases) {
  auto& p = f.processor();
  size_t held = 0;
  for (int32_t partition : p.owned_partitions()) held += p.engine(partition)->case_count();
  EXPECT_EQ(held, size_t(cases));
  for (int i = 0; i < cases; ++i) {
    const std::string id = "case-" + std::to_string(i);
    const auto* engine = p.engine(p.partition_of(id));
    ASSERT_NE(engine, nullptr);
    auto view = engine->view(id);
    ASSERT_TRUE(view.has_value()) << id << " lost";
    EXPECT_EQ(view->history.size(), 2u) << id << " (reported + dispatched, nothing twice)";
  }
}

TEST(RuntimeBrokerFaults, ProduceErrorsCoordinatorTroubleAndABrokerOutage) {
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  f.start_processor();
  auto* mock = f.broker().mock_cluster();

  // 1. Produce requests fail for a while (retriable errors: the client retries them).
  rd_kafka_mock_push_request_errors(mock, kProduce, 3, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
                                    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS);
  produce_reports(f, 0, 20);
  ASSERT_TRUE(f.step_until([&] { return f.processor().inputs_applied() >= 20; }));

  // 2. The transaction coordinator is unavailable when committing, and partitions cannot be
  //    added to a transaction for a moment.
  rd_kafka_mock_push_request_errors(mock, kEndTxn, 2, RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
                                    RD_KAFKA_RESP_ERR_NOT_COORDINATOR);
  rd_kafka_mock_push_request_errors(mock, kAddPartitionsToTxn, 1,
                                    RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS);
  produce_reports(f, 20, 40);
  ASSERT_TRUE(f.step_until([&] {
    return f.processor().inputs_applied() >= 40 && f.processor().transactions_committed() > 0;
  }));

  // 3. The broker goes down and comes back.
  rd_kafka_mock_broker_set_down(mock, 1);
  f.step_until([] { return false; }, 1500);
  rd_kafka_mock_broker_set_up(mock, 1);
  produce_reports(f, 40, 60);
  ASSERT_TRUE(f.step_until(
      [&] { return f.processor().inputs_applied() >= 60 && f.processor().readiness().ready; },
      60'000))
      << "inputs " << f.processor().inputs_applied() << ", aborts " << f.probe.aborts;
  f.step_until([] { return false; }, 300);

  expect_each_case_once(f, 60);

  // And all of it is what a restarted processor restores.
  f.stop_processor();
  f.start_processor("2");
  expect_each_case_once(f, 60);
}

constexpr std::string_view kCheckpoint{"\0checkpoint", 11};
constexpr std::string_view kClaim{"\0claim", 6};

// What the changelog and the processor held when the partitions went away, while armed.
struct AtRevoke : runtime::PartitionListener {
  std::function<void()> on_revoke;
  bool armed = false;
  bool revoked = false;
  void partitions_assigned(const std::vector<int32_t>&, int32_t) override {}
  void partitions_revoked(const std::vector<int32_t>&) override {
    if (!armed || revoked) return;
    on_revoke();
    revoked = true;
  }
};

// Records on the changelog with `key`, read until there are at least `want` or `wait_ms` passed.
std::vector<Seen> changelog_records(TopicWatcher& changelog, std::string_view key, size_t want,
                                    int wait_ms = 10'000) {
  std::vector<Seen> out;
  for (int waited = 0; waited < wait_ms; waited += 50) {
    changelog.drain();
    out.clear();
    for (const auto& r : changelog.seen())
      if (r.key == key) out.push_back(r);
    if (out.size() >= want) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return out;
}

// A broker that is down long enough makes the group take an instance's partitions away and give
// them to another instance, which restores them from the changelog. The cut-off instance learns
// it lost them only later. Its open batch must then be dropped: committed, its changelog would land
// after the new owner's, and a later restore would begin its input before state that already holds
// it (inputs applied twice). A heartbeat answered UNKNOWN_MEMBER_ID is how the group tells it.
TEST(RuntimeBrokerFaults, AnInstanceThatLostItsPartitionsDropsItsOpenBatch) {
  AtRevoke listener;  // outlives the processor, which reports to it until it stops
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  // The batch stays open until the partitions are lost (heartbeats go every second).
  f.adjust_options = [&](runtime::ProcessorOptions& o) {
    o.commit_interval_ms = 8'000;
    o.partition_listener = &listener;
  };
  f.start_processor();
  TopicWatcher changelog(f.bootstrap(), {"caseflow.changelog"});
  // Each assigned partition was claimed before it was restored, under this process's name.
  const auto claims = changelog_records(changelog, kClaim, 3);
  ASSERT_EQ(claims.size(), 3u);
  for (const auto& r : claims) EXPECT_EQ(r.headers.at("caseflow.writer").rfind("1#", 0), 0u);
  const size_t before = changelog_records(changelog, kCheckpoint, 0).size();
  size_t checkpoints_at_revoke = 0;
  uint64_t applied_at_revoke = 0;
  listener.on_revoke = [&] {
    // Long enough for a batch committed just now to be read back.
    checkpoints_at_revoke = changelog_records(changelog, kCheckpoint, before + 1, 2'000).size();
    applied_at_revoke = f.processor().inputs_applied();
  };

  produce_reports(f, 0, 5);
  // The group's answer comes 2 s after the heartbeat: long after the five reports are applied.
  ASSERT_EQ(
      rd_kafka_mock_broker_push_request_error_rtts(f.broker().mock_cluster(), 1, kHeartbeat, 1,
                                                   RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID, 2'000),
      RD_KAFKA_RESP_ERR_NO_ERROR);
  listener.armed = true;
  const bool revoked = f.step_until([&] { return listener.revoked; }, 60'000);
  listener.armed = false;
  ASSERT_TRUE(revoked) << "the group never took the partitions away";
  ASSERT_EQ(applied_at_revoke, 5u) << "the batch was not open when the partitions went";
  EXPECT_EQ(checkpoints_at_revoke, before) << "a batch of lost partitions was committed";
  EXPECT_GE(f.probe.aborts, 1);

  // The instance rejoins, gets its partitions back and does the work again, once.
  ASSERT_TRUE(f.step_until([&] { return f.processor().owned_partitions().size() == 3; }, 60'000));
  ASSERT_TRUE(f.step_until([&] { return f.processor().inputs_applied() >= 10; }, 60'000));
  f.stop_processor();
  f.start_processor("2");
  expect_each_case_once(f, 5);
}

}  // namespace
}  // namespace caseflow::testing
