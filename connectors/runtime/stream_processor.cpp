#include "connectors/runtime/stream_processor.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "connectors/kafka/murmur2.h"
#include "connectors/log/log.h"
#include "connectors/runtime/consumer_lag.h"
#include "connectors/runtime/dead_letter.h"
#include "connectors/runtime/input_decoding.h"
#include "connectors/runtime/moved_input.h"
#include "connectors/runtime/record_view.h"
#include "connectors/runtime/runtime_log.h"
#include "connectors/runtime/transaction.h"

namespace caseflow::runtime {
namespace {

// Producers (CloudEvents sources) warned about misplaced records; a bound, as sources are text
// from outside.
constexpr size_t kMaxWarnedSources = 1'000;
// Consumer lag is reported after every commit, and at least this often while nothing commits.
constexpr int64_t kLagReportIntervalMs = 1'000;

}  // namespace

StreamProcessor::StreamProcessor(ProcessorOptions options, EngineFactory engines, WallClock clock,
                                 RuntimeProbe& probe)
    : options_(std::move(options)),
      engine_factory_(std::move(engines)),
      clock_(std::move(clock)),
      probe_(probe),
      events_topic_(options_.topics.events()),
      changelog_topic_(options_.topics.changelog()),
      dlq_topic_(options_.topics.dlq()),
      dlq_raw_topic_(options_.topics.dlq_raw()) {}

StreamProcessor::~StreamProcessor() = default;

Result<std::unique_ptr<StreamProcessor>> StreamProcessor::create(ProcessorOptions options,
                                                                 EngineFactory engines,
                                                                 WallClock clock,
                                                                 RuntimeProbe& probe) {
  std::unique_ptr<StreamProcessor> p(
      new StreamProcessor(std::move(options), std::move(engines), std::move(clock), probe));
  if (auto started = p->start(); !started) return started.error();
  return p;
}

kafka::Properties engine_producer_properties(const ProcessorOptions& options) {
  kafka::Properties props = kafka::producer_properties(options.kafka);
  props.emplace("linger.ms", "5");
  // The DLQ keeps an oversized input's bytes; the broker's own limit still applies.
  props.emplace("message.max.bytes", std::to_string(2 * options.max_record_bytes + 65536));
  if (!options.exactly_once) props.emplace("enable.idempotence", "true");
  return props;
}

kafka::Properties engine_consumer_properties(const ProcessorOptions& options) {
  kafka::Properties props = options.kafka;
  props["group.id"] = options.group_id;
  // A position that fell off the log is an alarm, never a silent jump.
  props["auto.offset.reset"] = "error";
  props.emplace("session.timeout.ms", "10000");
  props.emplace("heartbeat.interval.ms", "1000");
  // The embedded broker answers a fetch only when fetch.wait.max.ms (librdkafka: 500 ms) runs out
  // if nothing was there when it arrived, which puts half a second on every dispatch at low rates.
  props.emplace("fetch.wait.max.ms", "20");
  props.emplace("client.id", options.group_id + "-" + options.instance_id);
  return props;
}

std::string engine_transactional_id(const ProcessorOptions& options) {
  return options.exactly_once ? options.group_id + "-" + options.instance_id : std::string();
}

Status StreamProcessor::start() {
  // Unique per process: a restarted instance is a new writer on the changelog.
  const auto started_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  std::string writer =
      options_.instance_id + "#" + std::to_string(started_ms) + "." + std::to_string(::getpid());
  auto transaction =
      Transaction::create(engine_producer_properties(options_), engine_transactional_id(options_),
                          events_topic_, changelog_topic_, std::move(writer), probe_);
  if (!transaction) return transaction.error();
  transaction_ = std::move(*transaction);

  // How many partitions the input has: every case id hashes onto one of them.
  const rd_kafka_metadata_t* md = nullptr;
  if (auto err = rd_kafka_metadata(transaction_->producer().handle(), 1, nullptr, &md, 10'000)) {
    return Error{"kafka_metadata", rd_kafka_err2str(err)};
  }
  for (int i = 0; i < md->topic_cnt; ++i) {
    if (events_topic_ == md->topics[i].topic) input_partitions_ = md->topics[i].partition_cnt;
  }
  rd_kafka_metadata_destroy(md);
  if (input_partitions_ == 0) {
    return Error{"kafka_topics", "topic " + events_topic_ + " does not exist"};
  }

  auto consumer = kafka::GroupConsumer::create(engine_consumer_properties(options_), *this);
  if (!consumer) return consumer.error();
  consumer_ = std::move(*consumer);
  if (auto err = consumer_->subscribe({events_topic_})) {
    return Error{"kafka_subscribe", err.describe()};
  }
  return ok_status();
}

int32_t StreamProcessor::partition_of(std::string_view case_id) const {
  return kafka::java_partition(case_id, input_partitions_);
}

const core::Engine* StreamProcessor::engine(int32_t partition) const {
  auto it = partitions_.find(partition);
  return it == partitions_.end() ? nullptr : it->second.engine.get();
}

std::vector<int32_t> StreamProcessor::owned_partitions() const {
  std::vector<int32_t> out;
  for (const auto& [number, p] : partitions_) out.push_back(number);
  return out;
}

uint64_t StreamProcessor::transactions_committed() const {
  return transaction_ ? transaction_->commits() : 0;
}

Readiness StreamProcessor::readiness() const {
  if (offset_alarm_) return {false, "an input partition fell off the log (offset out of range)"};
  if (!assigned_once_) return {false, "waiting for partitions from the consumer group"};
  return {true, ""};
}

// ---------------------------------------------------------------------------------------------
// The cycle

Status StreamProcessor::step() {
  const int64_t cycle_start = steady_ms();
  size_t inputs = 0;
  while (inputs < options_.max_batch_records) {
    const int64_t left = options_.commit_interval_ms - (steady_ms() - cycle_start);
    if (left <= 0) break;
    // Wake up for the earliest due clock even when no input comes (conductor-oss #245).
    int64_t wait = left;
    const Instant now = clock_();
    for (const auto& [number, p] : partitions_) {
      if (auto due = p.engine->next_due())
        wait = std::min(wait, std::max<int64_t>(0, (*due - now).millis()));
    }
    kafka::MessageHandle m = consumer_->poll(static_cast<int>(wait));
    if (!m) {
      if (wait < left) break;  // a clock is due: fire it now
      continue;
    }
    if (m->err) {
      handle_consumer_error(*m);
      continue;
    }
    if (m->rkt == nullptr || events_topic_ != rd_kafka_topic_name(m->rkt)) continue;
    Instant at = clock_();
    if (options_.input_time_from_log) {
      rd_kafka_timestamp_type_t type;
      const int64_t ts = rd_kafka_message_timestamp(m.get(), &type);
      if (ts >= 0 && type != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE) at = Instant::from_unix_millis(ts);
    }
    handle_record(*m, at);
    ++inputs;
  }
  fire_timers(clock_());
  const uint64_t commits_before = transaction_->commits();
  Status committed = commit();
  if (committed && (transaction_->commits() != commits_before ||
                    steady_ms() - lag_reported_ms_ >= kLagReportIntervalMs)) {
    report_lag();
  }
  return committed;
}

void StreamProcessor::report_lag() {
  lag_reported_ms_ = steady_ms();
  report_consumer_lag(*consumer_, events_topic_, partitions_, probe_);
}

void StreamProcessor::handle_record(const rd_kafka_message_t& m, Instant now) {
  auto it = partitions_.find(m.partition);
  if (it == partitions_.end()) return;  // not ours (a late record from a revoked partition)
  OwnedPartition& p = it->second;
  if (m.offset < p.next_offset) return;  // already in the restored state
  if (!transaction_->begin()) return;

  const InputVerdict verdict =
      decode_input(key_of(m), value_of(m), m.partition,
                   {options_.max_record_bytes, input_partitions_, options_.phone_vault}, event_);
  if (verdict.kind == InputVerdict::Kind::dead_letter) {
    dead_letter(*transaction_, {dlq_topic_, dlq_raw_topic_}, events_topic_, m, verdict.reason,
                verdict.message);
  } else if (verdict.kind == InputVerdict::Kind::move_to_owner) {
    move_to_owner(m, verdict.owner, event_.source);
  } else if (is_repeated_copy(p, m)) {
    // Already applied from an earlier copy: nothing to do but to pass its offset.
  } else {
    effects_.clear();
    p.engine->apply(event_, now, effects_);
    for (const auto& rejection : effects_.rejections) {
      dead_letter(*transaction_, {dlq_topic_, dlq_raw_topic_}, events_topic_, m, rejection.reason,
                  rejection.message);
    }
    publish(p, effects_);
  }
  p.next_offset = m.offset + 1;
  p.advanced = true;
  transaction_->count_input();
  ++inputs_applied_;
}

void StreamProcessor::move_to_owner(const rd_kafka_message_t& m, int32_t owner,
                                    std::string_view source) {
  // Applying it here would split the case: its state and the readers live on the owner. The copy
  // goes out with this batch's effects, so an abort or a crash replays the move with the input.
  const OwnedHeaders owned = moved_copy_headers(m);
  std::vector<kafka::Header> headers(owned.begin(), owned.end());
  transaction_->send(events_topic_, key_of(m), value_of(m), headers, owner, copy_timestamp(m));
  transaction_->count_move();
  if (misplaced_sources_.size() >= kMaxWarnedSources || misplaced_sources_.contains(source)) return;
  misplaced_sources_.emplace(source);
  logging::warning(
      "runtime",
      "events from source '" + std::string(source) + "' arrive on input partitions that do not " +
          "own their case (case '" + std::string(key_of(m)) + "' on partition " +
          std::to_string(m.partition) + " of " + events_topic_ + ", owner " +
          std::to_string(owner) + "); caseflow moves each one to its owner, which costs a second " +
          "write and can reorder it with events of the case produced elsewhere. Produce with the " +
          "Java client's partitioner (murmur2 of the case id): librdkafka clients (kcat, " +
          "confluent-kafka) need -X partitioner=murmur2_random");
}

bool StreamProcessor::is_repeated_copy(OwnedPartition& p, const rd_kafka_message_t& m) {
  const auto from = moved_from(m);
  if (!from) return false;
  // Copies from one source partition arrive in its order; a replayed batch moves its records
  // again, so a copy below the mark was applied already.
  int64_t& next = p.moved[from->partition];
  if (from->offset < next) return true;
  next = from->offset + 1;
  return false;
}

void StreamProcessor::handle_consumer_error(const rd_kafka_message_t& m) {
  switch (m.err) {
    case RD_KAFKA_RESP_ERR__PARTITION_EOF:
      return;
    case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET:
    case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
      offset_alarm_ = true;
      probe_.offset_reset(m.partition);
      log_line("ALARM: input partition " + std::to_string(m.partition) +
               " fell off the log (the broker no longer has offset " + std::to_string(m.offset) +
               "): events were lost before caseflow read them; not ready. " +
               rd_kafka_message_errstr(&m));
      return;
    default:
      log_line(std::string("consumer: ") + rd_kafka_err2name(m.err) + ": " +
               rd_kafka_message_errstr(&m));
  }
}

void StreamProcessor::publish(OwnedPartition& p, const core::Effects& effects) {
  static const std::vector<kafka::Header> kCloudEvent = {
      {"content-type", "application/cloudevents+json; charset=UTF-8"}};
  for (const auto& record : effects.records) {
    transaction_->send(record.topic, record.key, record.value, kCloudEvent);
  }
  for (const auto& entry : effects.changelog) p.dirty.insert(entry.case_id);
  // Counted when the transaction commits, not now (metric_buffer.h). Clock observations of
  // fire_due (lateness, breaches) come through here too and follow the same rule.
  for (const auto& metric : effects.metrics) transaction_->metrics().add(metric);
}

void StreamProcessor::fire_timers(Instant now) {
  for (auto& [number, p] : partitions_) {
    const auto due = p.engine->next_due();
    if (!due || *due > now) continue;
    if (!transaction_->begin()) return;
    effects_.clear();
    p.engine->fire_due(now, options_.max_timer_batch, effects_);
    publish(p, effects_);
  }
}

// ---------------------------------------------------------------------------------------------
// Commit and restore (transaction.h, owned_partition.h)

Status StreamProcessor::commit() {
  return transaction_->commit(partitions_, *consumer_,
                              [this](int32_t partition) { return restore(partition); });
}

Result<OwnedPartition> StreamProcessor::restore(int32_t partition) {
  const auto make_engine = [this] {
    std::unique_ptr<core::Engine> engine = engine_factory_();
    engine->share_duplicate_index(duplicates_);
    return engine;
  };
  return restore_partition(options_.kafka, changelog_topic_, partition, make_engine, probe_);
}

void StreamProcessor::on_assigned(std::vector<kafka::TopicPartition>& assigned) {
  // An assigned partition is not owned here (a rebalance revokes, and so commits, a partition
  // before assigning it again), so no buffered observation points into an engine replaced below.
  std::vector<int32_t> numbers;
  for (const auto& tp : assigned) numbers.push_back(tp.partition);
  // Claimed before they are read: a batch that the previous owner writes after this point (it
  // lost the partitions without knowing it yet) is ignored by every later restore.
  if (auto claimed = transaction_->claim(numbers); !claimed) {
    log_line(claimed.error().message + " (restoring without fencing the previous owner)");
  }
  for (auto& tp : assigned) {
    auto restored = restore(tp.partition);
    if (!restored) {
      log_line(restored.error().message);
      offset_alarm_ = true;  // not ready: the state of this partition is unknown
      continue;
    }
    tp.offset = restored->next_offset > 0 ? restored->next_offset : RD_KAFKA_OFFSET_BEGINNING;
    partitions_[tp.partition] = std::move(*restored);
  }
  assigned_once_ = true;
  std::string list;
  std::vector<int32_t> served;
  for (const auto& tp : assigned) {
    list += (list.empty() ? "" : ",") + std::to_string(tp.partition);
    if (partitions_.contains(tp.partition)) served.push_back(tp.partition);
  }
  if (options_.partition_listener != nullptr && !served.empty()) {
    options_.partition_listener->partitions_assigned(served, input_partitions_);
  }
  log_line("assigned input partitions [" + list + "] of " + events_topic_);
}

void StreamProcessor::on_revoked(const std::vector<kafka::TopicPartition>& revoked) {
  const bool lost = consumer_->assignment_lost();
  if (lost) {
    // The group gave these partitions to another instance while this one was cut off: their
    // open batch is dropped, never committed, or its changelog would land after the new owner's
    // and a later restore would start its input before state that already holds it.
    for (const auto& tp : revoked) partitions_.erase(tp.partition);
    if (transaction_->open()) {
      if (auto aborted =
              transaction_->abort_and_rewind("partitions lost to another instance", partitions_,
                                             *consumer_, [this](int32_t p) { return restore(p); });
          !aborted) {
        log_line("abort on lost partitions: " + aborted.error().message);
      }
    }
  } else if (auto committed = commit(); !committed) {
    // Finish the open transaction before the partitions (and their state) go to another instance.
    log_line("commit on revoke: " + committed.error().message);
    // Not committed (a fatal error): not counted, and the engines they point into go now.
    transaction_->metrics().drop();
  }
  std::string list;
  std::vector<int32_t> dropped;
  for (const auto& tp : revoked) {
    if (lost || partitions_.erase(tp.partition) > 0) dropped.push_back(tp.partition);
    // Its lag is now another instance's to report; a stale value here would be counted twice.
    if (tp.topic == events_topic_) probe_.consumer_lag(tp.partition, 0);
    list += (list.empty() ? "" : ",") + std::to_string(tp.partition);
  }
  if (options_.partition_listener != nullptr && !dropped.empty()) {
    options_.partition_listener->partitions_revoked(dropped);
  }
  log_line(std::string(lost ? "lost" : "revoked") + " input partitions [" + list + "]");
}

void StreamProcessor::reload(EngineFactory engines,
                             const std::function<void(core::Engine&)>& update) {
  engine_factory_ = std::move(engines);
  for (auto& [number, p] : partitions_) update(*p.engine);
}

void StreamProcessor::TEST_crash() {
  transaction_->metrics().drop();  // nothing commits any more
  if (consumer_) consumer_->TEST_abandon();
  consumer_.reset();
  rd_kafka_purge(transaction_->producer().handle(),
                 RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  transaction_.reset();
}

void StreamProcessor::stop() {
  if (!consumer_) return;
  if (auto committed = commit(); !committed)
    log_line("commit on stop: " + committed.error().message);
  consumer_->close();  // revokes through on_revoked
  consumer_.reset();
  transaction_->producer().flush(kTransactionTimeoutMs);
}

}  // namespace caseflow::runtime
