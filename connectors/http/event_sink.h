// Where the HTTP layer sends the CloudEvents it accepts (Open311 reports, units' events): to
// caseflow.events, keyed by case id. A request is answered only after the broker acknowledged
// its event, so `send` reports back through a callback.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/handles.h"
#include "engine/common/result.h"

namespace caseflow::http {

class EventSink {
 public:
  // nullopt = acknowledged by the broker (durable); otherwise why not.
  using Done = std::function<void(std::optional<Error>)>;
  virtual ~EventSink() = default;

  // Sends `value` keyed by `key`. Returns false at once (and never calls `done`) when too many
  // sends are waiting for acknowledgements: the caller answers 503. Otherwise `done` is called
  // exactly once, on the io_context's thread. Call on the io_context's thread.
  virtual bool send(std::string_view key, std::string_view value, Done done) = 0;
  virtual size_t in_flight() const = 0;
};

struct KafkaSinkOptions {
  kafka::Properties kafka;  // bootstrap.servers and pass-through librdkafka properties
  std::string topic = "caseflow.events";
  size_t max_in_flight = 20'000;    // unacknowledged sends before send() refuses
  int delivery_timeout_ms = 5'000;  // librdkafka message.timeout.ms: then `done` gets an error
  int linger_ms = 1;                // librdkafka linger.ms: batching for throughput
};

// The properties of the intake producer, built from `options.kafka` (the pass-through
// properties, SASL and TLS among them, kept as they are).
kafka::Properties intake_producer_properties(const KafkaSinkOptions& options);

// An idempotent librdkafka producer (acks=all) whose delivery reports run on the io_context:
// librdkafka signals its report queue through a pipe the io_context watches
// (rd_kafka_queue_io_event_enable), and the reports are served there with rd_kafka_poll. No
// thread of ours; librdkafka's own threads do the network I/O.
//
// Why a producer of its own and not the runtime's: with exactly_once the runtime's producer is
// transactional, and every record it sends belongs to the processing thread's open transaction.
// A report sent through it would be visible only once that batch commits (an answer delayed by up
// to commit_interval_ms), would vanish with an abort and its rewind after the client had its 200,
// and would have to be produced between begin and commit on a thread that is not ours. A report
// is its own unit of durability: acknowledged by the brokers (acks=all), answered, and consumed
// by the engine like any other producer's event.
//
// Thread rules: create, send and close on the io_context's thread. Destroying it without close()
// drops pending callbacks unanswered.
class KafkaEventSink final : public EventSink {
 public:
  static Result<std::unique_ptr<KafkaEventSink>> create(boost::asio::io_context& io,
                                                        KafkaSinkOptions options);
  ~KafkaEventSink() override;

  bool send(std::string_view key, std::string_view value, Done done) override;
  size_t in_flight() const override { return in_flight_; }

  // Waits up to `timeout_ms` for every send to be acknowledged and runs their callbacks (the rest
  // fail), then stops watching. Blocks; call it on the io_context's thread or after the
  // io_context stopped (callbacks run on the calling thread).
  void close(int timeout_ms);

 private:
  KafkaEventSink(boost::asio::io_context& io, KafkaSinkOptions options);
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque);
  void watch();
  void serve();

  const KafkaSinkOptions options_;
  kafka::ClientHandle client_;
  rd_kafka_topic_t* topic_ = nullptr;
  boost::asio::posix::stream_descriptor wakeup_;  // read end of the pipe
  int wakeup_write_ = -1;
  rd_kafka_queue_t* main_queue_ = nullptr;
  size_t in_flight_ = 0;
  bool closed_ = false;
  // Guards against callbacks on a destroyed sink: pending async_wait handlers check it.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace caseflow::http
