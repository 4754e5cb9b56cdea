#include "connectors/runtime/dead_letter.h"

#include <string>
#include <utility>
#include <vector>

#include "connectors/runtime/moved_input.h"
#include "connectors/runtime/record_view.h"
#include "engine/events/phone_mask.h"

namespace caseflow::runtime {
namespace {

std::vector<kafka::Header> header_views(const OwnedHeaders& owned) {
  std::vector<kafka::Header> headers;
  headers.reserve(owned.size());
  for (const auto& [n, v] : owned) headers.emplace_back(n, v);
  return headers;
}

}  // namespace

void dead_letter(Transaction& transaction, const DeadLetterTopics& topics,
                 std::string_view input_topic, const rd_kafka_message_t& m, std::string_view reason,
                 std::string_view message) {
  // The input's own headers first (a null value read as empty), then why it was refused.
  OwnedHeaders owned = headers_of(m);
  owned.emplace_back("caseflow.dlq.reason", std::string(reason));
  owned.emplace_back("caseflow.dlq.message", std::string(message));
  owned.emplace_back("caseflow.dlq.topic", std::string(input_topic));
  owned.emplace_back("caseflow.dlq.partition", std::to_string(m.partition));
  owned.emplace_back("caseflow.dlq.offset", std::to_string(m.offset));
  const std::string_view key = key_of(m);
  transaction.send(topics.raw, key, value_of(m), header_views(owned));

  // The message may quote the input, and a header may carry anything a producer put there.
  for (auto& [name, value] : owned) events::mask_phones_in_place(value);
  std::string value(value_of(m));
  events::mask_phones_in_place(value);
  transaction.send(topics.masked, key, value, header_views(owned));
  transaction.metrics().dead_lettered(reason);
}

}  // namespace caseflow::runtime
