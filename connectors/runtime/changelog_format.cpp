#include "connectors/runtime/changelog_format.h"

#include <charconv>

namespace caseflow::runtime {

std::string encode_checkpoint(int64_t next_input_offset) {
  return std::to_string(next_input_offset);
}

std::optional<int64_t> decode_checkpoint(std::string_view value) {
  int64_t offset = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), offset);
  if (ec != std::errc() || end != value.data() + value.size() || offset < 0) return std::nullopt;
  return offset;
}

}  // namespace caseflow::runtime
