// The archive writer: reads caseflow.updates and caseflow.alerts in a consumer group of its own
// and writes every case as of its newest record into the archive (archive_store.h).
//
// Kafka offsets are committed only after the database transaction that holds the records has
// committed, so a crash between the two replays the batch, and the store's idempotent writes
// (newer seq wins; history keyed by case and seq) make the replay change nothing. While the
// database refuses writes the writer keeps its batch, retries with a growing pause (100 ms to
// 5 s), stays in the group with its partitions paused, and reports itself degraded; the engine
// is not affected. A record it cannot read goes to caseflow.dlq with the reason archive_<code>.
//
// Thread rules: run() blocks on its caller's thread (the writer's owner) until stop(); stop() and
// health() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "connectors/archive/archive_record.h"
#include "connectors/archive/archive_store.h"
#include "connectors/kafka/group_consumer.h"
#include "connectors/kafka/producer.h"
#include "connectors/kafka/topics.h"

namespace caseflow::archive {

// Where the writer's numbers go (metrics, or a test). Called on the writer's thread.
class ArchiveProbe {
 public:
  virtual ~ArchiveProbe() = default;
  virtual void batch_committed(uint64_t records) = 0;  // records covered, bad ones included
  virtual void store_error(std::string_view reason) = 0;
  virtual void bad_record(std::string_view reason) = 0;
  // Records on the assigned partitions not yet committed (high watermark - committed).
  virtual void lag(int64_t records) = 0;
};

struct ArchiveWriterOptions {
  kafka::Properties kafka;  // bootstrap.servers and anything passed to librdkafka unchanged
  kafka::TopicNames topics;
  std::string group_id = "caseflow-archive";
  ArchiveLocation where;
  size_t batch_records = 2'000;
  std::chrono::milliseconds batch_wait{100};  // the longest a record waits for its batch
  std::chrono::milliseconds retry_first{100};
  std::chrono::milliseconds retry_max{5'000};
  // Tests: called after a batch's database commit, before its offsets are committed. Returning
  // false makes the writer vanish there, as a killed process would (no commit, no group leave).
  std::function<bool()> TEST_after_store_commit;
};

// The properties of the archive writer's Kafka clients, built from `options.kafka` (the
// pass-through properties, SASL and TLS among them, kept as they are): the group consumer of
// the updates and alerts topics, and the producer of its dead letters.
kafka::Properties archive_consumer_properties(const ArchiveWriterOptions& options);
kafka::Properties archive_producer_properties(const ArchiveWriterOptions& options);

struct ArchiveHealth {
  bool healthy = true;
  std::string reason;  // why degraded: the database's error
};

class ArchiveWriter final : public kafka::RebalanceListener {
 public:
  // Makes the Kafka clients; the database is opened by run() (and reopened until it answers).
  // `probe` must outlive the writer.
  static Result<std::unique_ptr<ArchiveWriter>> create(ArchiveWriterOptions options,
                                                       ArchiveProbe& probe);
  ~ArchiveWriter() override;

  // Archives until stop(); then writes and commits what it holds (if the database takes it) and
  // leaves the group. Errors: the subscription failed, or the Kafka client failed for good.
  Status run();
  void stop() { stopping_.store(true); }

  ArchiveHealth health() const;

  void on_assigned(std::vector<kafka::TopicPartition>& partitions) override;
  void on_revoked(const std::vector<kafka::TopicPartition>& partitions) override;

 private:
  using PartitionKey = std::pair<std::string, int32_t>;

  ArchiveWriter(ArchiveWriterOptions options, ArchiveProbe& probe)
      : options_(std::move(options)), probe_(probe) {}

  void collect();
  void take(const rd_kafka_message_t& m);
  void dead_letter(const rd_kafka_message_t& m, const Error& why);
  // Applies and commits the batch held; false while the database refuses it.
  bool flush_batch();
  bool open_store();
  void degrade(const Error& e);
  void recover();
  void pause(bool paused);
  void wait_retry();
  void report_lag();

  ArchiveWriterOptions options_;
  ArchiveProbe& probe_;
  std::unique_ptr<kafka::GroupConsumer> consumer_;
  std::unique_ptr<kafka::Producer> dlq_;
  ArchiveStorePtr store_;

  std::vector<ArchiveRecord> held_;         // read, not yet in the database
  std::map<PartitionKey, int64_t> next_;    // the offsets to commit with the held batch
  std::map<PartitionKey, int64_t> rewind_;  // read while paused: read again on resume
  std::map<PartitionKey, int64_t> committed_;
  size_t held_count_ = 0;  // records covered by the held batch, bad ones included
  bool paused_ = false;
  std::chrono::milliseconds retry_{0};
  std::chrono::steady_clock::time_point lag_reported_{};
  bool vanished_ = false;

  std::atomic<bool> stopping_{false};
  mutable std::mutex health_mutex_;
  ArchiveHealth health_;  // guarded by health_mutex_
};

}  // namespace caseflow::archive
