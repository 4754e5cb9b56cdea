#include "connectors/kafka/producer.h"

namespace caseflow::kafka {

Result<std::unique_ptr<Producer>> Producer::create(Properties props,
                                                   const std::string& transactional_id) {
  props.emplace("partitioner", "murmur2_random");
  if (!transactional_id.empty()) {
    props["transactional.id"] = transactional_id;
  }
  auto conf = make_conf(props);
  if (!conf) return conf.error();
  std::unique_ptr<Producer> p(new Producer());
  rd_kafka_conf_set_dr_msg_cb(conf->get(), &Producer::on_delivery);
  rd_kafka_conf_set_opaque(conf->get(), p.get());
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf->get(), err, sizeof err);
  if (rk == nullptr) return Error{"kafka_client", err};
  conf->release();
  p->client_.reset(rk);
  return p;
}

void Producer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* self = static_cast<Producer*>(opaque);
  if (m->err) {
    if (!self->first_delivery_error_) {
      // Not rd_kafka_message_errstr: in a delivery report the payload is the record, which that
      // function would read as a NUL-terminated error text.
      self->first_delivery_error_ = KafkaError::from(m->err, rd_kafka_err2str(m->err));
    }
  } else {
    ++self->delivered_;
  }
}

KafkaError Producer::init_transactions(int timeout_ms) {
  return KafkaError::from(rd_kafka_init_transactions(client_.get(), timeout_ms));
}
KafkaError Producer::begin_transaction() {
  return KafkaError::from(rd_kafka_begin_transaction(client_.get()));
}
KafkaError Producer::send_offsets_to_transaction(rd_kafka_t* consumer,
                                                 const rd_kafka_topic_partition_list_t* offsets,
                                                 int timeout_ms) {
  std::unique_ptr<rd_kafka_consumer_group_metadata_t,
                  decltype(&rd_kafka_consumer_group_metadata_destroy)>
      metadata(rd_kafka_consumer_group_metadata(consumer),
               &rd_kafka_consumer_group_metadata_destroy);
  return KafkaError::from(
      rd_kafka_send_offsets_to_transaction(client_.get(), offsets, metadata.get(), timeout_ms));
}
KafkaError Producer::commit_transaction(int timeout_ms) {
  return KafkaError::from(rd_kafka_commit_transaction(client_.get(), timeout_ms));
}
KafkaError Producer::abort_transaction(int timeout_ms) {
  first_delivery_error_ = {};
  return KafkaError::from(rd_kafka_abort_transaction(client_.get(), timeout_ms));
}

rd_kafka_topic_t* Producer::topic_handle(std::string_view name) {
  if (auto it = topics_.find(name); it != topics_.end()) return it->second.get();
  std::string owned(name);
  TopicHandle handle(rd_kafka_topic_new(client_.get(), owned.c_str(), nullptr));
  if (!handle) return nullptr;
  return topics_.emplace(std::move(owned), std::move(handle)).first->second.get();
}

KafkaError Producer::produce(std::string_view topic, std::string_view key, std::string_view value,
                             const std::vector<Header>& headers, int32_t partition,
                             int64_t timestamp_ms) {
  rd_kafka_topic_t* const rkt = topic_handle(topic);
  if (rkt == nullptr) return KafkaError::from(rd_kafka_last_error());
  for (;;) {
    rd_kafka_headers_t* hdrs = nullptr;
    if (!headers.empty()) {
      hdrs = rd_kafka_headers_new(headers.size());
      for (const auto& [name, val] : headers) {
        rd_kafka_header_add(hdrs, name.data(), static_cast<ssize_t>(name.size()), val.data(),
                            static_cast<ssize_t>(val.size()));
      }
    }
    const rd_kafka_resp_err_t err =
        rd_kafka_producev(client_.get(), RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(partition),
                          RD_KAFKA_V_KEY(key.data(), key.size()),
                          RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(hdrs),
                          RD_KAFKA_V_TIMESTAMP(timestamp_ms), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return {};
    if (hdrs != nullptr) rd_kafka_headers_destroy(hdrs);  // not taken on failure
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) return KafkaError::from(err);
    rd_kafka_poll(client_.get(), 10);  // deliveries make room
  }
}

KafkaError Producer::flush(int timeout_ms) {
  const rd_kafka_resp_err_t err = rd_kafka_flush(client_.get(), timeout_ms);
  if (err) return KafkaError::from(err, "records still unacknowledged after flush");
  KafkaError first = first_delivery_error_;
  first_delivery_error_ = {};
  return first;
}

}  // namespace caseflow::kafka
