#include "connectors/runtime/owned_partition.h"

#include "connectors/kafka/partition_reader.h"
#include "connectors/runtime/changelog_format.h"
#include "connectors/runtime/changelog_replay.h"
#include "connectors/runtime/record_view.h"
#include "connectors/runtime/runtime_log.h"

namespace caseflow::runtime {

Result<OwnedPartition> restore_partition(
    const kafka::Properties& kafka, const std::string& changelog_topic, int32_t partition,
    const std::function<std::unique_ptr<core::Engine>()>& make_engine, RuntimeProbe& probe) {
  const int64_t started = steady_ms();
  OwnedPartition p;
  p.engine = make_engine();
  ChangelogReplay replay;
  kafka::ReadStats stats;
  auto err = kafka::read_partition(
      kafka, changelog_topic, partition, 0,
      [&](const rd_kafka_message_t& m) {
        const std::string_view key = key_of(m);
        const std::string_view writer = header_of(m, kWriterHeader);
        if (is_checkpoint_key(key)) {
          if (!replay.commit(writer)) return;  // a fenced writer's position does not count
          if (auto checkpoint = decode_checkpoint(value_of(m))) {
            p.next_offset = checkpoint->next_offset;
            p.moved = std::move(checkpoint->moved);
          }
        } else if (is_claim_key(key)) {
          replay.claim(writer);
        } else if (m.payload == nullptr) {
          replay.add(key, std::nullopt, writer);
        } else {
          replay.add(key, value_of(m), writer);
        }
      },
      stats);
  if (err)
    return Error{"restore",
                 "changelog partition " + std::to_string(partition) + ": " + err.describe()};
  const uint64_t restored = replay.restore_into(*p.engine, [&](const Error& e) {
    log_line("partition " + std::to_string(partition) +
             ": a case could not be restored: " + e.message);
  });
  probe.partition_restored(partition, restored, double(steady_ms() - started) / 1000.0);
  return p;
}

}  // namespace caseflow::runtime
