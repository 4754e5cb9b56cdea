#include "connectors/http/event_sink.h"

#include <fcntl.h>
#include <unistd.h>

namespace caseflow::http {

namespace asio = boost::asio;

kafka::Properties intake_producer_properties(const KafkaSinkOptions& options) {
  kafka::Properties props = options.kafka;
  props.emplace("partitioner", "murmur2_random");  // as the Java client: same key, same partition
  props.emplace("enable.idempotence", "true");     // acks=all, no duplicates on retry
  props["message.timeout.ms"] = std::to_string(options.delivery_timeout_ms);
  props.emplace("linger.ms", std::to_string(options.linger_ms));
  // Every request waits for its acknowledgement: a produce request held back by Nagle until the
  // previous one is acknowledged would add that wait to every answer behind it.
  props.emplace("socket.nagle.disable", "true");
  return props;
}

Result<std::unique_ptr<KafkaEventSink>> KafkaEventSink::create(asio::io_context& io,
                                                               KafkaSinkOptions options) {
  auto conf = kafka::make_conf(intake_producer_properties(options));
  if (!conf) return conf.error();

  std::unique_ptr<KafkaEventSink> sink(new KafkaEventSink(io, std::move(options)));
  rd_kafka_conf_set_dr_msg_cb(conf->get(), &KafkaEventSink::on_delivery);
  rd_kafka_conf_set_opaque(conf->get(), sink.get());
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf->get(), err, sizeof err);
  if (rk == nullptr) return Error{"kafka_client", err};
  conf->release();
  sink->client_.reset(rk);
  sink->topic_ = rd_kafka_topic_new(rk, sink->options_.topic.c_str(), nullptr);
  if (sink->topic_ == nullptr) return Error{"kafka_client", "cannot make a topic handle"};

  int fds[2];
  if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) return Error{"kafka_client", "pipe2 failed"};
  sink->wakeup_.assign(fds[0]);
  sink->wakeup_write_ = fds[1];
  sink->main_queue_ = rd_kafka_queue_get_main(rk);
  static const char kByte = 1;
  rd_kafka_queue_io_event_enable(sink->main_queue_, sink->wakeup_write_, &kByte, 1);
  sink->watch();
  return sink;
}

KafkaEventSink::KafkaEventSink(asio::io_context& io, KafkaSinkOptions options)
    : options_(std::move(options)), wakeup_(io) {}

KafkaEventSink::~KafkaEventSink() {
  *alive_ = false;
  if (main_queue_ != nullptr) {
    rd_kafka_queue_io_event_enable(main_queue_, -1, nullptr, 0);
    rd_kafka_queue_destroy(main_queue_);
  }
  if (client_) {
    // Answer nothing more (what the callbacks refer to may be gone): drop queued messages and
    // free their callbacks without calling them.
    closed_ = true;
    rd_kafka_purge(client_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    rd_kafka_flush(client_.get(), 1'000);  // serves the purge reports through on_delivery
  }
  if (topic_ != nullptr) rd_kafka_topic_destroy(topic_);
  boost::system::error_code ignored;
  wakeup_.close(ignored);
  if (wakeup_write_ >= 0) ::close(wakeup_write_);
  client_.reset();
}

bool KafkaEventSink::send(std::string_view key, std::string_view value, Done done) {
  if (closed_ || in_flight_ >= options_.max_in_flight) return false;
  auto* opaque = new Done(std::move(done));
  const int rc = rd_kafka_produce(topic_, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                                  const_cast<char*>(value.data()), value.size(), key.data(),
                                  key.size(), opaque);
  if (rc != 0) {
    const rd_kafka_resp_err_t err = rd_kafka_last_error();
    Done failed = std::move(*opaque);
    delete opaque;
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) return false;  // overloaded, like max_in_flight
    failed(Error{"kafka_produce", rd_kafka_err2str(err)});
    return true;
  }
  ++in_flight_;
  return true;
}

void KafkaEventSink::on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* self = static_cast<KafkaEventSink*>(opaque);
  std::unique_ptr<Done> done(static_cast<Done*>(m->_private));
  if (self->in_flight_ > 0) --self->in_flight_;
  if (!done || self->closed_) return;
  if (m->err) {
    (*done)(Error{"kafka_delivery", rd_kafka_err2str(m->err)});
  } else {
    (*done)(std::nullopt);
  }
}

void KafkaEventSink::watch() {
  wakeup_.async_wait(asio::posix::stream_descriptor::wait_read,
                     [this, alive = alive_](boost::system::error_code ec) {
                       if (!*alive || ec) return;
                       serve();
                       if (!closed_) watch();
                     });
}

void KafkaEventSink::serve() {
  char drain[256];
  while (::read(wakeup_.native_handle(), drain, sizeof drain) > 0) {
  }
  // Serve everything queued: delivery reports run on_delivery here, on this thread.
  while (rd_kafka_poll(client_.get(), 0) > 0) {
  }
}

void KafkaEventSink::close(int timeout_ms) {
  if (closed_) return;
  rd_kafka_flush(client_.get(), timeout_ms);  // serves delivery reports on this thread
  // What is still unacknowledged fails with a purge error, and its requests get a 503.
  rd_kafka_purge(client_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_flush(client_.get(), 1'000);
  closed_ = true;
  boost::system::error_code ignored;
  wakeup_.cancel(ignored);
}

}  // namespace caseflow::http
