// What a restore keeps of a changelog partition: the latest committed record of each case, as
// compaction would leave it. A changelog that was never compacted (the embedded broker's) holds
// every state a case ever had and the tombstone that ended it; restoring each of those states only
// to forget the case would cost one restore per record instead of one per live case. Records after
// the last checkpoint belong to a batch that never committed and are left out (changelog_format.h).
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
  // A case record in log order; `state` nullopt for a tombstone (a null value: the case left).
  void add(std::string_view key, std::optional<std::string_view> state);
  // A checkpoint record: everything added before it was committed.
  void commit();

  // Restores each live case's latest committed state into `engine`, in the order in which the
  // cases' latest records first appeared after their last tombstone, so two restores of the same
  // log build the same engine. A state that cannot be restored goes to `on_error` and is skipped.
  // Returns how many cases were restored.
  uint64_t restore_into(core::Engine& engine,
                        const std::function<void(const Error&)>& on_error) const;

  size_t live_cases() const { return states_.size(); }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> pending_;
  std::unordered_map<std::string, uint64_t> order_;  // live key -> its place in states_
  std::map<uint64_t, std::string> states_;
  uint64_t next_ = 0;
};

}  // namespace caseflow::runtime
