#include "connectors/runtime/stream_processor.h"

#include <algorithm>
#include <chrono>
#include <iostream>

#include "connectors/kafka/murmur2.h"
#include "connectors/kafka/partition_reader.h"
#include "connectors/log/log.h"
#include "connectors/runtime/changelog_format.h"
#include "connectors/runtime/moved_input.h"
#include "engine/events/case_event_decoder.h"

namespace caseflow::runtime {
namespace {

constexpr int kTxnTimeoutMs = 30'000;
constexpr int kCommitRetries = 5;
// Producers (CloudEvents sources) warned about misplaced records; a bound, as sources are text
// from outside.
constexpr size_t kMaxWarnedSources = 1'000;
// Consumer lag is reported after every commit, and at least this often while nothing commits.
constexpr int64_t kLagReportIntervalMs = 1'000;

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void log(std::string_view what) { std::cerr << "caseflow[runtime]: " << what << std::endl; }

std::string_view key_of(const rd_kafka_message_t& m) {
  return m.key ? std::string_view(static_cast<const char*>(m.key), m.key_len) : std::string_view();
}
std::string_view value_of(const rd_kafka_message_t& m) {
  return m.payload ? std::string_view(static_cast<const char*>(m.payload), m.len)
                   : std::string_view();
}

}  // namespace

StreamProcessor::StreamProcessor(ProcessorOptions options, EngineFactory engines, WallClock clock,
                                 RuntimeProbe& probe)
    : options_(std::move(options)),
      engine_factory_(std::move(engines)),
      clock_(std::move(clock)),
      probe_(probe),
      events_topic_(options_.topics.events()),
      changelog_topic_(options_.topics.changelog()),
      dlq_topic_(options_.topics.dlq()) {}

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

Status StreamProcessor::start() {
  kafka::Properties producer_props = kafka::producer_properties(options_.kafka);
  producer_props.emplace("linger.ms", "5");
  // The DLQ keeps an oversized input's bytes; the broker's own limit still applies.
  producer_props.emplace("message.max.bytes",
                         std::to_string(2 * options_.max_record_bytes + 65536));
  if (!options_.exactly_once) producer_props.emplace("enable.idempotence", "true");
  auto producer = kafka::Producer::create(
      producer_props,
      options_.exactly_once ? options_.group_id + "-" + options_.instance_id : std::string());
  if (!producer) return producer.error();
  producer_ = std::move(*producer);
  if (options_.exactly_once) {
    if (auto err = producer_->init_transactions(kTxnTimeoutMs)) {
      return Error{"kafka_transactions", "init_transactions: " + err.describe()};
    }
  }

  // How many partitions the input has: every case id hashes onto one of them.
  const rd_kafka_metadata_t* md = nullptr;
  if (auto err = rd_kafka_metadata(producer_->handle(), 1, nullptr, &md, 10'000)) {
    return Error{"kafka_metadata", rd_kafka_err2str(err)};
  }
  for (int i = 0; i < md->topic_cnt; ++i) {
    if (events_topic_ == md->topics[i].topic) input_partitions_ = md->topics[i].partition_cnt;
  }
  rd_kafka_metadata_destroy(md);
  if (input_partitions_ == 0) {
    return Error{"kafka_topics", "topic " + events_topic_ + " does not exist"};
  }

  kafka::Properties consumer_props = options_.kafka;
  consumer_props["group.id"] = options_.group_id;
  // A position that fell off the log is an alarm, never a silent jump.
  consumer_props["auto.offset.reset"] = "error";
  consumer_props.emplace("session.timeout.ms", "10000");
  consumer_props.emplace("heartbeat.interval.ms", "1000");
  // The embedded broker answers a fetch only when fetch.wait.max.ms (librdkafka: 500 ms) runs out
  // if nothing was there when it arrived, which puts half a second on every dispatch at low rates.
  consumer_props.emplace("fetch.wait.max.ms", "20");

  consumer_props.emplace("client.id", options_.group_id + "-" + options_.instance_id);
  auto consumer = kafka::GroupConsumer::create(consumer_props, *this);
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
  const uint64_t commits_before = commits_;
  Status committed = commit();
  if (committed &&
      (commits_ != commits_before || steady_ms() - lag_reported_ms_ >= kLagReportIntervalMs)) {
    report_lag();
  }
  return committed;
}

void StreamProcessor::report_lag() {
  lag_reported_ms_ = steady_ms();
  if (partitions_.empty()) return;
  std::vector<kafka::TopicPartition> owned;
  for (const auto& [number, p] : partitions_) {
    owned.push_back({events_topic_, number, RD_KAFKA_OFFSET_INVALID});
  }
  auto positions = kafka::to_list(owned);
  // The consumer's position (the next offset it hands out) steps over transaction markers, which
  // our own next_offset does not: with transactional producers (our moved copies are) the last
  // record of a partition is a marker, and next_offset alone would leave a lag of 1 for ever.
  // Both calls read librdkafka's caches; neither asks the broker.
  const bool have_positions =
      rd_kafka_position(consumer_->handle(), positions.get()) == RD_KAFKA_RESP_ERR_NO_ERROR;
  for (int i = 0; i < positions->cnt; ++i) {
    const rd_kafka_topic_partition_t& tp = positions->elems[i];
    int64_t low = RD_KAFKA_OFFSET_INVALID, high = RD_KAFKA_OFFSET_INVALID;
    if (rd_kafka_get_watermark_offsets(consumer_->handle(), events_topic_.c_str(), tp.partition,
                                       &low, &high) != RD_KAFKA_RESP_ERR_NO_ERROR ||
        high < 0) {
      continue;  // no fetch answered yet: the end of the log is not known
    }
    // Before the first record the consumer has no position (or one from an earlier assignment):
    // the state's next input offset is where it starts.
    int64_t position = partitions_.at(tp.partition).next_offset;
    if (have_positions && tp.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      position = std::max(position, tp.offset);
    }
    if (low >= 0) position = std::max(position, low);  // a fresh partition starts at the log start
    probe_.consumer_lag(tp.partition, std::max<int64_t>(0, high - position));
  }
}

void StreamProcessor::handle_record(const rd_kafka_message_t& m, Instant now) {
  auto it = partitions_.find(m.partition);
  if (it == partitions_.end()) return;  // not ours (a late record from a revoked partition)
  Partition& p = it->second;
  if (m.offset < p.next_offset) return;  // already in the restored state
  if (auto err = ensure_transaction()) {
    send_error_ = err;
    return;
  }

  const std::string_view bytes = value_of(m);
  if (bytes.size() > options_.max_record_bytes) {
    dead_letter(m, "oversized",
                "record of " + std::to_string(bytes.size()) + " bytes; the limit is " +
                    std::to_string(options_.max_record_bytes));
  } else if (auto event = events::decode_case_event(bytes); !event) {
    dead_letter(m, event.error().code, event.error().message);
  } else if (key_of(m) != event->case_id) {
    dead_letter(m, "key_mismatch",
                "records must be keyed by their case id (the CloudEvents subject '" +
                    event->case_id + "'), so that every event of a case reaches its owner");
  } else if (const int32_t owner = partition_of(event->case_id); owner != m.partition) {
    move_to_owner(m, owner, event->source);
  } else if (is_repeated_copy(p, m)) {
    // Already applied from an earlier copy: nothing to do but to pass its offset.
  } else {
    effects_.clear();
    p.engine->apply(*event, now, effects_);
    for (const auto& rejection : effects_.rejections) {
      dead_letter(m, rejection.reason, rejection.message);
    }
    publish(p, effects_);
  }
  p.next_offset = m.offset + 1;
  p.advanced = true;
  ++uncommitted_inputs_;
  ++inputs_applied_;
}

void StreamProcessor::move_to_owner(const rd_kafka_message_t& m, int32_t owner,
                                    std::string_view source) {
  // Applying it here would split the case: its state and the readers live on the owner. The copy
  // goes out with this batch's effects, so an abort or a crash replays the move with the input.
  const OwnedHeaders owned = moved_copy_headers(m);
  std::vector<kafka::Header> headers(owned.begin(), owned.end());
  send(events_topic_, key_of(m), value_of(m), headers, owner, copy_timestamp(m));
  ++uncommitted_moves_;
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

bool StreamProcessor::is_repeated_copy(Partition& p, const rd_kafka_message_t& m) {
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
      log("ALARM: input partition " + std::to_string(m.partition) +
          " fell off the log (the broker no longer has offset " + std::to_string(m.offset) +
          "): events were lost before caseflow read them; not ready. " +
          rd_kafka_message_errstr(&m));
      return;
    default:
      log(std::string("consumer: ") + rd_kafka_err2name(m.err) + ": " +
          rd_kafka_message_errstr(&m));
  }
}

void StreamProcessor::publish(Partition& p, const core::Effects& effects) {
  static const std::vector<kafka::Header> kCloudEvent = {
      {"content-type", "application/cloudevents+json; charset=UTF-8"}};
  for (const auto& record : effects.records) {
    send(record.topic, record.key, record.value, kCloudEvent);
  }
  for (const auto& entry : effects.changelog) p.dirty.insert(entry.case_id);
  // Counted when the transaction commits, not now (metric_buffer.h). Clock observations of
  // fire_due (lateness, breaches) come through here too and follow the same rule.
  for (const auto& metric : effects.metrics) pending_metrics_.add(metric);
}

void StreamProcessor::dead_letter(const rd_kafka_message_t& m, std::string_view reason,
                                  std::string_view message) {
  // The original key, bytes and headers, plus headers that say why and where from.
  std::vector<std::pair<std::string, std::string>> owned;
  rd_kafka_headers_t* original = nullptr;
  if (rd_kafka_message_headers(&m, &original) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name;
    const void* value;
    size_t size;
    for (size_t i = 0;
         rd_kafka_header_get_all(original, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
      owned.emplace_back(name, std::string(static_cast<const char*>(value), size));
    }
  }
  owned.emplace_back("caseflow.dlq.reason", std::string(reason));
  owned.emplace_back("caseflow.dlq.message", std::string(message));
  owned.emplace_back("caseflow.dlq.topic", events_topic_);
  owned.emplace_back("caseflow.dlq.partition", std::to_string(m.partition));
  owned.emplace_back("caseflow.dlq.offset", std::to_string(m.offset));
  std::vector<kafka::Header> headers;
  for (const auto& [n, v] : owned) headers.emplace_back(n, v);
  send(dlq_topic_, key_of(m), value_of(m), headers);
  // Only if the transaction that sends it commits: an aborted one sends it again on the replay.
  pending_metrics_.dead_lettered(reason);
}

void StreamProcessor::fire_timers(Instant now) {
  for (auto& [number, p] : partitions_) {
    const auto due = p.engine->next_due();
    if (!due || *due > now) continue;
    if (auto err = ensure_transaction()) {
      send_error_ = err;
      return;
    }
    effects_.clear();
    p.engine->fire_due(now, options_.max_timer_batch, effects_);
    publish(p, effects_);
  }
}

kafka::KafkaError StreamProcessor::ensure_transaction() {
  if (in_transaction_) return {};
  if (options_.exactly_once) {
    if (auto err = producer_->begin_transaction()) return err;
  }
  in_transaction_ = true;
  return {};
}

void StreamProcessor::send(std::string_view topic, std::string_view key, std::string_view value,
                           const std::vector<kafka::Header>& headers, int32_t partition,
                           int64_t timestamp_ms) {
  if (auto err = producer_->produce(topic, key, value, headers, partition, timestamp_ms)) {
    if (!send_error_) send_error_ = err;
    return;
  }
  ++uncommitted_outputs_;
}

// ---------------------------------------------------------------------------------------------
// Commit, abort, restore

Status StreamProcessor::commit() {
  if (!in_transaction_) return ok_status();
  if (send_error_) return abort_and_rewind("produce: " + send_error_.describe());

  // Effects first: acknowledged before any changelog record that claims them is written.
  if (auto err = producer_->flush(kTxnTimeoutMs))
    return abort_and_rewind("effects: " + err.describe());

  std::vector<kafka::TopicPartition> positions;
  for (auto& [number, p] : partitions_) {
    if (p.dirty.empty() && !p.advanced) continue;
    for (const auto& case_id : p.dirty) {
      const std::string state = p.engine->serialize_case(case_id);
      if (!state.empty()) send(changelog_topic_, case_id, state, {}, number);
    }
    send(changelog_topic_, kCheckpointKey, encode_checkpoint({p.next_offset, p.moved}), {}, number);
    positions.push_back({events_topic_, number, p.next_offset});
  }
  if (send_error_) return abort_and_rewind("changelog: " + send_error_.describe());

  auto offsets = kafka::to_list(positions);
  if (options_.exactly_once) {
    if (!positions.empty()) {
      if (auto err = producer_->send_offsets_to_transaction(consumer_->handle(), offsets.get(),
                                                            kTxnTimeoutMs)) {
        if (err.fatal) return Error{"kafka_fatal", err.describe()};
        return abort_and_rewind("send_offsets: " + err.describe());
      }
    }
    for (int attempt = 1;; ++attempt) {
      auto err = producer_->commit_transaction(kTxnTimeoutMs);
      if (!err) break;
      if (err.fatal) return Error{"kafka_fatal", "commit: " + err.describe()};
      if (err.retriable && attempt < kCommitRetries) continue;
      return abort_and_rewind("commit: " + err.describe());
    }
  } else {
    if (auto err = producer_->flush(kTxnTimeoutMs))
      return abort_and_rewind("changelog: " + err.describe());
    if (!positions.empty()) rd_kafka_commit(consumer_->handle(), offsets.get(), 0);
  }

  for (auto& [number, p] : partitions_) {
    p.dirty.clear();
    p.advanced = false;
  }
  in_transaction_ = false;
  ++commits_;
  // Before commit() returns, while the engines whose names the observations point into live.
  pending_metrics_.apply(probe_);
  probe_.transaction_committed(uncommitted_inputs_, uncommitted_outputs_);
  if (uncommitted_moves_ > 0) probe_.events_repartitioned(uncommitted_moves_);
  uncommitted_inputs_ = uncommitted_outputs_ = uncommitted_moves_ = 0;
  return ok_status();
}

Status StreamProcessor::abort_and_rewind(const std::string& why) {
  log("aborting the transaction and rewinding to the last commit: " + why);
  if (options_.exactly_once) {
    if (auto err = producer_->abort_transaction(kTxnTimeoutMs); err && err.fatal) {
      pending_metrics_.drop();
      return Error{"kafka_fatal", "abort: " + err.describe()};
    }
  } else {
    producer_->flush(kTxnTimeoutMs);
  }
  in_transaction_ = false;
  send_error_ = {};
  uncommitted_inputs_ = uncommitted_outputs_ = uncommitted_moves_ = 0;
  // The replay observes all of it again. Dropped before the engines are rebuilt below: the
  // observations' string_views point into the engines being replaced.
  pending_metrics_.drop();
  probe_.transaction_aborted(why);

  // Rebuild every owned partition from what was committed, and read the input again from there.
  for (auto& [number, p] : partitions_) {
    auto restored = restore(number);
    if (!restored) return restored.error();
    p = std::move(*restored);
    const int64_t start = p.next_offset > 0 ? p.next_offset : RD_KAFKA_OFFSET_BEGINNING;
    if (auto err = consumer_->seek({events_topic_, number, start})) {
      log("seek after abort: " + err.describe());
    }
  }
  return ok_status();
}

Result<StreamProcessor::Partition> StreamProcessor::restore(int32_t partition) {
  const int64_t started = steady_ms();
  Partition p;
  p.engine = engine_factory_();
  std::vector<std::string> pending;  // case states after the last checkpoint seen so far
  uint64_t restored = 0;
  auto apply_pending = [&] {
    for (const auto& state : pending) {
      auto r = p.engine->restore_case(state);
      if (!r) {
        log("partition " + std::to_string(partition) +
            ": a case could not be restored: " + r.error().message);
      } else {
        ++restored;
      }
    }
    pending.clear();
  };
  kafka::ReadStats stats;
  auto err = kafka::read_partition(
      options_.kafka, changelog_topic_, partition, 0,
      [&](const rd_kafka_message_t& m) {
        if (is_checkpoint_key(key_of(m))) {
          apply_pending();
          if (auto checkpoint = decode_checkpoint(value_of(m))) {
            p.next_offset = checkpoint->next_offset;
            p.moved = std::move(checkpoint->moved);
          }
        } else {
          pending.emplace_back(value_of(m));
        }
      },
      stats);
  if (err)
    return Error{"restore",
                 "changelog partition " + std::to_string(partition) + ": " + err.describe()};
  // Whatever follows the last checkpoint belongs to a batch that never committed.
  probe_.partition_restored(partition, restored, double(steady_ms() - started) / 1000.0);
  return p;
}

void StreamProcessor::on_assigned(std::vector<kafka::TopicPartition>& assigned) {
  // An assigned partition is not owned here (a rebalance revokes, and so commits, a partition
  // before assigning it again), so no buffered observation points into an engine replaced below.
  for (auto& tp : assigned) {
    auto restored = restore(tp.partition);
    if (!restored) {
      log(restored.error().message);
      offset_alarm_ = true;  // not ready: the state of this partition is unknown
      continue;
    }
    tp.offset = restored->next_offset > 0 ? restored->next_offset : RD_KAFKA_OFFSET_BEGINNING;
    partitions_[tp.partition] = std::move(*restored);
  }
  assigned_once_ = true;
  std::string list;
  for (const auto& tp : assigned) list += (list.empty() ? "" : ",") + std::to_string(tp.partition);
  log("assigned input partitions [" + list + "] of " + events_topic_);
}

void StreamProcessor::on_revoked(const std::vector<kafka::TopicPartition>& revoked) {
  // Finish the open transaction before the partitions (and their state) go to another instance.
  if (auto committed = commit(); !committed) {
    log("commit on revoke: " + committed.error().message);
    // Not committed (a fatal error): not counted, and the engines they point into go now.
    pending_metrics_.drop();
  }
  std::string list;
  for (const auto& tp : revoked) {
    partitions_.erase(tp.partition);
    // Its lag is now another instance's to report; a stale value here would be counted twice.
    if (tp.topic == events_topic_) probe_.consumer_lag(tp.partition, 0);
    list += (list.empty() ? "" : ",") + std::to_string(tp.partition);
  }
  log("revoked input partitions [" + list + "]");
}

void StreamProcessor::reload(EngineFactory engines,
                             const std::function<void(core::Engine&)>& update) {
  engine_factory_ = std::move(engines);
  for (auto& [number, p] : partitions_) update(*p.engine);
}

void StreamProcessor::TEST_crash() {
  pending_metrics_.drop();  // nothing commits any more
  if (consumer_) consumer_->TEST_abandon();
  consumer_.reset();
  rd_kafka_purge(producer_->handle(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  producer_.reset();
}

void StreamProcessor::stop() {
  if (!consumer_) return;
  if (auto committed = commit(); !committed) log("commit on stop: " + committed.error().message);
  consumer_->close();  // revokes through on_revoked
  consumer_.reset();
  producer_->flush(kTxnTimeoutMs);
}

}  // namespace caseflow::runtime
