// The Kafka runtime: caseflow.events in, effects out, state in memory per partition and in the
// compacted changelog — exactly once, the Kafka Streams way (docs/kafka.md).
//
// One cycle (step()):
//   poll a bounded batch of input → decode → Engine::apply per owning partition → produce the
//   effects at once → fire due clocks (bounded) → at the commit interval: flush the effects, write
//   the changelog of every changed case and one checkpoint record per changed partition, send the
//   input positions with the transaction, commit → report the consumer lag of every owned input
//   partition (after each commit, and at least once a second; from the consumer's cached
//   positions and watermarks, no broker round trip). A revoked partition's lag is reported as 0.
// Rules that keep it correct on brokers that fall short (the embedded one keeps no transactional
// offsets and shows aborted records):
//   - state knows its input position: the checkpoint; on assignment a partition is restored from
//     its changelog and its input starts at the checkpoint, whatever the group's offsets say;
//   - effects are acknowledged before the changelog that claims them is written;
//   - metrics count committed work only: a transaction's observations reach the probe when it
//     commits, and an abort drops them (its replay observes them again).
// An input on a partition that does not own its case (a producer hashing keys unlike the Java
// client) is not applied there: it is moved to the owner inside the same transaction
// (moved_input.h) and applied when the owner reads it.
// Bad input never stops processing and is never dropped: it goes to the DLQ with its reason.
//
// Thread rules: not thread-safe. One thread (the app's processing thread) creates it, calls
// step() in a loop, and stop(). Rebalance callbacks run inside step() on that same thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "connectors/kafka/group_consumer.h"
#include "connectors/kafka/producer.h"
#include "connectors/kafka/topics.h"
#include "connectors/runtime/metric_buffer.h"
#include "connectors/runtime/runtime_probe.h"
#include "engine/common/result.h"
#include "engine/core/engine.h"

namespace caseflow::runtime {

struct ProcessorOptions {
  // Apply each input at its Kafka timestamp (when it was reported) rather than at the clock's
  // reading: a replay after a crash then reproduces the same outputs byte for byte, and an SLA
  // clock starts when the resident reported, not when caseflow caught up. Tests that drive a
  // virtual clock turn it off.
  bool input_time_from_log = true;
  kafka::Properties kafka;  // bootstrap.servers and pass-through librdkafka properties
  kafka::TopicNames topics;
  std::string group_id = "caseflow";
  // Stable per instance: the transactional.id is <group_id>-<instance_id>, so a restarted
  // instance fences its own zombie.
  std::string instance_id = "1";
  bool exactly_once = true;           // false: at_least_once (no transactions)
  int commit_interval_ms = 100;       // how long a transaction collects work
  size_t max_batch_records = 5'000;   // inputs per transaction at most
  size_t max_timer_batch = 5'000;     // clock firings per partition per cycle at most
  size_t max_record_bytes = 1 << 20;  // larger inputs go to the DLQ as "oversized"
};

// The state of the runtime as readiness sees it.
struct Readiness {
  bool ready = false;
  std::string reason;  // why not ready
};

class StreamProcessor final : public kafka::RebalanceListener {
 public:
  using EngineFactory = std::function<std::unique_ptr<core::Engine>()>;
  using WallClock = std::function<Instant()>;

  // Connects (the group join itself happens during the first steps). `probe` must outlive this.
  static Result<std::unique_ptr<StreamProcessor>> create(ProcessorOptions options,
                                                         EngineFactory engines, WallClock clock,
                                                         RuntimeProbe& probe);
  ~StreamProcessor() override;

  // One cycle, at most about commit_interval_ms long. An error is fatal for this processor (the
  // producer was fenced or the broker refused us for good); everything else is handled inside.
  Status step();

  // Commits what is done and leaves the group (partitions revoked through on_revoked).
  void stop();

  Readiness readiness() const;

  // Drops everything without committing or leaving the group: an in-process crash, for tests.
  // The object may only be destroyed afterwards.
  void TEST_crash();

  // The engine of an owned input partition; nullptr if not owned. Valid until the next step().
  const core::Engine* engine(int32_t partition) const;
  std::vector<int32_t> owned_partitions() const;
  // The partition that owns a case id (the Java client's murmur2, as producers use).
  int32_t partition_of(std::string_view case_id) const;
  uint64_t inputs_applied() const { return inputs_applied_; }
  uint64_t transactions_committed() const { return commits_; }

  // For a reload: engines made from now on (partitions assigned later, rewinds) come from
  // `engines`; `update` is applied to every engine that exists now (e.g. to give it the new
  // workflow catalog; live cases keep their pinned versions). Call between steps only.
  void reload(EngineFactory engines, const std::function<void(core::Engine&)>& update);

  // RebalanceListener (called inside step()).
  void on_assigned(std::vector<kafka::TopicPartition>& partitions) override;
  void on_revoked(const std::vector<kafka::TopicPartition>& partitions) override;

 private:
  struct Partition {
    std::unique_ptr<core::Engine> engine;
    int64_t next_offset = 0;  // the next input offset; everything before is in the state
    // Source partition -> the next offset there whose moved copy is not in the state yet.
    std::map<int32_t, int64_t> moved;
    std::set<std::string> dirty;  // cases changed since the last commit
    bool advanced = false;        // next_offset moved since the last commit
  };

  StreamProcessor(ProcessorOptions options, EngineFactory engines, WallClock clock,
                  RuntimeProbe& probe);

  Status start();
  void handle_record(const rd_kafka_message_t& m, Instant now);
  void handle_consumer_error(const rd_kafka_message_t& m);
  void move_to_owner(const rd_kafka_message_t& m, int32_t owner, std::string_view source);
  bool is_repeated_copy(Partition& p, const rd_kafka_message_t& m);
  void publish(Partition& p, const core::Effects& effects);
  void dead_letter(const rd_kafka_message_t& m, std::string_view reason, std::string_view message);
  void fire_timers(Instant now);
  Status commit();
  Status abort_and_rewind(const std::string& why);
  Result<Partition> restore(int32_t partition);
  void report_lag();
  kafka::KafkaError ensure_transaction();
  void send(std::string_view topic, std::string_view key, std::string_view value,
            const std::vector<kafka::Header>& headers = {}, int32_t partition = -1,
            int64_t timestamp_ms = 0);

  // Constant after construction.
  const ProcessorOptions options_;
  EngineFactory engine_factory_;  // replaced by reload()
  const WallClock clock_;
  RuntimeProbe& probe_;
  const std::string events_topic_;
  const std::string changelog_topic_;
  const std::string dlq_topic_;
  int32_t input_partitions_ = 0;

  // Owned by the processing thread.
  std::unique_ptr<kafka::Producer> producer_;
  std::unique_ptr<kafka::GroupConsumer> consumer_;
  std::map<int32_t, Partition> partitions_;
  bool in_transaction_ = false;
  bool assigned_once_ = false;
  bool offset_alarm_ = false;
  kafka::KafkaError send_error_;  // first local produce error in this transaction
  uint64_t uncommitted_inputs_ = 0;
  uint64_t uncommitted_outputs_ = 0;
  uint64_t uncommitted_moves_ = 0;
  std::set<std::string, std::less<>> misplaced_sources_;  // warned about once each
  uint64_t inputs_applied_ = 0;
  uint64_t commits_ = 0;
  int64_t lag_reported_ms_ = 0;  // steady clock, when report_lag() last ran
  core::Effects effects_;        // reused between inputs
  // What the open transaction observed (engine metrics of inputs and clocks, DLQ records): applied
  // to the probe when it commits, dropped when it aborts (metric_buffer.h). What the runtime
  // observes about itself goes to the probe at once: commits, aborts, restores, offset resets and
  // lag are facts whether or not the transaction commits, and repartitioned moves are already
  // counted at the commit.
  MetricBuffer pending_metrics_;
};

}  // namespace caseflow::runtime
