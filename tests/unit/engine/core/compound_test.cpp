// Residential compounds (小区) and their property companies, through the real CityDirectory, the
// workflow loader and the core on an injected clock: a report inside a compound goes to its
// property company, supervised by the community; one outside passes the property stage over,
// with a history entry saying why; the community calls the company and the owners' committee.
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json.hpp>

#include "engine/definition/workflow_loader.h"
#include "engine/geo/city_directory.h"
#include "tests/unit/engine/core/engine_fixture.h"
#include "tests/unit/engine/core/test_city.h"

namespace caseflow::core::testing {
namespace {

using events::EventType;

// Compound Q1 is a square inside grid g1 (120.00-120.01 E, 30.00-30.01 N), in community c1.
constexpr std::string_view kCompounds = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature",
   "properties": {"compound_id": "Q1", "compound_name": "Sunny Garden", "community_id": "c1",
                  "property_unit": "property:P1", "red_property": true},
   "geometry": {"type": "Polygon", "coordinates": [
     [[120.002, 30.002], [120.006, 30.002], [120.006, 30.006], [120.002, 30.006],
      [120.002, 30.002]]]}}
]})";

constexpr std::string_view kUnits = R"(
units:
  - id: "property:P1"
    name: "Sunny Property Services"
departments:
  - code: transport
    name: "Transport"
)";

// The sample workflows' shape: property (supervised by the community) -> grid (not for compound
// cases) -> community (joint meeting) -> street, round the clock.
constexpr std::string_view kWorkflow = R"(workflow: compound_parking
version: 1
title: Parking in and around compounds
calendar: always
match:
  categories: [{code: parking.*}]
stages:
  - level: property
    clocks:
      sign: {limit: 1h, on_breach: [supervise, notify_unit: community]}
      resolve: {limit: 1d, on_breach: [escalate]}
  - level: grid
    skip_when: in_compound
    clocks:
      resolve: {limit: 1d, on_breach: [escalate]}
  - level: community
    clocks:
      resolve: {limit: 1d, on_breach: [escalate]}
    assists:
      compound: [property, owners_committee]
      report_within: 2h
  - level: street
)";

const geo::LonLat kInside{120.004, 30.004};
const geo::LonLat kOutside{120.008, 30.008};  // still in g1

class Compounds : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(city_, nullptr);
    ASSERT_NE(workflow_, nullptr);
  }

  static geo::CityDirectoryPtr load_city() {
    Diagnostics problems;
    auto city = geo::load_city_directory("city.geojson", kTestCityBoundaries, "units.yaml", kUnits,
                                         problems, nullptr, {},
                                         geo::CompoundSource{"compounds.geojson", kCompounds});
    for (const auto& p : problems) ADD_FAILURE() << p.to_string();
    return city;
  }
  static definition::WorkflowPtr load() {
    Diagnostics problems;
    definition::LoadContext context;
    auto wf = definition::load_workflow("compound_parking.yaml", kWorkflow, context, problems);
    for (const auto& p : problems) ADD_FAILURE() << p.to_string();
    return wf;
  }
  static CalendarRegistryPtr calendars() {
    auto registry = std::make_shared<MapCalendarRegistry>();
    CalendarRules rules;
    rules.name = "always";
    rules.time_zone = "Asia/Shanghai";
    rules.periods = {WorkingPeriod{0, 24 * 60}};
    rules.working_weekdays = {true, true, true, true, true, true, true};
    auto made = make_business_calendar(rules);
    EXPECT_TRUE(made.ok());
    if (made.ok()) registry->add(*made);
    return registry;
  }

  Effects send(const events::CaseEvent& e) {
    Effects fx = engine_.apply(e, now_);
    EXPECT_EQ(engine_.check_invariants(), "");
    return fx;
  }
  Effects advance(Duration d) {
    now_ = now_ + d;
    Effects fx = engine_.fire_due(now_, 1'000'000);
    EXPECT_EQ(engine_.check_invariants(), "");
    return fx;
  }
  Effects report_at(const std::string& id, geo::LonLat where) {
    events::CaseEvent e = report(id, "parking.illegal", "");
    e.location = events::Location{where.lat, where.lon, 0};
    return send(e);
  }
  std::vector<std::string> history_of(const std::string& id) {
    std::vector<std::string> out;
    const CaseView v = *engine_.view(id);
    for (const auto& h : v.history) out.push_back(h.what + "@" + h.stage);
    return out;
  }

  geo::CityDirectoryPtr city_ = load_city();
  definition::WorkflowPtr workflow_ = load();
  Engine engine_{EngineOptions{}, std::make_shared<SimpleRouter>(std::vector{workflow_}),
                 calendars(), city_};
  Instant now_ = at("2026-03-02T09:00:00+08:00");
};

TEST_F(Compounds, AReportInsideACompoundGoesToItsPropertyCompany) {
  const Effects fx = report_at("in", kInside);
  ASSERT_TRUE(fx.rejections.empty());
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.property");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "property:P1");
  const auto place = boost::json::parse(d->value).at("data").at("place");
  EXPECT_EQ(place.at("compound").as_string(), "Q1");
  EXPECT_EQ(place.at("grid").as_string(), "g1");
  const CaseView v = *engine_.view("in");
  EXPECT_EQ(v.unit, "property:P1");
  EXPECT_EQ(v.stage, "property");
  EXPECT_EQ(v.compound, "Q1");
  EXPECT_EQ(history_of("in"),
            (std::vector<std::string>{"reported@property", "dispatched@property"}));
}

TEST_F(Compounds, AReportOutsideEveryCompoundPassesThePropertyStageOverToTheGrid) {
  const Effects fx = report_at("out", kOutside);
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.grid");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "grid:g1");
  EXPECT_EQ(record_on(fx, OutType::dispatched, "caseflow.stage.property"), nullptr);
  EXPECT_FALSE(
      boost::json::parse(d->value).at("data").at("place").as_object().contains("compound"));
  EXPECT_EQ(history_of("out"),
            (std::vector<std::string>{"reported@property", "skipped_outside_compound@property",
                                      "dispatched@grid"}));
  // A report by grid id alone has no point, so no compound either.
  send(report("by-grid", "parking.illegal", "g1"));
  EXPECT_EQ(engine_.view("by-grid")->unit, "grid:g1");
}

TEST_F(Compounds, TheCommunityHearsOfItsPropertyCompanysBreach) {
  report_at("in", kInside);
  Effects fx = advance(Duration::hours(1) - Duration::millis(1));
  EXPECT_TRUE(records_of(fx, OutType::sla_breached).empty());
  fx = advance(Duration::millis(1));
  const Record* told = record_on(fx, OutType::sla_breached, "caseflow.stage.community");
  ASSERT_NE(told, nullptr);
  EXPECT_EQ(told->key, "community:c1");
  EXPECT_EQ(boost::json::parse(told->value).at("data").at("clock").at("name").as_string(), "sign");
  EXPECT_NE(record_on(fx, OutType::supervised, "caseflow.stage.property"), nullptr);
}

TEST_F(Compounds, EscalationFromThePropertyCompanyPassesTheGridOverToTheCommunity) {
  report_at("in", kInside);
  const Effects fx = advance(Duration::days(1));
  const Record* d = record_on(fx, OutType::dispatched, "caseflow.stage.community");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->key, "community:c1");
  EXPECT_EQ(record_on(fx, OutType::dispatched, "caseflow.stage.grid"), nullptr);
  const auto history = history_of("in");
  EXPECT_NE(std::find(history.begin(), history.end(), "skipped_inside_compound@grid"),
            history.end());
  EXPECT_EQ(history.back(), "dispatched@community");
}

TEST_F(Compounds, TheCommunityCallsTheCompanyAndTheOwnersCommitteeToAJointMeeting) {
  report_at("in", kInside);
  advance(Duration::days(1));  // escalated to community:c1
  send(event(EventType::signed_for, "in", "community:c1"));
  auto call = [&](const std::string& party) {
    auto e = event(EventType::assist_requested, "in", "community:c1");
    e.department = party;
    return send(e);
  };
  Effects fx = call("property");
  ASSERT_TRUE(fx.rejections.empty()) << fx.rejections[0].message;
  const Record* company = record_on(fx, OutType::dispatched, "caseflow.stage.property");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->key, "property:P1");
  EXPECT_EQ(boost::json::parse(company->value).at("data").at("role").as_string(), "assist");
  fx = call("owners_committee");
  ASSERT_TRUE(fx.rejections.empty()) << fx.rejections[0].message;
  const Record* owners = record_on(fx, OutType::dispatched, "caseflow.stage.owners_committee");
  ASSERT_NE(owners, nullptr);
  EXPECT_EQ(owners->key, "owners:Q1");
  // Their report-in clock: the committee has not reported in 2h, so it is supervised on its topic.
  fx = advance(Duration::hours(2));
  EXPECT_NE(record_on(fx, OutType::supervised, "caseflow.stage.owners_committee"), nullptr);
}

TEST_F(Compounds, ACaseInNoCompoundHasNoCompanyToCall) {
  report_at("out", kOutside);
  advance(Duration::days(1));  // grid -> community
  ASSERT_EQ(engine_.view("out")->unit, "community:c1");
  send(event(EventType::signed_for, "out", "community:c1"));
  auto e = event(EventType::assist_requested, "out", "community:c1");
  e.department = "property";
  const Effects fx = send(e);
  ASSERT_EQ(fx.rejections.size(), 1u);
  EXPECT_EQ(fx.rejections[0].reason, "no_compound");
}

TEST_F(Compounds, TheCompoundSurvivesARestoreFromTheChangelog) {
  report_at("in", kInside);
  const std::string bytes = engine_.serialize_case("in");
  Engine other{EngineOptions{}, std::make_shared<SimpleRouter>(std::vector{workflow_}), calendars(),
               city_};
  ASSERT_TRUE(other.restore_case(bytes).ok());
  EXPECT_EQ(other.view("in")->compound, "Q1");
  EXPECT_EQ(other.serialize_case("in"), bytes);
  // Escalated there, it still passes the grid over: the compound came back with the case.
  const Effects fx = other.fire_due(now_ + Duration::days(1), 1'000'000);
  EXPECT_NE(record_on(fx, OutType::dispatched, "caseflow.stage.community"), nullptr);
}

}  // namespace
}  // namespace caseflow::core::testing
