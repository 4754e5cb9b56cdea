// Bad input never stops processing and is never dropped: it goes to the DLQ topic with its
// original key, bytes and headers, plus headers that say why and where it came from
// (caseflow.dlq.reason, .message, .topic, .partition, .offset; docs/kafka.md).
#pragma once

#include <librdkafka/rdkafka.h>

#include <string_view>

#include "connectors/runtime/transaction.h"

namespace caseflow::runtime {

// Sends `m`, read from `input_topic`, to `dlq_topic` in the open transaction, and counts it under
// `reason` when that transaction commits (an aborted one sends it again on the replay).
void dead_letter(Transaction& transaction, std::string_view dlq_topic, std::string_view input_topic,
                 const rd_kafka_message_t& m, std::string_view reason, std::string_view message);

}  // namespace caseflow::runtime
