// The WorkingCalendar of caseflow: a time zone, working periods per day, working weekdays,
// holidays and adjusted working days (调休), turned once into a table of working intervals in UTC.
//
// Building resolves the time zone in the system tz database (/usr/share/zoneinfo, read once by
// howardhinnant date and cached for the process); after that the calendar is pure: every query is
// a binary search over precomputed intervals with prefix sums, O(log n) however long the span.
//
// deadline(): `permille` is clamped to 0..1,000,000; a span with a count of zero or less ends at
// its start, one longer than parse_span allows (Span::is_valid) never ends (Instant::max()).
//
// Coverage: the table spans local dates kFirstCoveredDate .. kLastCoveredDate (1999-01-01 to
// 2101-12-31). Outside it there is no working time: a working span that would need time beyond
// the end returns Instant::max() ("never"), and time before the start does not count.
// The rules themselves are written in working_calendar.h and, for admins, in docs/calendars.md.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/time/local_date.h"
#include "engine/time/working_calendar.h"

namespace caseflow {

inline constexpr int kFirstCoveredYear = 1999;
inline constexpr int kLastCoveredYear = 2101;

// One stretch of working hours in local time, [start, end) in minutes after midnight.
// 0 <= start < end <= 1440 (24:00 ends a period at midnight).
struct WorkingPeriod {
  int start_minute = 0;
  int end_minute = 0;
  friend bool operator==(const WorkingPeriod&, const WorkingPeriod&) = default;
};

// Everything a calendar is made of, as plain data (what calendar_loader.cpp reads from YAML).
struct CalendarRules {
  std::string name;
  std::string time_zone;               // IANA name, "Asia/Shanghai"
  std::vector<WorkingPeriod> periods;  // sorted, disjoint, at least one
  std::array<bool, 7> working_weekdays{false, true, true, true, true, true, false};  // by Weekday
  std::vector<LocalDate> holidays;      // days off, whatever their weekday
  std::vector<LocalDate> working_days;  // adjusted working days (调休上班)
};

// Builds the calendar. Errors (as values, never exceptions):
//   "unknown_time_zone" — the tz database has no such zone;
//   "bad_calendar"      — no periods, unsorted or overlapping periods, a period outside
//   00:00-24:00,
//                         no working weekday, or a date both holiday and working day.
// The result is immutable and safe to share between threads. Building takes about 6 ms of CPU
// (release build) and holds about 2 MB for a Monday-to-Friday calendar with two periods a day.
Result<CalendarPtr> make_business_calendar(CalendarRules rules);

}  // namespace caseflow
