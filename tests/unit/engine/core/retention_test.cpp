// Retention: a terminal case leaves the engine's memory after its workflow's revisit window plus a
// day (or EngineOptions::retain_closed_for), with one caseflow.case.archived record and a
// changelog tombstone; its slot is reused. Each test runs under both routers.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <random>

#include "engine/core/case_index.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;
namespace json = boost::json;

class Retention : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, Retention, each_router(), router_name);

events::CaseEvent rated_satisfied(std::string id) {
  auto e = event(EventType::rated, std::move(id));
  e.solved = events::Solved::solved;
  e.satisfaction = events::Satisfaction::satisfied;
  return e;
}

// Reports, signs, resolves and rates `id`; returns the instant it closed.
Instant close_rated(Harness& h, const std::string& id) {
  h.send(event(EventType::signed_for, id));
  h.now = h.now + Duration::minutes(30);
  h.send(event(EventType::resolved, id));
  h.now = h.now + Duration::hours(2);
  h.send(rated_satisfied(id));
  EXPECT_EQ(h.view(id).status, "closed");
  return h.now;
}

Instant time_of(const json::value& v) { return *parse_rfc3339(std::string(v.as_string())); }

std::vector<const Record*> archived(const Effects& fx) { return records_of(fx, OutType::archived); }

TEST_P(Retention, ARatedCaseLeavesExactlyAfterTheRevisitWindowAndADay) {
  Harness h = harness();
  auto e = report("c1");
  e.address = "No. 5 Some Road";
  e.location = events::Location{39.95, 116.4, 0};
  h.send(e);
  const CaseView before = h.view("c1");
  const Instant closed = close_rated(h, "c1");
  const CaseView at_close = h.view("c1");
  // parking@1: revisit within 1d; + 1 day.
  const Instant leaves = closed + Duration::days(2);

  Effects early = h.advance_to(leaves - Duration::millis(1));
  EXPECT_TRUE(archived(early).empty());
  ASSERT_NE(h.engine.find("c1"), nullptr);
  EXPECT_EQ(h.engine.case_count(), 1u);

  Effects fx = h.advance(Duration::millis(1));
  ASSERT_EQ(archived(fx).size(), 1u);
  EXPECT_EQ(h.engine.find("c1"), nullptr);
  EXPECT_FALSE(h.engine.view("c1").has_value());
  EXPECT_EQ(h.engine.case_count(), 0u);
  EXPECT_EQ(h.engine.open_case_count(), 0u);
  EXPECT_EQ(metric_sum(fx, metric::kCasesArchived), 1);

  const Record& r = *archived(fx)[0];
  EXPECT_EQ(r.topic, "caseflow.updates");
  EXPECT_EQ(r.key, "c1");
  const json::object env = json::parse(r.value).as_object();
  EXPECT_EQ(env.at("type").as_string(), "caseflow.case.archived");
  EXPECT_EQ(env.at("id").as_string(), r.id);
  EXPECT_EQ(time_of(env.at("time")), leaves);
  const json::object& d = env.at("data").as_object();
  EXPECT_EQ(d.at("case_id").as_string(), "c1");
  EXPECT_EQ(d.at("status").as_string(), "closed");
  EXPECT_EQ(d.at("workflow").as_string(), "parking@1");
  EXPECT_EQ(d.at("unit").as_string(), at_close.unit);
  EXPECT_EQ(d.at("category").as_string(), "parking.illegal");
  EXPECT_EQ(d.at("outcome").as_string(), "rated");
  EXPECT_FALSE(d.contains("merged_into"));
  EXPECT_EQ(time_of(d.at("closed_at")), closed);
  EXPECT_EQ(time_of(d.at("reported_at")), before.reported_at);
  const json::object& place = d.at("place").as_object();
  EXPECT_EQ(place.at("grid").as_string(), before.grid);
  if (!before.community.empty()) {
    EXPECT_EQ(place.at("community").as_string(), before.community);
  }
  const json::object& rep = d.at("report").as_object();
  EXPECT_EQ(rep.at("description").as_string(), std::string(200, 'd'));
  EXPECT_EQ(rep.at("channel").as_string(), "hotline");
  EXPECT_EQ(rep.at("reporter").as_string(), "138****5678");
  EXPECT_EQ(rep.at("address").as_string(), "No. 5 Some Road");
  EXPECT_DOUBLE_EQ(rep.at("location").at("lat").to_number<double>(), 39.95);
  EXPECT_DOUBLE_EQ(rep.at("location").at("lon").to_number<double>(), 116.4);

  // The changelog forgets the case: a tombstone for its key, and nothing else for it.
  ASSERT_EQ(fx.changelog.size(), 1u);
  EXPECT_EQ(fx.changelog[0].case_id, "c1");
  EXPECT_TRUE(fx.changelog[0].tombstone);
  EXPECT_TRUE(fx.changelog[0].state.empty());
}

TEST_P(Retention, TheArchivedRecordContinuesTheCaseSequence) {
  Harness h = harness();
  h.send(report("c1"));
  close_rated(h, "c1");
  const uint32_t seq_before = h.engine.find("c1")->seq.value;
  Effects fx = h.advance(Duration::days(3));
  ASSERT_EQ(archived(fx).size(), 1u);
  EXPECT_EQ(archived(fx)[0]->id, "c1-" + std::to_string(seq_before + 1));
}

TEST_P(Retention, WithdrawnMergedAndUnratedCasesLeaveToo) {
  Harness h = harness();
  h.send(report("w"));
  h.send(report("m"));
  h.send(report("u"));
  const Instant t0 = h.now;
  h.send(event(EventType::withdrawn, "w"));
  auto merge = event(EventType::merged, "m");
  merge.merged_into = "u";  // a master that is open
  h.settle(h.send(merge));
  h.send(event(EventType::signed_for, "u"));
  h.send(event(EventType::resolved, "u"));
  // w and m ended at t0; u closes unrated when its 1-day revisit clock runs out.
  Effects fx = h.advance_to(t0 + Duration::days(2));
  ASSERT_EQ(archived(fx).size(), 2u);
  EXPECT_EQ(h.view("u").status, "closed");
  EXPECT_EQ(h.view("u").outcome, "unrated");
  std::map<std::string, json::object> data;
  for (const Record* r : archived(fx)) data[r->key] = json::parse(r->value).at("data").as_object();
  EXPECT_EQ(data["w"].at("outcome").as_string(), "withdrawn");
  EXPECT_EQ(data["w"].at("status").as_string(), "withdrawn");
  EXPECT_EQ(data["m"].at("outcome").as_string(), "merged");
  EXPECT_EQ(data["m"].at("merged_into").as_string(), "u");
  EXPECT_EQ(h.engine.case_count(), 1u);

  fx = h.advance_to(t0 + Duration::days(3) - Duration::millis(1));
  EXPECT_TRUE(archived(fx).empty());
  fx = h.advance(Duration::millis(1));
  ASSERT_EQ(archived(fx).size(), 1u);
  EXPECT_EQ(json::parse(archived(fx)[0]->value).at("data").at("outcome").as_string(), "unrated");
  EXPECT_EQ(h.engine.case_count(), 0u);
}

TEST_P(Retention, RetainClosedForOverridesTheWorkflowWindow) {
  EngineOptions options;
  options.retain_closed_for = hours(5);
  Harness h = harness(options);
  h.send(report("c1"));
  const Instant closed = close_rated(h, "c1");
  EXPECT_TRUE(archived(h.advance_to(closed + Duration::hours(5) - Duration::millis(1))).empty());
  EXPECT_EQ(archived(h.advance(Duration::millis(1))).size(), 1u);
  EXPECT_EQ(h.engine.find("c1"), nullptr);
}

TEST_P(Retention, AnOpenCaseNeverLeaves) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  Effects fx = h.advance(Duration::days(30));
  EXPECT_TRUE(archived(fx).empty());
  EXPECT_NE(h.engine.find("c1"), nullptr);
}

TEST_P(Retention, AnEventAfterLeavingIsAnUnknownCaseThatPointsToTheArchive) {
  Harness h = harness();
  h.send(report("c1"));
  close_rated(h, "c1");
  h.advance(Duration::days(3));
  Effects fx = h.send(event(EventType::progress, "c1"));
  ASSERT_EQ(fx.rejections.size(), 1u);
  EXPECT_EQ(fx.rejections[0].reason, "unknown_case");
  EXPECT_NE(fx.rejections[0].message.find("archived"), std::string::npos);
  EXPECT_NE(fx.rejections[0].message.find("GET /api/v1/cases/c1"), std::string::npos);
  EXPECT_TRUE(fx.records.empty());
  EXPECT_TRUE(fx.changelog.empty());
}

TEST_P(Retention, TheSlotIsReusedAndTheCasesMemoryReleased) {
  Harness h = harness();
  h.send(report("c1"));
  const CaseState* slot = h.engine.find("c1");
  close_rated(h, "c1");
  ASSERT_GT(slot->description.capacity(), 100u);
  h.advance(Duration::days(3));
  // The old address holds an empty case: its text, history and clocks were freed.
  EXPECT_TRUE(slot->id.empty());
  EXPECT_LT(slot->description.capacity(), 100u);
  EXPECT_EQ(slot->history.capacity(), 0u);
  EXPECT_EQ(slot->clocks.capacity(), 0u);

  h.send(report("c2"));
  EXPECT_EQ(h.engine.find("c2"), slot);
  EXPECT_EQ(h.engine.case_count(), 1u);
  EXPECT_EQ(h.engine.open_case_count(), 1u);
  EXPECT_EQ(h.view("c2").status, "dispatched");
  h.send(report("c3"));  // no free slot left: a new one
  EXPECT_NE(h.engine.find("c3"), slot);
  EXPECT_EQ(h.engine.case_count(), 2u);
}

TEST_P(Retention, ForgetDropsACaseWithNoEffectsAndItsRetirementIsStale) {
  Harness h = harness();
  EXPECT_FALSE(h.engine.forget_case("nobody"));
  h.send(report("c1"));
  const Instant closed = close_rated(h, "c1");
  ASSERT_TRUE(h.engine.forget_case("c1"));
  EXPECT_EQ(h.engine.find("c1"), nullptr);
  EXPECT_EQ(h.engine.case_count(), 0u);
  EXPECT_EQ(h.engine.check_invariants(), "");
  // A new case takes the slot; c1's retirement entry must not touch it.
  h.send(report("c2"));
  Effects fx = h.advance_to(closed + Duration::days(2) + Duration::hours(1));
  EXPECT_TRUE(archived(fx).empty());
  EXPECT_NE(h.engine.find("c2"), nullptr);

  h.send(report("c3"));  // an open case forgotten: the open count follows
  EXPECT_EQ(h.engine.open_case_count(), 2u);
  ASSERT_TRUE(h.engine.forget_case("c3"));
  EXPECT_EQ(h.engine.open_case_count(), 1u);
  EXPECT_EQ(h.engine.check_invariants(), "");
}

TEST_P(Retention, ARestoredTerminalCaseLeavesOnceAtItsOwnTime) {
  Harness h = harness();
  h.send(report("c1"));
  const Instant closed = close_rated(h, "c1");
  const std::string state = h.engine.serialize_case("c1");
  // Restoring over itself arms a second entry for the same instant: one retirement only.
  ASSERT_TRUE(h.engine.restore_case(state).ok());
  Effects fx = h.advance_to(closed + Duration::days(2));
  ASSERT_EQ(archived(fx).size(), 1u);
  const std::string record = archived(fx)[0]->value;

  // A fresh engine restoring the closed case (a restart) re-arms its retirement from history.
  Harness other = harness();
  other.now = closed + Duration::hours(1);
  ASSERT_TRUE(other.engine.restore_case(state).ok());
  EXPECT_TRUE(archived(other.advance_to(closed + Duration::days(2) - Duration::millis(1))).empty());
  fx = other.advance(Duration::millis(1));
  ASSERT_EQ(archived(fx).size(), 1u);
  EXPECT_EQ(archived(fx)[0]->value, record);  // as if it had never stopped
}

TEST_P(Retention, ARestoreThatReopensTheSlotsCaseMakesItsRetirementStale) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  const std::string open_state = h.engine.serialize_case("c1");
  h.send(event(EventType::withdrawn, "c1"));
  // The changelog's older state wins (a replay): the case is open again and must stay.
  ASSERT_TRUE(h.engine.restore_case(open_state).ok());
  Effects fx = h.advance(Duration::days(3));
  EXPECT_TRUE(archived(fx).empty());
  EXPECT_NE(h.engine.find("c1"), nullptr);
}

TEST_P(Retention, RetirementsAreCountedInTheTimerBatch) {
  Harness h = harness();
  for (int i = 0; i < 5; ++i) h.send(report("c" + std::to_string(i)));
  for (int i = 0; i < 5; ++i) h.send(event(EventType::withdrawn, "c" + std::to_string(i)));
  h.now = h.now + Duration::days(2);
  Effects fx;
  EXPECT_EQ(h.engine.fire_due(h.now, 2, fx), 2u);
  EXPECT_EQ(archived(fx).size(), 2u);
  EXPECT_EQ(h.engine.fire_due(h.now, 10, fx), 3u);
  EXPECT_EQ(archived(fx).size(), 5u);
  // In slot order at the same instant: c0 first.
  EXPECT_EQ(archived(fx)[0]->key, "c0");
  EXPECT_EQ(archived(fx)[4]->key, "c4");
}

TEST_P(Retention, SameInputsGiveByteIdenticalEffectsIncludingRetirements) {
  auto run = [this] {
    Harness h = harness();
    std::string all;
    auto keep = [&](const Effects& fx) {
      for (const auto& r : fx.records)
        all += std::string(r.topic) + "|" + r.key + "|" + r.id + "|" + r.value + "\n";
      for (const auto& c : fx.changelog)
        all += c.case_id + (c.tombstone ? "|tombstone|" : "|") + c.state + "\n";
      for (const auto& m : fx.metrics) all += std::string(m.name) + std::to_string(m.value) + "\n";
    };
    for (int round = 0; round < 3; ++round) {
      for (int i = 0; i < 10; ++i) keep(h.send(report("r" + std::to_string(round * 10 + i))));
      for (int i = 0; i < 10; i += 2)
        keep(h.send(event(EventType::withdrawn, "r" + std::to_string(round * 10 + i))));
      keep(h.advance(Duration::days(2)));  // retires, then the next round reuses the slots
    }
    keep(h.advance(Duration::days(10)));
    all += std::to_string(h.engine.case_count());
    return all;
  };
  const std::string a = run();
  EXPECT_EQ(a, run());
  EXPECT_NE(a.find("caseflow.case.archived"), std::string::npos);
  EXPECT_NE(a.find("|tombstone|"), std::string::npos);
}

TEST_P(Retention, UpdatesCarryReportedAtAndPlaceAndTheFirstOneTheReport) {
  Harness h = harness();
  auto e = report("c1");
  e.address = "No. 5 Some Road";
  Effects fx = h.send(e);
  const CaseView v = h.view("c1");
  const Record* first = record_on(fx, OutType::updated, "caseflow.updates");
  ASSERT_NE(first, nullptr);
  const json::object d = json::parse(first->value).at("data").as_object();
  EXPECT_EQ(time_of(d.at("reported_at")), v.reported_at);
  EXPECT_EQ(d.at("place").at("grid").as_string(), v.grid);
  EXPECT_EQ(d.at("report").at("description").as_string(), std::string(200, 'd'));
  EXPECT_EQ(d.at("report").at("channel").as_string(), "hotline");
  EXPECT_EQ(d.at("report").at("reporter").as_string(), "138****5678");
  EXPECT_EQ(d.at("report").at("address").as_string(), "No. 5 Some Road");
  EXPECT_FALSE(d.at("report").as_object().contains("location"));

  h.now = h.now + Duration::minutes(5);
  fx = h.send(event(EventType::signed_for, "c1"));
  const Record* later = record_on(fx, OutType::updated, "caseflow.updates");
  ASSERT_NE(later, nullptr);
  const json::object d2 = json::parse(later->value).at("data").as_object();
  EXPECT_FALSE(d2.contains("report"));
  EXPECT_EQ(time_of(d2.at("reported_at")), v.reported_at);
  EXPECT_EQ(d2.at("place").at("grid").as_string(), v.grid);

  fx = h.send(event(EventType::withdrawn, "c1"));
  const Record* closed = record_on(fx, OutType::closed, "caseflow.updates");
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(json::parse(closed->value).at("data").at("place").at("grid").as_string(), v.grid);
}

TEST_P(Retention, AnUnplacedReportsPlaceHasOnlyWhatIsKnown) {
  Harness h = harness();
  Effects fx = h.send(report("c1", "parking.illegal", "nowhere"));
  const Record* first = record_on(fx, OutType::updated, "caseflow.updates");
  ASSERT_NE(first, nullptr);
  const json::object d = json::parse(first->value).at("data").as_object();
  EXPECT_FALSE(d.at("place").as_object().contains("community"));
  EXPECT_FALSE(d.at("place").as_object().contains("district"));
  EXPECT_TRUE(d.contains("report"));
}

// The index alone: backward-shift deletion keeps every other id reachable, leaves no dead cells
// behind, and takes ids again.
TEST(CaseIndexErase, RemovesWithoutTombstonesAndKeepsTheRestReachable) {
  std::deque<CaseState> cases;
  CaseIndex index(cases);
  const size_t n = 3000;
  for (size_t i = 0; i < n; ++i) {
    cases.emplace_back().id = "case-" + std::to_string(i);
    index.add(cases.back().id, CaseSlot{static_cast<uint32_t>(i)});
  }
  std::mt19937 rng(7);
  std::vector<bool> gone(n, false);
  for (int round = 0; round < 4; ++round) {
    for (size_t k = 0; k < n / 3; ++k) {
      const size_t i = rng() % n;
      if (gone[i]) continue;
      index.erase(cases[i].id, CaseSlot{static_cast<uint32_t>(i)});
      gone[i] = true;
    }
    for (size_t i = 0; i < n; ++i) {
      const auto found = index.find(cases[i].id);
      ASSERT_EQ(found.has_value(), !gone[i]) << cases[i].id;
      if (found) {
        ASSERT_EQ(found->index, i);
      }
    }
    for (size_t i = 0; i < n; ++i)
      if (gone[i] && rng() % 2 == 0) {
        index.add(cases[i].id, CaseSlot{static_cast<uint32_t>(i)});
        gone[i] = false;
      }
  }
  size_t held = 0;
  for (bool g : gone) held += g ? 0 : 1;
  EXPECT_EQ(index.size(), held);
  // Erasing an id that is not indexed changes nothing.
  index.erase("nobody", CaseSlot{0});
  EXPECT_EQ(index.size(), held);
}

}  // namespace
}  // namespace caseflow::core::testing
