#include "connectors/runtime/consumer_lag.h"

#include <algorithm>
#include <vector>

namespace caseflow::runtime {

void report_consumer_lag(kafka::GroupConsumer& consumer, const std::string& input_topic,
                         const OwnedPartitions& owned, RuntimeProbe& probe) {
  if (owned.empty()) return;
  std::vector<kafka::TopicPartition> partitions;
  for (const auto& [number, p] : owned) {
    partitions.push_back({input_topic, number, RD_KAFKA_OFFSET_INVALID});
  }
  auto positions = kafka::to_list(partitions);
  // The consumer's position (the next offset it hands out) steps over transaction markers, which
  // our own next_offset does not: with transactional producers (our moved copies are) the last
  // record of a partition is a marker, and next_offset alone would leave a lag of 1 for ever.
  // Both calls read librdkafka's caches; neither asks the broker.
  const bool have_positions =
      rd_kafka_position(consumer.handle(), positions.get()) == RD_KAFKA_RESP_ERR_NO_ERROR;
  for (int i = 0; i < positions->cnt; ++i) {
    const rd_kafka_topic_partition_t& tp = positions->elems[i];
    int64_t low = RD_KAFKA_OFFSET_INVALID, high = RD_KAFKA_OFFSET_INVALID;
    if (rd_kafka_get_watermark_offsets(consumer.handle(), input_topic.c_str(), tp.partition, &low,
                                       &high) != RD_KAFKA_RESP_ERR_NO_ERROR ||
        high < 0) {
      continue;  // no fetch answered yet: the end of the log is not known
    }
    // Before the first record the consumer has no position (or one from an earlier assignment):
    // the state's next input offset is where it starts.
    int64_t position = owned.at(tp.partition).next_offset;
    if (have_positions && tp.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      position = std::max(position, tp.offset);
    }
    if (low >= 0) position = std::max(position, low);  // a fresh partition starts at the log start
    probe.consumer_lag(tp.partition, std::max<int64_t>(0, high - position));
  }
}

}  // namespace caseflow::runtime
