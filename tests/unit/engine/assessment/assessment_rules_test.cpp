// Each rule of the report on its own (docs/assessment.md), on a few cases of November 2026.
#include <gtest/gtest.h>

#include "engine/assessment/period.h"
#include "tests/unit/engine/assessment/fact_builder.h"

namespace caseflow::assessment {
namespace {

using testing::A;
using testing::B;
using testing::C;
using testing::CaseBuilder;
using testing::cst;
using testing::nov;
using testing::november;
using testing::row;
using Ids = std::vector<std::string>;

CaseBuilder kase(const std::string& id, const std::string& street = "S1") {
  return CaseBuilder(id, street, "C1");
}

Report by_unit(const std::vector<CaseFacts>& cases, const Weights& w = {}) {
  return assess(cases, november(), By::unit, w);
}

TEST(AssessmentRules, ResponseIsOnTimeFactsOverTheUnitsFacts) {
  const Report r = by_unit({kase("1").response(nov(2), A, "grid", true),
                            kase("2").response(nov(3), A, "community", false),
                            kase("3").response(nov(4), A, "grid", true)});
  ASSERT_EQ(r.rows.size(), 1u);  // grid and community stages of one community: one row
  EXPECT_EQ(r.rows[0].response.numerator, 2);
  EXPECT_EQ(r.rows[0].response.denominator, 3u);
  EXPECT_EQ(r.rows[0].response_cases, (Ids{"1", "2", "3"}));
}

TEST(AssessmentRules, OnlyAUnitsFirstResponseFactOfACaseCounts) {
  const Report r = by_unit({kase("1")
                                .response(nov(2), A, "grid", false, "escalated")
                                .response(nov(5), A, "community", true)});
  EXPECT_EQ(r.rows[0].response.numerator, 0);
  EXPECT_EQ(r.rows[0].response.denominator, 1u);
}

TEST(AssessmentRules, AJustifiedReturnTakesTheCaseOutOfTheReturningUnitsResponseOnly) {
  const Report r = by_unit({kase("1")
                                .returned(nov(2), A, "grid")
                                .return_review(nov(3), A, true)
                                .response(nov(4), C, "street", true)
                                .rated(nov(9), A, "solved", "satisfied")});
  const Row& a = row(r, A);
  EXPECT_EQ(a.response.denominator, 0u);
  EXPECT_EQ(a.justified_returns, 1u);
  EXPECT_EQ(a.excluded_cases, Ids{"1"});
  EXPECT_EQ(a.resolution.denominator, 1u);  // its rating still counts
  EXPECT_EQ(row(r, C).response.denominator, 1u);
}

TEST(AssessmentRules, AnUnjustifiedOrUnreviewedReturnCountsAsLate) {
  const Report r = by_unit({kase("1").returned(nov(2), A, "grid").return_review(nov(3), A, false),
                            kase("2").returned(nov(2), A, "grid")});
  EXPECT_EQ(r.rows[0].response.numerator, 0);
  EXPECT_EQ(r.rows[0].response.denominator, 2u);
  EXPECT_EQ(r.rows[0].justified_returns, 0u);
}

TEST(AssessmentRules, AGrantedExemptionTakesTheCaseOutOfThatUnitsRatesOnly) {
  const Report r = by_unit({kase("1")
                                .response(nov(2), A, "grid", false, "escalated")
                                .response(nov(3), C, "street", false)
                                .exemption(nov(4), C, "requested")
                                .exemption(nov(5), C, "granted")
                                .rated(nov(9), C, "not_solved", "unsatisfied")});
  const Row& c = row(r, C);
  EXPECT_EQ(c.response.denominator, 0u);
  EXPECT_EQ(c.resolution.denominator, 0u);
  EXPECT_EQ(c.exempted, 1u);
  EXPECT_FALSE(c.score.has_value());
  EXPECT_EQ(row(r, A).response.denominator, 1u);
  EXPECT_EQ(row(r, A).exempted, 0u);
}

TEST(AssessmentRules, ARequestedOrRefusedExemptionChangesNothing) {
  const Report r =
      by_unit({kase("1").response(nov(2), A, "grid", false).exemption(nov(3), A, "requested"),
               kase("2")
                   .response(nov(2), A, "grid", false)
                   .exemption(nov(3), A, "requested")
                   .exemption(nov(4), A, "refused")});
  EXPECT_EQ(r.rows[0].response.denominator, 2u);
  EXPECT_EQ(r.rows[0].exempted, 0u);
}

TEST(AssessmentRules, AConfirmedInvalidCaseLeavesEveryRateOfEveryUnit) {
  const Report r = by_unit({kase("1")
                                .response(nov(2), A, "grid", true, "escalated")
                                .response(nov(3), C, "street", true)
                                .invalid(nov(4), C, "proposed")
                                .invalid(nov(5), C, "confirmed")});
  EXPECT_EQ(row(r, A).response.denominator, 0u);
  EXPECT_EQ(row(r, A).invalid, 1u);
  EXPECT_EQ(row(r, C).response.denominator, 0u);
  EXPECT_EQ(row(r, C).invalid, 1u);
}

TEST(AssessmentRules, ARefusedInvalidProposalChangesNothing) {
  const Report r = by_unit({kase("1")
                                .invalid(nov(2), A, "proposed")
                                .invalid(nov(3), A, "refused")
                                .response(nov(4), A, "grid", true)});
  EXPECT_EQ(r.rows[0].response.denominator, 1u);
  EXPECT_EQ(r.rows[0].invalid, 0u);
}

TEST(AssessmentRules, OnlyTheFinalRatingOfACaseCountsInTheSequenceOrder) {
  CaseFacts c = kase("1")
                    .rated(nov(5), A, "not_solved", "unsatisfied")
                    .rated(nov(9), A, "solved", "satisfied");
  std::swap(c.records[0], c.records[1]);  // handed over out of order: the sequence decides
  const Report r = by_unit({c});
  EXPECT_EQ(r.rows[0].resolution.numerator, 1);
  EXPECT_EQ(r.rows[0].resolution.denominator, 1u);
  EXPECT_EQ(r.rows[0].satisfaction.numerator, 1);
}

TEST(AssessmentRules, NoAnswerCountsInResolutionNotInSatisfaction) {
  const Report r = by_unit({kase("1").rated(nov(5), A, "partly", "no_answer"),
                            kase("2").rated(nov(6), A, "solved", "basically")});
  EXPECT_EQ(r.rows[0].resolution.numerator, 1.5);
  EXPECT_EQ(r.rows[0].resolution.denominator, 2u);
  EXPECT_EQ(r.rows[0].satisfaction.numerator, 0.5);
  EXPECT_EQ(r.rows[0].satisfaction.denominator, 1u);
  EXPECT_EQ(r.rows[0].no_answer, 1u);
  EXPECT_EQ(r.rows[0].rated_cases, (Ids{"1", "2"}));
}

TEST(AssessmentRules, UnratedCasesAreExcludedAndCountedByDefault) {
  const Report r =
      by_unit({kase("1").unrated(nov(5), A), kase("2").rated(nov(6), A, "solved", "satisfied")});
  EXPECT_EQ(r.rows[0].unrated, 1u);
  EXPECT_EQ(r.rows[0].resolution.denominator, 1u);
  EXPECT_EQ(r.rows[0].satisfaction.denominator, 1u);
  EXPECT_EQ(r.rows[0].excluded_cases, Ids{"1"});
}

TEST(AssessmentRules, AsWorstCountsUnratedCasesAsNotSolvedAndUnsatisfied) {
  Weights w;
  w.unrated = Weights::Unrated::as_worst;
  const Report r =
      by_unit({kase("1").unrated(nov(5), A), kase("2").rated(nov(6), A, "solved", "satisfied")}, w);
  EXPECT_EQ(r.rows[0].unrated, 1u);
  EXPECT_EQ(r.rows[0].resolution.numerator, 1);
  EXPECT_EQ(r.rows[0].resolution.denominator, 2u);
  EXPECT_EQ(r.rows[0].satisfaction.numerator, 1);
  EXPECT_EQ(r.rows[0].satisfaction.denominator, 2u);
  EXPECT_EQ(r.rows[0].rated_cases, (Ids{"1", "2"}));
  EXPECT_TRUE(r.rows[0].excluded_cases.empty());
}

TEST(AssessmentRules, TheConfiguredWeightsWeighEachVerdict) {
  Weights w;
  w.partly = 0.6;
  w.not_solved = 0.1;
  w.basically = 0.8;
  w.unsatisfied = 0.2;
  const Report r = by_unit({kase("1").rated(nov(5), A, "partly", "basically"),
                            kase("2").rated(nov(6), A, "not_solved", "unsatisfied"),
                            kase("3").rated(nov(7), A, "solved", "satisfied")},
                           w);
  EXPECT_DOUBLE_EQ(r.rows[0].resolution.numerator, 0.6 + 0.1 + 1);
  EXPECT_DOUBLE_EQ(r.rows[0].satisfaction.numerator, 0.8 + 0.2 + 1);
  EXPECT_EQ(r.rows[0].resolution.denominator, 3u);
}

TEST(AssessmentRules, TheScoreWeighsTheRatesThatHaveAValueAndScalesTo100) {
  Rate response{3, 4}, resolution{1, 2}, satisfaction{1, 1}, none;
  Weights w;  // 30/35/35
  EXPECT_DOUBLE_EQ(*score(response, resolution, satisfaction, w), 22.5 + 17.5 + 35);
  // Without satisfaction, the other two are renormalised over 65: (30*.75 + 35*.5) / 65.
  EXPECT_DOUBLE_EQ(*score(response, resolution, none, w), (22.5 + 17.5) / 65 * 100);
  EXPECT_DOUBLE_EQ(*score(none, none, satisfaction, w), 100);
  EXPECT_FALSE(score(none, none, none, w).has_value());
  w.score_response = 0;
  EXPECT_FALSE(score(response, none, none, w).has_value());
  w.score_response = 1;
  w.score_resolution = 1;
  w.score_satisfaction = 2;
  EXPECT_DOUBLE_EQ(*score(response, resolution, satisfaction, w), (0.75 + 0.5 + 2) / 4 * 100);
}

TEST(AssessmentRules, RowsRankByScoreThenKeyWithoutScoreLast) {
  const Report r =
      by_unit({kase("1").response(nov(2), "u:b", "grid", true),
               kase("2").response(nov(2), "u:a", "grid", true),
               kase("3").response(nov(2), "u:c", "grid", false), kase("4").unrated(nov(2), "u:0"),
               kase("5").response(nov(2), "u:d", "grid", true)});
  Ids keys;
  for (const Row& x : r.rows) keys.push_back(x.key);
  EXPECT_EQ(keys, (Ids{"u:a", "u:b", "u:d", "u:c", "u:0"}));
  EXPECT_FALSE(r.rows.back().score.has_value());
}

TEST(AssessmentRules, AFactCountsInThePeriodOfItsRecord) {
  const Report r = by_unit({
      kase("1").response(cst("2026-11-01 00:00"), A, "grid", true),  // first instant: in
      kase("2").response(cst("2026-12-01 00:00"), A, "grid", true),  // the end: out
      kase("3")
          .response(cst("2026-10-31 23:59"), A, "grid", true)  // October
          .rated(nov(2), A, "solved", "satisfied"),            // closed in November: counts
  });
  EXPECT_EQ(r.rows[0].response_cases, Ids{"1"});
  EXPECT_EQ(r.rows[0].rated_cases, Ids{"3"});
  EXPECT_EQ(r.cases, 2u);
}

TEST(AssessmentRules, ADecisionAfterThePeriodStillAppliesToIt) {
  const std::vector<CaseFacts> cases{kase("1")
                                         .response(nov(20), A, "grid", false)
                                         .exemption(cst("2026-12-04 09:00"), A, "granted")};
  EXPECT_EQ(by_unit(cases).rows[0].response.denominator, 0u);
  EXPECT_EQ(by_unit(cases).rows[0].exempted, 1u);
}

TEST(AssessmentRules, AnApprovedPlanCountsAsStagedUntilItComesDueOrTheCaseCloses) {
  const std::string until = "2027-03-01T00:00:00+08:00";
  const Report r = by_unit({
      kase("approved").plan(nov(2), A, "filed", until).plan(nov(3), A, "approved", until),
      kase("before").plan(cst("2026-10-02 10:00"), A, "approved", until),
      kase("refused").plan(nov(2), A, "filed", until).plan(nov(3), A, "refused", until),
      kase("due").plan(nov(3), A, "approved", until).plan(nov(20), A, "due", until),
      kase("closed").plan(nov(3), A, "approved", until).rated(nov(25), A, "solved", "satisfied"),
      kase("after").plan(cst("2026-12-01 09:00"), A, "approved", until),
  });
  EXPECT_EQ(row(r, A).staged, 2u);  // "approved" and "before"
}

TEST(AssessmentRules, AnsweredAtIntakeCountsForTheCentreInThePeriodOfItsClose) {
  const Report r = by_unit({kase("1").answered_at_intake(nov(2)),
                            kase("2").answered_at_intake(cst("2026-12-01 08:00"))});
  EXPECT_EQ(r.answered_at_intake, 1u);
  EXPECT_TRUE(r.rows.empty());
}

TEST(AssessmentRules, WeeksRunFromThePeriodsStartAndTheLastIsShorter) {
  const Period ten_days{cst("2026-11-01 00:00"), cst("2026-11-11 00:00"), "ten days"};
  const Report r = assess({kase("1").response(cst("2026-11-07 23:59"), A, "grid", true),
                           kase("2").response(cst("2026-11-08 00:00"), A, "grid", false)},
                          ten_days, By::unit, Weights{});
  ASSERT_EQ(r.rows[0].weekly_score.size(), 2u);
  EXPECT_DOUBLE_EQ(*r.rows[0].weekly_score[0], 100);
  EXPECT_DOUBLE_EQ(*r.rows[0].weekly_score[1], 0);
  EXPECT_DOUBLE_EQ(*r.rows[0].score, 50);
  const Period two_weeks{cst("2026-11-01 00:00"), cst("2026-11-15 00:00"), "two weeks"};
  EXPECT_EQ(assess({kase("1").response(nov(2), A, "grid", true)}, two_weeks, By::unit, Weights{})
                .rows[0]
                .weekly_score.size(),
            2u);
}

TEST(AssessmentRules, ByStreetGroupsEveryUnitsFactsByTheCasesStreet) {
  const Report r = assess({kase("1", "S1").response(nov(2), A, "grid", true),
                           kase("2", "S1").response(nov(2), C, "street", false),
                           kase("3", "S2").response(nov(2), A, "grid", true),
                           kase("4", "").response(nov(2), A, "grid", true)},
                          november(), By::street, Weights{});
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(row(r, "S1").response.denominator, 2u);
  EXPECT_EQ(row(r, "S1").response.numerator, 1);
  EXPECT_EQ(row(r, "S2").response.denominator, 1u);
  EXPECT_EQ(row(r, "").response_cases, Ids{"4"});  // a case without a place: the row ""
}

TEST(AssessmentRules, AFactThatCannotBeReadIsListedAndTheOthersStillCount) {
  const Report r = by_unit({kase("1")
                                .raw(nov(2), "updated", "contacted", R"({"response":{"unit":"x"}})")
                                .raw(nov(3), "updated", "progress", "not json")
                                .rated(nov(9), A, "maybe", "satisfied")
                                .response(nov(4), A, "grid", true)});
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[0], "1 #3: response.on_time is missing or not a boolean");
  EXPECT_EQ(r.problems[1], "1 #6: data.assessment is not a JSON object");
  EXPECT_EQ(r.problems[2], "1 #9: rating.solved is 'maybe', expected solved|partly|not_solved");
  EXPECT_EQ(row(r, A).response.denominator, 1u);
  EXPECT_EQ(row(r, A).resolution.denominator, 0u);
}

TEST(AssessmentRules, TheSameFactsGiveTheSameReport) {
  const std::vector<CaseFacts> cases{kase("2").response(nov(2), "u:b", "grid", true),
                                     kase("1").response(nov(2), "u:a", "grid", true)};
  const Report one = by_unit(cases), two = by_unit({cases[1], cases[0]});
  ASSERT_EQ(one.rows.size(), two.rows.size());
  for (size_t i = 0; i < one.rows.size(); ++i) EXPECT_EQ(one.rows[i].key, two.rows[i].key);
}

// docs/assessment.md "A worked example", case by case as the page's table has them.
std::vector<CaseFacts> the_docs_example() {
  return {
      kase("1").response(nov(3), A, "grid", true).rated(nov(8), A, "solved", "satisfied"),
      kase("2").response(nov(4), A, "grid", false).rated(nov(12), A, "partly", "basically"),
      kase("3")
          .returned(nov(5), A, "grid")
          .return_review(cst("2026-11-05 15:00"), A, true)
          .response(nov(6), C, "street", true)
          .rated(nov(14), C, "solved", "no_answer"),
      kase("4").response(nov(6), A, "community", true).rated(nov(20), A, "solved", "satisfied"),
      kase("5")
          .response(nov(9), A, "community", true)
          .exemption(nov(10), A, "requested")
          .exemption(nov(11), A, "granted")
          .rated(nov(25), A, "not_solved", "unsatisfied"),
      kase("6").invalid(nov(9), A, "proposed").invalid(nov(10), A, "confirmed"),
      kase("7").response(nov(16), C, "street", false).unrated(nov(28), C),
      kase("8")
          .response(cst("2026-10-30 10:00"), A, "grid", true)
          .rated(nov(2), A, "solved", "satisfied"),
  };
}

TEST(AssessmentRules, TheDocsWorkedExampleGivesItsFigures) {
  const Report r = by_unit(the_docs_example());
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].key, A);
  EXPECT_EQ(r.rows[1].key, C);
  const Row& a = r.rows[0];
  EXPECT_EQ(a.response.numerator, 2);
  EXPECT_EQ(a.response.denominator, 3u);
  EXPECT_EQ(a.resolution.value(), 0.875);
  EXPECT_EQ(a.satisfaction.value(), 0.875);
  EXPECT_DOUBLE_EQ(*a.score, 81.25);
  EXPECT_EQ(a.exempted, 1u);
  EXPECT_EQ(a.justified_returns, 1u);
  EXPECT_EQ(a.invalid, 1u);
  const Row& c = r.rows[1];
  EXPECT_EQ(c.response.value(), 0.5);
  EXPECT_EQ(c.resolution.value(), 1.0);
  EXPECT_FALSE(c.satisfaction.value().has_value());
  EXPECT_NEAR(*c.score, 76.92, 0.005);
  EXPECT_EQ(c.unrated, 1u);
  EXPECT_EQ(c.no_answer, 1u);

  Weights worst;
  worst.unrated = Weights::Unrated::as_worst;
  EXPECT_DOUBLE_EQ(*row(by_unit(the_docs_example(), worst), C).score, 32.5);

  const Report street = assess(the_docs_example(), november(), By::street, Weights{});
  ASSERT_EQ(street.rows.size(), 1u);
  EXPECT_EQ(street.rows[0].response.value(), 0.6);
  EXPECT_EQ(street.rows[0].resolution.value(), 0.9);
  EXPECT_EQ(street.rows[0].satisfaction.value(), 0.875);
  EXPECT_DOUBLE_EQ(*street.rows[0].score, 80.125);
}

}  // namespace
}  // namespace caseflow::assessment
