// The monthly survey file of property companies: a good file read as written, and every bad line
// named by FILE:LINE:COL with what is wrong (docs/assessment.md "The survey file").
#include "connectors/report/survey_csv.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace caseflow::report {
namespace {

using assessment::SurveyScore;
using Scores = std::vector<SurveyScore>;

TEST(SurveyCsv, AGoodFileIsReadInFileOrder) {
  const auto scores = parse_survey_csv(
      "company,score,sample\n"
      "property:PC0001,94,200\n"
      "property:PC0002,88.5,60\n",
      "2026-11.csv");
  ASSERT_TRUE(scores.ok()) << scores.error().message;
  EXPECT_EQ(*scores, (Scores{{"property:PC0001", 94, 200}, {"property:PC0002", 88.5, 60}}));
}

TEST(SurveyCsv, ASpreadsheetsExportIsReadToo) {
  // A byte order mark, CRLF lines, the columns in another order, spaces after commas and a blank
  // line at the end.
  const auto scores = parse_survey_csv(
      "\xEF\xBB\xBFsample, company, score\r\n"
      "40, property:物业-01, 0\r\n"
      "\r\n"
      "1, property:PC0003, 100\r\n"
      "\r\n",
      "s.csv");
  ASSERT_TRUE(scores.ok()) << scores.error().message;
  EXPECT_EQ(*scores, (Scores{{"property:物业-01", 0, 40}, {"property:PC0003", 100, 1}}));
}

TEST(SurveyCsv, AHeaderWithNoLinesIsASurveyOfNobody) {
  const auto scores = parse_survey_csv("company,score,sample\n", "s.csv");
  ASSERT_TRUE(scores.ok()) << scores.error().message;
  EXPECT_TRUE(scores->empty());
}

// The message parse_survey_csv gives for `text`, or "" when it reads.
std::string survey_problem(const std::string& text) {
  const auto scores = parse_survey_csv(text, "2026-11.csv");
  if (scores.ok()) return "";
  EXPECT_EQ(scores.error().code, "bad_survey");
  return scores.error().message;
}

TEST(SurveyCsv, EachBadLineIsNamedByLineAndColumnWithWhatIsWrong) {
  const std::string header = "company,score,sample\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"",
       "2026-11.csv:1:1: error: the survey is empty: its first line must be the header "
       "company,score,sample"},
      {"company,score,size\n",
       "2026-11.csv:1:15: error: unknown column 'size': the columns are company,score,sample"},
      {"company,score,score\n", "2026-11.csv:1:15: error: column 'score' appears twice"},
      {"company,score\n",
       "2026-11.csv:1:1: error: the header has no 'sample' column: it must name "
       "company,score,sample"},
      {header + "property:PC0001,105,200\n",
       "2026-11.csv:2:17: error: score must be a number from 0 to 100, not '105'"},
      {header + "property:PC0001,-1,200\n",
       "2026-11.csv:2:17: error: score must be a number from 0 to 100, not '-1'"},
      {header + "property:PC0001,ninety,200\n",
       "2026-11.csv:2:17: error: score must be a number from 0 to 100, not 'ninety'"},
      {header + "property:PC0001,nan,200\n",
       "2026-11.csv:2:17: error: score must be a number from 0 to 100, not 'nan'"},
      {header + "property:PC0001,90,0\n",
       "2026-11.csv:2:20: error: sample must be a positive whole number of respondents, not '0'"},
      {header + "property:PC0001,90,12.5\n",
       "2026-11.csv:2:20: error: sample must be a positive whole number of respondents, not "
       "'12.5'"},
      {header + "property:PC0001,90,-3\n",
       "2026-11.csv:2:20: error: sample must be a positive whole number of respondents, not '-3'"},
      {header + "property:PC0001,90\n",
       "2026-11.csv:2:19: error: expected 3 fields (company,score,sample), found 2"},
      {header + "property:PC0001,90,30,x\n",
       "2026-11.csv:2:23: error: expected 3 fields (company,score,sample), found 4"},
      {header + ",90,30\n",
       "2026-11.csv:2:1: error: company is empty: it is a unit id such as property:PC0001"},
      {header + "\"property:PC0001\",90,30\n",
       "2026-11.csv:2:1: error: company must not be quoted: it is a unit id such as "
       "property:PC0001"},
      {header + "property:PC0001,90,30\n\nproperty:PC0001,80,40\n",
       "2026-11.csv:4:1: error: property:PC0001 is already on line 2"},
      // Columns count characters, not bytes: 物业 is two characters of three bytes each.
      {header + "property:物业,900,30\n",
       "2026-11.csv:2:13: error: score must be a number from 0 to 100, not '900'"},
  };
  for (const auto& [text, message] : cases) EXPECT_EQ(survey_problem(text), message) << text;
}

TEST(SurveyCsv, TheMonthsFileIsFoundInTheSurveyFolderOnlyWhenItExists) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "caseflow-survey-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const std::filesystem::path dir = pattern;
  std::ofstream(dir / "2026-11.csv") << "company,score,sample\nproperty:PC0001,94,200\n";
  EXPECT_EQ(month_survey_file(dir, "2026-11"), dir / "2026-11.csv");
  EXPECT_EQ(month_survey_file(dir, "2026-10"), std::nullopt);
  EXPECT_EQ(month_survey_file("", "2026-11"), std::nullopt);

  const auto read = read_survey_file(dir / "2026-11.csv");
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(*read, (Scores{{"property:PC0001", 94, 200}}));
  const auto missing = read_survey_file(dir / "2026-10.csv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "survey_unreadable");
  EXPECT_EQ(missing.error().message,
            "cannot read the survey file " + (dir / "2026-10.csv").string());
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace
}  // namespace caseflow::report
