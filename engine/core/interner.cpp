#include "engine/core/interner.h"

#include "engine/events/json_writer.h"

namespace caseflow::core {

Interner::Interner() {
  texts_.emplace_back();
  plain_.push_back(1);
}

Symbol Interner::intern(std::string_view text) {
  if (text.empty()) return Symbol{};
  if (auto it = index_.find(text); it != index_.end()) return Symbol{it->second};
  const auto index = static_cast<uint32_t>(texts_.size());
  texts_.emplace_back(text);
  plain_.push_back(events::json_safe_prefix(text) == text.size() ? 1 : 0);
  index_.emplace(texts_.back(), index);
  return Symbol{index};
}

Symbol Interner::find(std::string_view text) const {
  if (text.empty()) return Symbol{};
  auto it = index_.find(text);
  return it == index_.end() ? Symbol{} : Symbol{it->second};
}

}  // namespace caseflow::core
