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

// Instance A lost the partition without knowing it; instance B claimed it, restored it and went on.
// A's late batch lands after B's claim, in among B's records: it must not count, or a restore would
// hold A's older state of "a" and start its input at A's older position.
TEST_F(ChangelogReplayTest, AfterAClaimOnlyTheClaimingWritersRecordsCount) {
  source.send(report("a"));
  const std::string a_reported = state("a");
  source.send(core::testing::event(events::EventType::signed_for, "a"));
  const std::string a_signed = state("a");
  source.send(report("b"));

  ChangelogReplay replay;
  replay.add("a", a_reported, "A");
  EXPECT_TRUE(replay.commit("A"));
  replay.add("x", a_reported, "A");  // A's batch in flight when the partition was taken away
  replay.claim("B");
  replay.add("a", a_signed, "B");
  replay.add("a", a_reported, "A");  // A's late batch, interleaved with B's
  replay.add("b", state("b"), "B");
  EXPECT_FALSE(replay.commit("A")) << "a fenced writer's checkpoint must not count";
  EXPECT_TRUE(replay.commit("B"));

  const Restored r = restore(replay);
  EXPECT_EQ(r.count, 2u);
  ASSERT_NE(r.into->engine.find("a"), nullptr);
  EXPECT_EQ(r.into->engine.find("a")->status, core::Status::signed_for);
  EXPECT_NE(r.into->engine.find("b"), nullptr);
  EXPECT_EQ(r.into->engine.find("x"), nullptr) << "an unfinished batch before a claim is dropped";
}

TEST_F(ChangelogReplayTest, AWriterThatClaimsAgainCountsAgain) {
  source.send(report("a"));
  ChangelogReplay replay;
  replay.claim("A");
  replay.claim("B");
  replay.claim("A");
  replay.add("a", state("a"), "A");
  EXPECT_TRUE(replay.commit("A"));
  EXPECT_EQ(restore(replay).count, 1u);
}

}  // namespace
}  // namespace caseflow::runtime
