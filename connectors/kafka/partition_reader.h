// Reads one partition from an offset up to its end as it is now (the high watermark at start),
// outside any consumer group: how a partition's state is restored from the changelog.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/kafka_error.h"

namespace caseflow::kafka {

struct ReadStats {
  int64_t records = 0;
  int64_t end_offset = 0;  // the high watermark that was read up to
};

// Calls `each` for every record of topic/partition in [from, high watermark). `props` needs
// bootstrap.servers. Returns an error if the partition cannot be read within `timeout_ms`.
KafkaError read_partition(const Properties& props, const std::string& topic, int32_t partition,
                          int64_t from, const std::function<void(const rd_kafka_message_t&)>& each,
                          ReadStats& stats, int timeout_ms = 30'000);

}  // namespace caseflow::kafka
