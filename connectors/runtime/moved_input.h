// Input that arrived on a partition that does not own its case, moved to the owner the way Kafka
// Streams repartitions: the runtime produces a copy to the owning partition of the input topic in
// the same transaction as the input offset, and the owner applies the copy when it reads it.
//
// A copy carries the original key, value, headers and timestamp (inputs are applied at their
// Kafka timestamp, so the owner computes what it would have computed from the original), plus two
// headers naming where it was moved from. The owner remembers, per source partition, the next
// source offset it has not applied yet (in its checkpoint), and skips a copy below that mark: a
// batch replayed after an abort or a crash moves its records again, and brokers that show aborted
// records (the embedded one) would otherwise hand the owner the same event twice.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace caseflow::runtime {

inline constexpr std::string_view kMovedFromPartition = "caseflow.moved.partition";
inline constexpr std::string_view kMovedFromOffset = "caseflow.moved.offset";

struct MovedFrom {
  int32_t partition = 0;
  int64_t offset = 0;
};

using OwnedHeaders = std::vector<std::pair<std::string, std::string>>;

// Every header of `m`, in order.
OwnedHeaders headers_of(const rd_kafka_message_t& m);

// The headers of the copy of `m` moved to its owner: the original ones (without the marks of an
// earlier move) plus where `m` is now.
OwnedHeaders moved_copy_headers(const rd_kafka_message_t& m);

// Where `m` was moved from, if it is a moved copy.
std::optional<MovedFrom> moved_from(const rd_kafka_message_t& m);

// The timestamp a copy of `m` keeps: its own, or 0 (the time of producing) if it has none.
int64_t copy_timestamp(const rd_kafka_message_t& m);

}  // namespace caseflow::runtime
