// Routing new cases to workflows, and the checks over a set of workflows.
#include "engine/definition/catalog.h"

#include <gtest/gtest.h>

#include "engine/definition/workflow_loader.h"

namespace caseflow::definition {
namespace {

// A one-stage workflow whose `match` is given as YAML flow text.
WorkflowPtr make(const std::string& name, const std::string& match, int version = 1,
                 const std::string& title = "") {
  const std::string text = "workflow: " + name + "\nversion: " + std::to_string(version) +
                           "\ncalendar: always\nmatch: " + match + "\nstages:\n  - level: grid\n" +
                           (title.empty() ? "" : "title: " + title + "\n");
  Diagnostics problems;
  auto wf = load_workflow(name + ".yaml", text, LoadContext{}, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return wf;
}

CatalogPtr build(std::vector<WorkflowPtr> workflows) {
  Diagnostics problems;
  auto catalog = Catalog::build(std::move(workflows), problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return catalog;
}

std::string routed(const CatalogPtr& catalog, std::string_view category,
                   Urgency urgency = Urgency::normal, std::vector<std::string> places = {},
                   RequestType request_type = RequestType::none) {
  const auto wf = catalog->route(category, urgency, places, request_type);
  return wf ? wf->id() : "(none)";
}

TEST(CatalogRouting, MostSpecificCategoryWins) {
  const auto catalog =
      build({make("any", "{categories: ['*']}"), make("parking", "{categories: [parking.*]}"),
             make("night", "{categories: [parking.illegal.*]}"),
             make("illegal", "{categories: [parking.illegal]}")});
  ASSERT_NE(catalog, nullptr);
  EXPECT_EQ(routed(catalog, "parking.illegal"), "illegal@1");
  EXPECT_EQ(routed(catalog, "parking.illegal.night"), "night@1");
  EXPECT_EQ(routed(catalog, "parking.shortage"), "parking@1");
  EXPECT_EQ(routed(catalog, "noise"), "any@1");
  EXPECT_EQ(routed(catalog, "parking"), "any@1");
}

TEST(CatalogRouting, NothingClaimsACaseWithoutACatchAll) {
  const auto catalog = build({make("parking", "{categories: [parking.*]}")});
  EXPECT_EQ(routed(catalog, "noise.night"), "(none)");
  EXPECT_EQ(routed(catalog, ""), "(none)");
}

TEST(CatalogRouting, ListedUrgencyBeatsAnyUrgency) {
  const auto catalog =
      build({make("ev", "{categories: [ev_charging.*]}"),
             make("ev_emergency", "{categories: [ev_charging.*], urgencies: [emergency]}")});
  EXPECT_EQ(routed(catalog, "ev_charging.broken", Urgency::emergency), "ev_emergency@1");
  EXPECT_EQ(routed(catalog, "ev_charging.broken", Urgency::urgent), "ev@1");
}

TEST(CatalogRouting, UrgencyOutsideTheListDoesNotMatch) {
  const auto catalog = build({make("urgent_only", "{categories: [x.y], urgencies: [urgent]}")});
  EXPECT_EQ(routed(catalog, "x.y", Urgency::urgent), "urgent_only@1");
  EXPECT_EQ(routed(catalog, "x.y", Urgency::normal), "(none)");
}

TEST(CatalogRouting, ListedRequestTypesBeatAnyAndAReportNamingNoneGoesToAWorkflowListingNone) {
  const auto catalog =
      build({make("general", "{categories: ['*']}"),
             make("consult", "{categories: ['*'], request_types: [consultation, help]}"),
             make("tips", "{categories: [x.*], request_types: [report]}")});
  ASSERT_NE(catalog, nullptr);
  EXPECT_EQ(routed(catalog, "x.y", Urgency::normal, {}, RequestType::help), "consult@1");
  EXPECT_EQ(routed(catalog, "x.y", Urgency::normal, {}, RequestType::complaint), "general@1");
  EXPECT_EQ(routed(catalog, "x.y", Urgency::normal, {}, RequestType::report), "tips@1")
      << "the category is compared first";
  EXPECT_EQ(routed(catalog, "x.y"), "general@1");
  EXPECT_EQ(routed(catalog, "noise", Urgency::normal, {}, RequestType::report), "general@1");
  const auto only_typed = build({make("consult", "{categories: ['*'], request_types: [help]}")});
  EXPECT_EQ(routed(only_typed, "x.y"), "(none)");
  EXPECT_EQ(routed(only_typed, "x.y", Urgency::normal, {}, RequestType::help), "consult@1");
}

TEST(CatalogRouting, SmallerListedPlaceWinsThenAnyPlace) {
  const auto catalog = build({make("city", "{categories: [noise.*]}"),
                              make("district", "{categories: [noise.*], places: [district-1]}"),
                              make("street", "{categories: [noise.*], places: [street-7]}")});
  // place ids from the smallest area to the largest
  EXPECT_EQ(
      routed(catalog, "noise.night", Urgency::normal, {"g-1", "c-1", "street-7", "district-1"}),
      "street@1");
  EXPECT_EQ(
      routed(catalog, "noise.night", Urgency::normal, {"g-2", "c-2", "street-8", "district-1"}),
      "district@1");
  EXPECT_EQ(
      routed(catalog, "noise.night", Urgency::normal, {"g-3", "c-3", "street-9", "district-2"}),
      "city@1");
  EXPECT_EQ(routed(catalog, "noise.night"), "city@1")
      << "an unplaced case goes to the any-place one";
}

TEST(CatalogRouting, CategoryIsComparedBeforePlace) {
  const auto catalog = build({make("exact", "{categories: [noise.night]}"),
                              make("local", "{categories: [noise.*], places: [street-7]}")});
  EXPECT_EQ(routed(catalog, "noise.night", Urgency::normal, {"street-7"}), "exact@1");
  EXPECT_EQ(routed(catalog, "noise.day", Urgency::normal, {"street-7"}), "local@1");
}

TEST(CatalogVersions, LatestVersionRoutesOlderOnesStayFindable) {
  const auto catalog = build({make("noise", "{categories: [noise.*]}", 2),
                              make("noise", "{categories: [noise.*]}", 1, "Old")});
  ASSERT_NE(catalog, nullptr);
  EXPECT_EQ(routed(catalog, "noise.x"), "noise@2");
  ASSERT_NE(catalog->find("noise", 1), nullptr);
  EXPECT_EQ(catalog->find("noise", 1)->title, "Old");
  EXPECT_EQ(catalog->find("noise", 3), nullptr);
  EXPECT_EQ(catalog->latest("noise")->version, 2);
  EXPECT_EQ(catalog->current().size(), 1u);
  EXPECT_EQ(catalog->all().size(), 2u);
}

TEST(CatalogVersions, SameNameAndVersionWithOtherContentIsAnError) {
  const auto first = make("noise", "{categories: [noise.*]}", 1);
  const auto second = make("noise", "{categories: [noise.*]}", 1, "Changed");
  auto moved = std::make_shared<Workflow>(*second);
  moved->source_file = "z/noise.yaml";
  Diagnostics problems;
  EXPECT_EQ(Catalog::build({moved, first}, problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string(),
            "z/noise.yaml:1:11: error: workflow noise@1 is already defined with different content "
            "at noise.yaml:1:11; a changed workflow needs a new version");
}

TEST(CatalogVersions, TheSameFileTwiceIsKeptOnce) {
  const auto wf = make("noise", "{categories: [noise.*]}");
  const auto catalog = build({wf, wf});
  ASSERT_NE(catalog, nullptr);
  EXPECT_EQ(catalog->all().size(), 1u);
}

TEST(CatalogAmbiguity, TwoWorkflowsClaimingTheSameCategoryAreRefused) {
  Diagnostics problems;
  const auto catalog = Catalog::build(
      {make("b", "{categories: [parking.illegal]}"), make("a", "{categories: [parking.illegal]}")},
      problems);
  EXPECT_EQ(catalog, nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string(),
            "b.yaml:4:22: error: category 'parking.illegal' is also claimed by workflow 'a' at "
            "a.yaml:4:22 for the same urgencies, request types and places; routing would be "
            "ambiguous (make one of them more specific with urgencies, request_types or places, "
            "or remove one claim)");
}

TEST(CatalogAmbiguity, OverlappingUrgenciesOrPlacesAreAmbiguousDisjointOnesAreNot) {
  Diagnostics problems;
  EXPECT_EQ(Catalog::build({make("a", "{categories: [x.*], urgencies: [urgent, emergency]}"),
                            make("b", "{categories: [x.*], urgencies: [emergency]}")},
                           problems),
            nullptr);
  EXPECT_EQ(Catalog::build({make("a", "{categories: ['*'], places: [s1, s2]}"),
                            make("b", "{categories: ['*'], places: [s2]}")},
                           problems),
            nullptr);
  EXPECT_EQ(Catalog::build({make("a", "{categories: [x.*], request_types: [help, complaint]}"),
                            make("b", "{categories: [x.*], request_types: [complaint]}")},
                           problems),
            nullptr);
  EXPECT_EQ(problems.size(), 3u);

  problems.clear();
  EXPECT_NE(Catalog::build(
                {make("a", "{categories: [x.*], urgencies: [urgent]}"),
                 make("b", "{categories: [x.*], urgencies: [emergency]}"),
                 make("c", "{categories: [x.*]}"), make("d", "{categories: [x.*], places: [s1]}"),
                 make("e", "{categories: [x.y]}"),
                 make("f", "{categories: [x.*], request_types: [help]}"),
                 make("g", "{categories: [x.*], request_types: [consultation]}")},
                problems),
            nullptr);
  EXPECT_TRUE(problems.empty());
}

TEST(CatalogAmbiguity, OnlyTheLatestVersionsAreCompared) {
  // noise@1 and quiet@1 would clash, but noise@2 no longer claims noise.night.
  Diagnostics problems;
  EXPECT_NE(Catalog::build({make("noise", "{categories: [noise.night]}", 1),
                            make("noise", "{categories: [noise.day]}", 2),
                            make("quiet", "{categories: [noise.night]}", 1)},
                           problems),
            nullptr);
  EXPECT_TRUE(problems.empty());
}

}  // namespace
}  // namespace caseflow::definition
