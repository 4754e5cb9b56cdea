// The star rating as a reader sees it: the table's lines, the CSV's fields and the JSON members
// (docs/http.md "The star rating of property companies").
#include "connectors/report/stars_formats.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "engine/assessment/period.h"

namespace caseflow::report {
namespace {

namespace json = boost::json;

assessment::StarRating two_companies() {
  assessment::StarRating r;
  r.period = *assessment::month_period("2026-11", "Asia/Shanghai");
  r.has_survey = true;
  r.survey_source = "2026-11.csv";
  assessment::StarRow best;
  best.company = "property:PC0001";
  best.stars = 5;
  best.composite = 91;
  best.response = best.resolution = best.satisfaction = 0.9;
  best.survey = 94;
  best.survey_sample = 200;
  best.cases = 10;
  assessment::StarRow none;
  none.company = "property:PC0005";
  none.survey_sample = 20;
  none.why = {"survey: 20 respondents, fewer than 30", "no part has a value: no stars"};
  r.rows = {best, none};
  return r;
}

TEST(StarsFormats, TheTableShowsStarsCompositeAndWhy) {
  const std::string table = stars_table(two_companies());
  EXPECT_EQ(table,
            "star rating of property companies 2026-11: 2 companies; survey 2026-11.csv\n"
            "rank  company          stars    composite  response  resolution  satisfaction      "
            "survey  cases  why\n"
            "   1  property:PC0001  5 *****      91.00     90.0%       90.0%         90.0%  94.0 "
            "(200)     10\n"
            "   2  property:PC0005  -                -         -           -             -       "
            "    -      0  survey: 20 respondents, fewer than 30; no part has a value: no stars\n");
}

TEST(StarsFormats, WithoutASurveyTheTableSaysSoAndTheCap) {
  auto r = two_companies();
  r.has_survey = false;
  r.survey_source.clear();
  const std::string table = stars_table(r);
  EXPECT_EQ(table.substr(0, table.find('\n')),
            "star rating of property companies 2026-11: 2 companies; no survey (at most 3 stars)");
  EXPECT_TRUE(stars_json(r).at("survey").is_null());
}

// A reason with a comma is quoted.
TEST(StarsFormats, CsvHasAHeaderAndEmptyFieldsForNoValue) {
  EXPECT_EQ(stars_csv(two_companies()),
            "period,rank,company,stars,composite,response_rate,resolution_rate,satisfaction_rate,"
            "survey_score,survey_sample,cases,why\r\n"
            "2026-11,1,property:PC0001,5,91,0.9,0.9,0.9,94,200,10,\r\n"
            "2026-11,2,property:PC0005,,,,,,,20,0,\"survey: 20 respondents, fewer than 30; no "
            "part has a value: no stars\"\r\n");
}

TEST(StarsFormats, JsonHasTheRulesAndEveryRow) {
  const json::object doc = stars_json(two_companies());
  EXPECT_EQ(doc.at("by"), "property");
  EXPECT_EQ(doc.at("period").at("label"), "2026-11");
  EXPECT_EQ(doc.at("period").at("from"), "2026-10-31T16:00:00Z");
  EXPECT_EQ(doc.at("survey").at("file"), "2026-11.csv");
  EXPECT_EQ(doc.at("rules").at("weights").at("survey"), 25.0);
  EXPECT_EQ(doc.at("rules").at("thresholds").at("four"), 80.0);
  EXPECT_EQ(doc.at("rules").at("min_cases"), 5u);
  EXPECT_EQ(doc.at("rules").at("cap_when_incomplete"), 3);
  const auto& rows = doc.at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(json::serialize(rows[0]),
            R"({"rank":1,"company":"property:PC0001","stars":5,"composite":9.1E1,"response":9E-1,)"
            R"("resolution":9E-1,"satisfaction":9E-1,"survey":9.4E1,"survey_sample":200,)"
            R"("cases":10,"why":[]})");
  EXPECT_TRUE(rows[1].at("stars").is_null());
  EXPECT_TRUE(rows[1].at("composite").is_null());
  EXPECT_EQ(rows[1].at("why").as_array().size(), 2u);
  EXPECT_TRUE(doc.at("problems").as_array().empty());
}

}  // namespace
}  // namespace caseflow::report
