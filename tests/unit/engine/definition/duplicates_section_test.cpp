// The workflow's `duplicates` section: distance and window read into a DuplicatePolicy; every
// mistake is reported at FILE:LINE:COL (more in tests/data/workflows/broken/bad_duplicates.yaml).
#include <gtest/gtest.h>

#include "engine/definition/duplicates_reader.h"
#include "engine/definition/workflow_loader.h"
#include "tests/unit/engine/definition/test_files.h"

namespace caseflow::definition {
namespace {

using testing::city_context;

const std::string kHead =
    "workflow: dups\nversion: 1\ncalendar: cn-mainland\nmatch:\n  categories: [test.dups]\n"
    "stages:\n  - level: grid\n";

WorkflowPtr load(const std::string& tail, Diagnostics& problems) {
  return load_workflow("dups.yaml", kHead + tail, city_context(), problems);
}

std::vector<std::string> messages(const Diagnostics& problems) {
  std::vector<std::string> out;
  for (const Diagnostic& d : problems) out.push_back(d.to_string());
  return out;
}

TEST(DuplicatesSection, ReadsDistanceAndWindow) {
  Diagnostics problems;
  const WorkflowPtr wf = load("duplicates: {distance: 200m, window: 72h}\n", problems);
  ASSERT_NE(wf, nullptr) << (problems.empty() ? "" : problems[0].to_string());
  ASSERT_TRUE(wf->duplicates.has_value());
  EXPECT_EQ(wf->duplicates->distance_m, 200);
  EXPECT_EQ(wf->duplicates->window, (Span{Span::Unit::hours, 72}));
}

TEST(DuplicatesSection, WithoutTheSectionNothingIsLookedFor) {
  Diagnostics problems;
  const WorkflowPtr wf = load("", problems);
  ASSERT_NE(wf, nullptr);
  EXPECT_FALSE(wf->duplicates.has_value());
}

TEST(DuplicatesSection, DistancesInMetresOrKilometresUpTo5km) {
  EXPECT_EQ(parse_distance_m("200m"), 200);
  EXPECT_EQ(parse_distance_m("200 m"), 200);
  EXPECT_EQ(parse_distance_m("1.5km"), 1500);
  EXPECT_EQ(parse_distance_m("5km"), 5000);
  EXPECT_EQ(parse_distance_m("5001m"), std::nullopt);
  EXPECT_EQ(parse_distance_m("0m"), std::nullopt);
  EXPECT_EQ(parse_distance_m("-5m"), std::nullopt);
  EXPECT_EQ(parse_distance_m("200"), std::nullopt);
  EXPECT_EQ(parse_distance_m("1e3m"), std::nullopt);
  EXPECT_EQ(parse_distance_m(".5km"), std::nullopt);
  EXPECT_EQ(parse_distance_m("m"), std::nullopt);
}

TEST(DuplicatesSection, MistakesAreReportedWhereTheyAre) {
  Diagnostics problems;
  EXPECT_EQ(load("duplicates:\n  distance: 200m\n  windw: 3d\n", problems), nullptr);
  EXPECT_EQ(messages(problems),
            (std::vector<std::string>{
                "dups.yaml:10:3: error: unknown key 'windw' in 'duplicates'; did you mean "
                "'window'?",
                "dups.yaml:9:3: error: missing required key 'window' in 'duplicates'"}));
  problems.clear();
  EXPECT_EQ(load("duplicates: 200m\n", problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 8);
  EXPECT_EQ(problems[0].column, 13);
}

}  // namespace
}  // namespace caseflow::definition
