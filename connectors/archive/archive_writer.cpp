#include "connectors/archive/archive_writer.h"

#include <algorithm>
#include <optional>
#include <thread>

#include "connectors/log/log.h"
#include "connectors/runtime/moved_input.h"
#include "connectors/runtime/record_view.h"

namespace caseflow::archive {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::string_view kLog = "archive";
constexpr int kDlqFlushMs = 10'000;
// Asking the broker for a partition's end while paused: short, so a Kafka that does not answer
// cannot hold the writer's loop for long (the cached figure stands in then).
constexpr int kWatermarkQueryMs = 500;

}  // namespace

kafka::Properties archive_consumer_properties(const ArchiveWriterOptions& options) {
  kafka::Properties props = options.kafka;
  props["group.id"] = options.group_id;
  // A new archive reads every record Kafka still has, not only the ones written from now on.
  props.emplace("auto.offset.reset", "earliest");
  props.emplace("client.id", "caseflow-archive");
  return props;
}

kafka::Properties archive_producer_properties(const ArchiveWriterOptions& options) {
  return kafka::producer_properties(options.kafka);
}

Result<std::unique_ptr<ArchiveWriter>> ArchiveWriter::create(ArchiveWriterOptions options,
                                                             ArchiveProbe& probe) {
  kafka::Properties consumer_props = archive_consumer_properties(options);
  auto producer = kafka::Producer::create(archive_producer_properties(options));
  if (!producer) return producer.error();
  std::unique_ptr<ArchiveWriter> w(new ArchiveWriter(std::move(options), probe));
  auto consumer = kafka::GroupConsumer::create(std::move(consumer_props), *w);
  if (!consumer) return consumer.error();
  w->consumer_ = std::move(*consumer);
  w->dlq_ = std::move(*producer);
  return w;
}

ArchiveWriter::~ArchiveWriter() {
  // The consumer leaves the group (its listener is this object) before the rest goes.
  if (consumer_ && !vanished_) consumer_->close();
}

ArchiveHealth ArchiveWriter::health() const {
  std::lock_guard lock(health_mutex_);
  return health_;
}

Status ArchiveWriter::run() {
  if (auto e = consumer_->subscribe({options_.topics.updates(), options_.topics.alerts()})) {
    return Error{"kafka_subscribe", "the archive cannot subscribe: " + e.describe()};
  }
  while (!stopping_.load()) {
    if (!store_ && !open_store()) {
      wait_retry();
      continue;
    }
    if (health().healthy) collect();
    if (held_count_ > 0 && !flush_batch()) {
      wait_retry();
      continue;
    }
    if (vanished_) return ok_status();
    if (!health().healthy) recover();
    report_lag();
  }
  // Stopping: what is held is written and committed if the database takes it now.
  if (held_count_ > 0 && (store_ || open_store())) flush_batch();
  if (vanished_) return ok_status();
  consumer_->close();
  dlq_->flush(kDlqFlushMs);
  return ok_status();
}

void ArchiveWriter::collect() {
  // The batch closes batch_wait after its first record; with nothing to read, this returns soon
  // so the caller can report the lag and see a stop.
  std::optional<Clock::time_point> closes;
  const auto idle_until = Clock::now() + 100ms;
  while (held_count_ < options_.batch_records && !stopping_.load()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        closes.value_or(idle_until) - Clock::now());
    if (left.count() <= 0) break;
    kafka::MessageHandle m =
        consumer_->poll(static_cast<int>(std::min<int64_t>(left.count(), 100)));
    if (!m) continue;
    if (m->err) {
      if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        logging::warning(kLog, std::string("kafka: ") + rd_kafka_message_errstr(m.get()));
      }
      continue;
    }
    take(*m);
    if (!closes) closes = Clock::now() + options_.batch_wait;
  }
}

void ArchiveWriter::take(const rd_kafka_message_t& m) {
  const PartitionKey where{rd_kafka_topic_name(m.rkt), m.partition};
  next_[where] = m.offset + 1;
  ++held_count_;
  auto parsed = parse_archive_record(runtime::key_of(m), runtime::value_of(m));
  if (parsed) {
    held_.push_back(std::move(*parsed));
  } else {
    dead_letter(m, parsed.error());
  }
}

void ArchiveWriter::dead_letter(const rd_kafka_message_t& m, const Error& why) {
  const std::string reason = "archive_" + why.code;
  const std::string topic = rd_kafka_topic_name(m.rkt);
  // The record's own headers first, then why it was refused (as the engine's DLQ does).
  runtime::OwnedHeaders owned = runtime::headers_of(m);
  owned.emplace_back("caseflow.dlq.reason", reason);
  owned.emplace_back("caseflow.dlq.message", why.message);
  owned.emplace_back("caseflow.dlq.topic", topic);
  owned.emplace_back("caseflow.dlq.partition", std::to_string(m.partition));
  owned.emplace_back("caseflow.dlq.offset", std::to_string(m.offset));
  std::vector<kafka::Header> headers;
  for (const auto& [n, v] : owned) headers.emplace_back(n, v);
  if (auto e =
          dlq_->produce(options_.topics.dlq(), runtime::key_of(m), runtime::value_of(m), headers)) {
    logging::error(kLog,
                   "cannot send a bad record to " + options_.topics.dlq() + ": " + e.describe());
  }
  probe_.bad_record(reason);
  logging::warning(kLog, topic + "/" + std::to_string(m.partition) + "@" +
                             std::to_string(m.offset) + " sent to " + options_.topics.dlq() + " (" +
                             reason + "): " + why.message);
}

bool ArchiveWriter::flush_batch() {
  Batch batch = batch_of(held_);
  if (!batch.empty()) {
    if (Status applied = store_->apply(batch); !applied) {
      // A connection or file that failed once is opened afresh for the next attempt.
      store_.reset();
      degrade(applied.error());
      return false;
    }
  }
  if (auto e = dlq_->flush(kDlqFlushMs)) {
    degrade(Error{"archive_dlq",
                  "cannot send bad records to " + options_.topics.dlq() + ": " + e.describe()});
    return false;
  }
  if (options_.TEST_after_store_commit && !options_.TEST_after_store_commit()) {
    consumer_->TEST_abandon();
    vanished_ = true;
    return true;
  }
  std::vector<kafka::TopicPartition> offsets;
  for (const auto& [where, next] : next_) offsets.push_back({where.first, where.second, next});
  auto list = kafka::to_list(offsets);
  if (auto e = kafka::KafkaError::from(rd_kafka_commit(consumer_->handle(), list.get(), 0))) {
    // The rows are in; the offsets are committed with the next batch (or replayed, idempotent).
    probe_.store_error("kafka_commit");
    logging::warning(kLog, "committing offsets: " + e.describe());
  } else {
    for (const auto& [where, next] : next_) committed_[where] = next;
  }
  probe_.batch_committed(held_count_);
  held_.clear();
  next_.clear();
  held_count_ = 0;
  return true;
}

bool ArchiveWriter::open_store() {
  auto opened = open_archive(options_.where);
  if (!opened) {
    degrade(opened.error());
    return false;
  }
  store_ = std::move(*opened);
  return true;
}

void ArchiveWriter::degrade(const Error& e) {
  probe_.store_error(e.code);
  const std::string reason = e.code + ": " + e.message;
  bool changed = false;
  {
    std::lock_guard lock(health_mutex_);
    changed = health_.healthy || health_.reason != reason;
    health_ = {false, reason};
  }
  if (changed) {
    logging::error(kLog, "the archive is not written (" + reason +
                             "); the engine runs on, Kafka offsets wait, retrying up to every " +
                             std::to_string(options_.retry_max.count()) + " ms");
  }
  pause(true);
}

void ArchiveWriter::recover() {
  {
    std::lock_guard lock(health_mutex_);
    health_ = {};
  }
  retry_ = 0ms;
  logging::info(kLog, "the archive is written again");
  pause(false);
}

void ArchiveWriter::pause(bool paused) {
  auto list = kafka::to_list(consumer_->assignment());
  if (paused) {
    rd_kafka_pause_partitions(consumer_->handle(), list.get());
  } else {
    rd_kafka_resume_partitions(consumer_->handle(), list.get());
    // Records polled while paused were not taken: read them again.
    for (const auto& [where, offset] : rewind_) {
      consumer_->seek({where.first, where.second, offset});
    }
    rewind_.clear();
  }
  paused_ = paused;
}

void ArchiveWriter::wait_retry() {
  retry_ = retry_.count() == 0 ? options_.retry_first : std::min(retry_ * 2, options_.retry_max);
  const auto until = Clock::now() + retry_;
  // Polling keeps the group membership (and serves rebalances) while nothing is taken.
  while (Clock::now() < until && !stopping_.load()) {
    pause(true);  // partitions assigned meanwhile too
    kafka::MessageHandle m = consumer_->poll(50);
    if (!m || m->err) continue;
    const PartitionKey where{rd_kafka_topic_name(m->rkt), m->partition};
    auto [it, fresh] = rewind_.emplace(where, m->offset);
    if (!fresh) it->second = std::min(it->second, m->offset);
  }
  // The lag matters most while the database is down: what waits for it keeps growing.
  report_lag();
}

void ArchiveWriter::report_lag() {
  const auto now = Clock::now();
  if (now - lag_reported_ < 1s) return;
  lag_reported_ = now;
  int64_t lag = 0;
  for (const auto& tp : consumer_->assignment()) {
    int64_t low = 0, high = 0;
    // A paused partition is not fetched, so its cached end stops where the pause began; the
    // broker knows where it is now.
    const bool asked = paused_ && rd_kafka_query_watermark_offsets(
                                      consumer_->handle(), tp.topic.c_str(), tp.partition, &low,
                                      &high, kWatermarkQueryMs) == RD_KAFKA_RESP_ERR_NO_ERROR;
    if (!asked &&
        rd_kafka_get_watermark_offsets(consumer_->handle(), tp.topic.c_str(), tp.partition, &low,
                                       &high) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      continue;
    }
    if (high < 0) continue;
    auto it = committed_.find({tp.topic, tp.partition});
    const int64_t from = it != committed_.end() ? it->second : std::max<int64_t>(low, 0);
    lag += std::max<int64_t>(high - from, 0);
  }
  probe_.lag(lag);
}

void ArchiveWriter::on_assigned(std::vector<kafka::TopicPartition>& partitions) {
  // Where the group stands on each partition, for the lag.
  auto list = kafka::to_list(partitions);
  if (rd_kafka_committed(consumer_->handle(), list.get(), 5'000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (const auto& tp : kafka::to_vector(list.get())) {
      if (tp.offset >= 0) committed_[{tp.topic, tp.partition}] = tp.offset;
    }
  }
}

void ArchiveWriter::on_revoked(const std::vector<kafka::TopicPartition>&) {
  // Partitions are taken away all at once: the next owner (maybe this one again) starts at the
  // committed offsets, so what is held here is dropped, not half-committed.
  held_.clear();
  next_.clear();
  rewind_.clear();
  committed_.clear();
  held_count_ = 0;
  paused_ = false;
}

}  // namespace caseflow::archive
