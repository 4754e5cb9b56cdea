// Broker faults injected with the mock cluster's own API: produce errors, an unavailable
// transaction coordinator, a broker down and up again. The processor recovers without a restart,
// and every case ends with exactly the transitions its input implies — none lost, none doubled.
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "tests/integration/runtime/runtime_fixture.h"

namespace caseflow::testing {
namespace {

// Kafka protocol API keys (the mock cluster takes raw keys).
constexpr int16_t kProduce = 0;
constexpr int16_t kEndTxn = 26;
constexpr int16_t kAddPartitionsToTxn = 24;

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

}  // namespace
}  // namespace caseflow::testing
