#include "connectors/kafka/murmur2.h"

#include <cstring>

namespace caseflow::kafka {

uint32_t murmur2(std::string_view key) {
  constexpr uint32_t kSeed = 0x9747b28c;
  constexpr uint32_t kM = 0x5bd1e995;
  constexpr int kR = 24;

  const auto* data = reinterpret_cast<const unsigned char*>(key.data());
  size_t len = key.size();
  uint32_t h = kSeed ^ static_cast<uint32_t>(len);

  while (len >= 4) {
    // Java reads the 4 bytes little-endian regardless of the platform.
    uint32_t k = uint32_t(data[0]) | uint32_t(data[1]) << 8 | uint32_t(data[2]) << 16 |
                 uint32_t(data[3]) << 24;
    k *= kM;
    k ^= k >> kR;
    k *= kM;
    h *= kM;
    h ^= k;
    data += 4;
    len -= 4;
  }
  switch (len) {
    case 3:
      h ^= uint32_t(data[2]) << 16;
      [[fallthrough]];
    case 2:
      h ^= uint32_t(data[1]) << 8;
      [[fallthrough]];
    case 1:
      h ^= uint32_t(data[0]);
      h *= kM;
  }
  h ^= h >> 13;
  h *= kM;
  h ^= h >> 15;
  return h;
}

int32_t java_partition(std::string_view key, int32_t partitions) {
  return static_cast<int32_t>((murmur2(key) & 0x7fffffffu) % static_cast<uint32_t>(partitions));
}

}  // namespace caseflow::kafka
