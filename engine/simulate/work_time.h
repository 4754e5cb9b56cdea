// The load model's calendar as the simulator needs it: local days (where a day starts, whether it
// is a working day or a holiday) and working time (a unit's handling counts only working hours).
//
// WorkingCalendar answers deadlines in whole spans; handling times are fractions of an hour, so
// the working intervals of the run (and a year after it, for the last cases) are read once from
// is_working_time at minute steps (calendars are written in minutes) into a table with prefix
// sums, one interval list per local day.
//
// Holidays: WorkingCalendar tells working time, not why a day is off. A day off that falls on
// Monday..Friday is a holiday; so is every day of a run of days off that contains one (the
// weekend inside 国庆节 is holiday too, as the State Council counts it). Other days off are
// weekend days.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/time/instant.h"
#include "engine/time/local_date.h"
#include "engine/time/working_calendar.h"

namespace caseflow::simulate {

enum class DayKind : uint8_t { working, weekend, holiday };

class WorkTime {
 public:
  // Days from `from` for `days` days are the run; the table reaches `tail_days` further.
  WorkTime(const WorkingCalendar& calendar, LocalDate from, int days, int tail_days = 400);

  int days() const { return run_days_; }
  LocalDate date(int day) const { return from_ + day; }
  // The instant day `day` starts (local midnight); day(days()) is the end of the run.
  Instant day_start(int day) const;
  DayKind kind(int day) const;
  // The day (0-based from `from`, may be past the run) that holds `t`; -1 before the run.
  int day_of(Instant t) const;

  // The earliest instant at which `hours` of working time from `start` have passed; Instant::max()
  // beyond the table.
  Instant add_working(Instant start, double hours) const;
  // `t` if it lies in working time or at the end of a working interval, else the start of the
  // next working interval (Instant::max() beyond the table).
  Instant working_at_or_after(Instant t) const;
  // The start of the first working interval of the first working day after the day of `t`.
  Instant next_working_day_start(Instant t) const;

 private:
  struct Interval {
    Instant start, end;
    int64_t before_ms = 0;  // working time of all intervals before this one
    int day = 0;
  };
  // The first interval whose end is >= t (intervals.size() if none).
  size_t interval_at_or_after(Instant t) const;

  LocalDate from_;
  int run_days_ = 0;
  std::vector<Instant> day_starts_;  // table days + 1
  std::vector<DayKind> kinds_;       // table days
  std::vector<Interval> intervals_;
};

}  // namespace caseflow::simulate
