// An input partition this instance owns: its engine, where its input stands, and what changed
// since the last commit. Its state lives in memory and in the changelog partition with the same
// number (changelog_format.h), from which it is rebuilt on assignment and after an abort.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "connectors/kafka/client_config.h"
#include "connectors/runtime/runtime_probe.h"
#include "engine/common/result.h"
#include "engine/core/engine.h"

namespace caseflow::runtime {

struct OwnedPartition {
  std::unique_ptr<core::Engine> engine;
  int64_t next_offset = 0;  // the next input offset; everything before is in the state
  // Source partition -> the next offset there whose moved copy is not in the state yet.
  std::map<int32_t, int64_t> moved;
  std::set<std::string> dirty;  // cases changed since the last commit
  bool advanced = false;        // next_offset moved since the last commit
};

// Input partition number -> its state.
using OwnedPartitions = std::map<int32_t, OwnedPartition>;

// Rebuilds `partition` into a fresh engine from `make_engine`, out of the changelog as of its last
// checkpoint; case records after it belong to a batch that never committed and are ignored. Only
// the latest committed record of each case counts, as after compaction: a case whose latest record
// is a tombstone (a null value: it left the engine) is not restored. A case that cannot be
// restored is logged and skipped; reports the restore to `probe`.
Result<OwnedPartition> restore_partition(
    const kafka::Properties& kafka, const std::string& changelog_topic, int32_t partition,
    const std::function<std::unique_ptr<core::Engine>()>& make_engine, RuntimeProbe& probe);

}  // namespace caseflow::runtime
