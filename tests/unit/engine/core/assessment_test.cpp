// The assessment facts the engine writes into `data.assessment` and the live counters it counts at
// the same moments (docs/assessment.md, docs/events.md "The assessment's facts"). Each test runs
// under the test double router and under the one production uses (engine_fixture.h).
#include <gtest/gtest.h>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using definition::ClockStart;
using events::EventType;

class AssessmentCounting : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, AssessmentCounting, each_router(), router_name);

// parking@1 whose grid stage has a sign (1h), a contact (2h from dispatch) and a resolve clock,
// none escalating: a late unit keeps the case.
definition::WorkflowPtr contact_workflow() {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
  wf->stages[0].clocks = {clock("sign", ClockStart::dispatch, hours(1), 0, false, true),
                          clock("contact", ClockStart::dispatch, hours(2), 0, false, true),
                          clock("resolve", ClockStart::dispatch, days(3), 0, false, true)};
  return wf;
}

// parking@1 whose grid stage has only a resolve clock.
definition::WorkflowPtr resolve_only_workflow() {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
  wf->stages[0].clocks = {clock("resolve", ClockStart::dispatch, days(3), 0, false, true)};
  return wf;
}

// The `data.assessment` text of the records of `type` on caseflow.updates, in order ("" for a
// record without one).
std::vector<std::string> facts_of(const Effects& fx, OutType type = OutType::updated) {
  std::vector<std::string> out;
  for (const Record& r : fx.records) {
    if (r.type != type || r.topic != "caseflow.updates") continue;
    const size_t at = r.value.find("\"assessment\":");
    if (at == std::string::npos) {
      out.emplace_back();
      continue;
    }
    // The object runs to its matching brace (no string in it holds a brace).
    size_t depth = 0, end = at + 13;
    for (; end < r.value.size(); ++end) {
      if (r.value[end] == '{') ++depth;
      if (r.value[end] == '}' && --depth == 0) break;
    }
    out.push_back(r.value.substr(at + 13, end - at - 12));
  }
  return out;
}

std::string response(const std::string& unit, const std::string& stage, bool on_time) {
  return R"({"response":{"unit":")" + unit + R"(","stage":")" + stage + R"(","on_time":)" +
         (on_time ? "true" : "false") + "}}";
}

// The label values of the observations of `name`, "street/unit" each.
std::vector<std::string> labels_of(const Effects& fx, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& m : fx.metrics) {
    if (m.name != name) continue;
    std::string l;
    for (size_t i = 0; i < m.label_count; ++i) l += (i ? "/" : "") + std::string(m.labels[i].value);
    out.push_back(l);
  }
  return out;
}

TEST_P(AssessmentCounting, OnTimeOnlyWhenSignAndContactAreBothWithinTheirLimits) {
  Harness h = harness({}, {contact_workflow()});
  const std::string grid = h.units.grid("g1"), community = h.units.community("c1");
  // In time on both: the contact is the deciding moment, counted under the community.
  h.send(report("both"));
  h.now = h.now + Duration::minutes(10);
  Effects fx = h.send(event(EventType::signed_for, "both", grid));
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{""});
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 0);
  fx = h.send(event(EventType::contacted, "both", grid));
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{response(community, "grid", true)});
  EXPECT_EQ(labels_of(fx, metric::kResponseAssessed), std::vector<std::string>{"s1/" + community});
  EXPECT_EQ(labels_of(fx, metric::kResponseOnTime), std::vector<std::string>{"s1/" + community});
  // Later progress is no second fact.
  fx = h.send(event(EventType::progress, "both", grid));
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{""});
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 0);

  // Signed late (the sign clock breached at 1h), contacted in time: not on time.
  h.send(report("late-sign"));
  h.advance(Duration::minutes(70));
  h.send(event(EventType::signed_for, "late-sign", grid));
  fx = h.send(event(EventType::progress, "late-sign", grid));  // a first progress is the contact
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{response(community, "grid", false)});
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 1);
  EXPECT_EQ(metric_sum(fx, metric::kResponseOnTime), 0);

  // Signed in time, contacted after the contact limit: not on time either.
  h.send(report("late-contact"));
  h.send(event(EventType::signed_for, "late-contact", grid));
  h.advance(Duration::minutes(150));
  fx = h.send(event(EventType::contacted, "late-contact", grid));
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{response(community, "grid", false)});
  EXPECT_EQ(metric_sum(fx, metric::kResponseOnTime), 0);
}

TEST_P(AssessmentCounting, AReturnBeforeSigningIsNotOnTimeAndNamesTheReturningUnit) {
  Harness h = harness({}, {contact_workflow()});
  const std::string community = h.units.community("c1");
  h.send(report("c1"));
  auto back = event(EventType::returned, "c1", h.units.grid("g1"));
  back.reason = "not ours";
  back.grid_id = "g3";  // the site is in g3, community c2
  Effects fx = h.send(back);
  const std::vector<std::string> facts = facts_of(fx);
  ASSERT_EQ(facts.size(), 2u);  // the return, then the dispatch to g3
  const std::string returned = response(community, "grid", false);
  EXPECT_EQ(facts[0],
            returned.substr(0, returned.size() - 1) + R"(,"returned_by":")" + community + "\"}");
  EXPECT_EQ(facts[1], "");
  const Record* update = record_on(fx, OutType::updated, "caseflow.updates");
  ASSERT_NE(update, nullptr);
  EXPECT_NE(update->value.find(R"("change":"returned")"), std::string::npos);
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 1);
  EXPECT_EQ(metric_sum(fx, metric::kResponseOnTime), 0);
  // g3's community holds it now and owes its own response.
  h.send(event(EventType::signed_for, "c1", h.units.grid("g3")));
  fx = h.send(event(EventType::contacted, "c1", h.units.grid("g3")));
  EXPECT_EQ(facts_of(fx),
            std::vector<std::string>{response(h.units.community("c2"), "grid", true)});
}

TEST_P(AssessmentCounting, AReopenedCaseCountsOnceAtItsCloseWithTheFinalRating) {
  Harness h = harness();
  const std::string grid = h.units.grid("g1"), community = h.units.community("c1");
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1", grid));
  h.send(event(EventType::resolved, "c1", grid));
  Effects fx = h.send(rated("c1", events::Solved::not_solved, events::Satisfaction::unsatisfied));
  EXPECT_EQ(h.view("c1").status, "reopened");
  EXPECT_EQ(metric_sum(fx, metric::kRatedCases), 0);
  EXPECT_TRUE(records_of(fx, OutType::closed).empty());
  h.send(event(EventType::signed_for, "c1", grid));
  fx = h.send(event(EventType::contacted, "c1", grid));
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{""}) << "one response per case and unit";
  h.send(event(EventType::resolved, "c1", grid));
  fx = h.send(rated("c1", events::Solved::partly, events::Satisfaction::basically));
  EXPECT_EQ(h.view("c1").status, "closed");
  EXPECT_EQ(facts_of(fx, OutType::closed),
            std::vector<std::string>{R"({"rating":{"unit":")" + community +
                                     R"(","solved":"partly","satisfaction":"basically"}})"});
  EXPECT_EQ(labels_of(fx, metric::kRatedCases),
            std::vector<std::string>{"s1/" + community + "/partly/basically"});
  EXPECT_EQ(metric_sum(fx, metric::kUnratedCases), 0);
}

TEST_P(AssessmentCounting, ACaseNobodyRatesClosesUnratedAndIsCounted) {
  Harness h = harness();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.send(event(EventType::resolved, "c1"));
  Effects fx = h.advance(Duration::days(2));
  EXPECT_EQ(h.view("c1").outcome, "unrated");
  EXPECT_EQ(facts_of(fx, OutType::closed),
            std::vector<std::string>{R"({"unrated":{"unit":")" + h.units.community("c1") + "\"}}"});
  EXPECT_EQ(labels_of(fx, metric::kUnratedCases),
            std::vector<std::string>{"s1/" + h.units.community("c1")});
  EXPECT_EQ(metric_sum(fx, metric::kRatedCases), 0);
}

TEST_P(AssessmentCounting, AGridStageAndItsCommunityStageShareOneLabelValue) {
  Harness h = harness();  // parking@1: an unsigned grid case escalates to the community at 1h
  const std::string community = h.units.community("c1");
  h.send(report("c1"));
  Effects fx = h.advance(Duration::minutes(61));
  EXPECT_EQ(h.view("c1").stage, "community");
  EXPECT_EQ(h.view("c1").unit, community);
  // The escalation decided the grid holding: not on time, under the community.
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{response(community, "grid", false)});
  EXPECT_EQ(labels_of(fx, metric::kResponseAssessed), std::vector<std::string>{"s1/" + community});
  // The community's own holding is the same assessment unit: no second response fact.
  h.send(event(EventType::signed_for, "c1", community));
  fx = h.send(event(EventType::contacted, "c1", community));
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{""});
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 0);
  h.send(event(EventType::resolved, "c1", community));
  fx = h.send(rated("c1", events::Solved::solved, events::Satisfaction::satisfied));
  EXPECT_EQ(labels_of(fx, metric::kRatedCases),
            std::vector<std::string>{"s1/" + community + "/solved/satisfied"});
}

TEST_P(AssessmentCounting, AStageWithoutSignOrContactClocksGivesNoResponseFact) {
  Harness h = harness({}, {resolve_only_workflow()});
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  Effects fx = h.send(event(EventType::contacted, "c1"));
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{""});
  fx = h.send(event(EventType::resolved, "c1"));
  EXPECT_EQ(facts_of(fx), std::vector<std::string>{""});
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 0);
}

TEST_P(AssessmentCounting, AWithdrawnCaseThatHadNoContactGivesNoResponseFact) {
  Harness h = harness({}, {contact_workflow()});
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  Effects fx = h.send(event(EventType::withdrawn, "c1"));
  EXPECT_EQ(facts_of(fx, OutType::closed), std::vector<std::string>{""});
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 0);
}

TEST_P(AssessmentCounting, ADispatcherTakingTheCaseAwayDecidesTheHolding) {
  Harness h = harness({}, {contact_workflow()});
  h.send(report("c1"));
  auto assign = event(EventType::assigned, "c1", h.units.grid("g3"));
  Effects fx = h.send(assign);
  ASSERT_EQ(h.view("c1").unit, h.units.grid("g3"));
  EXPECT_EQ(facts_of(fx),
            std::vector<std::string>{response(h.units.community("c1"), "grid", false)});
  EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), 1);
}

// The state behind the facts survives a restart: a late sign noted before the changelog was
// written still makes the contact after the restore late, and a unit that had its fact before
// gets none after.
TEST_P(AssessmentCounting, TheResponseStateSurvivesTheChangelog) {
  Harness h = harness({}, {contact_workflow()});
  const std::string grid = h.units.grid("g1");
  h.send(report("late"));
  h.advance(Duration::minutes(70));  // the sign clock breaches
  h.send(event(EventType::signed_for, "late", grid));
  h.send(report("done"));
  h.send(event(EventType::signed_for, "done", grid));
  h.send(event(EventType::contacted, "done", grid));

  Harness restored = harness({}, {contact_workflow()});
  restored.now = h.now;
  for (const char* id : {"late", "done"}) {
    const std::string bytes = h.engine.serialize_case(id);
    ASSERT_TRUE(restored.engine.restore_case(bytes).ok()) << id;
    EXPECT_EQ(restored.engine.serialize_case(id), bytes) << id;
  }
  const CaseState* late = restored.engine.find("late");
  ASSERT_NE(late, nullptr);
  EXPECT_EQ(late->assessment, CaseState::kResponseOwed | CaseState::kResponseLate);
  Effects fx = restored.send(event(EventType::contacted, "late", grid));
  EXPECT_EQ(facts_of(fx),
            std::vector<std::string>{response(h.units.community("c1"), "grid", false)});

  const CaseState* done = restored.engine.find("done");
  ASSERT_NE(done, nullptr);
  ASSERT_EQ(done->responded.size(), 1u);
  EXPECT_EQ(restored.engine.text(done->responded[0]), h.units.community("c1"));
  EXPECT_EQ(done->assessment, 0);
}

// An exemption granted before a fact: the fact is still written (the report lists the case as
// exempted), but the live counters leave it out, so they agree with the report on a month whose
// decisions all came before the facts they concern. A refused exemption changes nothing.
TEST_P(AssessmentCounting, AUnitExemptedBeforeAFactIsNotCountedLive) {
  Harness h = harness({}, {contact_workflow()});
  const std::string grid = h.units.grid("g1"), community = h.units.community("c1");
  for (const bool granted : {true, false}) {
    SCOPED_TRACE(granted ? "granted" : "refused");
    const std::string id = granted ? "granted" : "refused";
    h.send(report(id));
    h.send(event(EventType::signed_for, id, grid));
    auto apply = event(EventType::exemption_requested, id, grid);
    apply.reason = "the owner is abroad until spring";
    ASSERT_TRUE(h.send(apply).rejections.empty());
    auto decide = event(EventType::exemption_decided, id);
    decide.approved = granted;
    ASSERT_TRUE(h.send(decide).rejections.empty());
    const double counted = granted ? 0 : 1;

    Effects fx = h.send(event(EventType::contacted, id, grid));
    EXPECT_EQ(facts_of(fx), std::vector<std::string>{response(community, "grid", true)});
    EXPECT_EQ(metric_sum(fx, metric::kResponseAssessed), counted);
    EXPECT_EQ(metric_sum(fx, metric::kResponseOnTime), counted);
    h.send(event(EventType::resolved, id, grid));
    fx = h.send(rated(id, events::Solved::partly, events::Satisfaction::basically));
    EXPECT_EQ(facts_of(fx, OutType::closed),
              std::vector<std::string>{R"({"rating":{"unit":")" + community +
                                       R"(","solved":"partly","satisfaction":"basically"}})"});
    EXPECT_EQ(metric_sum(fx, metric::kRatedCases), counted);
  }
}

}  // namespace
}  // namespace caseflow::core::testing
