// A time limit as an admin writes it in a workflow: "30s", "2h", "3d", "1 workday", "4 workhours".
//
// Calendar spans (seconds..days) are fixed durations on the UTC timeline. Working spans count only
// the working time of a WorkingCalendar (see working_calendar.h for the exact rules).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/time/instant.h"

namespace caseflow {

// The longest span parse_span accepts, in days (about ten years).
inline constexpr int64_t kMaxSpanDays = 3650;

struct Span {
  enum class Unit : uint8_t { seconds, minutes, hours, days, workhours, workdays };
  Unit unit = Unit::hours;
  int64_t count = 0;

  bool is_working_time() const { return unit == Unit::workhours || unit == Unit::workdays; }
  // True when count is 1 .. the largest parse_span accepts for this unit (kMaxSpanDays long).
  // Every span parse_span returns is valid; one built in code may not be.
  bool is_valid() const;
  // Only for calendar spans: the fixed duration. For working spans it returns a nominal figure
  // (1 workhour = 1 hour, 1 workday = 24 hours) that is only good for comparing the sizes of
  // limits; a real deadline needs WorkingCalendar::deadline.
  Duration calendar_duration() const;

  friend bool operator==(const Span&, const Span&) = default;
};

// Parses "45s", "30m", "2h", "3d", "1 workday", "5 workdays", "4 workhours" (also "1workday").
// Returns nullopt for anything else, including zero or negative counts.
// Details: the count is plain decimal digits; spaces may separate count and unit; "1 workhour"
// and "1 workday" are the singular forms. A span may be at most kMaxSpanDays long (3650 days,
// 87600 hours or workhours, ...): anything longer is refused, so no arithmetic can overflow.
std::optional<Span> parse_span(std::string_view text);

// The canonical text of a span, which parse_span reads back: "2h", "5 workdays".
std::string to_string(const Span& span);

}  // namespace caseflow
