#include "connectors/runtime/owned_partition.h"

#include <vector>

#include "connectors/kafka/partition_reader.h"
#include "connectors/runtime/changelog_format.h"
#include "connectors/runtime/record_view.h"
#include "connectors/runtime/runtime_log.h"

namespace caseflow::runtime {

Result<OwnedPartition> restore_partition(
    const kafka::Properties& kafka, const std::string& changelog_topic, int32_t partition,
    const std::function<std::unique_ptr<core::Engine>()>& make_engine, RuntimeProbe& probe) {
  const int64_t started = steady_ms();
  OwnedPartition p;
  p.engine = make_engine();
  std::vector<std::string> pending;  // case states after the last checkpoint seen so far
  uint64_t restored = 0;
  auto apply_pending = [&] {
    for (const auto& state : pending) {
      auto r = p.engine->restore_case(state);
      if (!r) {
        log_line("partition " + std::to_string(partition) +
                 ": a case could not be restored: " + r.error().message);
      } else {
        ++restored;
      }
    }
    pending.clear();
  };
  kafka::ReadStats stats;
  auto err = kafka::read_partition(
      kafka, changelog_topic, partition, 0,
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
  probe.partition_restored(partition, restored, double(steady_ms() - started) / 1000.0);
  return p;
}

}  // namespace caseflow::runtime
