#include "app/cluster_startup.h"

#include "connectors/kafka/producer.h"
#include "connectors/kafka/topic_admin.h"
#include "connectors/runtime/definitions_topic.h"

namespace caseflow::app {

Status reach_cluster(const ClusterPlan& plan, StoredDefinitions& stored) {
  const kafka::Properties producer_props = kafka::producer_properties(plan.kafka);
  {
    auto client = kafka::make_client(RD_KAFKA_PRODUCER, producer_props);
    if (!client) return client.error();
    const rd_kafka_metadata_t* md = nullptr;
    const auto err = rd_kafka_metadata(client->get(), 0, nullptr, &md,
                                       static_cast<int>(plan.answer_timeout.count()));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return Error{"kafka_unreachable", "Kafka at " + plan.shown_bootstrap + " does not answer (" +
                                            rd_kafka_err2str(err) + ")"};
    }
    rd_kafka_metadata_destroy(md);
  }
  if (plan.create_topics) {
    if (auto ensured = kafka::ensure_topics(producer_props, plan.topics); !ensured) {
      return ensured.error();
    }
  }
  stored.clear();
  if (auto err = runtime::read_definitions(plan.kafka, plan.definitions_topic, stored)) {
    return Error{"definitions_topic", "reading " + plan.definitions_topic + ": " + err.describe()};
  }
  return ok_status();
}

Status store_workflow_versions(const ClusterPlan& plan,
                               const std::map<std::string, std::string>& texts,
                               const StoredDefinitions& stored) {
  auto producer = kafka::Producer::create(kafka::producer_properties(plan.kafka));
  if (!producer) return producer.error();
  if (auto err = runtime::store_definitions(**producer, plan.definitions_topic, texts, stored)) {
    return Error{"definitions_topic", "storing workflow definitions in " + plan.definitions_topic +
                                          ": " + err.describe()};
  }
  return ok_status();
}

}  // namespace caseflow::app
