// The Java Kafka client's default partitioner, so that producers in any language put a case's
// events on the partition that owns the case. librdkafka's "murmur2_random" partitioner is the
// same function; this copy lets caseflow (and its tests) know the owner without a producer.
#pragma once

#include <cstdint>
#include <string_view>

namespace caseflow::kafka {

// MurmurHash2 with Kafka's seed (0x9747b28c), as org.apache.kafka.common.utils.Utils.murmur2.
uint32_t murmur2(std::string_view key);

// The partition the Java client picks for a non-empty key: toPositive(murmur2(key)) % partitions.
int32_t java_partition(std::string_view key, int32_t partitions);

}  // namespace caseflow::kafka
