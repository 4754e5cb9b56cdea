// A consumer in a consumer group that lets its owner decide where each assigned partition starts.
//
// Kafka moves partitions between the instances of a group; the owner restores a partition's state
// before it is processed and says where its input starts (the position the state knows, not
// the group's committed offset: see docs/kafka.md). Rebalance callbacks run inside poll(), on the
// owner's thread: no locking is needed around the owner's state.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/handles.h"
#include "connectors/kafka/kafka_error.h"
#include "engine/common/result.h"

namespace caseflow::kafka {

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = RD_KAFKA_OFFSET_INVALID;  // where to start; INVALID = the group's position
};

class RebalanceListener {
 public:
  virtual ~RebalanceListener() = default;
  // Partitions given to this instance. Set each one's `offset` to start there (or leave INVALID
  // for the committed offset / auto.offset.reset). Restore state here, before returning.
  virtual void on_assigned(std::vector<TopicPartition>& partitions) = 0;
  // Partitions taken away. Finish and commit work on them before returning, unless
  // GroupConsumer::assignment_lost() says another instance may own them already.
  virtual void on_revoked(const std::vector<TopicPartition>& partitions) = 0;
};

class GroupConsumer {
 public:
  // `props` must include bootstrap.servers and group.id. `listener` must outlive the consumer.
  static Result<std::unique_ptr<GroupConsumer>> create(Properties props,
                                                       RebalanceListener& listener);
  ~GroupConsumer();

  KafkaError subscribe(const std::vector<std::string>& topics);

  // One message, an error message (check ->err), or null after `timeout_ms`.
  MessageHandle poll(int timeout_ms);

  // Moves a partition's position (after a transaction abort: back to the last committed input).
  KafkaError seek(const TopicPartition& tp);

  // Leaves the group (revoking everything through the listener) and closes.
  void close();

  // Drops the client without leaving the group or revoking anything, as a crashed process would.
  // For tests that simulate crashes in-process.
  void TEST_abandon();

  rd_kafka_t* handle() const { return client_.get(); }
  const std::vector<TopicPartition>& assignment() const { return assignment_; }

  // True once the group took this instance's partitions away without a goodbye (its session
  // timed out, e.g. while a broker was down): they may already be processed elsewhere, so work
  // on them must be dropped, never committed.
  bool assignment_lost() const;

 private:
  explicit GroupConsumer(RebalanceListener& listener) : listener_(listener) {}
  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque);

  RebalanceListener& listener_;
  ClientHandle client_;
  std::vector<TopicPartition> assignment_;
  bool closed_ = false;
};

std::vector<TopicPartition> to_vector(const rd_kafka_topic_partition_list_t* list);
PartitionListHandle to_list(const std::vector<TopicPartition>& partitions);

}  // namespace caseflow::kafka
