#include "connectors/runtime/dead_letter.h"

#include <string>
#include <utility>
#include <vector>

#include "connectors/runtime/moved_input.h"
#include "connectors/runtime/record_view.h"

namespace caseflow::runtime {

void dead_letter(Transaction& transaction, std::string_view dlq_topic, std::string_view input_topic,
                 const rd_kafka_message_t& m, std::string_view reason, std::string_view message) {
  // The input's own headers first (a null value read as empty), then why it was refused.
  OwnedHeaders owned = headers_of(m);
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
