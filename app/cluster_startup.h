// What `caseflow run` asks of the Kafka cluster before the engine processes anything: that it
// answers, that every topic the workflows write exists, and that the definitions topic holds every
// workflow version in force (and gives back the versions live cases use).
//
// One attempt is a function of its own so the caller decides how to wait and retry: the app runs
// it on the processing thread, with /readyz saying why it is not ready meanwhile.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/topics.h"
#include "engine/common/result.h"

namespace caseflow::app {

struct ClusterPlan {
  kafka::Properties kafka;      // with bootstrap.servers (the brokers the engine itself uses)
  std::string shown_bootstrap;  // the address people know it by, for messages
  bool create_topics = true;    // false when the embedded broker created them already
  std::vector<kafka::TopicSpec> topics;
  std::string definitions_topic;
  std::chrono::milliseconds answer_timeout{3'000};  // how long a silent cluster gets per attempt
};

// Every workflow version stored in the definitions topic: (topic:id, text).
using StoredDefinitions = std::vector<std::pair<std::string, std::string>>;

// One attempt: asks the cluster for its metadata (failing with code "kafka_unreachable" after
// `answer_timeout`), creates missing topics, and reads the stored definitions into `stored`.
// Blocks for up to about answer_timeout plus the topic creation's own timeout.
Status reach_cluster(const ClusterPlan& plan, StoredDefinitions& stored);

// Stores every version of `texts` (id -> text) that `stored` lacks. Waits for the broker.
Status store_workflow_versions(const ClusterPlan& plan,
                               const std::map<std::string, std::string>& texts,
                               const StoredDefinitions& stored);

}  // namespace caseflow::app
