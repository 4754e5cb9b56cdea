// String interning: each distinct text gets one Symbol; the text lives as long as the Interner.
// The index is open addressing over 8-byte cells (32 bits of hash, the symbol), confirmed against
// the stored text: a report interns four texts, and std::unordered_map's hashing and node walk
// were 7% of the structured stream (bench/core).
// Not thread-safe (one Engine, one thread).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "engine/core/ids.h"

namespace caseflow::core {

class Interner {
 public:
  Interner();

  // The symbol of `text`, adding it on first sight. Symbol{0} is the empty string.
  Symbol intern(std::string_view text);
  // The symbol of `text` if it was interned before; Symbol{0} otherwise (or for "").
  Symbol find(std::string_view text) const;
  // The text of `s`; the view stays valid for the Interner's lifetime.
  std::string_view text(Symbol s) const { return texts_[s.index]; }
  // True when the text needs no escaping inside a JSON string (decided once, at interning).
  bool json_plain(Symbol s) const { return plain_[s.index] != 0; }
  size_t size() const { return texts_.size(); }

 private:
  std::deque<std::string> texts_;  // a deque: elements never move, so views stay valid
  std::vector<uint8_t> plain_;     // by index: json_plain
  // Cell: (hash tag | 1) << 32 | symbol index; 0 is empty. Size a power of two, at most half full.
  std::vector<uint64_t> table_;
  size_t mask_ = 0;
  static uint64_t hash(std::string_view text);
  void insert(uint64_t h, uint32_t index);
  void grow();
};

}  // namespace caseflow::core
