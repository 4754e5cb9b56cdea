// Random event sequences, nonsense included: the engine never crashes, never reaches an invalid
// state, refuses without changing anything, replays byte for byte, and round-trips its state.
#include <gtest/gtest.h>

#include <random>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;

events::CaseEvent random_event(std::mt19937_64& rng) {
  auto pick = [&](auto... options) {
    const std::array<std::string, sizeof...(options)> all{options...};
    return all[rng() % all.size()];
  };
  events::CaseEvent e;
  e.type = static_cast<EventType>(rng() % events::kEventTypeCount);
  e.case_id = pick("c1", "c2", "c3", "c4", "", "c1");
  e.event_id = "x";
  e.source = "/fuzz";
  e.unit = pick("", "", "", "grid-g1", "grid-g2", "comm-c1", "street-s1", "nobody");
  e.category = pick("parking.illegal", "parking.x", "noise.night", "");
  e.grid_id = pick("g1", "g2", "g3", "", "nowhere", "lonely");
  e.urgency = static_cast<definition::Urgency>(rng() % 3);
  e.extend_by = pick("1d", "2h", "3d", "nonsense", "", "1 workday");
  e.approved = rng() % 2 == 0;
  e.department = pick("transport", "housing", "public_security", "nope");
  e.assist_step = static_cast<events::AssistStep>(rng() % 2);
  e.solved = static_cast<events::Solved>(rng() % 3);
  e.satisfaction = static_cast<events::Satisfaction>(rng() % 4);
  e.merged_into = pick("c9", "c1", "");
  e.workflow = pick("", "parking", "nope");
  e.stage = pick("", "grid", "street", "nope");
  e.suggested_unit = pick("", "grid-g3");
  e.clock = pick("", "", "sign", "resolve", "nope");
  e.request_type = static_cast<definition::RequestType>(rng() % definition::kRequestTypeCount);
  e.answered_at_intake = rng() % 8 == 0;
  e.note = pick("", "the answer", "the plan");
  if (rng() % 4 != 0)
    e.until = at("2026-03-02T09:00:00+08:00") + Duration::hours(static_cast<int64_t>(rng() % 480));
  // the assessment's events (exemptions, invalid reports, return reviews)
  e.reason = pick("", "malicious", "duplicate", "out_of_scope", "unreachable", "road works");
  e.applicant = pick("", "", "grid-g1", "comm-c1", "nobody");
  e.returned_by = pick("", "", "grid-g1", "grid-g2");
  e.justified = rng() % 2 == 0;
  // merged duplicates
  e.duplicate = pick("c2", "c1", "c9");
  e.master = pick("c1", "c3", "c9");
  e.accepted = rng() % 2 == 0;
  e.outcome = pick("rated", "withdrawn", "nonsense");
  return e;
}

// Runs one random scenario; returns every effect byte it produced. With `reuse`, one Effects is
// kept for the whole run and cleared between calls, as the runtime does (its recycled buffers
// must not change a byte).
std::string run(uint64_t seed, bool check, bool reuse = false) {
  std::mt19937_64 rng(seed);
  Harness h;
  std::string all;
  Effects kept;
  for (int step = 0; step < 400; ++step) {
    Effects fresh;
    Effects& fx = reuse ? kept : fresh;
    fx.clear();
    if (rng() % 4 == 0) {
      h.now = h.now + Duration::minutes(static_cast<int64_t>(rng() % 600));
      h.engine.fire_due(h.now, 1 + rng() % 50, fx);
    } else {
      const events::CaseEvent e = random_event(rng);
      const std::string before = check ? h.engine.serialize_case(e.case_id) : "";
      h.engine.apply(e, h.now, fx);
      if (check && !fx.rejections.empty()) {
        EXPECT_EQ(fx.rejections.size(), 1u);
        EXPECT_TRUE(fx.records.empty());
        EXPECT_TRUE(fx.changelog.empty());
        EXPECT_EQ(h.engine.serialize_case(e.case_id), before) << "refusal changed the case";
      }
    }
    if (check) {
      const std::string broken = h.engine.check_invariants();
      EXPECT_EQ(broken, "") << "seed " << seed << " step " << step;
      if (!broken.empty()) return all;
      for (const auto& c : fx.changelog) {
        if (c.tombstone) {  // the case retired: it is gone, and so is its state
          EXPECT_TRUE(c.state.empty());
          EXPECT_EQ(h.engine.find(c.case_id), nullptr);
          continue;
        }
        Harness other;
        auto r = other.engine.restore_case(c.state);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        EXPECT_EQ(other.engine.serialize_case(c.case_id), c.state);
      }
    }
    for (const auto& r : fx.records) all += r.id + r.value;
    for (const auto& c : fx.changelog) all += c.tombstone ? "tombstone:" + c.case_id : c.state;
    for (const auto& rj : fx.rejections) all += rj.reason;
  }
  return all;
}

TEST(Property, RandomSequencesKeepEveryInvariantAndReplayIdentically) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const std::string first = run(seed, true);
    ASSERT_FALSE(HasFailure()) << "seed " << seed;
    EXPECT_EQ(first, run(seed, false)) << "seed " << seed << " did not replay identically";
  }
}

TEST(Property, ReusedEffectsGiveTheSameBytesAsFreshOnes) {
  for (uint64_t seed = 1; seed <= 20; ++seed)
    EXPECT_EQ(run(seed, false), run(seed, false, true)) << "seed " << seed;
}

}  // namespace
}  // namespace caseflow::core::testing
