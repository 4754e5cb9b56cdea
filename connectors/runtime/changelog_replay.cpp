#include "connectors/runtime/changelog_replay.h"

namespace caseflow::runtime {

void ChangelogReplay::add(std::string_view key, std::optional<std::string_view> state) {
  pending_.emplace_back(std::string(key),
                        state ? std::optional<std::string>(*state) : std::optional<std::string>());
}

void ChangelogReplay::commit() {
  for (auto& [key, state] : pending_) {
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
  pending_.clear();
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
