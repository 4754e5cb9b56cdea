// The star rating of property companies (docs/assessment.md "The star rating of property
// companies"): a month worked by hand, then each rule on its own.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/assessment/period.h"
#include "engine/assessment/stars.h"
#include "tests/unit/engine/assessment/fact_builder.h"

namespace caseflow::assessment {
namespace {

using testing::CaseBuilder;
using testing::nov;
using testing::november;
using Why = std::vector<std::string>;

// A case of a compound in community C1 that `company` contacted on `day` (on time or late) and
// that closed two days later with the resident's rating.
CaseFacts property_case(const std::string& id, const std::string& company, int day, bool on_time,
                        const std::string& solved, const std::string& satisfaction) {
  return CaseBuilder(id, "S1", "C1")
      .response(nov(day), company, "property", on_time)
      .rated(nov(day + 2), company, solved, satisfaction);
}

// `count` cases of `company` named prefix-01.., from day 1.
void add_cases(std::vector<CaseFacts>& cases, const std::string& prefix, const std::string& company,
               int count, bool on_time, const std::string& solved,
               const std::string& satisfaction) {
  const auto numbered = std::count_if(cases.begin(), cases.end(), [&](const CaseFacts& c) {
    return c.case_id.starts_with(prefix + "-");
  });
  for (int i = 0; i < count; ++i) {
    const int n = static_cast<int>(numbered) + i + 1;
    cases.push_back(property_case(prefix + "-" + (n < 10 ? "0" : "") + std::to_string(n), company,
                                  1 + i, on_time, solved, satisfaction));
  }
}

const StarRow& star_row(const StarRating& r, const std::string& company) {
  for (const StarRow& x : r.rows) {
    if (x.company == company) return x;
  }
  throw std::runtime_error("no star row " + company);
}

// The month of docs/assessment.md, default weights and default rules (25 each; 90/80/70/60; at
// least 5 cases a rate, 30 respondents a survey; at most 3 stars when a part has no value):
//
// PC0001: 10 cases, 9 contacted on time; 8 solved and satisfied, 2 partly and basically.
//   response 9/10 = 0.9, resolution (8 + 2 x 0.5)/10 = 0.9, satisfaction 0.9; survey 94 (200).
//   composite (90 + 90 + 90 + 94) / 4 = 91.00 -> 5 stars.
// PC0007: 5 cases, all on time; 4 solved and satisfied, 1 partly and basically.
//   response 1, resolution 4.5/5 = 0.9, satisfaction 0.9; survey 52 (35).
//   composite (100 + 90 + 90 + 52) / 4 = 83.00 -> 4 stars.
// PC0003: 6 cases, all on time, solved and satisfied: 1, 1, 1; not on the survey.
//   composite over three parts 100.00 -> 5 stars earned, capped at 3.
// PC0004: 5 cases, all on time; 3 solved and satisfied, 2 closed unrated (left out).
//   response 1; resolution and satisfaction on 3 cases, fewer than 5: no value; survey 71 (40).
//   composite (25 x 100 + 25 x 71) / 50 = 85.50 -> 4 stars earned, capped at 3.
// PC0002: 5 cases, 4 on time; 3 solved and satisfied, 1 partly and basically, 1 not solved and
//   unsatisfied. response 0.8, resolution 3.5/5 = 0.7, satisfaction 0.7; survey 88 (60).
//   composite (80 + 70 + 70 + 88) / 4 = 77.00 -> 3 stars.
// PC0006: 5 cases, 2 on time; 1 solved and satisfied, 2 partly and basically, 2 not solved and
//   unsatisfied. response 0.4, resolution (1 + 1 + 0)/5 = 0.4, satisfaction 0.4; survey 55 (80).
//   composite (40 + 40 + 40 + 55) / 4 = 43.75 -> 1 star.
// PC0005: no case; survey 85 from 20 respondents, fewer than 30: no part has a value, no stars.
// community:C1 handled a case too: not a property company, not rated.
//
// Ranking: PC0001 (5), PC0007 (4), PC0003 (3, 100), PC0004 (3, 85.5), PC0002 (3, 77),
// PC0006 (1), PC0005 (none).
struct WorkedMonth {
  std::vector<CaseFacts> cases;
  std::vector<SurveyScore> survey = {{"property:PC0001", 94, 200}, {"property:PC0002", 88, 60},
                                     {"property:PC0004", 71, 40},  {"property:PC0005", 85, 20},
                                     {"property:PC0006", 55, 80},  {"property:PC0007", 52, 35}};

  WorkedMonth() {
    add_cases(cases, "p1", "property:PC0001", 8, true, "solved", "satisfied");
    add_cases(cases, "p1", "property:PC0001", 1, true, "partly", "basically");
    add_cases(cases, "p1", "property:PC0001", 1, false, "partly", "basically");
    add_cases(cases, "p7", "property:PC0007", 4, true, "solved", "satisfied");
    add_cases(cases, "p7", "property:PC0007", 1, true, "partly", "basically");
    add_cases(cases, "p3", "property:PC0003", 6, true, "solved", "satisfied");
    add_cases(cases, "p4", "property:PC0004", 3, true, "solved", "satisfied");
    for (const std::string id : {"p4-04", "p4-05"}) {
      cases.push_back(CaseBuilder(id, "S1", "C1")
                          .response(nov(3), "property:PC0004", "property", true)
                          .unrated(nov(20), "property:PC0004"));
    }
    add_cases(cases, "p2", "property:PC0002", 3, true, "solved", "satisfied");
    add_cases(cases, "p2", "property:PC0002", 1, true, "partly", "basically");
    add_cases(cases, "p2", "property:PC0002", 1, false, "not_solved", "unsatisfied");
    add_cases(cases, "p6", "property:PC0006", 1, true, "solved", "satisfied");
    add_cases(cases, "p6", "property:PC0006", 1, true, "partly", "basically");
    add_cases(cases, "p6", "property:PC0006", 1, false, "partly", "basically");
    add_cases(cases, "p6", "property:PC0006", 2, false, "not_solved", "unsatisfied");
    cases.push_back(CaseBuilder("c1-01", "S1", "C1")
                        .response(nov(4), testing::A, "community", true)
                        .rated(nov(6), testing::A, "solved", "satisfied"));
  }

  StarRating rate(const std::optional<std::vector<SurveyScore>>& with,
                  const StarRules& rules = {}) const {
    return rate_stars(assess(cases, november(), By::unit, Weights{}), with, rules);
  }
};

TEST(StarRating, TheWorkedMonthHasTheStarsAndCompositesWorkedByHand) {
  const WorkedMonth month;
  const StarRating r = month.rate(month.survey);
  EXPECT_EQ(r.period.label, "2026-11");
  EXPECT_TRUE(r.has_survey);
  std::vector<std::string> ranking;
  for (const auto& row : r.rows) ranking.push_back(row.company);
  EXPECT_EQ(ranking, (std::vector<std::string>{
                         "property:PC0001", "property:PC0007", "property:PC0003", "property:PC0004",
                         "property:PC0002", "property:PC0006", "property:PC0005"}));

  const StarRow& p1 = r.rows[0];
  EXPECT_EQ(p1.stars, 5);
  EXPECT_DOUBLE_EQ(*p1.composite, 91.0);
  EXPECT_DOUBLE_EQ(*p1.response, 0.9);
  EXPECT_DOUBLE_EQ(*p1.resolution, 0.9);
  EXPECT_DOUBLE_EQ(*p1.satisfaction, 0.9);
  EXPECT_EQ(p1.survey, 94);
  EXPECT_EQ(p1.cases, 10u);
  EXPECT_EQ(p1.survey_sample, 200u);
  EXPECT_EQ(p1.why, Why{});

  const StarRow& p7 = star_row(r, "property:PC0007");
  EXPECT_EQ(p7.stars, 4);
  EXPECT_DOUBLE_EQ(*p7.composite, 83.0);

  const StarRow& p3 = star_row(r, "property:PC0003");
  EXPECT_EQ(p3.stars, 3);
  EXPECT_DOUBLE_EQ(*p3.composite, 100.0);
  EXPECT_FALSE(p3.survey.has_value());
  EXPECT_EQ(p3.why, (Why{"survey: not on the month's survey",
                         "capped at 3 stars (the composite earns 5): a part has no value"}));

  const StarRow& p4 = star_row(r, "property:PC0004");
  EXPECT_EQ(p4.stars, 3);
  EXPECT_DOUBLE_EQ(*p4.composite, 85.5);
  EXPECT_DOUBLE_EQ(*p4.response, 1.0);
  EXPECT_FALSE(p4.resolution.has_value());
  EXPECT_FALSE(p4.satisfaction.has_value());
  EXPECT_EQ(p4.cases, 5u);
  EXPECT_EQ(p4.why, (Why{"resolution: 3 cases assessed, fewer than 5",
                         "satisfaction: 3 cases assessed, fewer than 5",
                         "capped at 3 stars (the composite earns 4): a part has no value"}));

  const StarRow& p2 = star_row(r, "property:PC0002");
  EXPECT_EQ(p2.stars, 3);
  EXPECT_DOUBLE_EQ(*p2.composite, 77.0);
  EXPECT_DOUBLE_EQ(*p2.response, 0.8);
  EXPECT_DOUBLE_EQ(*p2.resolution, 0.7);
  EXPECT_EQ(p2.why, Why{});

  const StarRow& p6 = star_row(r, "property:PC0006");
  EXPECT_EQ(p6.stars, 1);
  EXPECT_DOUBLE_EQ(*p6.composite, 43.75);

  const StarRow& p5 = r.rows.back();
  EXPECT_EQ(p5.company, "property:PC0005");
  EXPECT_FALSE(p5.stars.has_value());
  EXPECT_FALSE(p5.composite.has_value());
  EXPECT_EQ(p5.cases, 0u);
  EXPECT_EQ(p5.survey_sample, 20u);
  EXPECT_EQ(p5.why, (Why{"response: nothing assessed", "resolution: nothing assessed",
                         "satisfaction: nothing assessed", "survey: 20 respondents, fewer than 30",
                         "no part has a value: no stars"}));
}

TEST(StarRating, WithoutASurveyEveryCompanyIsCappedAndOnlyCompaniesWithCasesAreListed) {
  const WorkedMonth month;
  const StarRating r = month.rate(std::nullopt);
  EXPECT_FALSE(r.has_survey);
  ASSERT_EQ(r.rows.size(), 6u);  // PC0005 was only on the survey
  // PC0001 over its three rates: 90.00 earns 5; PC0003 100.00 earns 5: both capped at 3, ranked
  // by composite.
  EXPECT_EQ(r.rows[0].company, "property:PC0003");
  EXPECT_EQ(r.rows[0].stars, 3);
  const StarRow& p1 = star_row(r, "property:PC0001");
  EXPECT_EQ(p1.stars, 3);
  EXPECT_DOUBLE_EQ(*p1.composite, 90.0);
  EXPECT_EQ(p1.survey_sample, 0u);
  EXPECT_EQ(p1.why, (Why{"survey: no survey for the month",
                         "capped at 3 stars (the composite earns 5): a part has no value"}));
  // PC0006 earns 1 star over its rates alone (40.00): the cap takes nothing away.
  const StarRow& p6 = star_row(r, "property:PC0006");
  EXPECT_EQ(p6.stars, 1);
  EXPECT_EQ(p6.why, Why{"survey: no survey for the month"});
}

TEST(StarRating, APartThatWeighsNothingIsNotMissed) {
  const WorkedMonth month;
  StarRules rules;
  rules.survey = 0;
  const StarRating r = month.rate(std::nullopt, rules);
  EXPECT_EQ(star_row(r, "property:PC0003").stars, 5);
  EXPECT_EQ(star_row(r, "property:PC0001").stars, 5);
}

TEST(StarRating, FewerCasesThanTheMinimumLeaveARateWithoutValue) {
  const WorkedMonth month;
  StarRules rules;
  rules.min_cases = 6;  // PC0002 (5 cases) loses its three rates, PC0003 (6) keeps them
  const StarRating r = month.rate(month.survey, rules);
  const StarRow& p2 = star_row(r, "property:PC0002");
  EXPECT_FALSE(p2.response.has_value());
  EXPECT_DOUBLE_EQ(*p2.composite, 88.0);  // the survey alone
  EXPECT_EQ(p2.stars, 3);                 // 4 earned, capped
  EXPECT_TRUE(star_row(r, "property:PC0003").response.has_value());
}

// Survey-only companies: the composite is the survey score, so the thresholds are easy to probe.
StarRating survey_only(std::vector<SurveyScore> survey) {
  StarRules rules;
  rules.cap_when_incomplete = 5;
  rules.min_sample = 1;
  return rate_stars(assess({}, november(), By::unit, Weights{}), survey, rules);
}

TEST(StarRating, StarsAreGivenOnTheCompositeRoundedToTwoDecimals) {
  const StarRating r = survey_only({{"property:A", 90, 1},
                                    {"property:B", 79.996, 1},
                                    {"property:C", 79.994, 1},
                                    {"property:D", 65, 1},
                                    {"property:E", 59.99, 1}});
  EXPECT_EQ(star_row(r, "property:A").stars, 5);
  EXPECT_DOUBLE_EQ(*star_row(r, "property:B").composite, 80.0);
  EXPECT_EQ(star_row(r, "property:B").stars, 4);
  EXPECT_DOUBLE_EQ(*star_row(r, "property:C").composite, 79.99);
  EXPECT_EQ(star_row(r, "property:C").stars, 3);
  EXPECT_EQ(star_row(r, "property:D").stars, 2);
  EXPECT_EQ(star_row(r, "property:E").stars, 1);
}

TEST(StarRating, TiesAreRankedByCompanyIdAndAnyUnitOnTheSurveyIsRated) {
  const StarRating r =
      survey_only({{"property:PC0009", 75, 5}, {"street:S1", 75, 5}, {"property:PC0002", 75, 5}});
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].company, "property:PC0002");
  EXPECT_EQ(r.rows[1].company, "property:PC0009");
  EXPECT_EQ(r.rows[2].company, "street:S1");
}

TEST(StarRating, RulesThatCannotRateAreRefusedInWords) {
  EXPECT_EQ(star_rules_problem(StarRules{}), std::nullopt);
  StarRules rising;
  rising.four = 95;
  EXPECT_EQ(star_rules_problem(rising), "thresholds must not rise: four 95 is above five 90");
  StarRules nothing;
  nothing.response = nothing.resolution = nothing.satisfaction = nothing.survey = 0;
  EXPECT_EQ(star_rules_problem(nothing), "the weights need at least one above 0");
  StarRules cap;
  cap.cap_when_incomplete = 0;
  EXPECT_EQ(star_rules_problem(cap), "cap_when_incomplete must be between 1 and 5 stars");
  StarRules high;
  high.five = 101;
  EXPECT_EQ(star_rules_problem(high), "threshold five must be between 0 and 100");
}

TEST(StarRating, PropertyCompaniesAreTheUnitsNamedProperty) {
  EXPECT_TRUE(is_property_company("property:PC0001"));
  EXPECT_FALSE(is_property_company("community:C1"));
  EXPECT_FALSE(is_property_company("propertyPC0001"));
}

}  // namespace
}  // namespace caseflow::assessment
