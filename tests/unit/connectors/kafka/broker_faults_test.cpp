#include "connectors/kafka/broker_faults.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace caseflow::kafka {
namespace {

std::vector<std::string> first_steps(uint64_t seed, int brokers, int n) {
  BrokerFaultPlan plan(seed, brokers);
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(describe(plan.next()));
  return out;
}

TEST(BrokerFaultPlan, TheSameSeedGivesTheSameFaultsAndAnotherSeedOthers) {
  EXPECT_EQ(first_steps(7, 3, 50), first_steps(7, 3, 50));
  EXPECT_NE(first_steps(7, 3, 50), first_steps(8, 3, 50));
}

TEST(BrokerFaultPlan, EveryKindComesAndABrokerDownIsBroughtUpAtTheNextStep) {
  BrokerFaultPlan plan(42, 2);
  std::vector<std::string> described;
  int downs = 0;
  for (int i = 0; i < 400; ++i) {
    const BrokerFault fault = plan.next();
    if (fault.kind == BrokerFault::Kind::broker_down) {
      ++downs;
      EXPECT_GE(fault.broker, 1);
      EXPECT_LE(fault.broker, 2);
      const BrokerFault up = plan.next();
      EXPECT_EQ(up.kind, BrokerFault::Kind::broker_up);
      EXPECT_EQ(up.broker, fault.broker);
      EXPECT_TRUE(up.is_recovery());
      continue;
    }
    ASSERT_EQ(fault.kind, BrokerFault::Kind::request_errors) << "an up with no down before it";
    EXPECT_GE(fault.errors.size(), 1u);
    EXPECT_LE(fault.errors.size(), 3u);
    described.push_back(describe(fault));
  }
  EXPECT_GT(downs, 20);
  for (const char* kind : {"produce_errors Produce", "coordinator_errors AddPartitionsToTxn",
                           "coordinator_errors EndTxn", "coordinator_errors TxnOffsetCommit"}) {
    bool seen = false;
    for (const auto& d : described) seen = seen || d.rfind(kind, 0) == 0;
    EXPECT_TRUE(seen) << kind;
  }
}

TEST(BrokerFaultPlan, ALoneBrokerIsNeverTakenDown) {
  BrokerFaultPlan plan(42, 1);
  for (int i = 0; i < 400; ++i) {
    EXPECT_EQ(plan.next().kind, BrokerFault::Kind::request_errors);
  }
}

TEST(BrokerFaultPlan, AFaultIsDescribedByItsRequestAndErrors) {
  BrokerFault produce;
  produce.request = FaultedRequest::produce;
  produce.errors = {RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
                    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT};
  EXPECT_EQ(describe(produce),
            "produce_errors Produce NOT_LEADER_FOR_PARTITION, REQUEST_TIMED_OUT");
  BrokerFault coordinator;
  coordinator.request = FaultedRequest::end_txn;
  coordinator.errors = {RD_KAFKA_RESP_ERR_NOT_COORDINATOR};
  EXPECT_EQ(describe(coordinator), "coordinator_errors EndTxn NOT_COORDINATOR");
  BrokerFault down;
  down.kind = BrokerFault::Kind::broker_down;
  down.broker = 2;
  EXPECT_EQ(describe(down), "broker_down 2");
}

}  // namespace
}  // namespace caseflow::kafka
