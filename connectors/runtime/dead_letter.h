// Bad input never stops processing and is never dropped. It goes to two topics, with headers that
// say why and where it came from (caseflow.dlq.reason, .message, .topic, .partition, .offset;
// docs/kafka.md):
// - the raw DLQ (caseflow.dlq.raw), its original key, bytes and headers, untouched — an input-class
//   topic, readable by whoever may read caseflow.events;
// - the DLQ (caseflow.dlq), the same with every mobile number in its value and headers masked, for
//   operations, who must not see residents' phone numbers.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string_view>

#include "connectors/runtime/transaction.h"

namespace caseflow::runtime {

struct DeadLetterTopics {
  std::string_view masked;  // caseflow.dlq
  std::string_view raw;     // caseflow.dlq.raw
};

// Sends `m`, read from `input_topic`, to both topics in the open transaction, and counts it once
// under `reason` when that transaction commits (an aborted one sends it again on the replay).
void dead_letter(Transaction& transaction, const DeadLetterTopics& topics,
                 std::string_view input_topic, const rd_kafka_message_t& m, std::string_view reason,
                 std::string_view message);

}  // namespace caseflow::runtime
