#include "app/embedded_kafka.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <thread>

#include "connectors/kafka/bootstrap_forwarder.h"

namespace caseflow::app {

// The relay's own event loop: constructed with the forwarder, run by `thread` until destruction.
struct EmbeddedKafka::Relay {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work =
      boost::asio::make_work_guard(io);
  std::unique_ptr<kafka::BootstrapForwarder> forwarder;
  std::thread thread;

  ~Relay() {
    if (thread.joinable()) {
      // The forwarder closes its acceptor on the relay's thread; then the loop runs dry.
      boost::asio::post(io, [this] { forwarder.reset(); });
      work.reset();
      thread.join();
    }
  }
};

Result<std::unique_ptr<EmbeddedKafka>> EmbeddedKafka::start(
    int brokers, const std::vector<kafka::TopicSpec>& topics, const std::string& listen) {
  std::unique_ptr<EmbeddedKafka> kafka(new EmbeddedKafka);
  auto started = kafka::EmbeddedBroker::start(brokers);
  if (!started) return started.error();
  kafka->broker_ = std::move(*started);
  if (auto created = kafka->broker_->create_topics(topics); !created) return created.error();
  if (!listen.empty()) {
    auto relay = std::make_unique<Relay>();
    const std::string& all = kafka->broker_->bootstrap();
    // Bound here, before the relay's thread runs, so a taken port is reported at once.
    auto forwarder =
        kafka::BootstrapForwarder::start(relay->io, listen, all.substr(0, all.find(',')));
    if (!forwarder) return forwarder.error();
    kafka->relay_address_ = (*forwarder)->address();
    relay->forwarder = std::move(*forwarder);
    relay->thread = std::thread([io = &relay->io] { io->run(); });
    kafka->relay_ = std::move(relay);
  }
  return kafka;
}

EmbeddedKafka::~EmbeddedKafka() {
  relay_.reset();
  broker_.reset();
}

}  // namespace caseflow::app
