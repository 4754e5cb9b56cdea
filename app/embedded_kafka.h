// The embedded broker as `caseflow run` and `caseflow broker` start it: the mock cluster, the
// topics caseflow needs, and the relay from the fixed, typeable address (kafka.embedded_listen).
//
// The broker is a service of its own inside the process, served before anything else starts: the
// mock cluster runs on librdkafka's threads, and the relay on an io_context and thread that this
// object owns. So every later start-up step (the demo's clients, the engine's producers) may wait
// on the fixed address without waiting on the engine's own I/O thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "connectors/kafka/embedded_broker.h"
#include "connectors/kafka/topics.h"
#include "engine/common/result.h"

namespace caseflow::app {

class EmbeddedKafka {
 public:
  // Starts `brokers` brokers, creates `topics`, and relays `listen` ("" = no relay) to the first
  // broker. Errors: "address_in_use" when `listen` is taken, "bad_address", or the broker's own.
  static Result<std::unique_ptr<EmbeddedKafka>> start(int brokers,
                                                      const std::vector<kafka::TopicSpec>& topics,
                                                      const std::string& listen);
  // Stops the relay (joining its thread), then the brokers. Destroy every client first.
  ~EmbeddedKafka();
  EmbeddedKafka(const EmbeddedKafka&) = delete;
  EmbeddedKafka& operator=(const EmbeddedKafka&) = delete;

  // The address to tell people: the relay's if there is one, else the brokers' own.
  const std::string& bootstrap() const { return relay_ ? relay_address_ : broker_->bootstrap(); }
  // The brokers' own addresses (ephemeral ports), for the engine's own clients.
  const std::string& brokers() const { return broker_->bootstrap(); }
  kafka::EmbeddedBroker& broker() { return *broker_; }

 private:
  struct Relay;
  EmbeddedKafka() = default;
  std::unique_ptr<kafka::EmbeddedBroker> broker_;
  std::unique_ptr<Relay> relay_;  // null when no listen address is set
  std::string relay_address_;     // with the port actually bound
};

}  // namespace caseflow::app
