// The changelog form of a case and the determinism contract.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;

// A case with something in every part of its state.
void busy_case(Harness& h) {
  auto e = report("c1");
  e.address = "No. 5 Some Road";
  e.location = events::Location{39.95, 116.4, 2};
  e.grid_id = "g1";
  h.send(e);
  h.advance(Duration::hours(1));
  h.advance(Duration::hours(1));  // now at street
  h.send(event(EventType::signed_for, "c1"));
  auto ask = event(EventType::extension_requested, "c1");
  ask.extend_by = "1d";
  h.send(ask);
  auto decide = event(EventType::extension_decided, "c1");
  decide.approved = true;
  h.send(decide);
  auto whistle = event(EventType::assist_requested, "c1");
  whistle.department = "transport";
  h.send(whistle);
}

TEST(State, SerializeRestoreRoundTripsEveryField) {
  Harness h;
  busy_case(h);
  const std::string bytes = h.engine.serialize_case("c1");
  ASSERT_FALSE(bytes.empty());

  Harness other;
  auto restored = other.engine.restore_case(bytes);
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(*restored, "c1");
  EXPECT_EQ(other.engine.serialize_case("c1"), bytes);
  EXPECT_EQ(other.engine.check_invariants(), "");
  const CaseView a = h.view("c1");
  const CaseView b = other.view("c1");
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.stage, b.stage);
  EXPECT_EQ(a.clocks.size(), b.clocks.size());
  EXPECT_EQ(a.history.size(), b.history.size());
  EXPECT_EQ(b.extensions.size(), 1u);
  EXPECT_EQ(b.assists.size(), 1u);
}

TEST(State, ARestoredCaseFiresItsClocksAndContinuesItsSequence) {
  Harness h;
  h.send(report("c1"));
  Harness other;
  ASSERT_TRUE(other.engine.restore_case(h.engine.serialize_case("c1")).ok());
  other.now = h.now;
  Effects a = h.advance(Duration::hours(1));
  Effects b = other.advance(Duration::hours(1));
  ASSERT_EQ(a.records.size(), b.records.size());
  for (size_t i = 0; i < a.records.size(); ++i) {
    EXPECT_EQ(a.records[i].id, b.records[i].id);
    EXPECT_EQ(a.records[i].value, b.records[i].value);
  }
}

TEST(State, CorruptOrUnknownStateIsAnError) {
  Harness h;
  busy_case(h);
  const std::string bytes = h.engine.serialize_case("c1");
  Harness other;
  for (size_t cut = 0; cut < bytes.size(); cut += 7) {
    auto r = other.engine.restore_case(bytes.substr(0, cut));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "corrupt_state");
  }
  auto v2 = parking_workflow(2);
  Harness newer({}, {v2});
  auto r = newer.engine.restore_case(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_workflow_version");
  EXPECT_EQ(other.engine.check_invariants(), "");
}

// An instant no timestamp can name (here reported_at near INT64_MIN) is refused on restore: the
// engine's arithmetic on it would overflow once the case's timers fire.
TEST(State, AnInstantOutsideYears0To9999IsCorrupt) {
  Harness h;
  h.send(report("c1"));
  const std::string bytes = h.engine.serialize_case("c1");
  // Format byte, "c1" and the 200-byte description, each length a varint: reported_at follows.
  const size_t reported_at = 1 + 1 + 2 + 2 + 200;
  ASSERT_GT(bytes.size(), reported_at + 8);
  auto restore_at = [&](int64_t millis) {
    std::string patched = bytes;
    const auto u = static_cast<uint64_t>(millis);
    for (size_t i = 0; i < 8; ++i)
      patched[reported_at + i] = static_cast<char>((u >> (8 * i)) & 0xff);
    Harness fresh;
    return fresh.engine.restore_case(patched);
  };
  // The first and last instants of years 0000..9999 restore (so the bytes patched are reported_at).
  EXPECT_TRUE(restore_at(-62'167'219'200'000).ok());
  EXPECT_TRUE(restore_at(253'402'300'799'999).ok());
  for (const int64_t millis :
       {INT64_MIN + 1, int64_t{-62'167'219'200'001}, int64_t{253'402'300'800'000}, INT64_MAX - 1}) {
    const auto r = restore_at(millis);
    ASSERT_FALSE(r.ok()) << millis;
    EXPECT_EQ(r.error().code, "corrupt_state");
  }
}

TEST(State, ALocationOffTheGlobeIsCorrupt) {
  Harness h;
  auto e = report("c1");
  e.location = events::Location{39.95, 116.4, 2};
  h.send(e);
  const std::string bytes = h.engine.serialize_case("c1");
  auto little_endian = [](double d) {
    char raw[sizeof d];
    std::memcpy(raw, &d, sizeof d);
    return std::string(raw, sizeof d);
  };
  // The location is written as two doubles; patch the one holding `was`.
  auto restore_with = [&](double was, double now) {
    std::string patched = bytes;
    const size_t at = patched.find(little_endian(was));
    EXPECT_NE(at, std::string::npos) << was;
    if (at != std::string::npos) patched.replace(at, 8, little_endian(now));
    Harness fresh;
    return fresh.engine.restore_case(patched);
  };
  EXPECT_TRUE(restore_with(39.95, -90).ok());  // the bytes patched are the latitude
  for (const auto& [was, now] : {std::pair{39.95, 3.8e32}, std::pair{39.95, 90.5},
                                 std::pair{39.95, std::nan("")}, std::pair{116.4, -180.5}}) {
    const auto r = restore_with(was, now);
    ASSERT_FALSE(r.ok()) << now;
    EXPECT_EQ(r.error().code, "corrupt_state");
  }
}

TEST(State, ACasePinnedToAVersionKeepsItWhenANewVersionRoutes) {
  auto v1 = parking_workflow(1);
  auto v2 = std::make_shared<definition::Workflow>(*parking_workflow(2));
  v2->stages[0].clocks[0].limit = hours(5);
  Harness old_only({}, {v1});
  old_only.send(report("c1"));
  Harness both({}, {v1, v2});
  ASSERT_TRUE(both.engine.restore_case(old_only.engine.serialize_case("c1")).ok());
  both.send(report("c2"));
  EXPECT_EQ(both.view("c1").workflow, "parking@1");
  EXPECT_EQ(both.view("c2").workflow, "parking@2");
}

TEST(State, SameInputsGiveByteIdenticalEffects) {
  auto run = [] {
    Harness h;
    std::string all;
    auto keep = [&](const Effects& fx) {
      for (const auto& r : fx.records)
        all += std::string(r.topic) + "|" + r.key + "|" + r.value + "\n";
      for (const auto& c : fx.changelog) all += c.case_id + "|" + c.state + "\n";
      for (const auto& m : fx.metrics) all += std::string(m.name) + std::to_string(m.value) + "\n";
    };
    for (int i = 0; i < 20; ++i) keep(h.send(report("c" + std::to_string(i))));
    keep(h.send(event(EventType::signed_for, "c3")));
    keep(h.advance(Duration::hours(3)));
    keep(h.send(event(EventType::resolved, "c3")));
    keep(h.advance(Duration::days(2)));
    return all;
  };
  const std::string a = run();
  EXPECT_EQ(a, run());
  EXPECT_GT(a.size(), 10'000u);
}

TEST(State, SerializingIntoABufferAppendsTheSameBytes) {
  Harness h;
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  std::string buffer = "prefix";
  ASSERT_TRUE(h.engine.serialize_case("c1", buffer));
  EXPECT_EQ(buffer, "prefix" + h.engine.serialize_case("c1"));
  buffer.clear();
  ASSERT_TRUE(h.engine.serialize_case("c1", buffer));  // a reused buffer
  EXPECT_EQ(buffer, h.engine.serialize_case("c1"));
  EXPECT_FALSE(h.engine.serialize_case("nobody", buffer));
  EXPECT_EQ(buffer, h.engine.serialize_case("c1"));  // nothing appended
}

TEST(State, OutputIdsAreCaseIdAndSequenceAndNeverRepeat) {
  Harness h;
  std::set<std::string> ids;
  auto keep = [&](const Effects& fx) {
    for (const auto& r : fx.records) {
      EXPECT_EQ(r.id.rfind("c1-", 0), 0u);
      EXPECT_TRUE(ids.insert(r.id).second) << r.id;
      EXPECT_NE(r.value.find("\"id\":\"" + r.id + "\""), std::string::npos);
    }
  };
  keep(h.send(report("c1")));
  keep(h.advance(Duration::hours(4)));
  keep(h.send(event(EventType::signed_for, "c1")));
  EXPECT_GE(ids.size(), 10u);
}

TEST(State, ACaseStaysSmall) {
  // The hot state of an open case: see bench/core for the measured resident size. 16 bytes more
  // than before the assessment: the units that had their response fact (one per case and unit).
  EXPECT_LE(sizeof(CaseState), 272u);
  EXPECT_LE(sizeof(Clock), 56u);
  EXPECT_EQ(sizeof(HistoryEntry), 24u);  // 16 before the actor
  EXPECT_EQ(sizeof(TimerEntry), 16u);
}

}  // namespace
}  // namespace caseflow::core::testing
