// The index from case id to CaseSlot: open addressing with linear probing over 8-byte entries
// (32 bits of the id's hash, the slot). It stores no strings: a candidate is confirmed by
// comparing with the id held in the case itself, so a lookup touches one table line and the case
// it was looking for anyway. A retired case's entry is removed by backward-shift deletion: the
// entries after it in its probe run move back, so no tombstones accumulate over a year of cases
// coming and going, and a lookup never walks past dead cells.
// Not thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/core/case_state.h"
#include "engine/core/ids.h"

namespace caseflow::core {

class CaseIndex {
 public:
  // `cases` holds the cases by slot; it must outlive the index.
  explicit CaseIndex(const std::deque<CaseState>& cases) : cases_(cases) {}

  // The slot of `id`, if indexed.
  std::optional<CaseSlot> find(std::string_view id) const {
    if (table_.empty()) return std::nullopt;
    const uint64_t h = hash(id);
    const auto tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const uint64_t e = table_[i];
      if (e == 0) return std::nullopt;
      if (static_cast<uint32_t>(e >> 32) == (tag | 1u)) {
        const auto slot = static_cast<uint32_t>(e) - 1;
        if (std::string_view(cases_[slot].id) == id) return CaseSlot{slot};
      }
    }
  }

  // Adds `id` at `slot` (the id must not be indexed yet).
  void add(std::string_view id, CaseSlot slot) {
    if ((size_ + 1) * 2 > table_.size()) grow();
    insert(hash(id), slot.index);
    ++size_;
  }

  // Removes the entry of `slot`, indexed under `id` (the case must still hold its id: other
  // entries' ids are read to rehash them). No-op when not indexed.
  void erase(std::string_view id, CaseSlot slot) {
    if (table_.empty()) return;
    size_t hole = hash(id) & mask_;
    for (;; hole = (hole + 1) & mask_) {
      const uint64_t e = table_[hole];
      if (e == 0) return;
      if (static_cast<uint32_t>(e) == slot.index + 1) break;
    }
    // An entry may move back into the hole when the hole lies between its home cell and where
    // it sits (cyclically): then it stays reachable from its home.
    for (size_t j = (hole + 1) & mask_;; j = (j + 1) & mask_) {
      const uint64_t e = table_[j];
      if (e == 0) break;
      const size_t home = hash(std::string_view(cases_[static_cast<uint32_t>(e) - 1].id)) & mask_;
      if (((j - home) & mask_) >= ((j - hole) & mask_)) {
        table_[hole] = e;
        hole = j;
      }
    }
    table_[hole] = 0;
    --size_;
  }

  size_t size() const { return size_; }

 private:
  static uint64_t hash(std::string_view id) {
    // FNV-1a 64, then a final mix so both halves (bucket and tag) are well spread.
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
  }
  // Entry: (tag | 1) << 32 | (slot + 1); 0 marks an empty cell.
  void insert(uint64_t h, uint32_t slot) {
    const uint64_t entry = (static_cast<uint64_t>(static_cast<uint32_t>(h >> 32) | 1u) << 32) |
                           (static_cast<uint64_t>(slot) + 1);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (table_[i] == 0) {
        table_[i] = entry;
        return;
      }
    }
  }
  void grow() {
    std::vector<uint64_t> old = std::move(table_);
    table_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    mask_ = table_.size() - 1;
    for (uint64_t e : old) {
      if (e == 0) continue;
      const auto slot = static_cast<uint32_t>(e) - 1;
      insert(hash(std::string_view(cases_[slot].id)), slot);
    }
  }

  const std::deque<CaseState>& cases_;
  std::vector<uint64_t> table_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace caseflow::core
