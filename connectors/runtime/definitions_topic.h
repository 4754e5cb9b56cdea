// The compacted caseflow.definitions topic: every workflow version a live case may use, keyed by
// "name@version", valued by the file's text. Any instance restores any case from it, even after
// the file changed on disk.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "connectors/kafka/client_config.h"
#include "connectors/kafka/kafka_error.h"
#include "connectors/kafka/producer.h"

namespace caseflow::runtime {

// Every stored version: ("caseflow.definitions:parking@1", text), the latest record per key.
kafka::KafkaError read_definitions(const kafka::Properties& props, const std::string& topic,
                                   std::vector<std::pair<std::string, std::string>>& out);

// Stores every version of `texts` (id -> text) that `stored` does not already hold with the same
// text. Waits until the broker has them.
kafka::KafkaError store_definitions(kafka::Producer& producer, const std::string& topic,
                                    const std::map<std::string, std::string>& texts,
                                    const std::vector<std::pair<std::string, std::string>>& stored);

}  // namespace caseflow::runtime
