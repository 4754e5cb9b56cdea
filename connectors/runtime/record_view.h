// The key and value of a librdkafka record as views (empty when absent), valid while the record
// lives.
#pragma once

#include <librdkafka/rdkafka.h>

#include <string_view>

namespace caseflow::runtime {

inline std::string_view key_of(const rd_kafka_message_t& m) {
  return m.key ? std::string_view(static_cast<const char*>(m.key), m.key_len) : std::string_view();
}

inline std::string_view value_of(const rd_kafka_message_t& m) {
  return m.payload ? std::string_view(static_cast<const char*>(m.payload), m.len)
                   : std::string_view();
}

}  // namespace caseflow::runtime
