// String interning: each distinct text gets one Symbol; the text lives as long as the Interner.
// Not thread-safe (one Engine, one thread).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
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
  std::unordered_map<std::string_view, uint32_t> index_;
};

}  // namespace caseflow::core
