// A librdkafka producer, transactional or not, with errors as KafkaError values.
//
// Thread rules: one owner thread calls everything; librdkafka's own threads deliver reports,
// which this class collects and hands back on that owner thread (in poll/flush).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/handles.h"
#include "connectors/kafka/kafka_error.h"
#include "engine/common/result.h"

namespace caseflow::kafka {

using Header = std::pair<std::string_view, std::string_view>;

class Producer {
 public:
  // `props` must include bootstrap.servers. With a non-empty `transactional_id` the producer is
  // transactional (call init_transactions() once before anything else). Keys are hashed like the
  // Java client (partitioner=murmur2_random) unless `props` says otherwise.
  static Result<std::unique_ptr<Producer>> create(Properties props,
                                                  const std::string& transactional_id = "");

  KafkaError init_transactions(int timeout_ms);
  KafkaError begin_transaction();
  // Sends the consumer's positions `offsets` (next offsets to read) with the transaction.
  KafkaError send_offsets_to_transaction(rd_kafka_t* consumer,
                                         const rd_kafka_topic_partition_list_t* offsets,
                                         int timeout_ms);
  KafkaError commit_transaction(int timeout_ms);
  KafkaError abort_transaction(int timeout_ms);

  // Queues one record (copied). Waits for room if the local queue is full. `partition` -1 = by
  // key. `timestamp_ms` 0 = now (a record copied from elsewhere keeps its original time). Errors
  // here are local (unknown topic, too large); delivery errors come from flush(). A topic's
  // handle is made on its first record and kept: later records name it without a copy of the
  // name or a lookup inside librdkafka.
  KafkaError produce(std::string_view topic, std::string_view key, std::string_view value,
                     const std::vector<Header>& headers = {}, int32_t partition = -1,
                     int64_t timestamp_ms = 0);

  // Waits until every queued record is acknowledged; returns the first delivery error since the
  // previous flush, if any.
  KafkaError flush(int timeout_ms);

  // Serves delivery reports without waiting.
  void poll() { rd_kafka_poll(client_.get(), 0); }

  rd_kafka_t* handle() const { return client_.get(); }
  uint64_t delivered() const { return delivered_; }

 private:
  Producer() = default;
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque);

  // nullptr if librdkafka refuses the name (rd_kafka_last_error() says why).
  rd_kafka_topic_t* topic_handle(std::string_view name);

  ClientHandle client_;
  // Declared after client_: the handles are released before the client is destroyed.
  std::map<std::string, TopicHandle, std::less<>> topics_;
  KafkaError first_delivery_error_;
  uint64_t delivered_ = 0;
};

}  // namespace caseflow::kafka
