// The embedded Kafka-protocol broker: librdkafka's mock cluster, running real Kafka-protocol
// brokers on loopback inside this process. Any Kafka client (kcat, Java, Go) can connect.
//
// Limits (see docs/kafka.md): each partition keeps at most 5 MiB / 100,000 batches, compaction is
// not performed, transactional offsets are not stored. Good for tests, demos and trying clients;
// never for durability.
//
// Thread rules: the mock cluster runs on librdkafka's own threads, which this object owns and
// stops in its destructor. The methods are safe to call from any one thread at a time.
#pragma once

#include <librdkafka/rdkafka.h>
// rdkafka_mock.h needs rdkafka.h first.
#include <librdkafka/rdkafka_mock.h>

#include <memory>
#include <string>
#include <vector>

#include "connectors/kafka/handles.h"
#include "connectors/kafka/topics.h"
#include "engine/common/result.h"

namespace caseflow::kafka {

class EmbeddedBroker {
 public:
  // Starts `brokers` brokers on ephemeral loopback ports.
  static Result<std::unique_ptr<EmbeddedBroker>> start(int brokers);
  ~EmbeddedBroker();

  EmbeddedBroker(const EmbeddedBroker&) = delete;
  EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

  // "127.0.0.1:port,127.0.0.1:port,..." — the brokers' own (ephemeral) addresses.
  const std::string& bootstrap() const { return bootstrap_; }

  // Creates every topic (an existing topic is left as it is).
  Status create_topics(const std::vector<TopicSpec>& topics);

  // For fault injection in tests (rd_kafka_mock_push_request_errors, ..._broker_set_down). The
  // cluster stays owned by this object.
  rd_kafka_mock_cluster_t* mock_cluster() const { return cluster_; }

 private:
  EmbeddedBroker(ClientHandle owner, rd_kafka_mock_cluster_t* cluster);

  ClientHandle owner_;  // the client handle the mock cluster hangs off
  rd_kafka_mock_cluster_t* cluster_;
  std::string bootstrap_;
};

}  // namespace caseflow::kafka
