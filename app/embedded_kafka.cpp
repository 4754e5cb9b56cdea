#include "app/embedded_kafka.h"

namespace caseflow::app {

Result<EmbeddedKafka> start_embedded_kafka(boost::asio::io_context& io, int brokers,
                                           const std::vector<kafka::TopicSpec>& topics,
                                           const std::string& listen) {
  EmbeddedKafka kafka;
  auto started = kafka::EmbeddedBroker::start(brokers);
  if (!started) return started.error();
  kafka.broker = std::move(*started);
  if (auto created = kafka.broker->create_topics(topics); !created) return created.error();
  if (!listen.empty()) {
    const std::string& all = kafka.broker->bootstrap();
    auto relay = kafka::BootstrapForwarder::start(io, listen, all.substr(0, all.find(',')));
    if (!relay) return relay.error();
    kafka.relay = std::move(*relay);
  }
  return kafka;
}

}  // namespace caseflow::app
