// Request types (咨询/求助/投诉/建议/举报) and the limits a workflow keys on them, answered at
// intake (直办), and staged completion (阶段性办结): plan filed, approved, the resolve clock paused
// in working time until the plan's date, then resumed. Run under both routers (engine_fixture.h).
#include <gtest/gtest.h>

#include "engine/time/business_calendar.h"
#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using definition::RequestType;
using events::EventType;

class RequestTypes : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, RequestTypes, each_router(), router_name);
class AnsweredAtIntake : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, AnsweredAtIntake, each_router(), router_name);
class StagedCompletion : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, StagedCompletion, each_router(), router_name);

constexpr Span workdays(int64_t n) { return Span{Span::Unit::workdays, n}; }

// parking@1 whose grid stage keeps its sign clock and resolves in 13 workdays (warn 80%, supervise
// + escalate), 3 for a consultation and 5 for a help request: the common practice.
definition::WorkflowPtr typed_workflow() {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
  auto resolve = clock("resolve", definition::ClockStart::dispatch, workdays(13), 80, true, true);
  resolve.request_type_limits[static_cast<size_t>(RequestType::consultation)] = workdays(3);
  resolve.request_type_limits[static_cast<size_t>(RequestType::help)] = workdays(5);
  resolve.emergency_limit = hours(2);
  wf->stages[0].clocks = {clock("sign", definition::ClockStart::dispatch, hours(1), 80, true),
                          resolve};
  return wf;
}

struct TypedHarness : Harness {
  CalendarPtr cal;
  TypedHarness(RouterKind kind, CalendarPtr c = office_calendar())
      : Harness({}, {typed_workflow()}, registry(c), kind), cal(std::move(c)) {}
  static CalendarRegistryPtr registry(const CalendarPtr& c) {
    auto r = std::make_shared<MapCalendarRegistry>();
    r->add(c);
    return r;
  }
  events::CaseEvent typed(const std::string& id, RequestType type) {
    auto e = report(id);
    e.request_type = type;
    return e;
  }
  // Reported and signed at `now`.
  void working(const std::string& id, RequestType type) {
    send(typed(id, type));
    send(event(EventType::signed_for, id));
    ASSERT_EQ(view(id).status, "signed");
  }
  events::CaseEvent plan(const std::string& id, Instant until, std::string unit = "") {
    auto e = event(EventType::plan_filed, id, std::move(unit));
    e.until = until;
    e.note = "the road is rebuilt in spring";
    return e;
  }
  events::CaseEvent decide(const std::string& id, bool approved) {
    auto e = event(EventType::plan_decided, id);
    e.approved = approved;
    return e;
  }
};

std::string rejection(const Effects& fx) {
  return fx.rejections.empty() ? "" : fx.rejections[0].reason;
}

bool has(const Record* r, const std::string& text) {
  return r && r->value.find(text) != std::string::npos;
}

TEST_P(RequestTypes, AClockTakesTheLimitOfItsRequestType) {
  TypedHarness h(GetParam());
  const Instant start = h.now;
  h.send(h.typed("consult", RequestType::consultation));
  h.send(h.typed("help", RequestType::help));
  h.send(h.typed("complaint", RequestType::complaint));
  h.send(report("unsaid"));
  EXPECT_EQ(h.clock_of("consult", "resolve")->due, h.cal->deadline(start, workdays(3)));
  EXPECT_EQ(h.clock_of("help", "resolve")->due, h.cal->deadline(start, workdays(5)));
  EXPECT_EQ(h.clock_of("complaint", "resolve")->due, h.cal->deadline(start, workdays(13)));
  EXPECT_EQ(h.clock_of("unsaid", "resolve")->due, h.cal->deadline(start, workdays(13)));
  const Instant consult_due = h.clock_of("consult", "resolve")->due;
  EXPECT_LT(consult_due, h.clock_of("help", "resolve")->due);
  // The sign clock has no per-type limit: the same for all.
  const Instant sign_due = h.clock_of("consult", "sign")->due;
  EXPECT_EQ(sign_due, h.clock_of("complaint", "sign")->due);

  // An emergency still takes its own limit, whatever was asked.
  auto urgent = h.typed("emergency", RequestType::consultation);
  urgent.urgency = definition::Urgency::emergency;
  h.send(urgent);
  EXPECT_EQ(h.clock_of("emergency", "resolve")->due, h.cal->deadline(start, hours(2)));

  // The breach comes at the consultation's deadline.
  const Instant due = h.clock_of("consult", "resolve")->due;
  h.send(event(EventType::signed_for, "consult"));
  Effects fx = h.advance_to(due);
  bool breached = false;
  for (const Record* r : records_of(fx, OutType::sla_breached))
    breached = breached || (r->key == "consult" && has(r, "\"name\":\"resolve\""));
  EXPECT_TRUE(breached);
}

TEST_P(RequestTypes, TheRequestTypeIsInTheViewTheFirstRecordAndTheChangelog) {
  TypedHarness h(GetParam());
  Effects fx = h.send(h.typed("c1", RequestType::help));
  EXPECT_EQ(h.view("c1").request_type, "help");
  const Record* first = record_on(fx, OutType::updated, "caseflow.updates");
  ASSERT_NE(first, nullptr);
  EXPECT_TRUE(has(first, "\"request_type\":\"help\"")) << first->value;
  // Later records do not repeat the report.
  fx = h.send(event(EventType::signed_for, "c1"));
  EXPECT_FALSE(has(record_on(fx, OutType::updated, "caseflow.updates"), "request_type"));
  h.send(report("plain"));
  EXPECT_EQ(h.view("plain").request_type, "");

  const std::string bytes = h.engine.serialize_case("c1");
  // Format 4 is the tagged format since the history's actors; format 1 stays for a case with no
  // section at all (a case restored from format 1 and not changed since).
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), 4) << "a typed case needs the tagged format";
  TypedHarness other(GetParam());
  ASSERT_TRUE(other.engine.restore_case(bytes).ok());
  EXPECT_EQ(other.view("c1").request_type, "help");
  EXPECT_EQ(other.engine.serialize_case("c1"), bytes);
}

TEST_P(RequestTypes, AWorkflowMayMatchOnRequestTypes) {
  auto consult = std::make_shared<definition::Workflow>(*parking_workflow());
  consult->name = "consult";
  consult->content_hash = 77;
  consult->match.request_types = {RequestType::consultation, RequestType::help};
  Harness h = harness({}, {parking_workflow(), consult});
  h.send(report("untyped"));
  auto typed = report("typed");
  typed.request_type = RequestType::help;
  h.send(typed);
  auto complaint = report("complaint");
  complaint.request_type = RequestType::complaint;
  h.send(complaint);
  EXPECT_EQ(h.view("untyped").workflow, "parking@1");
  EXPECT_EQ(h.view("typed").workflow, "consult@1");
  EXPECT_EQ(h.view("complaint").workflow, "parking@1");
}

TEST_P(AnsweredAtIntake, ClosesAtOnceAndIsNeverDispatched) {
  TypedHarness h(GetParam());
  auto e = h.typed("c1", RequestType::consultation);
  e.answered_at_intake = true;
  e.note = "parking is free after 19:00 on this street";
  Effects fx = h.send(e);
  EXPECT_TRUE(fx.rejections.empty());
  EXPECT_TRUE(records_of(fx, OutType::dispatched).empty());
  EXPECT_TRUE(records_of(fx, OutType::unrouted).empty());
  ASSERT_EQ(records_of(fx, OutType::updated).size(), 1u);
  const Record* updated = records_of(fx, OutType::updated)[0];
  EXPECT_TRUE(has(updated, "\"change\":\"answered_at_intake\""));
  EXPECT_TRUE(has(updated, "\"note\":\"parking is free after 19:00 on this street\""));
  EXPECT_TRUE(has(updated, "\"request_type\":\"consultation\"")) << "the first record: the report";
  ASSERT_EQ(records_of(fx, OutType::closed).size(), 1u);  // on the updates topic only: no unit
  const Record* closed = records_of(fx, OutType::closed)[0];
  EXPECT_EQ(closed->topic, "caseflow.updates");
  EXPECT_TRUE(has(closed, "\"outcome\":\"answered_at_intake\""));
  EXPECT_TRUE(has(closed, "\"assessment\":{\"answered_at_intake\":true}")) << closed->value;
  EXPECT_EQ(metric_sum(fx, metric::kAnsweredAtIntake), 1);
  for (const auto& m : fx.metrics)
    if (m.name == metric::kAnsweredAtIntake) {
      EXPECT_EQ(m.labels[0].value, "parking");
    }
  EXPECT_EQ(metric_sum(fx, metric::kDispatched), 0);
  EXPECT_EQ(metric_sum(fx, metric::kCasesOpen), 0) << "it never entered a stage";

  const CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "closed");
  EXPECT_EQ(v.outcome, "answered_at_intake");
  EXPECT_EQ(v.unit, "");
  EXPECT_TRUE(v.clocks.empty());
  ASSERT_EQ(v.history.size(), 3u);
  EXPECT_EQ(v.history[0].what, "reported");
  EXPECT_EQ(v.history[1].what, "answered_at_intake");
  EXPECT_EQ(v.history[2].what, "closed");
  EXPECT_EQ(h.engine.open_case_count(), 0u);
  EXPECT_EQ(rejection(h.send(event(EventType::signed_for, "c1"))), "case_closed");
  // Nothing fires but its retirement.
  fx = h.advance(Duration::days(30));
  EXPECT_EQ(fx.records.size(), 1u);
  EXPECT_EQ(records_of(fx, OutType::archived).size(), 1u);
}

TEST_P(AnsweredAtIntake, ACaseNoWorkflowTakesStillClosesInsteadOfWaitingForTheDispatcher) {
  Harness h = harness();
  auto e = report("c1", "noise.night");
  e.answered_at_intake = true;
  e.note = "quiet hours are 22:00 to 06:00";
  Effects fx = h.send(e);
  EXPECT_TRUE(records_of(fx, OutType::unrouted).empty());
  EXPECT_EQ(h.view("c1").outcome, "answered_at_intake");
  for (const auto& m : fx.metrics)
    if (m.name == metric::kAnsweredAtIntake) {
      EXPECT_EQ(m.labels[0].value, "none");
    }
}

TEST_P(StagedCompletion, AnApprovedPlanPausesTheResolveClockUntilItsDateThenResumesIt) {
  TypedHarness h(GetParam());
  h.working("c1", RequestType::consultation);  // Monday 2026-03-02 09:00; resolve: 3 workdays
  const ClockView before = *h.clock_of("c1", "resolve");

  h.now = at("2026-03-02T10:00:00+08:00");
  const Instant until = at("2026-03-16T10:00:00+08:00");  // two weeks on, a Monday
  Effects fx = h.send(h.plan("c1", until));
  ASSERT_TRUE(fx.rejections.empty()) << rejection(fx);
  const Record* filed = record_on(fx, OutType::updated, "caseflow.updates");
  EXPECT_TRUE(has(filed, "\"change\":\"plan_filed\""));
  // A grid stage's unit counts under its community's unit.
  EXPECT_TRUE(has(filed, "\"assessment\":{\"plan\":{\"unit\":\"" + h.units.community("c1") +
                             "\",\"step\":\"filed\",\"until\":\"2026-03-16T10:00:00"))
      << filed->value;
  // Filed: waiting for approval, the clocks keep running.
  EXPECT_EQ(h.view("c1").status, "signed");
  ASSERT_TRUE(h.view("c1").plan.has_value());
  EXPECT_EQ(h.view("c1").plan->state, "filed");
  EXPECT_FALSE(h.clock_of("c1", "resolve")->paused);

  const Instant paused_at = at("2026-03-02T11:00:00+08:00");
  h.now = paused_at;
  const Duration left = h.cal->working_time_between(paused_at, before.due);
  fx = h.send(h.decide("c1", true));
  ASSERT_TRUE(fx.rejections.empty()) << rejection(fx);
  EXPECT_TRUE(has(record_on(fx, OutType::updated, "caseflow.updates"), "\"step\":\"approved\""));
  EXPECT_NE(record_on(fx, OutType::updated, "caseflow.stage.grid"), nullptr) << "the unit hears";
  CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "staged");
  EXPECT_EQ(v.plan->state, "approved");
  EXPECT_EQ(v.plan->until, until);
  EXPECT_TRUE(h.clock_of("c1", "resolve")->paused);

  // Its deadline passes while staged: nothing fires.
  fx = h.advance_to(until - Duration::millis(1));
  EXPECT_TRUE(fx.records.empty());
  EXPECT_EQ(h.view("c1").status, "staged");
  // Work goes on only by resolving it: signing and progress are refused.
  EXPECT_EQ(rejection(h.send(event(EventType::progress, "c1"))), "not_allowed_in_state");

  // The date: back in progress, the clock resumed with the working time it had left.
  fx = h.advance_to(until);
  const Record* due = record_on(fx, OutType::updated, "caseflow.updates");
  ASSERT_NE(due, nullptr);
  EXPECT_TRUE(has(due, "\"change\":\"plan_due\""));
  EXPECT_TRUE(has(due, "\"status\":\"in_progress\""));
  EXPECT_TRUE(has(due, "\"step\":\"due\""));
  EXPECT_NE(record_on(fx, OutType::updated, "caseflow.stage.grid"), nullptr);
  EXPECT_EQ(fx.changelog.size(), 1u);
  v = h.view("c1");
  EXPECT_EQ(v.status, "in_progress");
  EXPECT_FALSE(v.plan.has_value());
  const ClockView after = *h.clock_of("c1", "resolve");
  EXPECT_FALSE(after.paused);
  EXPECT_EQ(h.cal->working_time_between(until, after.due), left);
  EXPECT_GT(after.due, until);
  std::vector<std::string> steps;
  for (const auto& e : v.history) steps.push_back(e.what);
  EXPECT_NE(std::find(steps.begin(), steps.end(), "plan_approved"), steps.end());
  EXPECT_EQ(steps.back(), "plan_due");

  // And it breaches at the resumed deadline, not before.
  fx = h.advance_to(after.due - Duration::millis(1));
  EXPECT_TRUE(records_of(fx, OutType::sla_breached).empty());
  fx = h.advance_to(after.due);
  EXPECT_EQ(records_of(fx, OutType::sla_breached).size(), 1u);
}

TEST_P(StagedCompletion, ARefusedPlanLeavesTheCaseAsItWas) {
  TypedHarness h(GetParam());
  h.working("c1", RequestType::complaint);
  h.send(h.plan("c1", h.now + Duration::days(10)));
  Effects fx = h.send(h.decide("c1", false));
  ASSERT_TRUE(fx.rejections.empty());
  const Record* r = record_on(fx, OutType::updated, "caseflow.updates");
  EXPECT_TRUE(has(r, "\"change\":\"plan_refused\""));
  EXPECT_TRUE(has(r, "\"step\":\"refused\""));
  const CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "signed");
  EXPECT_FALSE(v.plan.has_value());
  EXPECT_FALSE(h.clock_of("c1", "resolve")->paused);
  // A new plan may be filed after a refusal.
  EXPECT_TRUE(h.send(h.plan("c1", h.now + Duration::days(5))).rejections.empty());
}

TEST_P(StagedCompletion, PlansThatDoNotFitAreRefused) {
  TypedHarness h(GetParam());
  h.send(h.typed("c1", RequestType::complaint));
  const Instant later = h.now + Duration::days(10);
  // Not signed yet: a plan is for a unit working the case.
  EXPECT_EQ(rejection(h.send(h.plan("c1", later))), "not_allowed_in_state");
  h.send(event(EventType::signed_for, "c1"));
  EXPECT_EQ(rejection(h.send(h.plan("c1", later, "someone-else"))), "not_assignee");
  EXPECT_EQ(rejection(h.send(h.plan("c1", h.now))), "bad_data") << "until must be in the future";
  auto no_note = h.plan("c1", later);
  no_note.note.clear();
  EXPECT_EQ(rejection(h.send(no_note)), "bad_data");
  EXPECT_EQ(rejection(h.send(h.decide("c1", true))), "not_allowed_in_state") << "no plan";
  EXPECT_TRUE(h.send(h.plan("c1", later, h.units.grid("g1"))).rejections.empty());
  EXPECT_EQ(rejection(h.send(h.plan("c1", later))), "not_allowed_in_state") << "one at a time";
  EXPECT_TRUE(h.send(h.decide("c1", true)).rejections.empty());
  EXPECT_EQ(rejection(h.send(h.decide("c1", true))), "not_allowed_in_state") << "decided";
  EXPECT_EQ(rejection(h.send(h.plan("c1", later))), "not_allowed_in_state") << "staged";

  // Approving a plan whose date has passed is refused; refusing it is not.
  TypedHarness late(GetParam());
  late.working("c2", RequestType::help);
  late.send(late.plan("c2", late.now + Duration::hours(1)));
  late.now = late.now + Duration::hours(2);
  EXPECT_EQ(rejection(late.send(late.decide("c2", true))), "bad_data");
  EXPECT_TRUE(late.send(late.decide("c2", false)).rejections.empty());
}

TEST_P(StagedCompletion, AStagedCaseMayBeResolvedBeforeItsDateAndTheTimerIsThenStale) {
  TypedHarness h(GetParam());
  h.working("c1", RequestType::help);
  const Instant until = h.now + Duration::days(7);
  h.send(h.plan("c1", until));
  h.send(h.decide("c1", true));
  h.now = h.now + Duration::days(1);
  Effects fx = h.send(event(EventType::resolved, "c1"));
  ASSERT_TRUE(fx.rejections.empty()) << rejection(fx);
  EXPECT_EQ(h.view("c1").status, "resolved");
  EXPECT_FALSE(h.view("c1").plan.has_value());
  auto rate = event(EventType::rated, "c1");
  h.send(rate);
  fx = h.advance_to(until);
  for (const Record* r : records_of(fx, OutType::updated))
    EXPECT_FALSE(has(r, "plan_due")) << r->value;
}

TEST_P(StagedCompletion, ReplayAndRestoreGiveTheSameBytes) {
  const Instant until = at("2026-03-11T15:30:00+08:00");
  auto run = [&](TypedHarness& h) {
    std::vector<std::string> out;
    auto keep = [&](const Effects& fx) {
      for (const Record& r : fx.records) out.push_back(std::string(r.topic) + " " + r.value);
      for (const ChangelogEntry& c : fx.changelog) out.push_back(c.state);
    };
    h.send(h.typed("c1", RequestType::help));
    keep(h.send(event(EventType::signed_for, "c1")));
    h.now = at("2026-03-02T14:00:00+08:00");
    keep(h.send(h.plan("c1", until)));
    keep(h.send(h.decide("c1", true)));
    keep(h.advance_to(at("2026-03-20T09:00:00+08:00")));
    return out;
  };
  TypedHarness a(GetParam());
  TypedHarness b(GetParam());
  const auto first = run(a);
  EXPECT_EQ(first, run(b));

  // A staged case restored from its changelog bytes comes back at the same date, the same way.
  TypedHarness c(GetParam());
  c.working("c1", RequestType::help);
  c.now = at("2026-03-02T14:00:00+08:00");
  c.send(c.plan("c1", until));
  c.send(c.decide("c1", true));
  const std::string staged = c.engine.serialize_case("c1");
  TypedHarness d(GetParam());
  d.now = c.now;
  ASSERT_TRUE(d.engine.restore_case(staged).ok());
  EXPECT_EQ(d.view("c1").status, "staged");
  EXPECT_EQ(d.engine.serialize_case("c1"), staged);
  Effects from_c = c.advance_to(until + Duration::hours(1));
  Effects from_d = d.advance_to(until + Duration::hours(1));
  EXPECT_FALSE(from_c.records.empty());
  ASSERT_EQ(from_c.records.size(), from_d.records.size());
  for (size_t i = 0; i < from_c.records.size(); ++i)
    EXPECT_EQ(from_c.records[i].value, from_d.records[i].value);
  EXPECT_EQ(c.engine.serialize_case("c1"), d.engine.serialize_case("c1"));
  EXPECT_EQ(d.view("c1").status, "in_progress");
}

}  // namespace
}  // namespace caseflow::core::testing
