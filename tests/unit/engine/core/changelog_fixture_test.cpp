// Changelog states written by an earlier binary (tests/data/changelog/v<N>/) must restore under
// this one: a changelog topic outlives every release. The cases below are built the same way the
// checked-in files were; set CASEFLOW_WRITE_CHANGELOG_FIXTURES=<dir> to write them again (only
// when the codec's current format is new, into a new v<N> folder).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/support/read_file.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using ::caseflow::testing::read_file;

using events::EventType;
namespace fs = std::filesystem;

const fs::path kV1 = fs::path(CASEFLOW_SOURCE_DIR) / "tests/data/changelog/v1";
const fs::path kV2 = fs::path(CASEFLOW_SOURCE_DIR) / "tests/data/changelog/v2";
const fs::path kV3 = fs::path(CASEFLOW_SOURCE_DIR) / "tests/data/changelog/v3";
const fs::path kV4 = fs::path(CASEFLOW_SOURCE_DIR) / "tests/data/changelog/v4";

// One case per state worth keeping, each in its own engine, serialised at the end.
std::map<std::string, std::string> fixture_cases() {
  std::map<std::string, std::string> out;
  {  // dispatched, its sign clock warned
    Harness h;
    h.send(report("dispatched"));
    h.advance(Duration::minutes(50));
    out["dispatched"] = h.engine.serialize_case("dispatched");
  }
  {  // an extension waiting for its decision
    Harness h;
    h.send(report("extension"));
    h.send(event(EventType::signed_for, "extension"));
    auto ask = event(EventType::extension_requested, "extension");
    ask.extend_by = "1d";
    h.send(ask);
    out["extension"] = h.engine.serialize_case("extension");
  }
  {  // escalated twice to the street, signed, a department summoned
    Harness h;
    h.send(report("assist"));
    h.advance(Duration::hours(1));
    h.advance(Duration::hours(1));
    h.send(event(EventType::signed_for, "assist"));
    auto whistle = event(EventType::assist_requested, "assist");
    whistle.department = "transport";
    h.send(whistle);
    out["assist"] = h.engine.serialize_case("assist");
  }
  {  // resolved, waiting for the rating
    Harness h;
    h.send(report("resolved"));
    h.send(event(EventType::signed_for, "resolved"));
    h.send(event(EventType::resolved, "resolved"));
    out["resolved"] = h.engine.serialize_case("resolved");
  }
  {  // rated and closed
    Harness h;
    h.send(report("closed"));
    h.send(event(EventType::signed_for, "closed"));
    h.send(event(EventType::resolved, "closed"));
    auto rate = event(EventType::rated, "closed");
    rate.solved = events::Solved::solved;
    rate.satisfaction = events::Satisfaction::satisfied;
    h.send(rate);
    out["closed"] = h.engine.serialize_case("closed");
  }
  {  // no workflow takes it: in the dispatcher queue, with an address and a location
    Harness h;
    auto e = report("unrouted", "noise.night");
    e.address = "No. 5 Some Road";
    e.location = events::Location{39.95, 116.4, 1};
    h.send(e);
    out["unrouted"] = h.engine.serialize_case("unrouted");
  }
  return out;
}

// Format 2 (tagged sections): the states only it can hold.
std::map<std::string, std::string> fixture_cases_v2() {
  std::map<std::string, std::string> out;
  {  // a help request, signed, its plan approved: staged until 2026-03-20 09:00
    Harness h;
    auto e = report("staged");
    e.request_type = definition::RequestType::help;
    h.send(e);
    h.send(event(EventType::signed_for, "staged"));
    auto plan = event(EventType::plan_filed, "staged");
    plan.until = at("2026-03-20T09:00:00+08:00");
    plan.note = "the car park is rebuilt";
    h.send(plan);
    auto approve = event(EventType::plan_decided, "staged");
    approve.approved = true;
    h.send(approve);
    out["staged"] = h.engine.serialize_case("staged");
  }
  {  // a consultation answered during the call
    Harness h;
    auto e = report("answered");
    e.request_type = definition::RequestType::consultation;
    e.answered_at_intake = true;
    e.note = "free after 19:00";
    h.send(e);
    out["answered"] = h.engine.serialize_case("answered");
  }
  return out;
}

// Format 3 with the merge section (tag 4): a master with a linked duplicate, a duplicate waiting
// for its master's answer.
std::map<std::string, std::string> fixture_cases_v3() {
  std::map<std::string, std::string> out;
  Harness h;
  h.send(report("master"));
  h.send(report("pending"));
  h.send(report("linked"));
  auto merge = event(EventType::merged, "linked");
  merge.event_id = "desk-merge-1";
  merge.merged_into = "master";
  h.settle(h.send(merge));
  merge = event(EventType::merged, "pending");
  merge.event_id = "desk-merge-2";
  merge.merged_into = "master";
  h.send(merge);  // its link is not delivered: it still waits
  out["master"] = h.engine.serialize_case("master");
  out["pending"] = h.engine.serialize_case("pending");
  return out;
}

TEST(ChangelogFixture, WritesTheFixturesWhenAsked) {
  const char* dir = std::getenv("CASEFLOW_WRITE_CHANGELOG_FIXTURES");
  if (!dir) GTEST_SKIP() << "set CASEFLOW_WRITE_CHANGELOG_FIXTURES=<dir> to write them";
  fs::create_directories(dir);
  for (const auto& [name, bytes] : fixture_cases()) {
    std::ofstream f(fs::path(dir) / (name + ".bin"), std::ios::binary);
    f << bytes;
    ASSERT_TRUE(f.good());
  }
  for (const auto& [name, bytes] : fixture_cases_v2()) {
    std::ofstream f(fs::path(dir) / (name + ".bin"), std::ios::binary);
    f << bytes;
    ASSERT_TRUE(f.good());
  }
  for (const auto& [name, bytes] : fixture_cases_v3()) {
    std::ofstream f(fs::path(dir) / (name + ".bin"), std::ios::binary);
    f << bytes;
    ASSERT_TRUE(f.good());
  }
}

// Restores one checked-in file of format `version` into a fresh engine; the restored view is
// returned.
CaseView restore(Harness& h, const std::string& name, int version = 1) {
  const std::string bytes = read_file(fs::path(CASEFLOW_SOURCE_DIR) / "tests/data/changelog" /
                                      ("v" + std::to_string(version)) / (name + ".bin"));
  EXPECT_FALSE(bytes.empty()) << name;
  // v<N> holds what a binary writing format N wrote: a case with no section is format 1 there.
  const int format = static_cast<uint8_t>(bytes[0]);
  EXPECT_TRUE(format == version || format == 1) << name << " is in format " << format;
  auto restored = h.engine.restore_case(bytes);
  EXPECT_TRUE(restored.ok()) << name << ": " << (restored.ok() ? "" : restored.error().message);
  EXPECT_EQ(h.engine.check_invariants(), "");
  return h.engine.view(name).value_or(CaseView{});
}

TEST(ChangelogFixture, Version1StatesRestoreWithTheirViews) {
  {
    Harness h;
    const CaseView v = restore(h, "dispatched");
    EXPECT_EQ(v.status, "dispatched");
    EXPECT_EQ(v.stage, "grid");
    EXPECT_EQ(v.unit, "grid-g1");
    ASSERT_EQ(v.clocks.size(), 2u);
    EXPECT_EQ(v.clocks[0].name, "sign");
    EXPECT_TRUE(v.clocks[0].warned);
    EXPECT_EQ(v.description, std::string(200, 'd'));
    EXPECT_EQ(v.reporter, "138****5678");
    EXPECT_EQ(v.reported_at, at("2026-03-02T09:00:00+08:00"));
    // Its clock still fires: the sign deadline at 10:00.
    h.now = at("2026-03-02T09:50:00+08:00");
    Effects fx = h.advance_to(at("2026-03-02T10:00:00+08:00"));
    EXPECT_FALSE(records_of(fx, OutType::sla_breached).empty());
  }
  {
    Harness h;
    const CaseView v = restore(h, "extension");
    EXPECT_EQ(v.status, "extension_requested");
    ASSERT_EQ(v.extensions.size(), 1u);
    EXPECT_EQ(v.extensions[0].state, "pending");
  }
  {
    Harness h;
    const CaseView v = restore(h, "assist");
    EXPECT_EQ(v.status, "signed");
    EXPECT_EQ(v.stage, "street");
    ASSERT_EQ(v.assists.size(), 1u);
    EXPECT_EQ(v.assists[0].department, "transport");
    EXPECT_EQ(v.assists[0].unit, "dept-transport");
  }
  {
    Harness h;
    const CaseView v = restore(h, "resolved");
    EXPECT_EQ(v.status, "resolved");
    ASSERT_EQ(v.clocks.size(), 1u);
    EXPECT_EQ(v.clocks[0].name, "revisit");
  }
  {
    Harness h;
    const CaseView v = restore(h, "closed");
    EXPECT_EQ(v.status, "closed");
    EXPECT_EQ(v.outcome, "rated");
    ASSERT_TRUE(v.closed_at.has_value());
    ASSERT_TRUE(v.rating.has_value());
    EXPECT_TRUE(v.clocks.empty());
    // A terminal case restored from the changelog still leaves at its time.
    h.now = *v.closed_at;
    Effects fx = h.advance(Duration::days(2));
    EXPECT_EQ(records_of(fx, OutType::archived).size(), 1u);
  }
  {
    Harness h;
    const CaseView v = restore(h, "unrouted");
    EXPECT_EQ(v.status, "received");
    EXPECT_EQ(v.workflow, "");
    EXPECT_EQ(v.category, "noise.night");
    const CaseState* c = h.engine.find("unrouted");
    ASSERT_NE(c, nullptr);
    ASSERT_NE(c->extras, nullptr);
    EXPECT_EQ(c->extras->address, "No. 5 Some Road");
    ASSERT_TRUE(c->extras->location.has_value());
    EXPECT_DOUBLE_EQ(c->extras->location->lat, 39.95);
    EXPECT_EQ(c->extras->location->datum, 1);
  }
}

TEST(ChangelogFixture, Version2StatesRestoreWithTheirViews) {
  {
    Harness h;
    const std::string bytes = read_file(kV2 / "staged.bin");
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(static_cast<uint8_t>(bytes[0]), 2);
    ASSERT_TRUE(h.engine.restore_case(bytes).ok());
    EXPECT_EQ(h.engine.check_invariants(), "");
    const CaseView v = h.view("staged");
    EXPECT_EQ(v.status, "staged");
    EXPECT_EQ(v.request_type, "help");
    ASSERT_TRUE(v.plan.has_value());
    EXPECT_EQ(v.plan->until, at("2026-03-20T09:00:00+08:00"));
    // Its plan still comes due.
    h.now = at("2026-03-19T09:00:00+08:00");
    h.advance_to(at("2026-03-20T09:00:00+08:00"));
    EXPECT_EQ(h.view("staged").history.back().what, "plan_due");
  }
  {
    Harness h;
    ASSERT_TRUE(h.engine.restore_case(read_file(kV2 / "answered.bin")).ok());
    const CaseView v = h.view("answered");
    EXPECT_EQ(v.status, "closed");
    EXPECT_EQ(v.outcome, "answered_at_intake");
    EXPECT_EQ(v.request_type, "consultation");
  }
}

// Format 3 added the assessment section: a v1 or v2 case owes no response fact (it was written
// before facts existed), and its unit is not counted as having had one.
TEST(ChangelogFixture, EarlierStatesOweNoResponse) {
  Harness h;
  restore(h, "dispatched");
  const CaseState* c = h.engine.find("dispatched");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->assessment, 0);
  EXPECT_TRUE(c->responded.empty());
  Harness h2;
  ASSERT_TRUE(h2.engine.restore_case(read_file(kV2 / "staged.bin")).ok());
  EXPECT_TRUE(h2.engine.find("staged")->responded.empty());
}

TEST(ChangelogFixture, Version3StatesRestoreWithTheirViewsAndAssessment) {
  for (const auto& [name, bytes] : fixture_cases()) {
    Harness h;
    const CaseView v = restore(h, name, 3);
    EXPECT_EQ(v.id, name);
  }
  for (const auto& [name, bytes] : fixture_cases_v2()) {
    Harness h;
    const CaseView v = restore(h, name, 3);
    EXPECT_EQ(v.id, name);
  }
  Harness h;
  restore(h, "dispatched", 3);
  EXPECT_EQ(h.engine.find("dispatched")->assessment, CaseState::kResponseOwed);
  Harness closed;
  restore(closed, "closed", 3);
  ASSERT_EQ(closed.engine.find("closed")->responded.size(), 1u);  // signed and resolved at grid
  EXPECT_EQ(closed.engine.text(closed.engine.find("closed")->responded[0]), "comm-c1");
}

// A format 3 case restored and not changed since is written back as it was read, byte for byte
// (it has no actors: format 4 is for cases whose history records them).
TEST(ChangelogFixture, Version3StatesAreWrittenBackAsRead) {
  for (const auto& entry : fs::directory_iterator(kV3)) {
    const std::string bytes = read_file(entry.path());
    Harness h;
    auto id = h.engine.restore_case(bytes);
    ASSERT_TRUE(id.ok()) << entry.path() << ": " << id.error().message;
    EXPECT_EQ(h.engine.serialize_case(*id), bytes) << entry.path();
  }
}

// While format 4 is the current one, this binary writes the very bytes it reads.
TEST(ChangelogFixture, Version4IsWhatThisBinaryWrites) {
  for (const auto& [name, bytes] : fixture_cases())
    EXPECT_EQ(read_file(kV4 / (name + ".bin")), bytes) << name;
  for (const auto& [name, bytes] : fixture_cases_v2())
    EXPECT_EQ(read_file(kV4 / (name + ".bin")), bytes) << name;
  for (const auto& [name, bytes] : fixture_cases_v3())
    EXPECT_EQ(read_file(kV4 / (name + ".bin")), bytes) << name;
}

// Format 4 adds the actors of the history: the fixtures' events name their source only, and the
// timers' entries are the engine's.
TEST(ChangelogFixture, Version4StatesRestoreWithTheirActors) {
  Harness h;
  const CaseView v = restore(h, "dispatched", 4);
  ASSERT_FALSE(v.history.empty());
  EXPECT_EQ(v.history.front().what, "reported");
  EXPECT_EQ(v.history.front().by, "/test");
  EXPECT_EQ(v.history.back().what, "warned");
  EXPECT_EQ(v.history.back().by, "engine");
  Harness staged;
  const CaseView plan = restore(staged, "staged", 4);
  EXPECT_EQ(plan.status, "staged");
  for (const auto& entry : plan.history) EXPECT_EQ(entry.by, "/test") << entry.what;
}

// The merge section (tag 4) kept format 3: a master keeps its duplicates, a duplicate the master
// it waits for; the cases written before the section restore with neither.
TEST(ChangelogFixture, Version3MergeSectionRestores) {
  Harness h;
  const CaseView master = restore(h, "master", 3);
  EXPECT_EQ(master.status, "dispatched");
  EXPECT_EQ(master.duplicates, std::vector<std::string>{"linked"});
  EXPECT_EQ(master.merge_pending, "");
  const CaseView pending = restore(h, "pending", 3);
  EXPECT_EQ(pending.status, "dispatched");
  EXPECT_EQ(pending.merge_pending, "master");
  EXPECT_TRUE(pending.duplicates.empty());
  Harness before;
  const CaseView dispatched = restore(before, "dispatched", 3);
  EXPECT_TRUE(dispatched.duplicates.empty());
  EXPECT_EQ(dispatched.merge_pending, "");
}

}  // namespace
}  // namespace caseflow::core::testing
