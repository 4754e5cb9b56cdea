#include "connectors/runtime/definitions_topic.h"

#include "connectors/kafka/partition_reader.h"

namespace caseflow::runtime {
namespace {
constexpr std::string_view kOrigin = "caseflow.definitions:";
}

kafka::KafkaError read_definitions(const kafka::Properties& props, const std::string& topic,
                                   std::vector<std::pair<std::string, std::string>>& out) {
  std::map<std::string, std::string> latest;
  kafka::ReadStats stats;
  auto err = kafka::read_partition(
      props, topic, 0, 0,
      [&](const rd_kafka_message_t& m) {
        if (m.key == nullptr || m.payload == nullptr) return;
        latest[std::string(static_cast<const char*>(m.key), m.key_len)] =
            std::string(static_cast<const char*>(m.payload), m.len);
      },
      stats);
  for (auto& [id, text] : latest) out.emplace_back(std::string(kOrigin) + id, std::move(text));
  return err;
}

kafka::KafkaError store_definitions(
    kafka::Producer& producer, const std::string& topic,
    const std::map<std::string, std::string>& texts,
    const std::vector<std::pair<std::string, std::string>>& stored) {
  std::map<std::string, std::string> have;
  for (const auto& [origin, text] : stored) have[origin.substr(kOrigin.size())] = text;
  for (const auto& [id, text] : texts) {
    if (auto it = have.find(id); it != have.end() && it->second == text) continue;
    if (auto err = producer.produce(topic, id, text, {}, 0)) return err;
  }
  return producer.flush(30'000);
}

}  // namespace caseflow::runtime
