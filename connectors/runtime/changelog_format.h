// How engine state is laid out in the compacted changelog topic.
//
// - A case record: key = case id, value = Engine::serialize_case bytes, on the changelog partition
//   with the number of the input partition that owns the case.
// - A checkpoint record, written after the case records of every committed batch: key =
//   kCheckpointKey, value = the next input offset the state reflects (decimal). Case records after
//   the last checkpoint belong to a batch that never finished and are ignored on restore, so the
//   state can lag its effects but never lead them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caseflow::runtime {

// Starts with a NUL byte, which no case id has.
inline constexpr std::string_view kCheckpointKey{"\0checkpoint", 11};

inline bool is_checkpoint_key(std::string_view key) { return key == kCheckpointKey; }

std::string encode_checkpoint(int64_t next_input_offset);
// nullopt if `value` is not a checkpoint value.
std::optional<int64_t> decode_checkpoint(std::string_view value);

}  // namespace caseflow::runtime
