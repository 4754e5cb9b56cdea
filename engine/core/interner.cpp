#include "engine/core/interner.h"

#include "engine/events/json_writer.h"

namespace caseflow::core {

Interner::Interner() {
  texts_.emplace_back();
  plain_.push_back(1);
}

uint64_t Interner::hash(std::string_view text) {
  // FNV-1a 64, then a final mix so both halves (cell and tag) are well spread.
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

void Interner::insert(uint64_t h, uint32_t index) {
  const uint64_t cell = (static_cast<uint64_t>(static_cast<uint32_t>(h >> 32) | 1u) << 32) | index;
  for (size_t i = h & mask_;; i = (i + 1) & mask_) {
    if (table_[i] == 0) {
      table_[i] = cell;
      return;
    }
  }
}

void Interner::grow() {
  std::vector<uint64_t> old = std::move(table_);
  table_.assign(old.empty() ? 256 : old.size() * 2, 0);
  mask_ = table_.size() - 1;
  for (uint64_t cell : old)
    if (cell != 0) {
      const auto index = static_cast<uint32_t>(cell);
      insert(hash(texts_[index]), index);
    }
}

Symbol Interner::find(std::string_view text) const {
  if (text.empty() || table_.empty()) return Symbol{};
  const uint64_t h = hash(text);
  const uint32_t tag = static_cast<uint32_t>(h >> 32) | 1u;
  for (size_t i = h & mask_;; i = (i + 1) & mask_) {
    const uint64_t cell = table_[i];
    if (cell == 0) return Symbol{};
    const auto index = static_cast<uint32_t>(cell);
    if (static_cast<uint32_t>(cell >> 32) == tag && texts_[index] == text) return Symbol{index};
  }
}

Symbol Interner::intern(std::string_view text) {
  if (text.empty()) return Symbol{};
  if (const Symbol found = find(text); !found.empty()) return found;
  if (2 * (texts_.size() + 1) > table_.size()) grow();
  const auto index = static_cast<uint32_t>(texts_.size());
  texts_.emplace_back(text);
  plain_.push_back(events::json_safe_prefix(text) == text.size() ? 1 : 0);
  insert(hash(text), index);
  return Symbol{index};
}

}  // namespace caseflow::core
