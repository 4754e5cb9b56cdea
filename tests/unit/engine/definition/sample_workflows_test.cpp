// The sample workflows in workflows/ load cleanly, and say what their comments claim.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/definition/catalog.h"
#include "engine/definition/workflow_loader.h"
#include "tests/unit/engine/definition/test_files.h"

namespace caseflow::definition {
namespace {

using testing::city_context;
using testing::read_text;
using testing::source_dir;

WorkflowPtr load_sample(const std::string& name) {
  const auto path = source_dir() / "workflows" / (name + ".yaml");
  Diagnostics problems;
  auto wf = load_workflow("workflows/" + name + ".yaml", read_text(path), city_context(), problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return wf;
}

std::vector<WorkflowPtr> all_samples() {
  std::vector<WorkflowPtr> samples;
  for (const auto& path : testing::yaml_files_in(source_dir() / "workflows")) {
    Diagnostics problems;
    samples.push_back(
        load_workflow(testing::repo_relative(path), read_text(path), city_context(), problems));
    for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  }
  return samples;
}

TEST(SampleWorkflows, EveryOneLoadsCleanly) {
  const auto samples = all_samples();
  EXPECT_GE(samples.size(), 7u);
  for (const auto& wf : samples) {
    ASSERT_NE(wf, nullptr);
    EXPECT_EQ(wf->calendar, "cn-mainland") << wf->name;
    EXPECT_EQ(wf->version, 1) << wf->name;
    EXPECT_FALSE(wf->stages.empty()) << wf->name;
  }
}

TEST(SampleWorkflows, GeneralKeysItsGridResolveLimitOnTheRequestType) {
  const auto wf = load_sample("general");
  ASSERT_NE(wf, nullptr);
  const ClockDef* resolve = nullptr;
  for (const auto& c : wf->stages[0].clocks)
    if (c.name == "resolve") resolve = &c;
  ASSERT_NE(resolve, nullptr);
  const Span workdays3{Span::Unit::workdays, 3}, workdays5{Span::Unit::workdays, 5},
      workdays13{Span::Unit::workdays, 13}, days7{Span::Unit::days, 7};
  EXPECT_EQ(resolve->limit_for(Urgency::normal, RequestType::consultation), workdays3);
  EXPECT_EQ(resolve->limit_for(Urgency::normal, RequestType::help), workdays5);
  EXPECT_EQ(resolve->limit_for(Urgency::normal, RequestType::complaint), workdays13);
  EXPECT_EQ(resolve->limit_for(Urgency::normal, RequestType::suggestion), days7);
  EXPECT_EQ(resolve->limit_for(Urgency::normal), days7);
  EXPECT_EQ(resolve->limit_for(Urgency::emergency, RequestType::complaint),
            (Span{Span::Unit::hours, 2}));
}

TEST(SampleWorkflows, ParkingReadsAsWritten) {
  const auto wf = load_sample("parking");
  ASSERT_NE(wf, nullptr);
  EXPECT_EQ(wf->id(), "parking@1");
  EXPECT_EQ(wf->source_file, "workflows/parking.yaml");
  EXPECT_EQ(wf->content_hash, fnv1a_64(read_text(source_dir() / "workflows/parking.yaml")));
  EXPECT_EQ(wf->location.line, 9);
  ASSERT_EQ(wf->match.categories.size(), 2u);
  EXPECT_EQ(wf->match.categories[0].code, "parking.illegal");
  EXPECT_EQ(wf->match.categories[0].name, "Illegal parking");
  EXPECT_EQ(wf->match.categories[1].code, "parking.*");
  EXPECT_TRUE(wf->match.urgencies.empty());

  ASSERT_EQ(wf->stages.size(), 5u);
  // Inside a compound: its property company first, supervised by the community.
  const StageDef& property = wf->stages[0];
  EXPECT_EQ(property.name, "property");
  EXPECT_EQ(property.level, Level::property);
  EXPECT_EQ(property.topic, "caseflow.stage.property");
  ASSERT_EQ(property.clocks.size(), 2u);
  EXPECT_EQ(property.clocks[0].on_breach.notify_units, (std::vector<Level>{Level::community}));
  EXPECT_TRUE(property.clocks[1].on_breach.escalate);
  EXPECT_EQ(property.returns.fallback_stage, "community");

  const StageDef& grid = wf->stages[1];
  EXPECT_EQ(grid.name, "grid");
  EXPECT_EQ(grid.level, Level::grid);
  EXPECT_EQ(grid.skip_when, StageDef::Skip::in_compound);
  EXPECT_EQ(grid.topic, "caseflow.stage.grid");
  ASSERT_EQ(grid.clocks.size(), 2u);
  const ClockDef& sign = grid.clocks[0];
  EXPECT_EQ(sign.name, "sign");
  EXPECT_EQ(sign.starts_at, ClockStart::dispatch);
  EXPECT_EQ(sign.limit_for(Urgency::normal), (Span{Span::Unit::workdays, 1}));
  EXPECT_EQ(sign.limit_for(Urgency::urgent), (Span{Span::Unit::hours, 2}));
  EXPECT_EQ(sign.limit_for(Urgency::emergency), (Span{Span::Unit::minutes, 30}));
  EXPECT_EQ(sign.warn_at_percent, 80);
  EXPECT_TRUE(sign.on_breach.supervise);
  EXPECT_FALSE(sign.on_breach.escalate);
  const ClockDef& resolve = grid.clocks[1];
  EXPECT_TRUE(resolve.on_breach.escalate);
  EXPECT_EQ(resolve.limit_for(Urgency::emergency), (Span{Span::Unit::hours, 2}));
  EXPECT_EQ(grid.returns.max_returns, 2);
  EXPECT_EQ(grid.returns.fallback_kind, OwnerKind::stage);
  EXPECT_EQ(grid.returns.fallback_stage, "street");
  EXPECT_EQ(grid.returns.fallback_owner, "");
  EXPECT_FALSE(grid.extensions.max_extension.has_value()) << "no extensions block: none allowed";

  const StageDef* community = wf->stage("community");
  ASSERT_NE(community, nullptr);
  EXPECT_EQ(community->skip_when, StageDef::Skip::never);
  EXPECT_EQ(community->assists.compound_parties,
            (std::vector<std::string>{"property", "owners_committee"}));
  EXPECT_TRUE(community->assists.departments.empty());

  const StageDef* street = wf->stage("street");
  ASSERT_NE(street, nullptr);
  EXPECT_EQ(street->extensions.max_requests, 1);
  EXPECT_EQ(street->extensions.max_extension, (Span{Span::Unit::workdays, 5}));
  EXPECT_EQ(street->extensions.approver_kind, OwnerKind::dispatcher);
  EXPECT_EQ(street->extensions.approver, "dispatcher");
  EXPECT_EQ(street->assists.departments,
            (std::vector<std::string>{"transport", "public_security"}));
  EXPECT_EQ(street->assists.report_within, (Span{Span::Unit::workdays, 1}));
  EXPECT_EQ(street->assists.resolve_within, (Span{Span::Unit::workdays, 5}));
  EXPECT_FALSE(street->assists.lead_may_resolve_alone);

  const StageDef& transport = wf->stages[4];
  EXPECT_EQ(transport.name, "transport");
  EXPECT_EQ(transport.level, Level::department);
  EXPECT_EQ(transport.department, "transport");
  EXPECT_EQ(transport.topic, "caseflow.dept.transport");
  EXPECT_EQ(transport.clocks[1].on_breach.notify_topics,
            (std::vector<std::string>{"caseflow.supervision.city"}));
  EXPECT_EQ(transport.returns.max_returns, 1);
  EXPECT_EQ(transport.returns.fallback_kind, OwnerKind::dispatcher);

  EXPECT_EQ(wf->revisit.within, (Span{Span::Unit::workdays, 1}));
  EXPECT_TRUE(wf->revisit.reopen_on_not_solved);
  EXPECT_TRUE(wf->revisit.reopen_on_unsatisfied);
  EXPECT_EQ(wf->revisit.max_reopens, 2);
}

TEST(SampleWorkflows, CorridorChargingIsTwoHoursWhateverTheUrgency) {
  const auto wf = load_sample("ev_charging_corridor");
  ASSERT_NE(wf, nullptr);
  for (const StageDef& stage : wf->stages) {
    const auto resolve = std::find_if(stage.clocks.begin(), stage.clocks.end(),
                                      [](const ClockDef& c) { return c.name == "resolve"; });
    ASSERT_NE(resolve, stage.clocks.end()) << stage.name;
    for (Urgency u : {Urgency::normal, Urgency::urgent, Urgency::emergency})
      EXPECT_EQ(resolve->limit_for(u), (Span{Span::Unit::hours, 2})) << stage.name;
  }
}

TEST(SampleWorkflows, GeneralFallsBackToTheDistrict) {
  const auto wf = load_sample("general");
  ASSERT_NE(wf, nullptr);
  EXPECT_EQ(wf->match.categories[0].code, "*");
  const StageDef* street = wf->stage("street");
  ASSERT_NE(street, nullptr);
  EXPECT_EQ(street->returns.fallback_stage, "district");
  EXPECT_EQ(street->extensions.approver_kind, OwnerKind::stage);
  EXPECT_EQ(street->extensions.approver, "district");
  EXPECT_EQ(wf->stages.back().topic, "caseflow.stage.district");
}

TEST(SampleWorkflows, GeneralNamesTheApproversOfTheAssessment) {
  const auto wf = load_sample("general");
  ASSERT_NE(wf, nullptr);
  // The street office decides its grids' applications to leave the assessment.
  EXPECT_EQ(wf->stages[0].exemptions.approver.kind, OwnerKind::stage);
  EXPECT_EQ(wf->stages[0].exemptions.approver.target, "street");
  // A stage that says nothing: the dispatcher.
  EXPECT_EQ(wf->stage("community")->exemptions.approver.kind, OwnerKind::dispatcher);
  EXPECT_EQ(wf->invalid_reports.approver.kind, OwnerKind::dispatcher);
  EXPECT_EQ(wf->invalid_reports.approver.target, "");
  // Workflows that say nothing: the dispatcher everywhere.
  const auto parking = load_sample("parking");
  ASSERT_NE(parking, nullptr);
  for (const StageDef& stage : parking->stages)
    EXPECT_EQ(stage.exemptions.approver.kind, OwnerKind::dispatcher) << stage.name;
}

TEST(SampleWorkflows, AFixedUnitMayDecideInvalidReports) {
  Diagnostics problems;
  const auto wf = load_workflow("w.yaml", R"(workflow: w
version: 1
calendar: cn-mainland
match: {categories: [x.y]}
stages:
  - level: grid
    exemptions: {approver: "unit:desk-7"}
invalid_reports: {approver: grid}
)",
                                city_context(), problems);
  ASSERT_NE(wf, nullptr) << (problems.empty() ? "" : problems[0].to_string());
  EXPECT_EQ(wf->stages[0].exemptions.approver.kind, OwnerKind::unit);
  EXPECT_EQ(wf->stages[0].exemptions.approver.target, "desk-7");
  EXPECT_EQ(wf->invalid_reports.approver.kind, OwnerKind::stage);
  EXPECT_EQ(wf->invalid_reports.approver.target, "grid");
}

TEST(SampleWorkflows, TopicPrefixComesFromTheContext) {
  LoadContext context = city_context();
  context.topic_prefix = "city7";
  Diagnostics problems;
  const auto wf = load_workflow("p.yaml", read_text(source_dir() / "workflows/parking.yaml"),
                                context, problems);
  ASSERT_NE(wf, nullptr);
  EXPECT_EQ(wf->stages[0].topic, "city7.stage.property");
  EXPECT_EQ(wf->stages[1].topic, "city7.stage.grid");
  EXPECT_EQ(wf->stages[4].topic, "city7.dept.transport");
}

TEST(SampleWorkflows, TogetherTheyRouteEveryCategoryUnambiguously) {
  Diagnostics problems;
  const auto catalog = Catalog::build(all_samples(), problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  ASSERT_NE(catalog, nullptr);
  auto route = [&](std::string_view category, Urgency u = Urgency::normal) {
    const auto wf = catalog->route(category, u);
    return wf ? wf->name : std::string("(none)");
  };
  EXPECT_EQ(route("parking.illegal"), "parking");
  EXPECT_EQ(route("parking.shortage"), "parking_shortage");
  EXPECT_EQ(route("parking.bicycles"), "parking");
  EXPECT_EQ(route("ev_charging.broken"), "ev_charging");
  EXPECT_EQ(route("ev_charging.corridor"), "ev_charging_corridor");
  EXPECT_EQ(route("ev_charging.corridor", Urgency::emergency), "ev_charging_corridor");
  EXPECT_EQ(route("noise.construction", Urgency::urgent), "noise");
  EXPECT_EQ(route("environment.litter"), "environment");
  EXPECT_EQ(route("water.leak"), "general");
  EXPECT_EQ(route("parking"), "general") << "parking.* needs something after the dot";
}

}  // namespace
}  // namespace caseflow::definition
