// Who did what: every history entry records the actor of the event that caused it (its
// principal, else its source), "engine" for what the engine's timers do, and the changelog keeps
// it (format 4) while older formats restore with no actor.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/read_file.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using ::caseflow::testing::read_file;

using events::EventType;

events::CaseEvent by(events::CaseEvent e, std::string principal) {
  e.principal = std::move(principal);
  return e;
}

// The actor of the latest history entry that records `what`; "<none>" when there is none.
std::string actor_of(const CaseView& v, std::string_view what) {
  for (auto h = v.history.rbegin(); h != v.history.rend(); ++h)
    if (h->what == what) return h->by;
  return "<none>";
}

TEST(HistoryActor, AUnitsEventIsRecordedAsTheUnitsPrincipal) {
  Harness h;
  h.send(by(report("c1"), "resident:open311"));
  h.send(by(event(EventType::signed_for, "c1"), "unit:grid-g1"));
  const CaseView v = h.view("c1");
  EXPECT_EQ(actor_of(v, "reported"), "resident:open311");
  // The dispatch the report caused is the report's doing too.
  EXPECT_EQ(actor_of(v, "dispatched"), "resident:open311");
  EXPECT_EQ(actor_of(v, "signed"), "unit:grid-g1");
}

TEST(HistoryActor, AnEventWithoutPrincipalIsRecordedAsItsSource) {
  Harness h;
  auto e = report("c1");
  e.source = "/hotline/12345";
  h.send(e);
  EXPECT_EQ(actor_of(h.view("c1"), "reported"), "/hotline/12345");
}

TEST(HistoryActor, TheDispatchersAssignmentIsRecordedAsTheDispatcher) {
  Harness h;
  h.send(report("c1"));
  h.send(by(event(EventType::returned, "c1"), "unit:grid-g1"));
  h.send(by(event(EventType::assigned, "c1", h.units.grid("g3")), "dispatcher:li"));
  const CaseView v = h.view("c1");
  EXPECT_EQ(actor_of(v, "returned"), "unit:grid-g1");
  EXPECT_EQ(actor_of(v, "assigned"), "dispatcher:li");
  EXPECT_EQ(actor_of(v, "dispatched"), "dispatcher:li");
  EXPECT_EQ(v.history.back().unit, h.units.grid("g3"));
}

TEST(HistoryActor, WhatATimerDoesIsRecordedAsTheEngine) {
  Harness h;
  h.send(by(report("c1"), "resident:open311"));
  h.advance(Duration::minutes(50));  // the sign clock warns at 80% of its hour
  h.advance(Duration::minutes(10));  // and breaches, escalating to the community
  const CaseView v = h.view("c1");
  EXPECT_EQ(actor_of(v, "warned"), "engine");
  EXPECT_EQ(actor_of(v, "breached"), "engine");
  EXPECT_EQ(actor_of(v, "escalated"), "engine");
  EXPECT_EQ(actor_of(v, "reported"), "resident:open311");
}

TEST(HistoryActor, TheActorsSurviveTheChangelog) {
  Harness h;
  h.send(by(report("c1"), "resident:open311"));
  h.send(by(event(EventType::returned, "c1"), "unit:grid-g1"));
  h.send(by(event(EventType::assigned, "c1", h.units.grid("g3")), "dispatcher:li"));
  h.advance(Duration::minutes(50));
  const std::string bytes = h.engine.serialize_case("c1");
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), 4);

  Harness restored;
  auto id = restored.engine.restore_case(bytes);
  ASSERT_TRUE(id.ok()) << id.error().message;
  const CaseView before = h.view("c1"), after = restored.view("c1");
  ASSERT_EQ(after.history.size(), before.history.size());
  for (size_t i = 0; i < before.history.size(); ++i) {
    EXPECT_EQ(after.history[i].by, before.history[i].by) << i;
    EXPECT_EQ(after.history[i].what, before.history[i].what) << i;
  }
  EXPECT_EQ(actor_of(after, "assigned"), "dispatcher:li");
  EXPECT_EQ(actor_of(after, "warned"), "engine");
  // Deterministic: the restored case writes the same bytes.
  EXPECT_EQ(restored.engine.serialize_case("c1"), bytes);
}

TEST(HistoryActor, ActorsThatDoNotFitTheHistoryAreRefused) {
  Harness h;
  h.send(by(report("c1"), "resident:open311"));
  std::string bytes = h.engine.serialize_case("c1");
  // The section ends with one reference per entry; the last one names a 9th table entry.
  bytes.back() = 9;
  Harness restored;
  auto id = restored.engine.restore_case(bytes);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, "corrupt_state");
  // And a format 3 record may not hold the section.
  bytes = h.engine.serialize_case("c1");
  bytes[0] = 3;
  id = restored.engine.restore_case(bytes);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.error().code, "corrupt_state");
}

TEST(HistoryActor, OlderFormatsRestoreWithNoActor) {
  const auto dir = std::filesystem::path(CASEFLOW_SOURCE_DIR) / "tests/data/changelog";
  for (const char* file : {"v1/closed.bin", "v3/closed.bin", "v3/master.bin"}) {
    const std::string bytes = read_file(dir / file);
    ASSERT_FALSE(bytes.empty()) << file;
    Harness h;
    auto id = h.engine.restore_case(bytes);
    ASSERT_TRUE(id.ok()) << file << ": " << id.error().message;
    const CaseView v = h.view(*id);
    ASSERT_FALSE(v.history.empty()) << file;
    for (const auto& entry : v.history) EXPECT_EQ(entry.by, "") << file << " " << entry.what;
    // Unchanged since, it is written back in its own format, byte for byte.
    EXPECT_EQ(h.engine.serialize_case(*id), bytes) << file;
    // What happens from now on has its actor, and the case moves to format 4.
    if (v.status == "dispatched") {
      h.send(by(event(EventType::signed_for, *id), "unit:x"));
      EXPECT_EQ(actor_of(h.view(*id), "signed"), "unit:x");
      EXPECT_EQ(static_cast<uint8_t>(h.engine.serialize_case(*id)[0]), 4);
    }
  }
}

}  // namespace
}  // namespace caseflow::core::testing
