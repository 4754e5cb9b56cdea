// assessment: the weights of a rating's parts, the score's mix of the three rates and what an
// unrated case counts as (docs/assessment.md). Bad values are errors at their place.
#include <gtest/gtest.h>

#include "app/engine_config.h"
#include "tests/unit/app/temp_folder.h"

namespace caseflow::app {
namespace {

TEST(AssessmentConfig, TheShippedFileHasTheCommonDefaults) {
  Diagnostics problems;
  const auto config = load_engine_config(
      std::filesystem::path(CASEFLOW_SOURCE_DIR) / "config/caseflow.yaml", problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  const assessment::Weights& w = config->assessment;
  EXPECT_EQ(w.solved, 1);
  EXPECT_EQ(w.partly, 0.5);
  EXPECT_EQ(w.not_solved, 0);
  EXPECT_EQ(w.satisfied, 1);
  EXPECT_EQ(w.basically, 0.5);
  EXPECT_EQ(w.unsatisfied, 0);
  EXPECT_EQ(w.score_response, 30);
  EXPECT_EQ(w.score_resolution, 35);
  EXPECT_EQ(w.score_satisfaction, 35);
  EXPECT_EQ(w.unrated, assessment::Weights::Unrated::exclude);
}

TEST(AssessmentConfig, ReadsEveryPartAndKeepsTheDefaultsOfTheOthers) {
  TempFolder folder;
  Diagnostics problems;
  const auto config = load_engine_config(
      folder.write("c.yaml",
                   "assessment:\n"
                   "  weights: {partly: 0.6, basically: 0.8}\n"
                   "  score:\n    response: 20\n    resolution: 40\n    satisfaction: 40\n"
                   "  unrated: as_worst\n"),
      problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  const assessment::Weights& w = config->assessment;
  EXPECT_EQ(w.partly, 0.6);
  EXPECT_EQ(w.basically, 0.8);
  EXPECT_EQ(w.solved, 1);
  EXPECT_EQ(w.score_response, 20);
  EXPECT_EQ(w.score_resolution, 40);
  EXPECT_EQ(w.unrated, assessment::Weights::Unrated::as_worst);
}

// One bad value each: the message and its FILE:LINE:COL.
TEST(AssessmentConfig, BadValuesAreErrorsAtTheirPlace) {
  const struct {
    std::string yaml, where, message;
  } cases[] = {
      {"assessment:\n  weights: {partly: 1.5}\n", ":2:21",
       "assessment.weights.partly must be between 0 and 1"},
      {"assessment:\n  weights: {partly: -0.5}\n", ":2:21",
       "assessment.weights.partly must be between 0 and 1"},
      {"assessment:\n  weights: {partly: half}\n", ":2:21",
       "assessment.weights.partly must be a number"},
      {"assessment:\n  weights: {partially: 0.5}\n", ":2:13",
       "unknown key 'partially' in assessment.weights; did you mean 'partly'?"},
      {"assessment:\n  score: {response: 0, resolution: 0, satisfaction: 0}\n", ":2:10",
       "assessment.score needs at least one weight above 0"},
      {"assessment:\n  unrated: worst\n", ":2:12",
       "unrated must be exclude (left out and counted) or as_worst (counted as not solved and "
       "unsatisfied)"},
      {"assessment:\n  weight: {}\n", ":2:3",
       "unknown key 'weight' in assessment; did you mean 'weights'?"},
      {"assessment:\n  weights: 1\n", ":2:12", "'weights' must be a mapping of settings"},
  };
  for (const auto& c : cases) {
    TempFolder folder;
    Diagnostics problems;
    const auto file = folder.write("c.yaml", c.yaml);
    EXPECT_FALSE(load_engine_config(file, problems).ok()) << c.yaml;
    ASSERT_EQ(problems.size(), 1u) << c.yaml << to_lines(problems);
    EXPECT_EQ(problems[0].to_string(), file.string() + c.where + ": error: " + c.message);
  }
}

}  // namespace
}  // namespace caseflow::app
