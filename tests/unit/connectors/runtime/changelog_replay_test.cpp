// A restore keeps the latest committed record of each case, as compaction would: a tombstone makes
// a case stay gone, a later state wins over an earlier one, and what follows the last checkpoint is
// not part of the state.
#include "connectors/runtime/changelog_replay.h"

#include <gtest/gtest.h>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::runtime {
namespace {

using core::testing::Harness;
using core::testing::report;

struct Restored {
  std::unique_ptr<Harness> into = std::make_unique<Harness>();
  uint64_t count = 0;
  std::vector<std::string> errors;
};

Restored restore(const ChangelogReplay& replay) {
  Restored r;
  r.count =
      replay.restore_into(r.into->engine, [&](const Error& e) { r.errors.push_back(e.message); });
  return r;
}

class ChangelogReplayTest : public ::testing::Test {
 protected:
  // The state of `id` in the source engine as it is now.
  std::string state(const std::string& id) { return source.engine.serialize_case(id); }

  Harness source;
};

TEST_F(ChangelogReplayTest, ATombstoneKeepsTheCaseGoneAndTheLatestStateWins) {
  source.send(report("a"));
  source.send(report("b"));
  const std::string a_reported = state("a");
  ChangelogReplay replay;
  replay.add("a", a_reported);
  replay.add("b", state("b"));
  replay.commit();
  source.send(core::testing::event(events::EventType::signed_for, "a"));
  replay.add("a", state("a"));
  replay.add("b", std::nullopt);
  replay.commit();

  const Restored r = restore(replay);
  EXPECT_EQ(r.count, 1u);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(r.into->engine.case_count(), 1u);
  ASSERT_NE(r.into->engine.find("a"), nullptr);
  EXPECT_EQ(r.into->engine.find("a")->status, core::Status::signed_for);
  EXPECT_EQ(r.into->engine.find("b"), nullptr);
  EXPECT_EQ(replay.live_cases(), 1u);
}

TEST_F(ChangelogReplayTest, RecordsAfterTheLastCheckpointAreLeftOut) {
  source.send(report("a"));
  source.send(report("c"));
  ChangelogReplay replay;
  replay.add("a", state("a"));
  replay.add("c", state("c"));
  replay.commit();
  // A batch that never committed: its tombstone for c and its new case d do not count.
  source.send(report("d"));
  replay.add("c", std::nullopt);
  replay.add("d", state("d"));

  const Restored r = restore(replay);
  EXPECT_EQ(r.count, 2u);
  EXPECT_NE(r.into->engine.find("a"), nullptr);
  EXPECT_NE(r.into->engine.find("c"), nullptr);
  EXPECT_EQ(r.into->engine.find("d"), nullptr);
}

TEST_F(ChangelogReplayTest, ACaseReportedAgainAfterItsTombstoneIsANewCase) {
  source.send(report("a"));
  const std::string first = state("a");
  ChangelogReplay replay;
  replay.add("a", first);
  replay.commit();
  replay.add("a", std::nullopt);
  replay.commit();
  replay.add("a", first);
  replay.commit();
  EXPECT_EQ(restore(replay).count, 1u);
}

TEST_F(ChangelogReplayTest, AStateThatCannotBeRestoredIsReportedAndTheOthersAreKept) {
  source.send(report("a"));
  ChangelogReplay replay;
  replay.add("broken", std::string_view("\xff not a case state"));
  replay.add("a", state("a"));
  replay.commit();
  const Restored r = restore(replay);
  EXPECT_EQ(r.count, 1u);
  EXPECT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.into->engine.find("a"), nullptr);
}

}  // namespace
}  // namespace caseflow::runtime
