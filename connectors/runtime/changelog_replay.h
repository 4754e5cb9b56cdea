// What a restore keeps of a changelog partition: the latest committed record of each case, as
// compaction would leave it. A changelog that was never compacted (the embedded broker's) holds
// every state a case ever had and the tombstone that ended it; restoring each of those states only
// to forget the case would cost one restore per record instead of one per live case. Records after
// the last checkpoint belong to a batch that never committed and are left out (changelog_format.h).
//
// Claims fence writers (changelog_format.h): from a claim on, only the claiming writer's records
// count, and what anyone had not committed before it is dropped. An instance that lost the
// partition without knowing it yet may still write a batch after the new owner's claim; that batch
// is ignored, so no restore starts its input before state that already holds it. Records written
// before claims existed have the writer "" and count until the first claim.
//
// Kafka-free, so its cost can be measured on its own (bench/runtime/restore_bench.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/common/result.h"
#include "engine/core/engine.h"

namespace caseflow::runtime {

class ChangelogReplay {
 public:
  // A case record of `writer` in log order; `state` nullopt for a tombstone (the case left).
  void add(std::string_view key, std::optional<std::string_view> state,
           std::string_view writer = {});
  // A checkpoint record of `writer`: everything it added before was committed. False when the
  // writer is fenced: the checkpoint (and the input position in it) does not count.
  bool commit(std::string_view writer = {});
  // A claim record: `writer` owns the partition from here on.
  void claim(std::string_view writer);

  // Restores each live case's latest committed state into `engine`, in the order in which the
  // cases' latest records first appeared after their last tombstone, so two restores of the same
  // log build the same engine. A state that cannot be restored goes to `on_error` and is skipped.
  // Returns how many cases were restored.
  uint64_t restore_into(core::Engine& engine,
                        const std::function<void(const Error&)>& on_error) const;

  size_t live_cases() const { return states_.size(); }

 private:
  bool fenced(std::string_view writer) const { return owner_ && *owner_ != writer; }

  using Pending = std::vector<std::pair<std::string, std::optional<std::string>>>;
  std::map<std::string, Pending, std::less<>> pending_;  // writer -> since its last checkpoint
  std::optional<std::string> owner_;                     // the writer of the last claim
  std::unordered_map<std::string, uint64_t> order_;      // live key -> its place in states_
  std::map<uint64_t, std::string> states_;
  uint64_t next_ = 0;
};

}  // namespace caseflow::runtime
