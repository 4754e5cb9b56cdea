#include "connectors/kafka/partition_reader.h"

#include <chrono>

#include "connectors/kafka/group_consumer.h"
#include "connectors/kafka/handles.h"

namespace caseflow::kafka {

KafkaError read_partition(const Properties& props, const std::string& topic, int32_t partition,
                          int64_t from, const std::function<void(const rd_kafka_message_t&)>& each,
                          ReadStats& stats, int timeout_ms) {
  auto client = make_client(RD_KAFKA_CONSUMER, partition_reader_properties(props));
  if (!client) return KafkaError::from(RD_KAFKA_RESP_ERR__INVALID_ARG, client.error().message);

  int64_t low = 0, high = 0;
  rd_kafka_resp_err_t err = rd_kafka_query_watermark_offsets(client->get(), topic.c_str(),
                                                             partition, &low, &high, timeout_ms);
  if (err) return KafkaError::from(err, "watermarks of " + topic + ": " + rd_kafka_err2str(err));
  stats.end_offset = high;
  const int64_t start = std::max(from, low);
  if (start >= high) return {};

  auto list = to_list({{topic, partition, start}});
  err = rd_kafka_assign(client->get(), list.get());
  if (err) return KafkaError::from(err);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    if (std::chrono::steady_clock::now() > deadline) {
      return KafkaError::from(RD_KAFKA_RESP_ERR__TIMED_OUT, "restoring " + topic + " timed out");
    }
    MessageHandle m(rd_kafka_consumer_poll(client->get(), 100));
    if (!m) continue;
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      if (m->offset >= high) break;
      continue;
    }
    if (m->err) return KafkaError::from(m->err, rd_kafka_message_errstr(m.get()));
    each(*m);
    ++stats.records;
    if (m->offset + 1 >= high) break;
  }
  rd_kafka_consumer_close(client->get());
  return {};
}

}  // namespace caseflow::kafka
