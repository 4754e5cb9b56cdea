// Months as a report names them ("2026-11"), turned into periods in the city's time zone.
#include <gtest/gtest.h>

#include "engine/assessment/period.h"
#include "engine/time/rfc3339.h"

namespace caseflow::assessment {
namespace {

Instant at(const char* text) { return *parse_rfc3339(text); }

TEST(AssessmentPeriod, AMonthRunsFromLocalMidnightToTheNextMonths) {
  const auto p = month_period("2026-11", "Asia/Shanghai");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->from, at("2026-11-01T00:00:00+08:00"));
  EXPECT_EQ(p->to, at("2026-12-01T00:00:00+08:00"));
  EXPECT_EQ(p->label, "2026-11");
}

TEST(AssessmentPeriod, DecemberEndsInTheNextYear) {
  const auto p = month_period(2026, 12, "Asia/Shanghai");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->to, at("2027-01-01T00:00:00+08:00"));
  EXPECT_EQ(p->label, "2026-12");
}

TEST(AssessmentPeriod, AZoneWithSummerTimeGivesAMonthOfItsOwnLength) {
  // Europe/Berlin leaves summer time on 2026-10-25: October has 31 days and one hour.
  const auto p = month_period("2026-10", "Europe/Berlin");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from, at("2026-10-01T00:00:00+02:00"));
  EXPECT_EQ(p->to, at("2026-11-01T00:00:00+01:00"));
  EXPECT_EQ((p->to - p->from).millis(), (31 * 24 + 1) * 3'600'000LL);
}

TEST(AssessmentPeriod, AMalformedMonthIsRefusedWithWhatIsExpected) {
  for (const char* text : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "2026-11-01", "",
                           "abcd-ef", "1969-12"}) {
    const auto m = parse_month(text);
    ASSERT_FALSE(m) << text;
    EXPECT_EQ(m.error().code, "bad_month");
    EXPECT_NE(
        m.error().message.find(std::string("'") + text + "' is not a month: expected YYYY-MM"),
        std::string::npos)
        << m.error().message;
  }
  EXPECT_NE(parse_month("2026-13").error().message.find("month 01 to 12"), std::string::npos);
}

TEST(AssessmentPeriod, AnUnknownZoneIsRefused) {
  const auto p = month_period("2026-11", "Asia/Shanghia");
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, "unknown_time_zone");
  EXPECT_NE(p.error().message.find("Asia/Shanghia"), std::string::npos);
}

TEST(AssessmentPeriod, AMonthOutOfRangeIsRefused) {
  EXPECT_EQ(month_period(2026, 13, "Asia/Shanghai").error().code, "bad_month");
  EXPECT_EQ(month_period(9999, 12, "Asia/Shanghai").error().code, "bad_month");
  EXPECT_TRUE(month_period(9998, 12, "Asia/Shanghai"));
}

}  // namespace
}  // namespace caseflow::assessment
