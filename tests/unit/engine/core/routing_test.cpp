// Routing of reports: workflow choice, place, first unit, the dispatcher queue, rejections. Tests
// that drive an Engine run under the test double router and under the router production uses
// (engine_fixture.h).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "tests/unit/engine/core/engine_fixture.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;

class Routing : public EachRouter {};
INSTANTIATE_TEST_SUITE_P(, Routing, each_router(), router_name);

TEST_P(Routing, ReportIsDispatchedToTheGridUnitOnTheStageTopic) {
  Harness h = harness();
  Effects fx = h.send(report("c1"));
  ASSERT_TRUE(fx.rejections.empty());
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, h.units.grid("g1"));
  EXPECT_EQ(d->id, "c1-1");
  EXPECT_NE(d->value.find("\"type\":\"caseflow.case.dispatched\""), std::string::npos);
  EXPECT_NE(d->value.find("\"workflow\":\"parking@1\""), std::string::npos);
  EXPECT_NE(record_on(fx, OutType::updated, "caseflow.updates"), nullptr);
  ASSERT_EQ(fx.changelog.size(), 1u);
  EXPECT_EQ(fx.changelog[0].case_id, "c1");
  EXPECT_FALSE(fx.changelog[0].state.empty());

  const CaseView v = h.view("c1");
  EXPECT_EQ(v.status, "dispatched");
  EXPECT_EQ(v.workflow, "parking@1");
  EXPECT_EQ(v.stage, "grid");
  EXPECT_EQ(v.unit, h.units.grid("g1"));
  EXPECT_EQ(v.community, "c1");
  ASSERT_EQ(v.clocks.size(), 2u);
  EXPECT_EQ(v.clocks[0].name, "sign");
  EXPECT_EQ(v.clocks[0].due, h.now + Duration::hours(1));
  EXPECT_EQ(*v.clocks[0].warn_at, h.now + Duration::minutes(48));
  EXPECT_EQ(v.clocks[1].name, "resolve");
  EXPECT_EQ(v.clocks[1].due, h.now + Duration::days(3));
  EXPECT_EQ(v.expected_at, h.now + Duration::hours(1));
}

TEST_P(Routing, TheDispatchIsAWorkOrder) {
  Harness h = harness();
  auto e = report("c1", "parking.illegal", "");
  e.location = events::Location{39.95, 116.4, 1};
  e.address = "No. 1 \"West\" Street";
  const Effects fx = h.send(e);
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  const auto v = boost::json::parse(d->value);
  const auto& data = v.at("data");
  EXPECT_EQ(data.at("unit").as_string(), h.units.grid("g2"));
  EXPECT_EQ(data.at("category").as_string(), "parking.illegal");
  EXPECT_EQ(data.at("urgency").as_string(), "normal");
  EXPECT_EQ(data.at("description").as_string().size(), 200u);
  EXPECT_EQ(data.at("address").as_string(), "No. 1 \"West\" Street");
  EXPECT_EQ(data.at("location").at("lat").as_double(), 39.95);
  EXPECT_EQ(data.at("location").at("lon").as_double(), 116.4);
  EXPECT_EQ(data.at("location").at("datum").as_string(), "gcj02");
  EXPECT_EQ(data.at("place").at("grid").as_string(), "g2");
  // Clocks in short form: what is due when; flags only when set.
  const auto& clocks = data.at("clocks").as_array();
  ASSERT_EQ(clocks.size(), 2u);
  EXPECT_EQ(clocks[0].at("name").as_string(), "sign");
  EXPECT_EQ(clocks[0].at("due").as_string(), "2026-03-02T02:00:00Z");  // 10:00 +08:00
  EXPECT_EQ(clocks[0].at("warn_at").as_string(), "2026-03-02T01:48:00Z");
  EXPECT_EQ(clocks[0].as_object().size(), 3u);
  // A first dispatch has no previous holder and never carries the history.
  EXPECT_FALSE(data.as_object().contains("previous"));
  EXPECT_FALSE(data.as_object().contains("history"));
}

TEST_P(Routing, ALocationIsPlacedThroughTheDirectory) {
  Harness h = harness();
  auto e = report("c1", "parking.illegal", "");
  e.location = events::Location{39.95, 116.4, 1};
  h.send(e);
  EXPECT_EQ(h.view("c1").unit, h.units.grid("g2"));
}

TEST_P(Routing, ACategoryNoWorkflowTakesGoesToTheDispatcherQueue) {
  Harness h = harness();
  Effects fx = h.send(report("c1", "noise.night"));
  const Record* q = record_on(fx, OutType::unrouted, "caseflow.dispatcher");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->key, "c1");
  EXPECT_NE(q->value.find("\"reason\":\"no_workflow\""), std::string::npos);
  EXPECT_EQ(h.view("c1").status, "received");
  EXPECT_EQ(h.view("c1").workflow, "");
  EXPECT_EQ(metric_sum(fx, metric::kUnrouted), 1);
}

TEST_P(Routing, AnUnknownGridOrNoPlaceGoesToTheDispatcherQueue) {
  Harness h = harness();
  Effects fx = h.send(report("c1", "parking.illegal", "nowhere"));
  const Record* q = record_on(fx, OutType::unrouted, "caseflow.dispatcher");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->value.find("\"reason\":\"unplaced\""), std::string::npos);
  // The workflow is pinned even so: the dispatcher only has to name the unit.
  EXPECT_EQ(h.view("c1").workflow, "parking@1");

  auto address_only = report("c2", "parking.illegal", "");
  address_only.address = "No. 5 Some Road";
  fx = h.send(address_only);
  q = record_on(fx, OutType::unrouted, "caseflow.dispatcher");
  ASSERT_NE(q, nullptr);
  EXPECT_NE(q->value.find("No. 5 Some Road"), std::string::npos);
}

TEST_P(Routing, TheDispatcherAssignsAQueuedCase) {
  Harness h = harness();
  h.send(report("c1", "noise.night"));
  auto a = event(EventType::assigned, "c1", h.units.grid("g3"));
  EXPECT_EQ(h.send(a).rejections.at(0).reason, "bad_data");  // no workflow named
  a.workflow = "parking";
  Effects fx = h.send(a);
  ASSERT_TRUE(fx.rejections.empty());
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, h.units.grid("g3"));
  EXPECT_EQ(h.view("c1").status, "dispatched");
  EXPECT_EQ(h.view("c1").clocks.size(), 2u);
}

TEST_P(Routing, DuplicateAndUnknownCasesAreRejectedWithoutChange) {
  Harness h = harness();
  h.send(report("c1"));
  const std::string before = h.engine.serialize_case("c1");
  Effects fx = h.send(report("c1"));
  ASSERT_EQ(fx.rejections.size(), 1u);
  EXPECT_EQ(fx.rejections[0].reason, "duplicate_case");
  EXPECT_TRUE(fx.records.empty());
  EXPECT_TRUE(fx.changelog.empty());
  EXPECT_EQ(h.engine.serialize_case("c1"), before);

  fx = h.send(event(EventType::signed_for, "c404"));
  ASSERT_EQ(fx.rejections.size(), 1u);
  EXPECT_EQ(fx.rejections[0].reason, "unknown_case");
}

TEST_P(Routing, UrgencyAndPlaceChooseTheMostSpecificWorkflow) {
  auto general = parking_workflow();
  auto emergency = std::make_shared<definition::Workflow>(*parking_workflow());
  emergency->name = "parking_emergency";
  emergency->match.urgencies = {definition::Urgency::emergency};
  Harness h = harness({}, {general, emergency});
  auto e = report("c1");
  e.urgency = definition::Urgency::emergency;
  h.send(e);
  h.send(report("c2"));
  EXPECT_EQ(h.view("c1").workflow, "parking_emergency@1");
  EXPECT_EQ(h.view("c2").workflow, "parking@1");
}

TEST_P(Routing, AWorkflowThatListsThePlaceBeatsOneForAnyPlace) {
  auto general = parking_workflow();
  auto local = std::make_shared<definition::Workflow>(*parking_workflow());
  local->name = "parking_c2";
  local->match.places = {"c2"};
  Harness h = harness({}, {general, local});
  h.send(report("in-c2", "parking.illegal", "g3"));
  h.send(report("in-c1", "parking.illegal", "g1"));
  EXPECT_EQ(h.view("in-c2").workflow, "parking_c2@1");
  EXPECT_EQ(h.view("in-c1").workflow, "parking@1");
}

TEST(CategoryPatterns, MatchExactlyOrByPrefixOrAll) {
  EXPECT_TRUE(category_matches("parking.*", "parking.illegal"));
  EXPECT_TRUE(category_matches("parking.*", "parking.illegal.fire_lane"));
  EXPECT_FALSE(category_matches("parking.*", "parking"));
  EXPECT_FALSE(category_matches("parking.*", "parkingx.a"));
  EXPECT_TRUE(category_matches("*", "anything"));
  EXPECT_TRUE(category_matches("noise.night", "noise.night"));
  EXPECT_FALSE(category_matches("noise.night", "noise.day"));
}

TEST_P(Routing, PhoneNumbersNeverLeaveTheEngine) {
  Harness h = harness();
  auto e = report("c1");
  e.description = "call me on 138****5678";  // the decoder has masked it already
  e.reporter = "138****5678";
  Effects fx = h.send(e);
  for (const Record& r : fx.records) EXPECT_EQ(r.value.find("13812345678"), std::string::npos);
  EXPECT_EQ(h.view("c1").reporter, "138****5678");
}

}  // namespace
}  // namespace caseflow::core::testing
