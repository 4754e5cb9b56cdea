#include "connectors/runtime/changelog_replay.h"

namespace caseflow::runtime {

void ChangelogReplay::add(std::string_view key, std::optional<std::string_view> state,
                          std::string_view writer) {
  if (fenced(writer)) return;
  auto found = pending_.find(writer);
  if (found == pending_.end()) found = pending_.emplace(std::string(writer), Pending{}).first;
  found->second.emplace_back(
      std::string(key), state ? std::optional<std::string>(*state) : std::optional<std::string>());
}

void ChangelogReplay::claim(std::string_view writer) {
  pending_.clear();  // batches nobody finished before the claim never will
  owner_ = std::string(writer);
}

bool ChangelogReplay::commit(std::string_view writer) {
  if (fenced(writer)) return false;
  auto batch = pending_.find(writer);
  if (batch == pending_.end()) return true;
  for (auto& [key, state] : batch->second) {
    auto found = order_.find(key);
    if (!state) {
      // The case left the engine and must not come back; a later record would be a new case.
      if (found != order_.end()) {
        states_.erase(found->second);
        order_.erase(found);
      }
    } else if (found != order_.end()) {
      states_[found->second] = std::move(*state);
    } else {
      states_.emplace(next_, std::move(*state));
      order_.emplace(std::move(key), next_++);
    }
  }
  pending_.erase(batch);
  return true;
}

uint64_t ChangelogReplay::restore_into(core::Engine& engine,
                                       const std::function<void(const Error&)>& on_error) const {
  uint64_t restored = 0;
  for (const auto& [place, state] : states_) {
    auto r = engine.restore_case(state);
    if (r) {
      ++restored;
    } else {
      on_error(r.error());
    }
  }
  return restored;
}

}  // namespace caseflow::runtime
