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
// - A claim record: key = kClaimKey, value = the writer. An instance writes one on each changelog
//   partition it is assigned, before it restores that partition; from there on a restore counts
//   only that writer's records (changelog_replay.h). Kafka fences a cut-off instance's batch at its
//   commit by group generation; a broker that does not (the embedded one) would keep it.
// - Every case, checkpoint and claim record carries its writer in the kWriterHeader header:
//   "<instance id>#<process start, ms since the epoch>", unique per process, so a restarted
//   instance is a new writer.
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

inline constexpr std::string_view kClaimKey{"\0claim", 6};

inline bool is_claim_key(std::string_view key) { return key == kClaimKey; }

inline constexpr std::string_view kWriterHeader = "caseflow.writer";

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
