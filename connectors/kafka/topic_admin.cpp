#include "connectors/kafka/topic_admin.h"

#include <map>
#include <memory>

#include "connectors/kafka/handles.h"

namespace caseflow::kafka {

Status ensure_topics(const Properties& props, const std::vector<TopicSpec>& topics,
                     int timeout_ms) {
  auto client = make_client(RD_KAFKA_PRODUCER, props);
  if (!client) return client.error();

  const rd_kafka_metadata_t* md = nullptr;
  if (auto err = rd_kafka_metadata(client->get(), 1, nullptr, &md, timeout_ms)) {
    return Error{"kafka_unreachable",
                 std::string("cannot read the cluster's metadata: ") + rd_kafka_err2str(err)};
  }
  std::map<std::string, int> existing;
  for (int i = 0; i < md->topic_cnt; ++i) {
    if (md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      existing[md->topics[i].topic] = md->topics[i].partition_cnt;
    }
  }
  rd_kafka_metadata_destroy(md);

  std::vector<const TopicSpec*> missing;
  for (const auto& t : topics) {
    auto it = existing.find(t.name);
    if (it == existing.end()) {
      missing.push_back(&t);
    } else if (it->second < t.partitions) {
      return Error{"topic_partitions", "topic " + t.name + " has " + std::to_string(it->second) +
                                           " partitions; caseflow is configured for " +
                                           std::to_string(t.partitions)};
    }
  }
  if (missing.empty()) return ok_status();

  std::vector<rd_kafka_NewTopic_t*> requests;
  char err[512];
  for (const TopicSpec* t : missing) {
    rd_kafka_NewTopic_t* nt =
        rd_kafka_NewTopic_new(t->name.c_str(), t->partitions, -1, err, sizeof err);
    if (nt == nullptr) {
      for (auto* r : requests) rd_kafka_NewTopic_destroy(r);
      return Error{"create_topic", t->name + ": " + err};
    }
    if (t->compacted) rd_kafka_NewTopic_set_config(nt, "cleanup.policy", "compact");
    requests.push_back(nt);
  }
  std::unique_ptr<rd_kafka_queue_t, decltype(&rd_kafka_queue_destroy)> queue(
      rd_kafka_queue_new(client->get()), &rd_kafka_queue_destroy);
  rd_kafka_CreateTopics(client->get(), requests.data(), requests.size(), nullptr, queue.get());
  for (auto* r : requests) rd_kafka_NewTopic_destroy(r);

  std::unique_ptr<rd_kafka_event_t, decltype(&rd_kafka_event_destroy)> event(
      rd_kafka_queue_poll(queue.get(), timeout_ms), &rd_kafka_event_destroy);
  std::string names;
  for (const TopicSpec* t : missing) names += (names.empty() ? "" : ", ") + t->name;
  if (!event) {
    return Error{"create_topic", "the cluster did not answer CreateTopics for: " + names +
                                     " (create them by hand, or start `caseflow broker` with "
                                     "this config)"};
  }
  if (rd_kafka_event_error(event.get())) {
    return Error{"create_topic", std::string(rd_kafka_event_error_string(event.get()))};
  }
  size_t n = 0;
  const rd_kafka_topic_result_t** results =
      rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event.get()), &n);
  for (size_t i = 0; i < n; ++i) {
    const auto code = rd_kafka_topic_result_error(results[i]);
    if (code != RD_KAFKA_RESP_ERR_NO_ERROR && code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      return Error{"create_topic", std::string(rd_kafka_topic_result_name(results[i])) + ": " +
                                       rd_kafka_err2str(code)};
    }
  }
  return ok_status();
}

}  // namespace caseflow::kafka
