// What a unit and a reader of the case see when the case leaves the unit or ends: the
// caseflow.case.reassigned notice to the unit the dispatcher took the case from, and a closed
// case's outcome, rating and closing time in the case view (kept across the changelog).
#include <gtest/gtest.h>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;

events::CaseEvent assigned(std::string id, std::string unit, std::string stage = "") {
  auto e = event(EventType::assigned, std::move(id), std::move(unit));
  e.stage = std::move(stage);
  return e;
}

bool has(const Record& r, const std::string& text) {
  return r.value.find(text) != std::string::npos;
}

TEST(Reassigned, TheUnitTheDispatcherTakesTheCaseFromIsToldOnItsOwnTopicUnderItsOwnKey) {
  Harness h;
  h.send(report("c1"));  // dispatched to grid-g1
  Effects fx = h.send(assigned("c1", "comm-c1", "community"));

  const auto told = records_of(fx, OutType::reassigned);
  ASSERT_EQ(told.size(), 1u);
  const Record& r = *told[0];
  EXPECT_EQ(r.topic, "caseflow.stage.grid");  // the stage it held the case at
  EXPECT_EQ(r.key, "grid-g1");
  EXPECT_TRUE(has(r, "\"type\":\"caseflow.case.reassigned\"")) << r.value;
  EXPECT_TRUE(has(r, "\"subject\":\"c1\"")) << r.value;
  EXPECT_TRUE(has(r, "\"reason\":\"assigned\"")) << r.value;
  EXPECT_TRUE(has(r, "\"from_stage\":\"grid\",\"from_unit\":\"grid-g1\"")) << r.value;
  EXPECT_TRUE(has(r, "\"to_stage\":\"community\",\"to_unit\":\"comm-c1\"")) << r.value;
  // The new unit gets its work order as before.
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.community");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "comm-c1");
  EXPECT_EQ(h.view("c1").unit, "comm-c1");
}

TEST(Reassigned, ItsIdIsTheCaseIdAndSequenceAndAReplayGivesTheSameRecord) {
  // Two engines fed the same inputs (a record's topic points into its Engine: keep both).
  Harness one, two;
  auto run = [](Harness& h) {
    h.send(report("c1"));
    return h.send(assigned("c1", "grid-g3"));
  };
  const Effects first = run(one);
  const Effects again = run(two);
  const auto told = records_of(first, OutType::reassigned);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]->topic, "caseflow.stage.grid");
  EXPECT_EQ(told[0]->key, "grid-g1");
  EXPECT_EQ(told[0]->id.rfind("c1-", 0), 0u);
  // Every record of the step has its own id.
  for (const Record& r : first.records) {
    if (&r == told[0]) continue;
    EXPECT_NE(r.id, told[0]->id);
  }
  const auto replayed = records_of(again, OutType::reassigned);
  ASSERT_EQ(replayed.size(), 1u);
  EXPECT_EQ(replayed[0]->id, told[0]->id);
  EXPECT_EQ(replayed[0]->value, told[0]->value);
}

TEST(Reassigned, AUnitsOwnReturnIsNotAReassignment) {
  Harness h;
  h.send(report("c1"));
  // Returned to the dispatcher, then assigned to another unit: grid-g1 asked for it.
  Effects fx = h.send(event(EventType::returned, "c1", "grid-g1"));
  EXPECT_TRUE(records_of(fx, OutType::reassigned).empty());
  fx = h.send(assigned("c1", "grid-g3"));
  EXPECT_TRUE(records_of(fx, OutType::reassigned).empty());
  // Returned with a target: the case moves at the unit's own request.
  h.send(report("c2"));
  auto ret = event(EventType::returned, "c2", "grid-g1");
  ret.grid_id = "g2";
  fx = h.send(ret);
  EXPECT_TRUE(records_of(fx, OutType::reassigned).empty());
  EXPECT_EQ(h.view("c2").unit, "grid-g2");
}

TEST(Reassigned, NoNoticeWhenTheUnitKeepsTheCaseOrNoUnitHeldIt) {
  Harness h;
  h.send(report("c1"));
  Effects fx = h.send(assigned("c1", "grid-g1"));  // the same unit again
  EXPECT_TRUE(records_of(fx, OutType::reassigned).empty());
  h.send(report("c2", "noise.unknown"));  // no workflow: the dispatcher queue
  auto a = assigned("c2", "grid-g1");
  a.workflow = "parking";
  fx = h.send(a);
  EXPECT_TRUE(records_of(fx, OutType::reassigned).empty());
  EXPECT_EQ(h.view("c2").unit, "grid-g1");
}

TEST(Reassigned, AnEscalationTellsTheLosingUnitWithEscalatedOnly) {
  Harness h;
  h.send(report("c1"));
  Effects fx = h.advance(Duration::hours(1));  // nobody signed: escalated to the community
  EXPECT_EQ(h.view("c1").stage, "community");
  const Record* e = record_on(fx, OutType::escalated, "caseflow.stage.grid");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->key, "grid-g1");
  EXPECT_TRUE(records_of(fx, OutType::reassigned).empty());
}

TEST(ClosedCaseView, ShowsTheOutcomeTheRatingAndWhenItClosed) {
  Harness h;
  h.send(report("c1"));
  EXPECT_FALSE(h.view("c1").closed_at.has_value());
  h.send(event(EventType::signed_for, "c1"));
  h.send(event(EventType::resolved, "c1"));
  h.now = h.now + Duration::hours(3);
  auto r = event(EventType::rated, "c1");
  r.solved = events::Solved::partly;
  r.satisfaction = events::Satisfaction::basically;
  h.send(r);
  const CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "closed");
  EXPECT_EQ(v.outcome, "rated");
  ASSERT_TRUE(v.closed_at.has_value());
  EXPECT_EQ(*v.closed_at, h.now);
  ASSERT_TRUE(v.rating.has_value());
  EXPECT_EQ(v.rating->solved, "partly");
  EXPECT_EQ(v.rating->satisfaction, "basically");
  EXPECT_EQ(v.rating->at, h.now);
}

TEST(ClosedCaseView, AnUnratedOrWithdrawnCaseSaysSoWithoutARating) {
  Harness h;
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.send(event(EventType::resolved, "c1"));
  h.advance(Duration::days(1));
  CaseView v = h.view("c1");
  EXPECT_EQ(v.outcome, "unrated");
  EXPECT_FALSE(v.rating.has_value());
  EXPECT_EQ(*v.closed_at, h.now);

  h.send(report("c2"));
  h.send(event(EventType::withdrawn, "c2"));
  v = h.view("c2");
  EXPECT_EQ(v.outcome, "withdrawn");
  EXPECT_EQ(*v.closed_at, h.now);
}

TEST(ClosedCaseView, TheOutcomeAndRatingSurviveTheChangelog) {
  Harness h;
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.send(event(EventType::resolved, "c1"));
  auto r = event(EventType::rated, "c1");
  r.solved = events::Solved::not_solved;
  r.satisfaction = events::Satisfaction::unsatisfied;
  h.send(r);  // reopened (max 2 reopens)
  for (int i = 0; i < 2; ++i) {
    h.send(event(EventType::signed_for, "c1"));
    h.send(event(EventType::resolved, "c1"));
    h.send(r);
  }
  const std::string bytes = h.engine.serialize_case("c1");
  Harness other;
  ASSERT_TRUE(other.engine.restore_case(bytes).ok());
  EXPECT_EQ(other.engine.serialize_case("c1"), bytes);
  const CaseView v = other.view("c1");
  EXPECT_EQ(v.outcome, "rated_bad_after_max_reopens");
  ASSERT_TRUE(v.rating.has_value());
  EXPECT_EQ(v.rating->solved, "not_solved");
  EXPECT_EQ(v.rating->satisfaction, "unsatisfied");
  EXPECT_EQ(v.closed_at, h.view("c1").closed_at);
}

}  // namespace
}  // namespace caseflow::core::testing
