// How engine state is laid out in the compacted changelog topic.
//
// - A case record: key = case id, value = Engine::serialize_case bytes, on the changelog partition
//   with the number of the input partition that owns the case.
// - A checkpoint record, written after the case records of every committed batch: key =
//   kCheckpointKey, value = the next input offset the state reflects (decimal), then, for each
//   input partition that moved records here, " <partition>:<next offset>": the next offset of that
//   partition whose moved copy is not in the state yet (moved_input.h). Case records after the
//   last checkpoint belong to a batch that never finished and are ignored on restore, so the state
//   can lag its effects but never lead them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace caseflow::runtime {

// Starts with a NUL byte, which no case id has.
inline constexpr std::string_view kCheckpointKey{"\0checkpoint", 11};

inline bool is_checkpoint_key(std::string_view key) { return key == kCheckpointKey; }

struct Checkpoint {
  int64_t next_offset = 0;
  // Source input partition -> the next source offset whose moved copy is not applied yet.
  std::map<int32_t, int64_t> moved;
  friend bool operator==(const Checkpoint&, const Checkpoint&) = default;
};

std::string encode_checkpoint(const Checkpoint& checkpoint);
// nullopt if `value` is not a checkpoint value. A bare offset (written before records were
// moved between partitions) is a checkpoint with no moved positions.
std::optional<Checkpoint> decode_checkpoint(std::string_view value);

}  // namespace caseflow::runtime
