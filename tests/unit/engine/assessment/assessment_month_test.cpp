// The hand-worked month: November 2026 in Asia/Shanghai, 40 cases over three units in two streets,
// with the figures of every unit and street worked out by hand below and asserted exactly.
//
// Units and streets (a grid-level stage's work counts under its community's unit):
//   A = community:C1  (community C1, street S1)   cases a01..a15
//   B = community:C2  (community C2, street S2)   cases b01..b16
//   C = street:S1     (the street office of S1)   cases c01..c09, and a07, a08 after A returned
// Weights: the defaults (solved 1, partly 0.5, not solved 0; satisfied 1, basically 0.5,
// unsatisfied 0; score 30/35/35; unrated excluded). "+" on time, "-" late; (r, s) is a case's
// resolution and satisfaction weight; "na" is a no_answer satisfaction.
//
// case  facts                                                         counts for
// a01   A + Nov 2 (grid); rated solved/satisfied Nov 6                A resp +, rated (1, 1)
// a02   A + Nov 3; solved/satisfied Nov 10                            A resp +, (1, 1)
// a03   A - Nov 4 (community stage); partly/basically Nov 12          A resp -, (.5, .5)
// a04   A + Nov 9; reopened once, the final rating solved/basically   A resp +, (1, .5)
//       Nov 25 (the first, unsatisfied, closed nothing: no fact)
// a05   A + Nov 10; solved/no_answer Nov 14                           A resp +, (1, na)
// a06   A - Nov 11; closed unrated Nov 28                             A resp -, unrated
// a07   A returned Nov 12, reviewed justified Nov 13; C + Nov 14;     A: out (justified return)
//       C's rating solved/satisfied Nov 19                            C resp +, (1, 1)
// a08   A returned Nov 13, reviewed unjustified Nov 14; C + Nov 15;   A resp -
//       C's rating partly/satisfied Nov 22                            C resp +, (.5, 1)
// a09   A + Nov 16; exemption requested Nov 17, granted Nov 18;       A: out (exempted)
//       not_solved/unsatisfied Nov 24
// a10   A - Nov 17; exemption requested Nov 18, refused Nov 19;       A resp -, (0, 0)
//       not_solved/unsatisfied Nov 26
// a11   A + Nov 18; invalid proposed Nov 19, confirmed Nov 21         A: out (invalid)
// a12   A + Oct 31 23:30 (October); solved/satisfied Nov 3            A (1, 1) only
// a13   A + Nov 27; solved/satisfied Dec 1 00:30 (December)           A resp + only
// a14   A - Nov 30 23:59:59 (the period's last second)                A resp -
// a15   A - Nov 20; not_solved/unsatisfied Nov 27; exemption          A: out (exempted: a later
//       requested Nov 28, granted Dec 3                                  decision applies)
// b01   B + Nov 2; solved/satisfied Nov 5                             B resp +, (1, 1)
// b02   B + Nov 2; solved/satisfied Nov 6                             B resp +, (1, 1)
// b03   B + Nov 5; partly/basically Nov 9                             B resp +, (.5, .5)
// b04   B - Nov 6; not_solved/unsatisfied Nov 12                      B resp -, (0, 0)
// b05   B + Nov 8; solved/no_answer Nov 12                            B resp +, (1, na)
// b06   B + Nov 9; partly/no_answer Nov 15                            B resp +, (.5, na)
// b07   B + Nov 10; unrated Nov 25                                    B resp +, unrated
// b08   B + Nov 15; unrated Nov 29                                    B resp +, unrated
// b09   B - Nov 16; solved/basically Nov 20                           B resp -, (1, .5)
// b10   B + Nov 18; reopened, final solved/satisfied Nov 29           B resp +, (1, 1)
// b11   B + Nov 22; not_solved/unsatisfied Nov 28, outcome            B resp +, (0, 0)
//       rated_bad_after_max_reopens
// b12   B returned Nov 23, reviewed justified Nov 24; withdrawn       B: out (justified return)
// b13   B proposed invalid Nov 25 (before contact: no response fact), B resp -, (.5, .5)
//       refused Nov 26; B - Nov 26; partly/basically Nov 30
// b14   answered at intake Nov 7 (直办): the centre's, no unit         report: answered 1
// b15   B + Nov 3; plan filed Nov 10, approved Nov 11 until 2027-01-15 B resp +, staged
// b16   B + Nov 4; plan approved Nov 6 until Nov 20, due Nov 20;      B resp +, (1, 1)
//       solved/satisfied Nov 27
// c01   A escalated it Nov 3 before contact; C + Nov 5;               A resp -; C resp +, (1, 1)
//       solved/satisfied Nov 12
// c02   C + Nov 6; partly/basically Nov 14                            C resp +, (.5, .5)
// c03   C - Nov 7; not_solved/no_answer Nov 17                        C resp -, (0, na)
// c04   C + Nov 20; unrated Nov 30                                    C resp +, unrated
// c05   C + Nov 21; exemption granted Nov 25; not_solved Nov 28       C: out (exempted)
// c06   C's holding ended by the dispatcher's assignment Nov 22;      C resp -; A resp +, (1, 1)
//       A + Nov 23; A's rating solved/satisfied Nov 29
// c07   C + Nov 24; solved/satisfied Dec 2 (December)                 C resp + only
// c08   C + Oct 30; solved/basically Oct 31 23:59:59.999 (October)    nothing
// c09   C + Dec 1 00:00:00 (the period's end is exclusive)             nothing
//
// A = community:C1
//   response: counted a01 a02 a03 a04 a05 a06 a08 a10 a13 a14 c01 c06 = 12, on time
//             a01 a02 a04 a05 a13 c06 = 6                               -> 6/12 = 0.5
//   resolution: a01 1 + a02 1 + a03 .5 + a04 1 + a05 1 + a10 0 + a12 1 + c06 1 = 6.5 / 8 = 0.8125
//   satisfaction (a05 no_answer out): 1 + 1 + .5 + .5 + 0 + 1 + 1 = 5 / 7
//   score = 30*0.5 + 35*0.8125 + 35*5/7 = 15 + 28.4375 + 25 = 68.4375
//   unrated 1 (a06), no_answer 1 (a05), exempted 2 (a09 a15), justified 1 (a07), invalid 1 (a11)
// B = community:C2
//   response: b01..b11, b13, b15, b16 = 14; late b04 b09 b13         -> 11/14
//   resolution: b01 1, b02 1, b03 .5, b04 0, b05 1, b06 .5, b09 1, b10 1, b11 0, b13 .5, b16 1
//               = 7.5 / 11
//   satisfaction (b05 b06 out): 1 + 1 + .5 + 0 + .5 + 1 + 0 + .5 + 1 = 5.5 / 9
//   score = 30*11/14 + 35*7.5/11 + 35*5.5/9 = 23.5714… + 23.8636… + 21.3888… = 68.8239538…
//   unrated 2 (b07 b08), no_answer 2 (b05 b06), justified 1 (b12), staged 1 (b15)
// C = street:S1
//   response: a07 + a08 + c01 + c02 + c03 - c04 + c06 - c07 + = 6/8 = 0.75 (c05 exempted)
//   resolution: a07 1 + a08 .5 + c01 1 + c02 .5 + c03 0 = 3 / 5 = 0.6
//   satisfaction (c03 out): 1 + 1 + 1 + .5 = 3.5 / 4 = 0.875
//   score = 22.5 + 21 + 30.625 = 74.125
//   unrated 1 (c04), no_answer 1 (c03), exempted 1 (c05)
//   by week (from Nov 1 00:00 local, 7 days each; the fifth is Nov 29-30):
//     W1 response c01 + c02 + c03 - = 2/3, nothing rated        -> 100 * 2/3 = 66.666…
//     W2 response a07 + = 1; resolution c01 1, c02 .5 = .75; satisfaction .75
//                                                               -> 30 + 26.25 + 26.25 = 82.5
//     W3 response a08 + c04 + = 1; resolution a07 1, c03 0 = .5; satisfaction a07 = 1
//                                                               -> 30 + 17.5 + 35 = 82.5
//     W4 response c06 - c07 + = .5; resolution a08 .5; satisfaction a08 1
//                                                               -> 15 + 17.5 + 35 = 67.5
//     W5 only c04's unrated close (excluded)                    -> no score
// Ranking by unit: C 74.125, B 68.82…, A 68.4375.
//
// By street, the same facts grouped by the case's street (each fact's own unit decides whether a
// decision takes it out):
// S1 = A's and C's facts (every a and c case is in S1)
//   response: 12 + 8 = 20 facts, 6 + 6 = 12 on time                   -> 0.6
//   resolution: 6.5 + 3 = 9.5 / 13;  satisfaction: 5 + 3.5 = 8.5 / 11
//   score = 18 + 35*9.5/13 + 35*8.5/11 = 18 + 25.5769… + 27.0454… = 70.6223776…
//   unrated 2 (a06 c04), no_answer 2 (a05 c03), exempted 3 (a09 a15 c05), justified 1 (a07),
//   invalid 1 (a11)
// S2 = B's facts: the same figures as B.  Ranking by street: S1, S2.
// The report: 38 cases have a fact in November (all but c08 and c09); answered at intake 1.

#include <gtest/gtest.h>

#include <array>

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

std::vector<CaseFacts> the_month() {
  auto a = [](const std::string& id) { return CaseBuilder(id, "S1", "C1"); };
  auto b = [](const std::string& id) { return CaseBuilder(id, "S2", "C2"); };
  auto c = [](const std::string& id) { return CaseBuilder(id, "S1", "C1"); };
  return {
      a("a01").response(nov(2), A, "grid", true).rated(nov(6), A, "solved", "satisfied"),
      a("a02").response(nov(3), A, "grid", true).rated(nov(10), A, "solved", "satisfied"),
      a("a03").response(nov(4), A, "community", false).rated(nov(12), A, "partly", "basically"),
      a("a04").response(nov(9), A, "grid", true).rated(nov(25), A, "solved", "basically"),
      a("a05").response(nov(10), A, "grid", true).rated(nov(14), A, "solved", "no_answer"),
      a("a06").response(nov(11), A, "grid", false).unrated(nov(28), A),
      a("a07")
          .returned(nov(12), A, "grid")
          .return_review(nov(13), A, true)
          .response(nov(14), C, "street", true)
          .rated(nov(19), C, "solved", "satisfied"),
      a("a08")
          .returned(nov(13), A, "grid")
          .return_review(nov(14), A, false)
          .response(nov(15), C, "street", true)
          .rated(nov(22), C, "partly", "satisfied"),
      a("a09")
          .response(nov(16), A, "grid", true)
          .exemption(nov(17), A, "requested")
          .exemption(nov(18), A, "granted")
          .rated(nov(24), A, "not_solved", "unsatisfied"),
      a("a10")
          .response(nov(17), A, "grid", false)
          .exemption(nov(18), A, "requested")
          .exemption(nov(19), A, "refused")
          .rated(nov(26), A, "not_solved", "unsatisfied"),
      a("a11")
          .response(nov(18), A, "grid", true)
          .invalid(nov(19), A, "proposed")
          .invalid(nov(21), A, "confirmed"),
      a("a12")
          .response(cst("2026-10-31 23:30"), A, "grid", true)
          .rated(nov(3), A, "solved", "satisfied"),
      a("a13")
          .response(nov(27), A, "grid", true)
          .rated(cst("2026-12-01 00:30"), A, "solved", "satisfied"),
      a("a14").response(*parse_rfc3339("2026-11-30T23:59:59+08:00"), A, "grid", false),
      a("a15")
          .response(nov(20), A, "grid", false)
          .rated(nov(27), A, "not_solved", "unsatisfied")
          .exemption(nov(28), A, "requested")
          .exemption(cst("2026-12-03 10:00"), A, "granted"),

      b("b01").response(nov(2), B, "grid", true).rated(nov(5), B, "solved", "satisfied"),
      b("b02").response(nov(2), B, "community", true).rated(nov(6), B, "solved", "satisfied"),
      b("b03").response(nov(5), B, "grid", true).rated(nov(9), B, "partly", "basically"),
      b("b04").response(nov(6), B, "grid", false).rated(nov(12), B, "not_solved", "unsatisfied"),
      b("b05").response(nov(8), B, "grid", true).rated(nov(12), B, "solved", "no_answer"),
      b("b06").response(nov(9), B, "grid", true).rated(nov(15), B, "partly", "no_answer"),
      b("b07").response(nov(10), B, "grid", true).unrated(nov(25), B),
      b("b08").response(nov(15), B, "grid", true).unrated(nov(29), B),
      b("b09").response(nov(16), B, "grid", false).rated(nov(20), B, "solved", "basically"),
      b("b10").response(nov(18), B, "grid", true).rated(nov(29), B, "solved", "satisfied"),
      b("b11")
          .response(nov(22), B, "grid", true)
          .rated(nov(28), B, "not_solved", "unsatisfied", "rated_bad_after_max_reopens"),
      b("b12").returned(nov(23), B, "grid").return_review(nov(24), B, true),
      b("b13")
          .invalid(nov(25), B, "proposed")
          .invalid(nov(26), B, "refused")
          .response(cst("2026-11-26 15:00"), B, "grid", false)
          .rated(nov(30), B, "partly", "basically"),
      b("b14").answered_at_intake(nov(7)),
      b("b15")
          .response(nov(3), B, "grid", true)
          .plan(nov(10), B, "filed", "2027-01-15T00:00:00+08:00")
          .plan(nov(11), B, "approved", "2027-01-15T00:00:00+08:00"),
      b("b16")
          .response(nov(4), B, "grid", true)
          .plan(nov(5), B, "filed", "2026-11-20T10:00:00+08:00")
          .plan(nov(6), B, "approved", "2026-11-20T10:00:00+08:00")
          .plan(nov(20), B, "due", "2026-11-20T10:00:00+08:00")
          .rated(nov(27), B, "solved", "satisfied"),

      c("c01")
          .response(nov(3), A, "grid", false, "escalated")
          .response(nov(5), C, "street", true)
          .rated(nov(12), C, "solved", "satisfied"),
      c("c02").response(nov(6), C, "street", true).rated(nov(14), C, "partly", "basically"),
      c("c03").response(nov(7), C, "street", false).rated(nov(17), C, "not_solved", "no_answer"),
      c("c04").response(nov(20), C, "street", true).unrated(cst("2026-11-30 10:00"), C),
      c("c05")
          .response(nov(21), C, "street", true)
          .exemption(nov(24), C, "requested")
          .exemption(nov(25), C, "granted")
          .rated(nov(28), C, "not_solved", "unsatisfied"),
      c("c06")
          .response(nov(22), C, "street", false, "assigned")
          .response(nov(23), A, "grid", true)
          .rated(nov(29), A, "solved", "satisfied"),
      c("c07")
          .response(nov(24), C, "street", true)
          .rated(cst("2026-12-02 10:00"), C, "solved", "satisfied"),
      c("c08")
          .response(cst("2026-10-30 10:00"), C, "street", true)
          .rated(*parse_rfc3339("2026-10-31T23:59:59.999+08:00"), C, "solved", "basically"),
      c("c09").response(cst("2026-12-01 00:00"), C, "street", true),
  };
}

using Ids = std::vector<std::string>;

TEST(AssessmentMonth, TheFixtureHasFortyCases) {
  const auto month = the_month();
  EXPECT_EQ(month.size(), 40u);
}

TEST(AssessmentMonth, ByUnitGivesTheHandWorkedFigures) {
  const Report r = assess(the_month(), november(), By::unit, Weights{});
  EXPECT_TRUE(r.problems.empty()) << r.problems.front();
  EXPECT_EQ(r.cases, 38u);
  EXPECT_EQ(r.answered_at_intake, 1u);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].key, C);
  EXPECT_EQ(r.rows[1].key, B);
  EXPECT_EQ(r.rows[2].key, A);

  const Row& a = row(r, A);
  EXPECT_EQ(a.response.numerator, 6);
  EXPECT_EQ(a.response.denominator, 12u);
  EXPECT_EQ(a.resolution.numerator, 6.5);
  EXPECT_EQ(a.resolution.denominator, 8u);
  EXPECT_EQ(a.satisfaction.numerator, 5);
  EXPECT_EQ(a.satisfaction.denominator, 7u);
  EXPECT_DOUBLE_EQ(*a.score, 68.4375);
  EXPECT_EQ(a.unrated, 1u);
  EXPECT_EQ(a.no_answer, 1u);
  EXPECT_EQ(a.exempted, 2u);
  EXPECT_EQ(a.justified_returns, 1u);
  EXPECT_EQ(a.invalid, 1u);
  EXPECT_EQ(a.staged, 0u);
  EXPECT_EQ(a.response_cases, (Ids{"a01", "a02", "a03", "a04", "a05", "a06", "a08", "a10", "a13",
                                   "a14", "c01", "c06"}));
  EXPECT_EQ(a.rated_cases, (Ids{"a01", "a02", "a03", "a04", "a05", "a10", "a12", "c06"}));
  EXPECT_EQ(a.excluded_cases, (Ids{"a06", "a07", "a09", "a11", "a15"}));

  const Row& b = row(r, B);
  EXPECT_EQ(b.response.numerator, 11);
  EXPECT_EQ(b.response.denominator, 14u);
  EXPECT_EQ(b.resolution.numerator, 7.5);
  EXPECT_EQ(b.resolution.denominator, 11u);
  EXPECT_EQ(b.satisfaction.numerator, 5.5);
  EXPECT_EQ(b.satisfaction.denominator, 9u);
  EXPECT_NEAR(*b.score, 30.0 * 11 / 14 + 35 * 7.5 / 11 + 35 * 5.5 / 9, 1e-9);
  EXPECT_NEAR(*b.score, 68.8239538, 1e-6);
  EXPECT_EQ(b.unrated, 2u);
  EXPECT_EQ(b.no_answer, 2u);
  EXPECT_EQ(b.exempted, 0u);
  EXPECT_EQ(b.justified_returns, 1u);
  EXPECT_EQ(b.invalid, 0u);
  EXPECT_EQ(b.staged, 1u);
  EXPECT_EQ(b.excluded_cases, (Ids{"b07", "b08", "b12"}));

  const Row& c = row(r, C);
  EXPECT_EQ(c.response.numerator, 6);
  EXPECT_EQ(c.response.denominator, 8u);
  EXPECT_EQ(c.resolution.numerator, 3);
  EXPECT_EQ(c.resolution.denominator, 5u);
  EXPECT_EQ(c.satisfaction.numerator, 3.5);
  EXPECT_EQ(c.satisfaction.denominator, 4u);
  EXPECT_DOUBLE_EQ(*c.score, 74.125);
  EXPECT_EQ(c.unrated, 1u);
  EXPECT_EQ(c.no_answer, 1u);
  EXPECT_EQ(c.exempted, 1u);
  EXPECT_EQ(c.justified_returns, 0u);
  EXPECT_EQ(c.response_cases, (Ids{"a07", "a08", "c01", "c02", "c03", "c04", "c06", "c07"}));
  EXPECT_EQ(c.rated_cases, (Ids{"a07", "a08", "c01", "c02", "c03"}));
  EXPECT_EQ(c.excluded_cases, (Ids{"c04", "c05"}));
}

TEST(AssessmentMonth, TheStreetOfficesWeeksGiveTheHandWorkedTrend) {
  const Report r = assess(the_month(), november(), By::unit, Weights{});
  const Row& c = row(r, C);
  ASSERT_EQ(c.weekly_score.size(), 5u);
  EXPECT_NEAR(*c.weekly_score[0], 200.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(*c.weekly_score[1], 82.5);
  EXPECT_DOUBLE_EQ(*c.weekly_score[2], 82.5);
  EXPECT_DOUBLE_EQ(*c.weekly_score[3], 67.5);
  EXPECT_FALSE(c.weekly_score[4].has_value());
}

TEST(AssessmentMonth, ByStreetGivesTheHandWorkedFigures) {
  const Report r = assess(the_month(), november(), By::street, Weights{});
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].key, "S1");
  EXPECT_EQ(r.rows[1].key, "S2");

  const Row& s1 = r.rows[0];
  EXPECT_EQ(s1.response.numerator, 12);
  EXPECT_EQ(s1.response.denominator, 20u);
  EXPECT_EQ(s1.resolution.numerator, 9.5);
  EXPECT_EQ(s1.resolution.denominator, 13u);
  EXPECT_EQ(s1.satisfaction.numerator, 8.5);
  EXPECT_EQ(s1.satisfaction.denominator, 11u);
  EXPECT_NEAR(*s1.score, 18 + 35 * 9.5 / 13 + 35 * 8.5 / 11, 1e-9);
  EXPECT_NEAR(*s1.score, 70.6223776, 1e-6);
  EXPECT_EQ(s1.unrated, 2u);
  EXPECT_EQ(s1.no_answer, 2u);
  EXPECT_EQ(s1.exempted, 3u);
  EXPECT_EQ(s1.justified_returns, 1u);
  EXPECT_EQ(s1.invalid, 1u);
  // a07 is behind two numbers: C's response counts, A's does not (its return was justified).
  EXPECT_EQ(s1.response_cases, (Ids{"a01", "a02", "a03", "a04", "a05", "a06", "a07", "a08", "a10",
                                    "a13", "a14", "c01", "c02", "c03", "c04", "c06", "c07"}));
  EXPECT_EQ(s1.excluded_cases, (Ids{"a06", "a07", "a09", "a11", "a15", "c04", "c05"}));

  const Row& s2 = r.rows[1];
  const Report by_unit = assess(the_month(), november(), By::unit, Weights{});
  const Row& b = row(by_unit, B);
  EXPECT_EQ(s2.response.numerator, b.response.numerator);
  EXPECT_EQ(s2.response.denominator, 14u);
  EXPECT_EQ(s2.resolution.numerator, 7.5);
  EXPECT_EQ(s2.resolution.denominator, 11u);
  EXPECT_EQ(s2.satisfaction.numerator, 5.5);
  EXPECT_EQ(s2.satisfaction.denominator, 9u);
  EXPECT_EQ(s2.score, b.score);
  EXPECT_EQ(s2.staged, 1u);
}

// unrated: as_worst puts a06 (A), b07 b08 (B) and c04 (C) in as not solved and unsatisfied:
//   A resolution 6.5 / 9, satisfaction 5 / 8; B 7.5 / 13, 5.5 / 11; C 3 / 6, 3.5 / 5.
TEST(AssessmentMonth, AsWorstCountsTheUnratedCasesOfTheMonth) {
  Weights w;
  w.unrated = Weights::Unrated::as_worst;
  const Report r = assess(the_month(), november(), By::unit, w);
  const std::pair<std::string, std::array<double, 4>> expected[] = {
      {A, {6.5, 9, 5, 8}}, {B, {7.5, 13, 5.5, 11}}, {C, {3, 6, 3.5, 5}}};
  for (const auto& [key, f] : expected) {
    const Row& x = row(r, key);
    EXPECT_EQ(x.resolution.numerator, f[0]) << key;
    EXPECT_EQ(x.resolution.denominator, f[1]) << key;
    EXPECT_EQ(x.satisfaction.numerator, f[2]) << key;
    EXPECT_EQ(x.satisfaction.denominator, f[3]) << key;
  }
}

TEST(AssessmentMonth, NoRateIsEverAboveOne) {
  for (const auto unrated : {Weights::Unrated::exclude, Weights::Unrated::as_worst}) {
    Weights w;
    w.unrated = unrated;
    for (const By by : {By::unit, By::street}) {
      for (const Row& x : assess(the_month(), november(), by, w).rows) {
        for (const Rate* rate : {&x.response, &x.resolution, &x.satisfaction}) {
          EXPECT_LE(rate->value().value_or(0), 1.0) << x.key;
          EXPECT_LE(rate->numerator, static_cast<double>(rate->denominator)) << x.key;
        }
      }
    }
  }
}

// The report reads each case's facts once for both groupings; that must give what each grouping
// gives on its own, row for row.
TEST(AssessmentMonth, BothGroupingsFromOneReadingEqualEachOnItsOwn) {
  const auto month = the_month();
  const By both[] = {By::street, By::unit};
  const auto reports = assess(month, november(), both, Weights{});
  ASSERT_EQ(reports.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const Report alone = assess(month, november(), both[i], Weights{});
    const Report& r = reports[i];
    EXPECT_EQ(r.by, both[i]);
    EXPECT_EQ(r.cases, alone.cases);
    EXPECT_EQ(r.answered_at_intake, alone.answered_at_intake);
    EXPECT_EQ(r.problems, alone.problems);
    ASSERT_EQ(r.rows.size(), alone.rows.size());
    for (size_t k = 0; k < r.rows.size(); ++k) {
      const Row& a = r.rows[k];
      const Row& b = alone.rows[k];
      EXPECT_EQ(a.key, b.key);
      EXPECT_EQ(a.score, b.score) << a.key;
      EXPECT_EQ(a.response.numerator, b.response.numerator) << a.key;
      EXPECT_EQ(a.response.denominator, b.response.denominator) << a.key;
      EXPECT_EQ(a.resolution.numerator, b.resolution.numerator) << a.key;
      EXPECT_EQ(a.satisfaction.numerator, b.satisfaction.numerator) << a.key;
      EXPECT_EQ(a.response_cases, b.response_cases) << a.key;
      EXPECT_EQ(a.rated_cases, b.rated_cases) << a.key;
      EXPECT_EQ(a.excluded_cases, b.excluded_cases) << a.key;
      EXPECT_EQ(a.weekly_score, b.weekly_score) << a.key;
    }
  }
  EXPECT_FALSE(reports[0].rows.empty());
  EXPECT_NE(reports[0].rows[0].key, reports[1].rows[0].key) << "a street is not a unit";
}

// The report streams a period from the archive one case at a time, through one CaseFacts the
// reader refills: what the Assessment keeps must be its own copy, and the order must not matter.
TEST(AssessmentMonth, CasesFedOneAtATimeThroughOneReusedBufferGiveTheSameReport) {
  const auto month = the_month();
  const By both[] = {By::unit, By::street};
  const auto whole = assess(month, november(), both, Weights{});
  Assessment streamed(november(), both, Weights{});
  CaseFacts buffer;
  for (auto it = month.rbegin(); it != month.rend(); ++it) {
    buffer = *it;
    streamed.add(buffer);
    buffer.case_id.assign(buffer.case_id.size(), '?');  // the reader's next case overwrites it
    for (auto& r : buffer.records) r.facts_json.clear();
  }
  const auto reports = std::move(streamed).reports();
  ASSERT_EQ(reports.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(reports[i].cases, whole[i].cases);
    EXPECT_EQ(reports[i].answered_at_intake, whole[i].answered_at_intake);
    ASSERT_EQ(reports[i].rows.size(), whole[i].rows.size());
    for (size_t k = 0; k < reports[i].rows.size(); ++k) {
      const Row& a = reports[i].rows[k];
      const Row& b = whole[i].rows[k];
      EXPECT_EQ(a.key, b.key);
      EXPECT_EQ(a.score, b.score) << a.key;
      EXPECT_EQ(a.response_cases, b.response_cases) << a.key;
      EXPECT_EQ(a.rated_cases, b.rated_cases) << a.key;
      EXPECT_EQ(a.excluded_cases, b.excluded_cases) << a.key;
      EXPECT_EQ(a.exempted, b.exempted) << a.key;
      EXPECT_EQ(a.weekly_score, b.weekly_score) << a.key;
    }
  }
}

}  // namespace
}  // namespace caseflow::assessment
