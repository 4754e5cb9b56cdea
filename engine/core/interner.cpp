#include "engine/core/interner.h"

namespace caseflow::core {

Interner::Interner() { texts_.emplace_back(); }

Symbol Interner::intern(std::string_view text) {
  if (text.empty()) return Symbol{};
  if (auto it = index_.find(text); it != index_.end()) return Symbol{it->second};
  const auto index = static_cast<uint32_t>(texts_.size());
  texts_.emplace_back(text);
  index_.emplace(texts_.back(), index);
  return Symbol{index};
}

Symbol Interner::find(std::string_view text) const {
  if (text.empty()) return Symbol{};
  auto it = index_.find(text);
  return it == index_.end() ? Symbol{} : Symbol{it->second};
}

}  // namespace caseflow::core
