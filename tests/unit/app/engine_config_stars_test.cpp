// assessment.stars: the star rating of property companies (docs/assessment.md "The star rating of
// property companies"). Bad values are errors at their place.
#include <gtest/gtest.h>

#include "app/engine_config.h"
#include "tests/unit/app/temp_folder.h"

namespace caseflow::app {
namespace {

TEST(StarsConfig, TheShippedFileHasTheDefaultRulesAndNoSurveyFolder) {
  Diagnostics problems;
  const auto config = load_engine_config(
      std::filesystem::path(CASEFLOW_SOURCE_DIR) / "config/caseflow.yaml", problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_EQ(config->stars.rules, assessment::StarRules{});
  EXPECT_TRUE(config->stars.survey_dir.empty());
}

TEST(StarsConfig, ReadsEverySettingAndKeepsTheDefaultsOfTheOthers) {
  TempFolder folder;
  Diagnostics problems;
  const auto config = load_engine_config(folder.write("c.yaml",
                                                      "assessment:\n"
                                                      "  stars:\n"
                                                      "    weights: {survey: 40}\n"
                                                      "    thresholds: {five: 95, two: 50}\n"
                                                      "    min_cases: 10\n"
                                                      "    min_sample: 100\n"
                                                      "    cap_when_incomplete: 4\n"
                                                      "    survey_dir: surveys\n"),
                                         problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  const assessment::StarRules& r = config->stars.rules;
  EXPECT_EQ(r.survey, 40);
  EXPECT_EQ(r.response, 25);
  EXPECT_EQ(r.five, 95);
  EXPECT_EQ(r.four, 80);
  EXPECT_EQ(r.two, 50);
  EXPECT_EQ(r.min_cases, 10u);
  EXPECT_EQ(r.min_sample, 100u);
  EXPECT_EQ(r.cap_when_incomplete, 4);
  // Relative to the config's folder, like every path of the config.
  EXPECT_EQ(config->stars.survey_dir, folder.path() / "surveys");
}

TEST(StarsConfig, BadValuesAreErrorsAtTheirPlace) {
  const struct {
    std::string yaml, where, message;
  } cases[] = {
      {"assessment:\n  stars: {weights: {survey: -1}}\n", ":2:29",
       "assessment.stars.weights.survey must be between 0 and 1000"},
      {"assessment:\n  stars: {weights: {surveys: 10}}\n", ":2:21",
       "unknown key 'surveys' in assessment.stars.weights; did you mean 'survey'?"},
      {"assessment:\n  stars: {thresholds: {five: 101}}\n", ":2:30",
       "assessment.stars.thresholds.five must be between 0 and 100"},
      {"assessment:\n  stars: {thresholds: {four: 95}}\n", ":2:10",
       "assessment.stars: thresholds must not rise: four 95 is above five 90"},
      {"assessment:\n  stars: {weights: {response: 0, resolution: 0, satisfaction: 0, survey: "
       "0}}\n",
       ":2:10", "assessment.stars: the weights need at least one above 0"},
      {"assessment:\n  stars: {min_cases: 2.5}\n", ":2:22",
       "assessment.stars.min_cases must be a whole number between 0 and 1000000"},
      {"assessment:\n  stars: {cap_when_incomplete: 6}\n", ":2:32",
       "assessment.stars.cap_when_incomplete must be a whole number between 1 and 5"},
      {"assessment:\n  stars: {survey_folder: x}\n", ":2:11",
       "unknown key 'survey_folder' in assessment.stars; did you mean 'survey_dir'?"},
      {"assessment:\n  stars: 3\n", ":2:10", "assessment.stars must be a mapping of settings"},
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
