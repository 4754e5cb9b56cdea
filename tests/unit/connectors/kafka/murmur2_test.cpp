#include "connectors/kafka/murmur2.h"

#include <gtest/gtest.h>

namespace caseflow::kafka {
namespace {

// The Java client's results for these keys, as librdkafka's own unit test records them.
TEST(Murmur2, MatchesTheJavaClient) {
  const std::pair<const char*, uint32_t> vectors[] = {
      {"kafka", 0xd067cf64},
      {"giberish123456789", 0x8f552b0c},
      {"1234", 0x9fc97b14},
      {"234", 0xe7c009ca},
      {"34", 0x873930da},
      {"4", 0x5a4b5ca1},
      {"PreAmbleWillBeRemoved,ThePrePartThatIs", 0x78424f1c},
      {"reAmbleWillBeRemoved,ThePrePartThatIs", 0x4a62b377},
      {"eAmbleWillBeRemoved,ThePrePartThatIs", 0xe0e4e09e},
      {"AmbleWillBeRemoved,ThePrePartThatIs", 0x62b8b43f},
      {"", 0x106e08d9},
  };
  for (const auto& [key, expected] : vectors) EXPECT_EQ(murmur2(key), expected) << key;
}

TEST(Murmur2, PartitionIsNeverNegative) {
  // 0x8f552b0c has the top bit set: Java's toPositive masks it, it does not negate.
  EXPECT_EQ(java_partition("giberish123456789", 6), int32_t((0x8f552b0cu & 0x7fffffffu) % 6));
  for (int i = 0; i < 1000; ++i) {
    const int32_t p = java_partition("case-" + std::to_string(i), 7);
    EXPECT_GE(p, 0);
    EXPECT_LT(p, 7);
  }
}

}  // namespace
}  // namespace caseflow::kafka
