// Makes sure caseflow's topics exist on a real Kafka cluster, with the right partition counts and
// compaction, creating the missing ones through the Admin API.
#pragma once

#include <string>
#include <vector>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/topics.h"
#include "engine/common/result.h"

namespace caseflow::kafka {

// Creates every topic of `topics` that the cluster does not have. A topic that exists with fewer
// partitions than asked is reported (never changed: repartitioning moves cases between owners).
// `props` needs bootstrap.servers.
Status ensure_topics(const Properties& props, const std::vector<TopicSpec>& topics,
                     int timeout_ms = 15'000);

}  // namespace caseflow::kafka
