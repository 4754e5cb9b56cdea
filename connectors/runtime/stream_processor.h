// The Kafka runtime: caseflow.events in, effects out, state in memory per partition and in the
// compacted changelog — exactly once, the Kafka Streams way (docs/kafka.md).
//
// One cycle (step(), here):
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
// The parts: input_decoding.h (apply, move or dead-letter an input), dead_letter.h, moved_input.h,
// transaction.h (commit, abort and rewind), owned_partition.h (a partition's state and its
// restore from the changelog).
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
#include "connectors/kafka/topics.h"
#include "connectors/runtime/owned_partition.h"
#include "connectors/runtime/runtime_probe.h"
#include "engine/common/result.h"
#include "engine/core/engine.h"
#include "engine/events/case_event.h"

namespace caseflow::privacy {
class PhoneVault;
}

namespace caseflow::runtime {

class Transaction;

// Told which input partitions this instance serves, so other instances can find the owner of a
// case (forwarded reads). Called on the processing thread inside step(): it must return at once
// (hand the work to a thread of its own), never wait on I/O.
class PartitionListener {
 public:
  virtual ~PartitionListener() = default;
  // `partitions`: restored and served from now on; `input_partitions`: how many the input has
  // (a case belongs to murmur2(id) modulo that).
  virtual void partitions_assigned(const std::vector<int32_t>& partitions,
                                   int32_t input_partitions) = 0;
  // No longer served here (another instance will say it took them).
  virtual void partitions_revoked(const std::vector<int32_t>& partitions) = 0;
};

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
  bool exactly_once = true;          // false: at_least_once (no transactions)
  int commit_interval_ms = 100;      // how long a transaction collects work
  size_t max_batch_records = 5'000;  // inputs per transaction at most
  size_t max_timer_batch = 500;      // clock firings per partition per cycle at most (< 50 ms each)
  size_t max_record_bytes = 1 << 20;                // larger inputs go to the DLQ as "oversized"
  PartitionListener* partition_listener = nullptr;  // none when null; must outlive the processor
  // Seals residents' phones before the engine sees them (config privacy.phone_key_file); none
  // when null. Must outlive the processor.
  const privacy::PhoneVault* phone_vault = nullptr;
};

// The properties of the engine's Kafka clients, built from `options.kafka` (the pass-through
// properties, SASL and TLS among them, kept as they are): the producer of effects, changelog and
// moved records (its transactional.id is engine_transactional_id()), and the group consumer of
// the events topic (client.id and group.id as below).
kafka::Properties engine_producer_properties(const ProcessorOptions& options);
kafka::Properties engine_consumer_properties(const ProcessorOptions& options);
// <group_id>-<instance_id> under exactly once; "" under at least once (no transactions).
std::string engine_transactional_id(const ProcessorOptions& options);

// The state of the runtime as readiness sees it.
struct Readiness {
  bool ready = false;
  std::string reason;  // why not ready
  // The archive writer of this process, when it runs one: "" = none, "ok" or "degraded" (intake
  // stays ready; the body says so), with the database's error in `archive_reason`.
  std::string archive;
  std::string archive_reason;
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
  uint64_t transactions_committed() const;

  // For a reload: engines made from now on (partitions assigned later, rewinds) come from
  // `engines`; `update` is applied to every engine that exists now (e.g. to give it the new
  // workflow catalog; live cases keep their pinned versions). Call between steps only.
  void reload(EngineFactory engines, const std::function<void(core::Engine&)>& update);

  // RebalanceListener (called inside step()).
  void on_assigned(std::vector<kafka::TopicPartition>& partitions) override;
  void on_revoked(const std::vector<kafka::TopicPartition>& partitions) override;

 private:
  StreamProcessor(ProcessorOptions options, EngineFactory engines, WallClock clock,
                  RuntimeProbe& probe);

  Status start();
  void handle_record(const rd_kafka_message_t& m, Instant now);
  void handle_consumer_error(const rd_kafka_message_t& m);
  void move_to_owner(const rd_kafka_message_t& m, int32_t owner, std::string_view source);
  bool is_repeated_copy(OwnedPartition& p, const rd_kafka_message_t& m);
  void publish(OwnedPartition& p, const core::Effects& effects);
  void fire_timers(Instant now);
  Status commit();
  Result<OwnedPartition> restore(int32_t partition);
  void report_lag();

  // Constant after construction.
  const ProcessorOptions options_;
  EngineFactory engine_factory_;  // replaced by reload()
  // The open located cases of every owned partition, shared by their engines, so a report's
  // possible duplicates are found on whichever partition they live.
  const std::shared_ptr<core::DuplicateIndex> duplicates_ =
      std::make_shared<core::DuplicateIndex>();
  const WallClock clock_;
  RuntimeProbe& probe_;
  const std::string events_topic_;
  const std::string changelog_topic_;
  const std::string dlq_topic_;
  const std::string dlq_raw_topic_;
  int32_t input_partitions_ = 0;

  // Owned by the processing thread. The transaction (and its producer) outlives the consumer.
  std::unique_ptr<Transaction> transaction_;
  std::unique_ptr<kafka::GroupConsumer> consumer_;
  OwnedPartitions partitions_;
  bool assigned_once_ = false;
  bool offset_alarm_ = false;
  std::set<std::string, std::less<>> misplaced_sources_;  // warned about once each
  uint64_t inputs_applied_ = 0;
  int64_t lag_reported_ms_ = 0;  // steady clock, when report_lag() last ran
  core::Effects effects_;        // reused between inputs
  events::CaseEvent event_;      // the input being handled; reused, as decoding keeps its buffers
};

}  // namespace caseflow::runtime
