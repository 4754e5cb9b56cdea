#include "connectors/kafka/broker_faults.h"

#include <array>

namespace caseflow::kafka {
namespace {

// Errors a healthy client retries: the broker answers, just not now or not here.
constexpr std::array kProduceErrors = {
    RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION,
    RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT,
    RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS,
};
constexpr std::array kCoordinatorErrors = {
    RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE,
    RD_KAFKA_RESP_ERR_NOT_COORDINATOR,
    RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS,
};
constexpr std::array kTransactionRequests = {
    FaultedRequest::add_partitions_to_txn,
    FaultedRequest::end_txn,
    FaultedRequest::txn_offset_commit,
};
constexpr size_t kMaxErrorsPerFault = 3;

const char* request_name(FaultedRequest request) {
  switch (request) {
    case FaultedRequest::produce:
      return "Produce";
    case FaultedRequest::add_partitions_to_txn:
      return "AddPartitionsToTxn";
    case FaultedRequest::end_txn:
      return "EndTxn";
    case FaultedRequest::txn_offset_commit:
      return "TxnOffsetCommit";
  }
  return "?";
}

}  // namespace

std::string describe(const BrokerFault& fault) {
  switch (fault.kind) {
    case BrokerFault::Kind::broker_down:
      return "broker_down " + std::to_string(fault.broker);
    case BrokerFault::Kind::broker_up:
      return "broker_up " + std::to_string(fault.broker);
    case BrokerFault::Kind::request_errors:
      break;
  }
  std::string out =
      fault.request == FaultedRequest::produce ? "produce_errors " : "coordinator_errors ";
  out += request_name(fault.request);
  const char* separator = " ";
  for (rd_kafka_resp_err_t err : fault.errors) {
    // rd_kafka_err2name gives the name without its RD_KAFKA_RESP_ERR_ prefix.
    out += separator;
    out += rd_kafka_err2name(err);
    separator = ", ";
  }
  return out;
}

BrokerFaultPlan::BrokerFaultPlan(uint64_t seed, int brokers) : state_(seed), brokers_(brokers) {}

uint64_t BrokerFaultPlan::draw() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

BrokerFault BrokerFaultPlan::next() {
  BrokerFault fault;
  if (down_ != 0) {
    fault.kind = BrokerFault::Kind::broker_up;
    fault.broker = down_;
    down_ = 0;
    return fault;
  }
  // Two in five produce errors, two in five coordinator errors, one in five a broker down.
  const size_t roll = pick(5);
  if (roll == 4 && brokers_ >= 2) {
    fault.kind = BrokerFault::Kind::broker_down;
    fault.broker = static_cast<int32_t>(1 + pick(static_cast<size_t>(brokers_)));
    down_ = fault.broker;
    return fault;
  }
  const bool produce = roll < 2;
  fault.request =
      produce ? FaultedRequest::produce : kTransactionRequests[pick(kTransactionRequests.size())];
  const size_t count = 1 + pick(kMaxErrorsPerFault);
  for (size_t i = 0; i < count; ++i) {
    fault.errors.push_back(produce ? kProduceErrors[pick(kProduceErrors.size())]
                                   : kCoordinatorErrors[pick(kCoordinatorErrors.size())]);
  }
  return fault;
}

void inject(rd_kafka_mock_cluster_t* cluster, const BrokerFault& fault) {
  switch (fault.kind) {
    case BrokerFault::Kind::broker_down:
      rd_kafka_mock_broker_set_down(cluster, fault.broker);
      return;
    case BrokerFault::Kind::broker_up:
      rd_kafka_mock_broker_set_up(cluster, fault.broker);
      return;
    case BrokerFault::Kind::request_errors:
      rd_kafka_mock_push_request_errors_array(cluster, static_cast<int16_t>(fault.request),
                                              fault.errors.size(), fault.errors.data());
      return;
  }
}

}  // namespace caseflow::kafka
