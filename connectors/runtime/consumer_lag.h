// Consumer lag of the owned input partitions: the end of each partition's log minus where this
// instance stands in it, for CaseflowConsumerLagHigh (docs/operations.md).
#pragma once

#include <string>

#include "connectors/kafka/group_consumer.h"
#include "connectors/runtime/owned_partition.h"
#include "connectors/runtime/runtime_probe.h"

namespace caseflow::runtime {

// Reports the lag of every partition in `owned` whose end is known yet (a fetch answered) to
// `probe`. Reads librdkafka's caches only: no broker round trip.
void report_consumer_lag(kafka::GroupConsumer& consumer, const std::string& input_topic,
                         const OwnedPartitions& owned, RuntimeProbe& probe);

}  // namespace caseflow::runtime
