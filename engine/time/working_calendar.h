// A business calendar: a time zone, daily working hours, public holidays and adjusted working
// days (调休). Immutable once built; safe to share between threads.
//
// Rules (documented for admins in docs/workflows.md and, with every edge case, docs/calendars.md):
// - A day is a working day if it is listed as an adjusted working day, or it is Monday..Friday and
//   not listed as a holiday. Years the calendar does not list follow the plain weekday rule.
//   (A calendar file may name other working weekdays with `working_weekdays`; Monday..Friday is
//   the default.)
// - "N workhours" from T: count N hours of working time, starting at T (or at the next working
//   period if T is outside working hours).
// - "N workdays" from T: the same local time of day on the N-th following working day; a start
//   outside working hours counts from the start of the next working period. The result is always
//   inside (or at the end of) a working period.
// - Fractions (for warnings at 80%) are taken of the working time the span covers.
// - Edge cases (see docs/calendars.md): working periods are half-open, so closing time (17:30) is
//   outside working hours; "N workhours" ends at the earliest instant with N hours counted (a full
//   day from 09:00 ends at 17:30 the same day, not 09:00 the next); "N workdays" keeps the offset
//   into the same working period, so a start at 12:30 (lunch) counts from 13:30.
// The implementation is business_calendar.h (make_business_calendar); files are read by
// calendar_loader.h.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/time/instant.h"
#include "engine/time/span.h"

namespace caseflow {

class WorkingCalendar {
 public:
  virtual ~WorkingCalendar() = default;

  virtual const std::string& name() const = 0;

  // The instant at which `span` started at `start` runs out. `permille` scales the span
  // (1000 = the whole span, 800 = its 80% mark). Calendar spans ignore working time.
  virtual Instant deadline(Instant start, const Span& span, int permille = 1000) const = 0;

  // Working time between two instants (zero if to <= from).
  virtual Duration working_time_between(Instant from, Instant to) const = 0;

  // The earliest instant X >= start with `amount` of working time between start and X, to the
  // millisecond (start itself for no amount; Instant::max() when the calendar has not that much
  // working time left, or for start == Instant::max()).
  virtual Instant add_working_time(Instant start, Duration amount) const = 0;

  // Is this instant inside working hours of a working day?
  virtual bool is_working_time(Instant t) const = 0;

  // The local offset from UTC at `t` (Asia/Shanghai: +8h), for formatting times for people.
  virtual Duration utc_offset(Instant t) const = 0;
};

using CalendarPtr = std::shared_ptr<const WorkingCalendar>;

}  // namespace caseflow
