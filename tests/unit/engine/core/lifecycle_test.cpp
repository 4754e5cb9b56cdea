// The case lifecycle: sign, contact, progress, returns, extensions, assists, resolve, revisit,
// reopen, withdraw, merge — and refusals that change nothing. Each test runs under the test double
// router and under the router production uses (engine_fixture.h).
#include <gtest/gtest.h>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;

class Lifecycle : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, Lifecycle, each_router(), router_name);

TEST_P(Lifecycle, HappyPathFromReportToClosed) {
  Harness h = harness();
  h.send(report("c1"));
  h.now = h.now + Duration::minutes(10);
  Effects fx = h.send(event(EventType::signed_for, "c1", h.units.grid("g1")));
  EXPECT_EQ(h.view("c1").status, "signed");
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 0);  // signing is not the response yet
  // the sign clock is met; the resolve clock runs on
  ASSERT_EQ(h.view("c1").clocks.size(), 1u);
  EXPECT_EQ(h.view("c1").clocks[0].name, "resolve");
  fx = h.send(event(EventType::contacted, "c1", h.units.grid("g1")));
  EXPECT_EQ(h.view("c1").status, "contacted");
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 1);
  EXPECT_EQ(metric_sum(fx, metric::kResponseOnTime), 1);
  h.send(event(EventType::progress, "c1", h.units.grid("g1")));
  EXPECT_EQ(h.view("c1").status, "in_progress");
  h.send(event(EventType::resolved, "c1", h.units.grid("g1")));
  EXPECT_EQ(h.view("c1").status, "resolved");
  ASSERT_EQ(h.view("c1").clocks.size(), 1u);
  EXPECT_EQ(h.view("c1").clocks[0].name, "revisit");
  h.send(event(EventType::progress, "c1"));  // the revisit call is under way
  EXPECT_EQ(h.view("c1").status, "revisit");
  fx = h.send(rated("c1", events::Solved::solved, events::Satisfaction::satisfied));
  EXPECT_EQ(h.view("c1").status, "closed");
  EXPECT_TRUE(h.view("c1").clocks.empty());
  const Record* closed = record_on(fx, OutType::closed, "caseflow.updates");
  ASSERT_NE(closed, nullptr);
  EXPECT_NE(closed->value.find("\"outcome\":\"rated\""), std::string::npos);
  EXPECT_EQ(metric_sum(fx, metric::kRatedCases), 1);
  expect_refused(h, event(EventType::progress, "c1"), "case_closed");
  EXPECT_EQ(h.engine.open_case_count(), 0u);
}

TEST_P(Lifecycle, EventsThatDoNotFitTheStateAreRefused) {
  Harness h = harness();
  h.send(report("c1"));
  expect_refused(h, event(EventType::contacted, "c1"), "not_allowed_in_state");
  expect_refused(h, event(EventType::resolved, "c1"), "not_allowed_in_state");
  expect_refused(h, rated("c1", events::Solved::solved, events::Satisfaction::satisfied),
                 "not_allowed_in_state");
  expect_refused(h, event(EventType::signed_for, "c1", h.units.grid("g2")), "not_assignee");
  h.send(event(EventType::signed_for, "c1"));
  expect_refused(h, event(EventType::signed_for, "c1"), "not_allowed_in_state");
}

TEST_P(Lifecycle, AReturnWithTheRightGridGoesThereAndTimeFromDispatchKeepsRunning) {
  Harness h = harness();
  h.send(report("c1"));
  const Instant first_dispatch = h.now;
  h.now = h.now + Duration::minutes(20);
  auto ret = event(EventType::returned, "c1", h.units.grid("g1"));
  ret.grid_id = "g2";
  Effects fx = h.send(ret);
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, h.units.grid("g2"));
  // The new unit sees who returned it.
  EXPECT_NE(
      d->value.find("\"previous\":{\"stage\":\"grid\",\"unit\":\"" + h.units.grid("g1") + "\"}"),
      std::string::npos);
  const CaseView v = h.view("c1");
  EXPECT_EQ(v.unit, h.units.grid("g2"));
  EXPECT_EQ(v.returns_at_stage, 1);
  EXPECT_EQ(v.stage_dispatched_at, first_dispatch);        // delays in signing stay visible
  EXPECT_EQ(v.clocks[0].due, h.now + Duration::hours(1));  // the new unit gets its own clock
  h.now = h.now + Duration::minutes(10);
  fx = h.send(event(EventType::signed_for, "c1"));
  EXPECT_EQ(metric_sum(fx, metric::kTimeToSign), 30 * 60);
}

TEST_P(Lifecycle, AReturnLoopEndsAtTheFallbackOwnerWhoCannotReturnIt) {
  Harness h = harness();
  h.send(report("c1"));
  auto ret = event(EventType::returned, "c1");
  ret.grid_id = "g2";
  h.send(ret);
  ret.grid_id = "g1";
  Effects fx = h.send(ret);  // second return: max_returns = 2 reached
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "street-fallback");
  EXPECT_NE(d->value.find("\"forced\":true"), std::string::npos);
  EXPECT_EQ(h.view("c1").unit, "street-fallback");
  expect_refused(h, ret, "first_receiver");
}

TEST_P(Lifecycle, OnceSignedACaseCannotBeReturned) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  expect_refused(h, event(EventType::returned, "c1"), "not_allowed_in_state");
}

TEST_P(Lifecycle, AReturnWithoutATargetWaitsForTheDispatcherWithPausedClocks) {
  Harness h = harness();
  h.send(report("c1"));
  h.now = h.now + Duration::minutes(30);
  Effects fx = h.send(event(EventType::returned, "c1"));
  ASSERT_NE(record_on(fx, OutType::unrouted, "caseflow.dispatcher"), nullptr);
  CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "received");
  EXPECT_TRUE(v.clocks[0].paused);
  // A paused clock does not fire.
  fx = h.advance(Duration::hours(2));
  EXPECT_TRUE(records_of(fx, OutType::sla_breached).empty());
  // The dispatcher gives it back to the same unit: the clock goes on with 30 minutes left.
  auto a = event(EventType::assigned, "c1", h.units.grid("g1"));
  h.send(a);
  v = h.view("c1");
  EXPECT_EQ(v.status, "dispatched");
  EXPECT_FALSE(v.clocks[0].paused);
  EXPECT_EQ(v.clocks[0].due, h.now + Duration::minutes(30));
  fx = h.advance(Duration::minutes(30));
  EXPECT_EQ(records_of(fx, OutType::sla_breached).size(), 1u);
}

TEST_P(Lifecycle, AnotherUnitAssignedByTheDispatcherGetsFreshClocks) {
  Harness h = harness();
  h.send(report("c1"));
  h.now = h.now + Duration::minutes(30);
  h.send(event(EventType::returned, "c1"));
  h.send(event(EventType::assigned, "c1", h.units.grid("g3")));
  const CaseView v = h.view("c1");
  EXPECT_EQ(v.unit, h.units.grid("g3"));
  EXPECT_EQ(v.clocks[0].due, h.now + Duration::hours(1));
}

TEST_P(Lifecycle, AnApprovedExtensionMovesTheDeadlineAndKeepsTheOriginal) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  const Instant original = h.clock_of("c1", "resolve")->due;
  auto ask = event(EventType::extension_requested, "c1");
  ask.extend_by = "3d";
  expect_refused(h, ask, "extension_too_long");  // at most 2d
  ask.extend_by = "1d";
  h.send(ask);
  EXPECT_EQ(h.view("c1").status, "extension_requested");
  auto decide = event(EventType::extension_decided, "c1");
  decide.approved = true;
  h.send(decide);
  const ClockView* resolve = h.clock_of("c1", "resolve");
  EXPECT_EQ(resolve->due, original + Duration::days(1));
  EXPECT_EQ(resolve->original_due, original);
  const CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "signed");
  ASSERT_EQ(v.extensions.size(), 1u);
  EXPECT_EQ(v.extensions[0].state, "approved");
  EXPECT_EQ(v.extensions[0].due_before, original);
  // One extension per stage.
  expect_refused(h, ask, "too_many_extensions");
  // The old deadline passes quietly; the new one breaches.
  Effects fx = h.advance_to(original + Duration::minutes(1));
  EXPECT_TRUE(records_of(fx, OutType::sla_breached).empty());
  fx = h.advance_to(original + Duration::days(1));
  EXPECT_EQ(records_of(fx, OutType::sla_breached).size(), 1u);
}

TEST_P(Lifecycle, ARefusedExtensionLeavesTheDeadline) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  const Instant original = h.clock_of("c1", "resolve")->due;
  auto ask = event(EventType::extension_requested, "c1");
  ask.extend_by = "1d";
  h.send(ask);
  expect_refused(h, ask, "not_allowed_in_state");  // one pending at a time
  auto decide = event(EventType::extension_decided, "c1");
  decide.approved = false;
  h.send(decide);
  EXPECT_EQ(h.clock_of("c1", "resolve")->due, original);
  EXPECT_EQ(h.view("c1").extensions[0].state, "refused");
}

TEST_P(Lifecycle, AnExtensionMustBeAskedBeforeTheDeadline) {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
  wf->stages[0].clocks[1].on_breach.escalate = false;  // resolve breach: supervise only
  Harness h = harness({}, {wf});
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.advance(Duration::days(3));
  EXPECT_TRUE(h.clock_of("c1", "resolve")->breached);
  auto ask = event(EventType::extension_requested, "c1");
  ask.extend_by = "1d";
  expect_refused(h, ask, "deadline_passed");
}

// Moves c1 to the street stage (which may summon assists) and signs it there.
void to_street(Harness& h) {
  h.send(report("c1"));
  h.advance(Duration::hours(1));  // grid sign breach -> community
  h.advance(Duration::hours(1));  // community sign breach -> street
  ASSERT_EQ(h.view("c1").stage, "street");
  h.send(event(EventType::signed_for, "c1", h.units.street("s1")));
}

TEST_P(Lifecycle, AssistingUnitsAreSummonedAndMustFinishBeforeTheCaseIsResolved) {
  Harness h = harness();
  to_street(h);
  auto whistle = event(EventType::assist_requested, "c1", h.units.street("s1"));
  whistle.department = "public_security";
  expect_refused(h, whistle, "department_not_allowed");
  whistle.department = "transport";
  Effects fx = h.send(whistle);
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.dept.transport");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, h.units.department("transport"));
  EXPECT_NE(d->value.find("\"role\":\"assist\""), std::string::npos);
  expect_refused(h, whistle, "already_assisting");
  expect_refused(h, event(EventType::resolved, "c1"), "assists_open");

  auto report_in = event(EventType::assist_reported, "c1");
  report_in.department = "transport";
  h.send(report_in);
  EXPECT_EQ(h.view("c1").assists[0].status, "reported");
  EXPECT_NE(h.clock_of("c1", "assist_resolve"), nullptr);
  EXPECT_EQ(h.clock_of("c1", "assist_report"), nullptr);
  expect_refused(h, event(EventType::resolved, "c1"), "assists_open");
  report_in.assist_step = events::AssistStep::done;
  h.send(report_in);
  EXPECT_EQ(h.view("c1").assists[0].status, "done");
  EXPECT_TRUE(h.send(event(EventType::resolved, "c1")).rejections.empty());
}

TEST_P(Lifecycle, AnAssistThatDoesNotReportIsSupervised) {
  Harness h = harness();
  to_street(h);
  auto whistle = event(EventType::assist_requested, "c1");
  whistle.department = "housing";
  h.send(whistle);
  const Instant summoned = h.now;
  Effects fx = h.advance_to(summoned + Duration::hours(2));
  const Record* sup = record_on(fx, OutType::supervised, "caseflow.alerts");
  ASSERT_NE(sup, nullptr);
  EXPECT_NE(sup->value.find("\"supervised_unit\":\"" + h.units.department("housing") + "\""),
            std::string::npos);
  EXPECT_NE(record_on(fx, OutType::supervised, "caseflow.dept.housing"), nullptr);
}

TEST_P(Lifecycle, ALeadMayResolveAloneWhenTheWorkflowSaysSo) {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
  wf->stages[2].assists.lead_may_resolve_alone = true;
  Harness h = harness({}, {wf});
  to_street(h);
  auto whistle = event(EventType::assist_requested, "c1");
  whistle.department = "housing";
  h.send(whistle);
  EXPECT_TRUE(h.send(event(EventType::resolved, "c1")).rejections.empty());
}

TEST_P(Lifecycle, AnUnsatisfiedRatingReopensAtTheResolvingStageWithFreshClocks) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.now = h.now + Duration::hours(5);
  h.send(event(EventType::resolved, "c1"));
  Effects fx = h.send(rated("c1", events::Solved::partly, events::Satisfaction::unsatisfied));
  CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "reopened");
  EXPECT_EQ(v.stage, "grid");
  EXPECT_EQ(v.unit, h.units.grid("g1"));
  EXPECT_EQ(v.reopens, 1);
  ASSERT_EQ(v.clocks.size(), 2u);
  EXPECT_EQ(v.clocks[0].started_at, h.now);
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->value.find("\"reason\":\"reopened\""), std::string::npos);
  // second bad rating reopens again; the third closes (max_reopens = 2)
  for (int i = 0; i < 2; ++i) {
    h.send(event(EventType::signed_for, "c1"));
    h.send(event(EventType::resolved, "c1"));
    fx = h.send(rated("c1", events::Solved::not_solved, events::Satisfaction::no_answer));
  }
  v = h.view("c1");
  EXPECT_EQ(v.status, "closed");
  EXPECT_EQ(v.reopens, 2);
  const Record* closed = record_on(fx, OutType::closed, "caseflow.updates");
  ASSERT_NE(closed, nullptr);
  EXPECT_NE(closed->value.find("rated_bad_after_max_reopens"), std::string::npos);
}

TEST_P(Lifecycle, NoRatingWithinTheRevisitClockClosesAsUnrated) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.send(event(EventType::resolved, "c1"));
  Effects fx = h.advance(Duration::days(1));
  EXPECT_EQ(h.view("c1").status, "closed");
  const Record* closed = record_on(fx, OutType::closed, "caseflow.updates");
  ASSERT_NE(closed, nullptr);
  EXPECT_NE(closed->value.find("\"outcome\":\"unrated\""), std::string::npos);
}

TEST_P(Lifecycle, WithdrawnAndMergedCasesAreTerminal) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(report("c2"));
  auto w = event(EventType::withdrawn, "c1");
  Effects fx = h.send(w);
  EXPECT_EQ(h.view("c1").status, "withdrawn");
  EXPECT_TRUE(h.view("c1").clocks.empty());
  EXPECT_NE(record_on(fx, OutType::closed, "caseflow.stage.grid"), nullptr);  // the unit hears
  expect_refused(h, w, "case_closed");

  auto m = event(EventType::merged, "c2");
  m.merged_into = "c2";
  expect_refused(h, m, "bad_data");
  m.merged_into = "c1";  // withdrawn: refused by c1, so c2 stays open
  h.settle(h.send(m));
  EXPECT_EQ(h.view("c2").status, "dispatched");
  h.send(report("c0"));
  m.merged_into = "c0";
  h.settle(h.send(m));
  EXPECT_EQ(h.view("c2").status, "merged");
  EXPECT_EQ(h.view("c2").merged_into, "c0");
  h.send(event(EventType::withdrawn, "c0"));
  // Nothing fires for terminal cases but their retirement from memory.
  Effects later = h.advance(Duration::days(10));
  EXPECT_EQ(records_of(later, OutType::archived).size(), later.records.size());
  EXPECT_EQ(later.records.size(), 3u);
}

}  // namespace
}  // namespace caseflow::core::testing
