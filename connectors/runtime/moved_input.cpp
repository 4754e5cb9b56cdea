#include "connectors/runtime/moved_input.h"

#include <charconv>

#include "connectors/runtime/record_view.h"

namespace caseflow::runtime {
namespace {

bool is_move_mark(std::string_view name) {
  return name == kMovedFromPartition || name == kMovedFromOffset;
}

template <typename Int>
std::optional<Int> parse(std::string_view text) {
  Int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0) return std::nullopt;
  return n;
}

}  // namespace

OwnedHeaders headers_of(const rd_kafka_message_t& m) {
  OwnedHeaders out;
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(&m, &headers) != RD_KAFKA_RESP_ERR_NO_ERROR) return out;
  const char* name;
  const void* value;
  size_t size;
  for (size_t i = 0;
       rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
       ++i) {
    out.emplace_back(name, value ? std::string(static_cast<const char*>(value), size) : "");
  }
  return out;
}

OwnedHeaders moved_copy_headers(const rd_kafka_message_t& m) {
  OwnedHeaders out;
  for (auto& header : headers_of(m)) {
    if (!is_move_mark(header.first)) out.push_back(std::move(header));
  }
  out.emplace_back(kMovedFromPartition, std::to_string(m.partition));
  out.emplace_back(kMovedFromOffset, std::to_string(m.offset));
  return out;
}

std::optional<MovedFrom> moved_from(const rd_kafka_message_t& m) {
  // Called for every input: looks the two headers up without copying any.
  auto partition = parse<int32_t>(header_of(m, kMovedFromPartition));
  auto offset = parse<int64_t>(header_of(m, kMovedFromOffset));
  if (!partition || !offset) return std::nullopt;
  return MovedFrom{*partition, *offset};
}

int64_t copy_timestamp(const rd_kafka_message_t& m) {
  rd_kafka_timestamp_type_t type;
  const int64_t ts = rd_kafka_message_timestamp(&m, &type);
  return ts >= 0 && type != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? ts : 0;
}

}  // namespace caseflow::runtime
