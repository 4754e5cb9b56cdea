// The embedded broker as `caseflow run` and `caseflow broker` start it: the mock cluster, the
// topics caseflow needs, and the relay from the fixed, typeable address.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connectors/kafka/bootstrap_forwarder.h"
#include "connectors/kafka/embedded_broker.h"
#include "connectors/kafka/topics.h"

namespace caseflow::app {

struct EmbeddedKafka {
  std::unique_ptr<kafka::EmbeddedBroker> broker;
  std::unique_ptr<kafka::BootstrapForwarder> relay;  // null when no listen address is set

  // The address to tell people: the relay's if there is one, else the brokers' own.
  std::string bootstrap() const { return relay ? relay->address() : broker->bootstrap(); }
};

// Starts `brokers` brokers, creates `topics`, and relays `listen` (may be "") to the first broker
// on `io` (whose owner runs it).
Result<EmbeddedKafka> start_embedded_kafka(boost::asio::io_context& io, int brokers,
                                           const std::vector<kafka::TopicSpec>& topics,
                                           const std::string& listen);

}  // namespace caseflow::app
