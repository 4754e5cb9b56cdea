// The calendar arithmetic table: every expected instant below was worked out by hand from the
// 2026 State Council arrangement (docs/calendars.md) and cn-mainland's hours 09:00-12:00,
// 13:30-17:30 (7 working hours a day).
#include "engine/time/business_calendar.h"

#include <gtest/gtest.h>

#include "tests/unit/engine/time/calendar_fixture.h"

namespace caseflow {
namespace {

using testing::at;
using testing::shipped_calendar;

struct DeadlineCase {
  const char* why;
  const char* start;
  const char* span;
  int permille;
  const char* expected;  // RFC 3339 at +08:00, or "never"
};

class CnMainland : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { calendar_ = shipped_calendar("cn-mainland"); }
  static void TearDownTestSuite() { calendar_.reset(); }
  static CalendarPtr calendar_;

  void check(const DeadlineCase& c) const {
    ASSERT_NE(calendar_, nullptr);
    const auto span = parse_span(c.span);
    ASSERT_TRUE(span.has_value()) << c.span;
    const Instant got = calendar_->deadline(at(c.start), *span, c.permille);
    const std::string shown = got == Instant::max() ? "never" : format_rfc3339(got, *calendar_);
    EXPECT_EQ(shown, c.expected) << c.why << ": " << c.start << " + " << c.span << " at "
                                 << c.permille << "‰";
  }
};
CalendarPtr CnMainland::calendar_;

TEST_F(CnMainland, WorkdayTable) {
  const DeadlineCase cases[] = {
      // Spring Festival: Sat Feb 14 works, Feb 15-23 off.
      {"Friday before the festival, next working day is Saturday 14th", "2026-02-13T10:00:00+08:00",
       "1 workday", 1000, "2026-02-14T10:00:00+08:00"},
      {"the working Saturday, then nine days off", "2026-02-14T10:00:00+08:00", "1 workday", 1000,
       "2026-02-24T10:00:00+08:00"},
      {"two workdays over the whole festival", "2026-02-13T10:00:00+08:00", "2 workdays", 1000,
       "2026-02-24T10:00:00+08:00"},
      {"Sat Feb 28 works too", "2026-02-27T16:00:00+08:00", "1 workday", 1000,
       "2026-02-28T16:00:00+08:00"},
      // National Day week: Oct 1-7 off, Sat Oct 10 works.
      {"eve of National Day", "2026-09-30T15:00:00+08:00", "1 workday", 1000,
       "2026-10-08T15:00:00+08:00"},
      {"Friday Oct 9 to the working Saturday", "2026-10-09T11:00:00+08:00", "1 workday", 1000,
       "2026-10-10T11:00:00+08:00"},
      {"over the working Saturday to Monday", "2026-10-09T11:00:00+08:00", "2 workdays", 1000,
       "2026-10-12T11:00:00+08:00"},
      {"start on the holiday itself: count from Oct 8 09:00", "2026-10-01T10:00:00+08:00",
       "1 workday", 1000, "2026-10-09T09:00:00+08:00"},
      // Sun Sep 20 works.
      {"Friday to the working Sunday", "2026-09-18T16:00:00+08:00", "1 workday", 1000,
       "2026-09-20T16:00:00+08:00"},
      {"start on the Saturday off: count from Sunday 09:00", "2026-09-19T10:00:00+08:00",
       "1 workday", 1000, "2026-09-21T09:00:00+08:00"},
      {"Mid-Autumn Sep 25-27 off", "2026-09-24T10:00:00+08:00", "1 workday", 1000,
       "2026-09-28T10:00:00+08:00"},
      // Labour Day: May 1-5 off, Sat May 9 works.
      {"over Labour Day", "2026-04-30T14:00:00+08:00", "1 workday", 1000,
       "2026-05-06T14:00:00+08:00"},
      {"to the working Saturday May 9", "2026-04-30T14:00:00+08:00", "4 workdays", 1000,
       "2026-05-09T14:00:00+08:00"},
      // New Year: Jan 1-3 off, Sun Jan 4 works; 2025 is not listed (weekday rule).
      {"from 2025 into the 2026 New Year", "2025-12-31T10:00:00+08:00", "1 workday", 1000,
       "2026-01-04T10:00:00+08:00"},
      // 2027 is not listed: plain weekday rule, so 2027-01-01 (a Friday) counts.
      {"year boundary 2026 -> 2027", "2026-12-31T10:00:00+08:00", "1 workday", 1000,
       "2027-01-01T10:00:00+08:00"},
      {"year boundary, over the first 2027 weekend", "2026-12-31T10:00:00+08:00", "2 workdays",
       1000, "2027-01-04T10:00:00+08:00"},
      // Outside working hours.
      {"after hours: count from the next morning", "2026-11-23T18:00:00+08:00", "1 workday", 1000,
       "2026-11-25T09:00:00+08:00"},
      {"before hours: count from 09:00 the same day", "2026-11-23T08:00:00+08:00", "1 workday",
       1000, "2026-11-24T09:00:00+08:00"},
      {"lunch break: count from 13:30", "2026-11-23T12:30:00+08:00", "1 workday", 1000,
       "2026-11-24T13:30:00+08:00"},
      {"exactly at closing time is after hours", "2026-11-23T17:30:00+08:00", "1 workday", 1000,
       "2026-11-25T09:00:00+08:00"},
      {"a minute before closing", "2026-11-23T17:29:00+08:00", "1 workday", 1000,
       "2026-11-24T17:29:00+08:00"},
      {"a week of workdays", "2026-11-23T09:30:00+08:00", "5 workdays", 1000,
       "2026-11-30T09:30:00+08:00"},
      {"13 workdays over National Day", "2026-09-28T10:00:00+08:00", "13 workdays", 1000,
       "2026-10-21T10:00:00+08:00"},
  };
  for (const auto& c : cases) check(c);
}

TEST_F(CnMainland, WorkhourTable) {
  const DeadlineCase cases[] = {
      {"across the lunch break", "2026-11-23T11:00:00+08:00", "2 workhours", 1000,
       "2026-11-23T14:30:00+08:00"},
      {"across the night", "2026-11-23T16:30:00+08:00", "2 workhours", 1000,
       "2026-11-24T10:00:00+08:00"},
      {"a whole working day ends at closing time, not next morning", "2026-11-23T09:00:00+08:00",
       "7 workhours", 1000, "2026-11-23T17:30:00+08:00"},
      {"from a Sunday", "2026-11-22T10:00:00+08:00", "4 workhours", 1000,
       "2026-11-23T14:30:00+08:00"},
      {"working Saturday then Spring Festival", "2026-02-14T17:00:00+08:00", "1 workhour", 1000,
       "2026-02-24T09:30:00+08:00"},
      {"into 2027 (weekday rule)", "2026-12-31T17:00:00+08:00", "1 workhour", 1000,
       "2027-01-01T09:30:00+08:00"},
      {"from the lunch break", "2026-11-23T12:15:00+08:00", "1 workhour", 1000,
       "2026-11-23T14:30:00+08:00"},
  };
  for (const auto& c : cases) check(c);
}

TEST_F(CnMainland, CalendarSpansIgnoreWorkingTime) {
  const DeadlineCase cases[] = {
      {"3 days over a working Saturday", "2026-10-09T10:00:00+08:00", "3d", 1000,
       "2026-10-12T10:00:00+08:00"},
      {"2 hours over midnight on a holiday", "2026-10-01T23:00:00+08:00", "2h", 1000,
       "2026-10-02T01:00:00+08:00"},
      {"half of 3 days", "2026-10-01T00:00:00+08:00", "3d", 500, "2026-10-02T12:00:00+08:00"},
      {"80% of 24 hours", "2026-10-01T00:00:00+08:00", "24h", 800, "2026-10-01T19:12:00+08:00"},
      {"seconds", "2026-10-01T00:00:00+08:00", "45s", 1000, "2026-10-01T00:00:45+08:00"},
  };
  for (const auto& c : cases) check(c);
}

TEST_F(CnMainland, WarningMarksAreFractionsOfTheWorkingTimeCovered) {
  const DeadlineCase cases[] = {
      {"80% of 10 workhours = 8h", "2026-11-23T09:00:00+08:00", "10 workhours", 800,
       "2026-11-24T10:00:00+08:00"},
      // The day covers 7h of work (Fri 10:00-17:30 is 6h, Sat 09:00-10:00 1h); 80% = 5h36m.
      {"80% of 1 workday before Spring Festival", "2026-02-13T10:00:00+08:00", "1 workday", 800,
       "2026-02-13T17:06:00+08:00"},
      // 14h covered; 80% = 11h12m: Sat 6h, then Tue 24th 3h + 2h12m after 13:30.
      {"80% of 2 workdays over the festival", "2026-02-14T10:00:00+08:00", "2 workdays", 800,
       "2026-02-24T15:42:00+08:00"},
      {"0% is the start itself", "2026-11-23T10:00:00+08:00", "4 workhours", 0,
       "2026-11-23T10:00:00+08:00"},
      {"50% of 1 workhour", "2026-11-23T11:45:00+08:00", "1 workhour", 500,
       "2026-11-23T13:45:00+08:00"},
      {"150% goes past the deadline", "2026-11-23T09:00:00+08:00", "2 workhours", 1500,
       "2026-11-23T12:00:00+08:00"},
  };
  for (const auto& c : cases) check(c);
}

TEST_F(CnMainland, WorkingTimeBetween) {
  const auto& cal = *calendar_;
  EXPECT_EQ(
      cal.working_time_between(at("2026-09-18T09:00:00+08:00"), at("2026-09-21T09:00:00+08:00")),
      Duration::hours(14))
      << "Friday plus the working Sunday";
  EXPECT_EQ(
      cal.working_time_between(at("2026-02-13T00:00:00+08:00"), at("2026-02-25T00:00:00+08:00")),
      Duration::hours(21))
      << "Fri 13th, Sat 14th, Tue 24th";
  EXPECT_EQ(
      cal.working_time_between(at("2026-11-23T11:00:00+08:00"), at("2026-11-23T14:00:00+08:00")),
      Duration::hours(1) + Duration::minutes(30))
      << "lunch does not count";
  EXPECT_EQ(
      cal.working_time_between(at("2026-11-24T10:00:00+08:00"), at("2026-11-23T10:00:00+08:00")),
      Duration())
      << "backwards is zero";
  // 2026 has 248 working days: 261 weekdays - 19 weekday holidays + 6 adjusted working days.
  EXPECT_EQ(
      cal.working_time_between(at("2026-01-01T00:00:00+08:00"), at("2027-01-01T00:00:00+08:00")),
      Duration::hours(248 * 7));
  // 2027 follows the weekday rule: 261 weekdays.
  EXPECT_EQ(
      cal.working_time_between(at("2027-01-01T00:00:00+08:00"), at("2028-01-01T00:00:00+08:00")),
      Duration::hours(261 * 7));
}

TEST_F(CnMainland, AddWorkingTime) {
  const auto& cal = *calendar_;
  EXPECT_EQ(cal.add_working_time(at("2026-11-27T17:00:00+08:00"), Duration::hours(1)),
            at("2026-11-30T09:30:00+08:00"))
      << "Friday's last half hour, the rest on Monday morning";
  EXPECT_EQ(cal.add_working_time(at("2026-11-23T11:59:59+08:00"), Duration::millis(1'001)),
            at("2026-11-23T13:30:00+08:00") + Duration::millis(1))
      << "to the millisecond, across lunch";
  EXPECT_EQ(cal.add_working_time(at("2026-11-28T10:00:00+08:00"), Duration::minutes(1)),
            at("2026-11-30T09:01:00+08:00"))
      << "from a Saturday, counting starts on Monday";
  EXPECT_EQ(cal.add_working_time(at("2026-11-28T10:00:00+08:00"), Duration()),
            at("2026-11-28T10:00:00+08:00"))
      << "no working time: the start itself";
  EXPECT_EQ(cal.add_working_time(Instant::max(), Duration::hours(1)), Instant::max());
  // The inverse of working_time_between.
  const Instant from = at("2026-09-18T10:17:03+08:00");
  const Instant to = cal.add_working_time(from, Duration::hours(9) + Duration::millis(7));
  EXPECT_EQ(cal.working_time_between(from, to), Duration::hours(9) + Duration::millis(7));
}

TEST_F(CnMainland, AWorkdayIsADaysWorkingTimeFromInsideWorkingHours) {
  const auto& cal = *calendar_;
  // From any start inside working hours, N workdays cover exactly N days of working time.
  for (const char* start : {"2026-02-13T10:00:00+08:00", "2026-09-30T15:00:00+08:00",
                            "2026-12-31T11:59:00+08:00", "2026-04-30T13:30:00+08:00"}) {
    for (int n : {1, 3, 20, 250}) {
      const Instant s = at(start);
      const Instant end = cal.deadline(s, Span{Span::Unit::workdays, n});
      EXPECT_EQ(cal.working_time_between(s, end), Duration::hours(7 * n)) << start << " + " << n;
      EXPECT_TRUE(cal.is_working_time(end)) << start << " + " << n;
    }
  }
}

TEST_F(CnMainland, IsWorkingTimeAndOffset) {
  const auto& cal = *calendar_;
  EXPECT_TRUE(cal.is_working_time(at("2026-01-04T10:00:00+08:00"))) << "adjusted Sunday";
  EXPECT_FALSE(cal.is_working_time(at("2026-01-01T10:00:00+08:00"))) << "New Year";
  EXPECT_FALSE(cal.is_working_time(at("2026-11-28T10:00:00+08:00"))) << "plain Saturday";
  EXPECT_TRUE(cal.is_working_time(at("2026-11-23T09:00:00+08:00"))) << "opening is inside";
  EXPECT_TRUE(cal.is_working_time(at("2026-11-23T11:59:59.999+08:00")));
  EXPECT_FALSE(cal.is_working_time(at("2026-11-23T12:00:00+08:00"))) << "closing is outside";
  EXPECT_FALSE(cal.is_working_time(at("2026-11-23T13:00:00+08:00"))) << "lunch";
  EXPECT_EQ(cal.utc_offset(at("2026-07-01T00:00:00Z")), Duration::hours(8));
  EXPECT_EQ(cal.name(), "cn-mainland");
  EXPECT_EQ(format_rfc3339(at("2026-11-26T01:30:00Z"), cal), "2026-11-26T09:30:00+08:00");
}

TEST_F(CnMainland, OutsideCoverage) {
  const auto& cal = *calendar_;
  // Nothing counts before 1999-01-01 (a Friday): the first working hour ends at 10:00 that day.
  EXPECT_EQ(format_rfc3339(cal.deadline(Instant(), Span{Span::Unit::workhours, 1}), cal),
            "1999-01-01T10:00:00+08:00");
  // After 2101 there is no working time: working spans never run out.
  EXPECT_EQ(cal.deadline(at("2101-12-30T10:00:00+08:00"), Span{Span::Unit::workdays, 2}),
            Instant::max());
  EXPECT_EQ(cal.deadline(Instant::max(), Span{Span::Unit::workhours, 1}), Instant::max());
  EXPECT_EQ(cal.deadline(Instant::max(), Span{Span::Unit::hours, 1}), Instant::max());
  EXPECT_FALSE(cal.is_working_time(Instant::max()));
}

// The shipped file against the notice of the State Council (2025-11-04), day by day through 2026.
TEST_F(CnMainland, Every2026DayMatchesTheNotice) {
  struct Range {
    const char* from;
    const char* to;
  };
  const Range days_off[] = {{"2026-01-01", "2026-01-03"}, {"2026-02-15", "2026-02-23"},
                            {"2026-04-04", "2026-04-06"}, {"2026-05-01", "2026-05-05"},
                            {"2026-06-19", "2026-06-21"}, {"2026-09-25", "2026-09-27"},
                            {"2026-10-01", "2026-10-07"}};
  const char* extra_working[] = {"2026-01-04", "2026-02-14", "2026-02-28",
                                 "2026-05-09", "2026-09-20", "2026-10-10"};
  int working_days = 0;
  for (LocalDate d = *LocalDate::parse("2026-01-01"); d.year() == 2026; d = d + 1) {
    bool expected = d.weekday() != Weekday::saturday && d.weekday() != Weekday::sunday;
    for (const auto& r : days_off) {
      if (*LocalDate::parse(r.from) <= d && d <= *LocalDate::parse(r.to)) expected = false;
    }
    for (const char* w : extra_working) {
      if (*LocalDate::parse(w) == d) expected = true;
    }
    working_days += expected ? 1 : 0;
    const std::string ymd = d.to_string();
    EXPECT_EQ(calendar_->is_working_time(at(ymd + "T10:00:00+08:00")), expected) << ymd;
    EXPECT_EQ(calendar_->is_working_time(at(ymd + "T15:00:00+08:00")), expected) << ymd;
    EXPECT_FALSE(calendar_->is_working_time(at(ymd + "T08:59:59+08:00"))) << ymd;
    EXPECT_FALSE(calendar_->is_working_time(at(ymd + "T12:45:00+08:00"))) << ymd;
    EXPECT_FALSE(calendar_->is_working_time(at(ymd + "T17:30:00+08:00"))) << ymd;
  }
  EXPECT_EQ(working_days, 248);
}

TEST_F(CnMainland, SpansBuiltInCodeStayDefined) {
  const auto& cal = *calendar_;
  const Instant t = at("2026-11-23T10:00:00+08:00");
  EXPECT_EQ(cal.deadline(t, Span{Span::Unit::workdays, 0}), t);
  EXPECT_EQ(cal.deadline(t, Span{Span::Unit::workdays, -3}), t);
  EXPECT_EQ(cal.deadline(t, Span{Span::Unit::hours, -3}), t);
  EXPECT_EQ(cal.deadline(t, Span{Span::Unit::days, INT64_MAX}), Instant::max());
  EXPECT_EQ(cal.deadline(t, Span{Span::Unit::workhours, INT64_MAX}), Instant::max());
  EXPECT_EQ(cal.deadline(t, Span{Span::Unit::workhours, 1}, -50), t) << "negative permille is 0";
  EXPECT_EQ(cal.deadline(t, Span{Span::Unit::hours, 1}, INT32_MAX), t + Duration::hours(1000))
      << "permille is capped at 1,000,000";
}

TEST(AlwaysCalendar, EveryMinuteCounts) {
  const CalendarPtr cal = shipped_calendar("always");
  ASSERT_NE(cal, nullptr);
  const Instant saturday = at("2026-10-03T10:00:00+08:00");
  EXPECT_EQ(cal->deadline(saturday, Span{Span::Unit::workhours, 24}),
            at("2026-10-04T10:00:00+08:00"));
  EXPECT_EQ(cal->deadline(at("2026-10-03T23:30:00+08:00"), Span{Span::Unit::workdays, 1}),
            at("2026-10-04T23:30:00+08:00"));
  EXPECT_EQ(cal->working_time_between(saturday, saturday + Duration::days(7)), Duration::days(7));
  EXPECT_TRUE(cal->is_working_time(at("2026-10-01T03:00:00+08:00")));
}

TEST(BusinessCalendar, FollowsDaylightSavingTime) {
  CalendarRules rules;
  rules.name = "berlin";
  rules.time_zone = "Europe/Berlin";
  rules.periods = {WorkingPeriod{0, 24 * 60}};
  rules.working_weekdays = {true, true, true, true, true, true, true};
  auto made = make_business_calendar(rules);
  ASSERT_TRUE(made.ok()) << made.error().message;
  const auto& cal = **made;
  // Clocks go forward on Sunday 2026-03-29: that day has 23 hours.
  EXPECT_EQ(
      cal.working_time_between(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")),
      Duration::hours(23));
  EXPECT_EQ(cal.utc_offset(at("2026-03-30T00:00:00+02:00")), Duration::hours(2));
  EXPECT_EQ(cal.utc_offset(at("2026-03-28T00:00:00+01:00")), Duration::hours(1));
  // One workday later is the same wall-clock time.
  EXPECT_EQ(cal.deadline(at("2026-03-27T10:00:00+01:00"), Span{Span::Unit::workdays, 3}),
            at("2026-03-30T10:00:00+02:00"));
}

TEST(BusinessCalendar, RefusesBadRules) {
  CalendarRules rules;
  rules.name = "x";
  rules.time_zone = "Mars/Olympus_Mons";
  rules.periods = {WorkingPeriod{9 * 60, 17 * 60}};
  EXPECT_EQ(make_business_calendar(rules).error().code, "unknown_time_zone");
  rules.time_zone = "UTC";
  rules.periods = {WorkingPeriod{9 * 60, 12 * 60}, WorkingPeriod{11 * 60, 17 * 60}};
  EXPECT_EQ(make_business_calendar(rules).error().code, "bad_calendar");
  rules.periods = {};
  EXPECT_EQ(make_business_calendar(rules).error().code, "bad_calendar");
  rules.periods = {WorkingPeriod{9 * 60, 17 * 60}};
  rules.holidays = {*LocalDate::parse("2026-01-04")};
  rules.working_days = {*LocalDate::parse("2026-01-04")};
  EXPECT_EQ(make_business_calendar(rules).error().code, "bad_calendar");
  rules.working_days = {};
  rules.working_weekdays = {};
  EXPECT_EQ(make_business_calendar(rules).error().code, "bad_calendar");
}

}  // namespace
}  // namespace caseflow
