// The key, value and headers of a librdkafka record as views (empty when absent), valid while the
// record lives.
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

// The last value of header `name` (NUL-terminated, e.g. a string literal's data()); empty when
// absent. Looks it up without copying.
inline std::string_view header_of(const rd_kafka_message_t& m, std::string_view name) {
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(&m, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) return {};
  const void* value = nullptr;
  size_t size = 0;
  if (rd_kafka_header_get_last(headers, name.data(), &value, &size) != RD_KAFKA_RESP_ERR_NO_ERROR ||
      value == nullptr) {
    return {};
  }
  return {static_cast<const char*>(value), size};
}

}  // namespace caseflow::runtime
