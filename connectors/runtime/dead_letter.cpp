#include "connectors/runtime/dead_letter.h"

#include <string>
#include <utility>
#include <vector>

#include "connectors/runtime/record_view.h"

namespace caseflow::runtime {

void dead_letter(Transaction& transaction, std::string_view dlq_topic, std::string_view input_topic,
                 const rd_kafka_message_t& m, std::string_view reason, std::string_view message) {
  std::vector<std::pair<std::string, std::string>> owned;
  rd_kafka_headers_t* original = nullptr;
  if (rd_kafka_message_headers(&m, &original) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name;
    const void* value;
    size_t size;
    for (size_t i = 0;
         rd_kafka_header_get_all(original, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
      owned.emplace_back(name, std::string(static_cast<const char*>(value), size));
    }
  }
  owned.emplace_back("caseflow.dlq.reason", std::string(reason));
  owned.emplace_back("caseflow.dlq.message", std::string(message));
  owned.emplace_back("caseflow.dlq.topic", std::string(input_topic));
  owned.emplace_back("caseflow.dlq.partition", std::to_string(m.partition));
  owned.emplace_back("caseflow.dlq.offset", std::to_string(m.offset));
  std::vector<kafka::Header> headers;
  for (const auto& [n, v] : owned) headers.emplace_back(n, v);
  transaction.send(dlq_topic, key_of(m), value_of(m), headers);
  transaction.metrics().dead_lettered(reason);
}

}  // namespace caseflow::runtime
