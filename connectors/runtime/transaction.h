// The output side of the runtime: one Kafka transaction at a time, holding a batch's effects,
// its changelog and checkpoints and its input positions, committed together or not at all
// (docs/kafka.md). Without exactly_once there is no transaction: effects and changelog are
// flushed and the positions committed to the group afterwards.
//
// Rules it keeps:
//   - effects are acknowledged before the changelog that claims them is written;
//   - metrics count committed work only: observations wait in metrics() until the commit and are
//     dropped by an abort, whose replay makes them again (metric_buffer.h);
//   - an abort rewinds: every owned partition is rebuilt from its last commit and its input is
//     sought back there.
//
// Not thread-safe: the processing thread's, like the StreamProcessor that owns it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/kafka/group_consumer.h"
#include "connectors/kafka/producer.h"
#include "connectors/runtime/metric_buffer.h"
#include "connectors/runtime/owned_partition.h"
#include "connectors/runtime/runtime_probe.h"
#include "engine/common/result.h"

namespace caseflow::runtime {

// How long a transaction (and any flush) may take before the broker or we give up on it.
inline constexpr int kTransactionTimeoutMs = 30'000;

class Transaction {
 public:
  // Rebuilds one owned partition as of its last commit (restore_partition with a fresh engine).
  using Restore = std::function<Result<OwnedPartition>(int32_t partition)>;

  // With a non-empty `transactional_id` the producer is transactional (exactly once) and its
  // transactions are initialised here, fencing an earlier producer with the same id.
  // `writer` names this process on the changelog (changelog_format.h).
  static Result<std::unique_ptr<Transaction>> create(const kafka::Properties& producer_props,
                                                     const std::string& transactional_id,
                                                     std::string events_topic,
                                                     std::string changelog_topic,
                                                     std::string writer, RuntimeProbe& probe);

  // Writes this writer's claim on each of `changelog_partitions`, in a transaction of its own,
  // before they are restored: from there on a restore ignores any other writer's records, such as
  // a batch of an instance that lost the partitions without knowing it yet. No transaction may be
  // open. Retries what is retriable; the last error otherwise.
  Status claim(const std::vector<int32_t>& changelog_partitions);

  // Opens a transaction unless one is open. False if the broker refused: the open one (none)
  // then fails at the next commit.
  bool begin();
  bool open() const { return open_; }

  // Queues one record of the open transaction. A local error is kept (the first one) and aborts
  // the transaction at its commit.
  void send(std::string_view topic, std::string_view key, std::string_view value,
            const std::vector<kafka::Header>& headers = {}, int32_t partition = -1,
            int64_t timestamp_ms = 0);

  // The open transaction consumed one input, or moved one input to its owner.
  void count_input() { ++inputs_; }
  void count_move() { ++moves_; }

  // What the open transaction observed, applied to the probe when it commits.
  MetricBuffer& metrics() { return metrics_; }

  // Commits the open transaction (if any): flushes the effects, writes the changelog of the
  // partitions' dirty cases and one checkpoint per changed partition, sends their input
  // positions, commits. Anything short of a fatal error aborts and rewinds (abort_and_rewind); a
  // fatal error (fenced, refused for good) is returned.
  Status commit(OwnedPartitions& partitions, kafka::GroupConsumer& consumer,
                const Restore& restore);

  // Aborts the open transaction and rebuilds every partition from its last commit, seeking its
  // input back there. Returns a fatal abort error or a failed restore.
  Status abort_and_rewind(const std::string& why, OwnedPartitions& partitions,
                          kafka::GroupConsumer& consumer, const Restore& restore);

  uint64_t commits() const { return commits_; }
  kafka::Producer& producer() { return *producer_; }

 private:
  Transaction(std::unique_ptr<kafka::Producer> producer, bool exactly_once,
              std::string events_topic, std::string changelog_topic, std::string writer,
              RuntimeProbe& probe);
  void send_changelog(std::string_view key, std::string_view value, int32_t partition);

  std::unique_ptr<kafka::Producer> producer_;
  const bool exactly_once_;
  const std::string events_topic_;
  const std::string changelog_topic_;
  const std::string writer_;
  const std::vector<kafka::Header> writer_headers_;  // views into writer_
  RuntimeProbe& probe_;

  bool open_ = false;
  kafka::KafkaError send_error_;  // first local produce error in this transaction
  uint64_t inputs_ = 0;           // of the open transaction
  uint64_t outputs_ = 0;
  uint64_t moves_ = 0;
  uint64_t commits_ = 0;
  // What the open transaction observed (engine metrics of inputs and clocks, DLQ records). What
  // the runtime observes about itself goes to the probe at once: commits, aborts, restores,
  // offset resets and lag are facts whether or not the transaction commits, and repartitioned
  // moves are already counted at the commit.
  MetricBuffer metrics_;
};

}  // namespace caseflow::runtime
