#include "engine/time/local_date.h"

#include <gtest/gtest.h>

namespace caseflow {
namespace {

TEST(LocalDate, ParsesAndPrintsIsoDates) {
  const auto d = LocalDate::parse("2026-10-01");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->to_string(), "2026-10-01");
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->weekday(), Weekday::thursday);
  EXPECT_EQ(LocalDate::parse("1970-01-01")->days_since_1970(), 0);
  EXPECT_EQ((*LocalDate::parse("2026-03-01") - *LocalDate::parse("2026-02-28")), 1);
  EXPECT_EQ((*d + 9).to_string(), "2026-10-10");
  EXPECT_EQ((*d + 9).weekday(), Weekday::saturday);
}

TEST(LocalDate, RefusesDaysThatDoNotExist) {
  for (const char* text : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01",
                           "2026-01-1", "20260101", "2026-01-01T00", "abcd-01-01", ""}) {
    EXPECT_FALSE(LocalDate::parse(text).has_value()) << text;
  }
  EXPECT_TRUE(LocalDate::parse("2028-02-29").has_value());
}

TEST(LocalDate, WeekdayNames) {
  EXPECT_EQ(to_string(Weekday::sunday), "sun");
  EXPECT_EQ(to_string(Weekday::monday), "mon");
  EXPECT_EQ(to_string(Weekday::saturday), "sat");
}

}  // namespace
}  // namespace caseflow
