#include "connectors/kafka/embedded_broker.h"

#include "connectors/kafka/client_config.h"

namespace caseflow::kafka {

Result<std::unique_ptr<EmbeddedBroker>> EmbeddedBroker::start(int brokers) {
  if (brokers < 1) return Error{"bad_config", "the embedded broker needs at least 1 broker"};
  // The mock cluster needs a client handle to live on; a producer that never produces is the
  // cheapest. Its logs would only repeat what the cluster does, so keep them quiet.
  auto owner = make_client(RD_KAFKA_PRODUCER, {{"log_level", "3"}});
  if (!owner) return owner.error();
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(owner->get(), brokers);
  if (cluster == nullptr) return Error{"embedded_broker", "could not start the mock cluster"};
  return std::unique_ptr<EmbeddedBroker>(new EmbeddedBroker(std::move(*owner), cluster));
}

EmbeddedBroker::EmbeddedBroker(ClientHandle owner, rd_kafka_mock_cluster_t* cluster)
    : owner_(std::move(owner)),
      cluster_(cluster),
      bootstrap_(rd_kafka_mock_cluster_bootstraps(cluster)) {}

EmbeddedBroker::~EmbeddedBroker() { rd_kafka_mock_cluster_destroy(cluster_); }

Status EmbeddedBroker::create_topics(const std::vector<TopicSpec>& topics) {
  for (const auto& t : topics) {
    // The mock cluster has one replica per broker at most; one is all a loopback cluster needs.
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster_, t.name.c_str(), t.partitions, 1);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      return Error{"create_topic", "topic '" + t.name + "': " + rd_kafka_err2str(err)};
    }
  }
  return ok_status();
}

}  // namespace caseflow::kafka
