// The assessment's rules in the core (docs/engine.md "State machine"): exemptions (申请免考核),
// invalid reports (不属实/无效) and return reviews, their history entries, refusals and the
// `data.assessment` facts of their records. Injected clock (engine_fixture.h).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

namespace json = boost::json;
using events::EventType;

class Assessment : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, Assessment, each_router(), router_name);

// `data` of the one record of `type` on the updates topic.
json::object update_data(const Effects& fx, OutType type = OutType::updated) {
  const Record* r = record_on(fx, type, "caseflow.updates");
  EXPECT_NE(r, nullptr);
  if (!r) return {};
  return json::parse(r->value).at("data").as_object();
}

json::object fact(const json::object& data, std::string_view key) {
  const json::value* a = data.if_contains("assessment");
  EXPECT_NE(a, nullptr) << "no data.assessment in " << json::serialize(data);
  if (!a || !a->as_object().contains(key)) return {};
  return a->as_object().at(key).as_object();
}

std::vector<std::string> history_words(Harness& h, const std::string& id) {
  std::vector<std::string> out;
  for (const auto& e : h.view(id).history) out.push_back(e.what);
  return out;
}

bool has(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

events::CaseEvent apply_exemption(std::string id, std::string unit, std::string reason) {
  auto e = event(EventType::exemption_requested, std::move(id), std::move(unit));
  e.reason = std::move(reason);
  return e;
}

events::CaseEvent decide(EventType type, std::string id, bool approved, std::string unit = "") {
  auto e = event(type, std::move(id), std::move(unit));
  e.approved = approved;
  return e;
}

events::CaseEvent propose_invalid(std::string id, std::string reason, std::string unit = "") {
  auto e = event(EventType::invalid_proposed, std::move(id), std::move(unit));
  e.reason = std::move(reason);
  e.note = "the resident's number is empty";
  return e;
}

events::CaseEvent review(std::string id, bool justified, std::string returned_by = "") {
  auto e = event(EventType::return_reviewed, std::move(id), "");
  e.justified = justified;
  e.returned_by = std::move(returned_by);
  return e;
}

TEST_P(Assessment, AnExemptionRequestedThenGrantedGivesTheFactsAndHistory) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.now = h.now + Duration::minutes(5);
  Effects fx = h.send(apply_exemption("c1", u.grid("g1"), "the pavement is being rebuilt"));
  ASSERT_TRUE(fx.rejections.empty()) << fx.rejections[0].message;
  json::object data = update_data(fx);
  EXPECT_EQ(data.at("change").as_string(), "exemption_requested");
  json::object f = fact(data, "exemption");
  // A grid's work counts under its community's unit.
  EXPECT_EQ(f.at("unit").as_string(), u.community("c1"));
  EXPECT_EQ(f.at("step").as_string(), "requested");
  EXPECT_EQ(f.at("reason").as_string(), "the pavement is being rebuilt");
  EXPECT_EQ(h.view("c1").status, "signed");  // the case goes on as before

  auto grant = decide(EventType::exemption_decided, "c1", true, "");
  grant.reason = "confirmed with the street office";
  fx = h.send(grant);
  ASSERT_TRUE(fx.rejections.empty()) << fx.rejections[0].message;
  data = update_data(fx);
  EXPECT_EQ(data.at("change").as_string(), "exemption_granted");
  f = fact(data, "exemption");
  EXPECT_EQ(f.at("unit").as_string(), u.community("c1"));
  EXPECT_EQ(f.at("step").as_string(), "granted");
  EXPECT_EQ(f.at("reason").as_string(), "confirmed with the street office");
  // The applicant holds the case: it hears of the decision on its topic.
  EXPECT_NE(record_on(fx, OutType::updated, "caseflow.stage.grid"), nullptr);

  const CaseView v = h.view("c1");
  ASSERT_GE(v.history.size(), 2u);
  const auto& asked = v.history[v.history.size() - 2];
  const auto& granted = v.history.back();
  EXPECT_EQ(asked.what, "exemption_requested");
  EXPECT_EQ(asked.unit, u.grid("g1"));
  EXPECT_EQ(asked.stage, "grid");
  EXPECT_EQ(granted.what, "exemption_granted");
  EXPECT_EQ(granted.unit, u.grid("g1"));
  EXPECT_EQ(granted.at, h.now);
  // Granted stands: a second application is refused.
  expect_refused(h, apply_exemption("c1", u.grid("g1"), "again"), "not_allowed_in_state");
}

TEST_P(Assessment, AnExemptionMayBeRefusedAndAskedAgain) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  h.send(apply_exemption("c1", u.grid("g1"), "not ours"));
  // While it waits, the same unit cannot apply twice.
  expect_refused(h, apply_exemption("c1", u.grid("g1"), "again"), "not_allowed_in_state");
  Effects fx = h.send(decide(EventType::exemption_decided, "c1", false));
  ASSERT_TRUE(fx.rejections.empty());
  const json::object data = update_data(fx);
  EXPECT_EQ(data.at("change").as_string(), "exemption_refused");
  EXPECT_EQ(fact(data, "exemption").at("step").as_string(), "refused");
  EXPECT_EQ(fact(data, "exemption").at("reason").as_string(), "");
  EXPECT_EQ(history_words(h, "c1").back(), "exemption_refused");
  // Nothing is pending any more.
  expect_refused(h, decide(EventType::exemption_decided, "c1", true), "no_pending_request");
  // A refused unit may apply again.
  EXPECT_TRUE(h.send(apply_exemption("c1", u.grid("g1"), "new facts")).rejections.empty());
}

TEST_P(Assessment, SelfApprovalAndUnitsThatNeverHeldTheCaseAreRefused) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  // grid g2 never held c1; a unit no one ever heard of neither.
  expect_refused(h, apply_exemption("c1", u.grid("g2"), "x"), "not_holder");
  expect_refused(h, apply_exemption("c1", "nobody", "x"), "not_holder");
  expect_refused(h, decide(EventType::exemption_decided, "c1", true), "no_pending_request");
  h.send(apply_exemption("c1", u.grid("g1"), "x"));
  expect_refused(h, decide(EventType::exemption_decided, "c1", true, u.grid("g1")),
                 "self_approval");
  // Naming an applicant with nothing pending.
  auto other = decide(EventType::exemption_decided, "c1", true);
  other.applicant = u.grid("g2");
  expect_refused(h, other, "no_pending_request");
}

TEST_P(Assessment, AUnitThatHeldTheCaseBeforeMayApplyAndTheOldestIsDecidedFirst) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  h.advance(Duration::hours(1));  // the grid's sign clock escalates the case to the community
  ASSERT_EQ(h.view("c1").unit, u.community("c1"));
  h.send(apply_exemption("c1", u.grid("g1"), "it was never ours"));
  h.send(apply_exemption("c1", u.community("c1"), "too late to act"));
  // Without `applicant`, the oldest pending application: the grid's.
  Effects fx = h.send(decide(EventType::exemption_decided, "c1", true, u.street("s1")));
  ASSERT_TRUE(fx.rejections.empty());
  EXPECT_EQ(h.view("c1").history.back().unit, u.grid("g1"));
  EXPECT_EQ(h.view("c1").history.back().stage, "grid");
  // It no longer holds the case: the decision is not sent to the community's topic.
  EXPECT_EQ(record_on(fx, OutType::updated, "caseflow.stage.community"), nullptr);
  auto named = decide(EventType::exemption_decided, "c1", false);
  named.applicant = u.community("c1");
  fx = h.send(named);
  ASSERT_TRUE(fx.rejections.empty());
  EXPECT_EQ(fact(update_data(fx), "exemption").at("unit").as_string(), u.community("c1"));
}

TEST_P(Assessment, AnExemptionMayBeDecidedAfterTheCaseClosed) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  h.send(event(EventType::resolved, "c1"));
  auto rate = event(EventType::rated, "c1");
  rate.solved = events::Solved::solved;
  rate.satisfaction = events::Satisfaction::unsatisfied;
  for (int i = 0; i < 3; ++i) {  // two reopens, then the case closes
    h.send(rate);
    if (h.view("c1").status == "closed") break;
    h.send(event(EventType::signed_for, "c1"));
    h.send(event(EventType::resolved, "c1"));
  }
  ASSERT_EQ(h.view("c1").status, "closed");
  EXPECT_TRUE(h.send(apply_exemption("c1", u.grid("g1"), "the resident is never happy"))
                  .rejections.empty());
  Effects fx = h.send(decide(EventType::exemption_decided, "c1", true));
  ASSERT_TRUE(fx.rejections.empty());
  const json::object data = update_data(fx);
  EXPECT_EQ(data.at("status").as_string(), "closed");
  EXPECT_EQ(fact(data, "exemption").at("step").as_string(), "granted");
  EXPECT_EQ(h.view("c1").outcome, "rated_bad_after_max_reopens");
  // An invalid report is not: the case has ended.
  expect_refused(h, propose_invalid("c1", "malicious"), "case_closed");
}

TEST_P(Assessment, AConfirmedInvalidReportClosesTheCaseAndStopsItsClocks) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  h.send(event(EventType::signed_for, "c1"));
  ASSERT_FALSE(h.view("c1").clocks.empty());
  Effects fx = h.send(propose_invalid("c1", "unreachable", u.grid("g1")));
  ASSERT_TRUE(fx.rejections.empty()) << fx.rejections[0].message;
  json::object data = update_data(fx);
  EXPECT_EQ(data.at("change").as_string(), "invalid_proposed");
  EXPECT_EQ(data.at("note").as_string(), "the resident's number is empty");
  json::object f = fact(data, "invalid");
  EXPECT_EQ(f.at("unit").as_string(), u.community("c1"));
  EXPECT_EQ(f.at("step").as_string(), "proposed");
  EXPECT_EQ(f.at("reason").as_string(), "unreachable");
  EXPECT_EQ(h.view("c1").status, "signed");  // a proposal changes nothing yet
  expect_refused(h, propose_invalid("c1", "duplicate"), "not_allowed_in_state");  // one at a time
  // The proposer cannot confirm its own proposal.
  expect_refused(h, decide(EventType::invalid_decided, "c1", true, u.grid("g1")), "self_approval");

  h.now = h.now + Duration::minutes(30);
  fx = h.send(decide(EventType::invalid_decided, "c1", true));
  ASSERT_TRUE(fx.rejections.empty()) << fx.rejections[0].message;
  data = update_data(fx, OutType::closed);
  EXPECT_EQ(data.at("outcome").as_string(), "invalid");
  f = fact(data, "invalid");
  EXPECT_EQ(f.at("unit").as_string(), u.community("c1"));
  EXPECT_EQ(f.at("step").as_string(), "confirmed");
  EXPECT_EQ(f.at("reason").as_string(), "unreachable");
  const CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "closed");
  EXPECT_EQ(v.outcome, "invalid");
  EXPECT_EQ(v.closed_at, h.now);
  EXPECT_TRUE(v.clocks.empty());
  EXPECT_EQ(metric_sum(fx, metric::kCasesClosed), 1);
  // No clock fires any more: days later, nothing but the retirement.
  fx = h.advance(Duration::days(1));
  EXPECT_TRUE(records_of(fx, OutType::sla_breached).empty());
  EXPECT_TRUE(records_of(fx, OutType::sla_warning).empty());
  expect_refused(h, decide(EventType::invalid_decided, "c1", true), "case_closed");
}

TEST_P(Assessment, ARefusedInvalidProposalLetsTheCaseGoOn) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  expect_refused(h, decide(EventType::invalid_decided, "c1", false), "no_pending_request");
  expect_refused(h, propose_invalid("c1", "malicious", u.grid("g2")), "not_assignee");
  expect_refused(h, propose_invalid("c1", "annoying"), "bad_data");
  h.send(propose_invalid("c1", "duplicate"));
  auto no = decide(EventType::invalid_decided, "c1", false);
  no.note = "the earlier case is about another car";
  Effects fx = h.send(no);
  ASSERT_TRUE(fx.rejections.empty());
  const json::object data = update_data(fx);
  EXPECT_EQ(data.at("change").as_string(), "invalid_refused");
  EXPECT_EQ(data.at("note").as_string(), "the earlier case is about another car");
  EXPECT_EQ(fact(data, "invalid").at("step").as_string(), "refused");
  EXPECT_EQ(fact(data, "invalid").at("reason").as_string(), "duplicate");
  EXPECT_NE(record_on(fx, OutType::updated, "caseflow.stage.grid"), nullptr);  // the lead hears
  EXPECT_EQ(h.view("c1").status, "dispatched");
  EXPECT_TRUE(has(history_words(h, "c1"), "invalid_proposed"));
  EXPECT_EQ(history_words(h, "c1").back(), "invalid_refused");
  // The case goes on, and its clocks still run.
  EXPECT_TRUE(h.send(event(EventType::signed_for, "c1")).rejections.empty());
  // It may be proposed again.
  EXPECT_TRUE(h.send(propose_invalid("c1", "malicious")).rejections.empty());
}

TEST_P(Assessment, ReturnReviewsGiveJustifiedAndUnjustifiedFacts) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  expect_refused(h, review("c1", true), "no_pending_request");
  auto ret = event(EventType::returned, "c1");
  ret.grid_id = "g2";
  h.send(ret);  // g1 returns it to g2
  ASSERT_EQ(h.view("c1").unit, u.grid("g2"));
  h.send(event(EventType::returned, "c1"));  // g2 returns it: the fallback owner takes it
  const std::string status = h.view("c1").status;

  // Without returned_by: the latest return not reviewed, g2's.
  Effects fx = h.send(review("c1", false));
  ASSERT_TRUE(fx.rejections.empty()) << fx.rejections[0].message;
  json::object data = update_data(fx);
  EXPECT_EQ(data.at("change").as_string(), "return_unjustified");
  json::object f = fact(data, "return_review");
  EXPECT_EQ(f.at("unit").as_string(), u.community("c1"));
  EXPECT_FALSE(f.at("justified").as_bool());
  EXPECT_EQ(h.view("c1").history.back().unit, u.grid("g2"));

  // The returning unit cannot review itself; a unit with no return to review neither.
  auto self = review("c1", true);
  self.unit = u.grid("g1");
  expect_refused(h, self, "self_approval");
  expect_refused(h, review("c1", true, u.grid("g2")), "no_pending_request");
  expect_refused(h, review("c1", true, u.grid("g3")), "no_pending_request");

  fx = h.send(review("c1", true, u.grid("g1")));
  ASSERT_TRUE(fx.rejections.empty());
  data = update_data(fx);
  EXPECT_EQ(data.at("change").as_string(), "return_justified");
  EXPECT_TRUE(fact(data, "return_review").at("justified").as_bool());
  EXPECT_EQ(h.view("c1").history.back().what, "return_justified");
  EXPECT_EQ(h.view("c1").history.back().unit, u.grid("g1"));
  // Every return is reviewed now.
  expect_refused(h, review("c1", false), "no_pending_request");
  EXPECT_EQ(h.view("c1").status, status);  // a review moves no case
}

// The approvers the YAML names (`exemptions: {approver}`, `invalid_reports: {approver}`): a
// decision that names a unit must come from that unit.
TEST_P(Assessment, ADecisionNamingAnotherUnitThanTheApproverIsRefused) {
  auto wf = std::make_shared<definition::Workflow>(*parking_workflow());
  wf->stages[0].exemptions.approver = {definition::OwnerKind::stage, "street"};
  wf->invalid_reports.approver = {definition::OwnerKind::unit, "desk-7"};
  Harness h = harness({}, {wf});
  const UnitNames u = units();
  h.send(report("c1"));
  h.send(apply_exemption("c1", u.grid("g1"), "x"));
  expect_refused(h, decide(EventType::exemption_decided, "c1", true, u.community("c1")),
                 "not_approver");
  EXPECT_TRUE(
      h.send(decide(EventType::exemption_decided, "c1", true, u.street("s1"))).rejections.empty());
  h.send(propose_invalid("c1", "out_of_scope"));
  expect_refused(h, decide(EventType::invalid_decided, "c1", true, u.street("s1")), "not_approver");
  // Naming no unit: taken (identities come with credentials).
  EXPECT_TRUE(h.send(decide(EventType::invalid_decided, "c1", false)).rejections.empty());
  h.send(propose_invalid("c1", "out_of_scope"));
  EXPECT_TRUE(h.send(decide(EventType::invalid_decided, "c1", true, "desk-7")).rejections.empty());
  EXPECT_EQ(h.view("c1").outcome, "invalid");
}

// A case in the middle of every rule survives the changelog: restored elsewhere, it goes on with
// the same bytes as the engine that never stopped.
TEST_P(Assessment, PendingRequestsSurviveTheChangelog) {
  Harness h = harness();
  const UnitNames u = units();
  h.send(report("c1"));
  auto ret = event(EventType::returned, "c1");
  ret.grid_id = "g2";
  h.send(ret);
  h.send(apply_exemption("c1", u.grid("g1"), "x"));
  h.send(propose_invalid("c1", "malicious"));
  const std::string bytes = h.engine.serialize_case("c1");

  Harness other = harness();
  ASSERT_TRUE(other.engine.restore_case(bytes).ok());
  other.now = h.now;
  EXPECT_EQ(other.engine.serialize_case("c1"), bytes);
  for (const auto& e : {review("c1", true), decide(EventType::exemption_decided, "c1", true),
                        decide(EventType::invalid_decided, "c1", true)}) {
    Effects a = h.send(e);
    Effects b = other.send(e);
    ASSERT_TRUE(a.rejections.empty()) << a.rejections[0].message;
    ASSERT_EQ(a.records.size(), b.records.size());
    for (size_t i = 0; i < a.records.size(); ++i) EXPECT_EQ(a.records[i].value, b.records[i].value);
  }
  EXPECT_EQ(h.engine.serialize_case("c1"), other.engine.serialize_case("c1"));
  EXPECT_EQ(other.view("c1").outcome, "invalid");
}

}  // namespace
}  // namespace caseflow::core::testing
