#include "connectors/runtime/changelog_format.h"

#include <charconv>

namespace caseflow::runtime {
namespace {

// Parses a non-negative decimal number from the front of `text` and drops it from there.
template <typename Int>
std::optional<Int> take_number(std::string_view& text) {
  Int n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || n < 0) return std::nullopt;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return n;
}

}  // namespace

std::string encode_checkpoint(const Checkpoint& checkpoint) {
  std::string out = std::to_string(checkpoint.next_offset);
  for (const auto& [partition, offset] : checkpoint.moved) {
    out += ' ' + std::to_string(partition) + ':' + std::to_string(offset);
  }
  return out;
}

std::optional<Checkpoint> decode_checkpoint(std::string_view value) {
  Checkpoint c;
  auto offset = take_number<int64_t>(value);
  if (!offset) return std::nullopt;
  c.next_offset = *offset;
  while (!value.empty()) {
    if (value.front() != ' ') return std::nullopt;
    value.remove_prefix(1);
    auto partition = take_number<int32_t>(value);
    if (!partition || value.empty() || value.front() != ':') return std::nullopt;
    value.remove_prefix(1);
    auto next = take_number<int64_t>(value);
    if (!next) return std::nullopt;
    c.moved[*partition] = *next;
  }
  return c;
}

}  // namespace caseflow::runtime
