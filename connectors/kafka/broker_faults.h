// Broker faults for robustness tests: a seeded sequence of the misbehaviour a real cluster shows
// (produce requests refused, the transaction coordinator unavailable, a broker gone for a moment),
// injected into the embedded broker's mock cluster. `caseflow broker --faults SEED` runs it so a
// soak can kill engines while the broker misbehaves (docs/soak.md).
//
// The plan is pure and deterministic: the same seed and broker count give the same faults in the
// same order, whatever the machine. Only the moments they land at depend on the caller's timing.
#pragma once

#include <librdkafka/rdkafka.h>
// rdkafka_mock.h needs rdkafka.h first.
#include <librdkafka/rdkafka_mock.h>

#include <cstdint>
#include <string>
#include <vector>

namespace caseflow::kafka {

// Kafka protocol API keys the faults target (the mock cluster takes raw keys).
enum class FaultedRequest : int16_t {
  produce = 0,
  add_partitions_to_txn = 24,
  end_txn = 26,
  txn_offset_commit = 28,
};

struct BrokerFault {
  enum class Kind {
    request_errors,  // the next requests of `request` get `errors`, one each, in order
    broker_down,     // `broker` refuses connections until the plan's next step
    broker_up,       // `broker` is back: not a fault of its own, the end of a broker_down
  };
  Kind kind = Kind::request_errors;
  FaultedRequest request = FaultedRequest::produce;
  std::vector<rd_kafka_resp_err_t> errors;
  int32_t broker = 0;  // 1-based, as the mock cluster numbers its brokers

  bool is_recovery() const { return kind == Kind::broker_up; }
};

// One line for a log or a test to count: "produce_errors Produce NOT_LEADER_FOR_PARTITION,
// REQUEST_TIMED_OUT", "coordinator_errors EndTxn NOT_COORDINATOR", "broker_down 2", "broker_up 2".
std::string describe(const BrokerFault& fault);

class BrokerFaultPlan {
 public:
  // `brokers` < 2 never takes a broker down (a lone broker down is an outage, not a fault).
  BrokerFaultPlan(uint64_t seed, int brokers);

  // The next step. After a broker_down, the next step is always that broker's broker_up.
  BrokerFault next();

 private:
  uint64_t draw();  // splitmix64: fully specified, unlike std::uniform_int_distribution
  size_t pick(size_t n) { return static_cast<size_t>(draw() % n); }

  uint64_t state_;
  int brokers_;
  int32_t down_ = 0;  // the broker a broker_down left down, 0 when none
};

// Injects `fault` into `cluster` (owned by the caller). Safe from any one thread at a time.
void inject(rd_kafka_mock_cluster_t* cluster, const BrokerFault& fault);

}  // namespace caseflow::kafka
