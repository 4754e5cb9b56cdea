#include "connectors/runtime/transaction.h"

#include "connectors/runtime/changelog_format.h"
#include "connectors/runtime/runtime_log.h"

namespace caseflow::runtime {
namespace {

constexpr int kCommitRetries = 5;

}  // namespace

Transaction::Transaction(std::unique_ptr<kafka::Producer> producer, bool exactly_once,
                         std::string events_topic, std::string changelog_topic, std::string writer,
                         RuntimeProbe& probe)
    : producer_(std::move(producer)),
      exactly_once_(exactly_once),
      events_topic_(std::move(events_topic)),
      changelog_topic_(std::move(changelog_topic)),
      writer_(std::move(writer)),
      writer_headers_{{kWriterHeader, writer_}},
      probe_(probe) {}

Result<std::unique_ptr<Transaction>> Transaction::create(const kafka::Properties& producer_props,
                                                         const std::string& transactional_id,
                                                         std::string events_topic,
                                                         std::string changelog_topic,
                                                         std::string writer, RuntimeProbe& probe) {
  auto producer = kafka::Producer::create(producer_props, transactional_id);
  if (!producer) return producer.error();
  const bool exactly_once = !transactional_id.empty();
  if (exactly_once) {
    if (auto err = (*producer)->init_transactions(kTransactionTimeoutMs)) {
      return Error{"kafka_transactions", "init_transactions: " + err.describe()};
    }
  }
  return std::unique_ptr<Transaction>(
      new Transaction(std::move(*producer), exactly_once, std::move(events_topic),
                      std::move(changelog_topic), std::move(writer), probe));
}

Status Transaction::claim(const std::vector<int32_t>& changelog_partitions) {
  if (changelog_partitions.empty()) return ok_status();
  if (open_) return Error{"kafka_claim", "a transaction is open"};
  for (int attempt = 1;; ++attempt) {
    kafka::KafkaError err;
    bool begun = false;
    if (exactly_once_) {
      err = producer_->begin_transaction();
      begun = !err;
    }
    for (int32_t p : changelog_partitions) {
      if (err) break;
      err = producer_->produce(changelog_topic_, kClaimKey, writer_, writer_headers_, p);
    }
    if (!err) {
      err = exactly_once_ ? producer_->commit_transaction(kTransactionTimeoutMs)
                          : producer_->flush(kTransactionTimeoutMs);
      if (!err) return ok_status();
    }
    if (begun && !err.fatal) producer_->abort_transaction(kTransactionTimeoutMs);
    if (err.fatal || attempt >= kCommitRetries) {
      return Error{"kafka_claim", "claiming the changelog: " + err.describe()};
    }
  }
}

void Transaction::send_changelog(std::string_view key, std::string_view value, int32_t partition) {
  send(changelog_topic_, key, value, writer_headers_, partition);
}

bool Transaction::begin() {
  if (open_) return true;
  if (exactly_once_) {
    if (auto err = producer_->begin_transaction()) {
      send_error_ = err;
      return false;
    }
  }
  open_ = true;
  return true;
}

void Transaction::send(std::string_view topic, std::string_view key, std::string_view value,
                       const std::vector<kafka::Header>& headers, int32_t partition,
                       int64_t timestamp_ms) {
  if (auto err = producer_->produce(topic, key, value, headers, partition, timestamp_ms)) {
    if (!send_error_) send_error_ = err;
    return;
  }
  ++outputs_;
}

Status Transaction::commit(OwnedPartitions& partitions, kafka::GroupConsumer& consumer,
                           const Restore& restore) {
  if (!open_) return ok_status();
  auto rewind = [&](const std::string& why) {
    return abort_and_rewind(why, partitions, consumer, restore);
  };
  if (send_error_) return rewind("produce: " + send_error_.describe());

  // Effects first: acknowledged before any changelog record that claims them is written.
  if (auto err = producer_->flush(kTransactionTimeoutMs))
    return rewind("effects: " + err.describe());
  // The group may have taken the partitions away while the effects were flushed (this instance's
  // session timed out) and handed them to another instance, which has restored them already. This
  // batch's changelog must not follow the new owner's: a later restore would start the input
  // before state that already holds it. (Kafka would fence the batch at its commit; a broker that
  // does not fence, like the embedded one, would keep even an aborted batch's records.)
  if (consumer.assignment_lost()) return rewind("partitions lost to another instance");

  std::vector<kafka::TopicPartition> positions;
  std::string state;
  for (auto& [number, p] : partitions) {
    if (p.dirty.empty() && !p.advanced) continue;
    for (const auto& case_id : p.dirty) {
      state.clear();
      if (p.engine->serialize_case(case_id, state)) {
        send_changelog(case_id, state, number);
      } else {
        // A changed case the engine no longer holds has left it (retention): a null value, not
        // an empty one, is the tombstone that lets compaction drop the key and tells a restore
        // to forget the case.
        send_changelog(case_id, std::string_view(), number);
      }
    }
    send_changelog(kCheckpointKey, encode_checkpoint({p.next_offset, p.moved}), number);
    positions.push_back({events_topic_, number, p.next_offset});
  }
  if (send_error_) return rewind("changelog: " + send_error_.describe());

  auto offsets = kafka::to_list(positions);
  if (exactly_once_) {
    if (!positions.empty()) {
      if (auto err = producer_->send_offsets_to_transaction(consumer.handle(), offsets.get(),
                                                            kTransactionTimeoutMs)) {
        if (err.fatal) return Error{"kafka_fatal", err.describe()};
        return rewind("send_offsets: " + err.describe());
      }
    }
    for (int attempt = 1;; ++attempt) {
      auto err = producer_->commit_transaction(kTransactionTimeoutMs);
      if (!err) break;
      if (err.fatal) return Error{"kafka_fatal", "commit: " + err.describe()};
      if (err.retriable && attempt < kCommitRetries) continue;
      return rewind("commit: " + err.describe());
    }
  } else {
    if (auto err = producer_->flush(kTransactionTimeoutMs))
      return rewind("changelog: " + err.describe());
    if (!positions.empty()) rd_kafka_commit(consumer.handle(), offsets.get(), 0);
  }

  for (auto& [number, p] : partitions) {
    p.dirty.clear();
    p.advanced = false;
  }
  open_ = false;
  ++commits_;
  // Before commit() returns, while the engines whose names the observations point into live.
  metrics_.apply(probe_);
  probe_.transaction_committed(inputs_, outputs_);
  if (moves_ > 0) probe_.events_repartitioned(moves_);
  inputs_ = outputs_ = moves_ = 0;
  return ok_status();
}

Status Transaction::abort_and_rewind(const std::string& why, OwnedPartitions& partitions,
                                     kafka::GroupConsumer& consumer, const Restore& restore) {
  log_line("aborting the transaction and rewinding to the last commit: " + why);
  if (exactly_once_) {
    if (auto err = producer_->abort_transaction(kTransactionTimeoutMs); err && err.fatal) {
      metrics_.drop();
      return Error{"kafka_fatal", "abort: " + err.describe()};
    }
  } else {
    producer_->flush(kTransactionTimeoutMs);
  }
  open_ = false;
  send_error_ = {};
  inputs_ = outputs_ = moves_ = 0;
  // The replay observes all of it again. Dropped before the engines are rebuilt below: the
  // observations' string_views point into the engines being replaced.
  metrics_.drop();
  probe_.transaction_aborted(why);

  // Rebuild every owned partition from what was committed, and read the input again from there.
  for (auto& [number, p] : partitions) {
    auto restored = restore(number);
    if (!restored) return restored.error();
    p = std::move(*restored);
    const int64_t start = p.next_offset > 0 ? p.next_offset : RD_KAFKA_OFFSET_BEGINNING;
    if (auto err = consumer.seek({events_topic_, number, start})) {
      log_line("seek after abort: " + err.describe());
    }
  }
  return ok_status();
}

}  // namespace caseflow::runtime
