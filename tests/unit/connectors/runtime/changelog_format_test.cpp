// The checkpoint is what a restarted engine trusts about its input: where to resume, and which
// moved copies it has applied already.
#include "connectors/runtime/changelog_format.h"

#include <gtest/gtest.h>

namespace caseflow::runtime {
namespace {

TEST(Checkpoint, RoundTripsTheOffsetAndTheMovedPositions) {
  const Checkpoint c{1234, {{0, 17}, {5, 9'000'000'000}}};
  EXPECT_EQ(encode_checkpoint(c), "1234 0:17 5:9000000000");
  EXPECT_EQ(decode_checkpoint(encode_checkpoint(c)), c);
}

TEST(Checkpoint, ABareOffsetWrittenByEarlierVersionsStillRestores) {
  const auto c = decode_checkpoint("42");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->next_offset, 42);
  EXPECT_TRUE(c->moved.empty());
  EXPECT_EQ(encode_checkpoint({42, {}}), "42");
}

TEST(Checkpoint, AnythingElseIsNotACheckpoint) {
  for (const char* bad :
       {"", "-1", "x", "12 ", "12 3", "12 3:", "12 -3:4", "12 3:-4", "12  3:4", "12 3:4x"}) {
    EXPECT_FALSE(decode_checkpoint(bad).has_value()) << '"' << bad << '"';
  }
}

}  // namespace
}  // namespace caseflow::runtime
