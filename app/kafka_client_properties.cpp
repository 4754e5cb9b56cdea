#include "app/kafka_client_properties.h"

namespace caseflow::app {

kafka::Properties kafka_client_properties(const EngineConfig& config,
                                          const std::string& bootstrap_servers) {
  kafka::Properties props = config.kafka.properties;
  props["bootstrap.servers"] = bootstrap_servers;
  return props;
}

std::string kafka_properties_log_line(const EngineConfig& config) {
  if (config.kafka.properties.empty()) return "";
  return "every Kafka client uses kafka.properties: " +
         kafka::describe_properties(config.kafka.properties);
}

}  // namespace caseflow::app
