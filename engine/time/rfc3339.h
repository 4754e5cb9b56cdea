// Instants as people and other systems write them: RFC 3339 timestamps such as
// "2026-11-26T09:30:00+08:00". Pure functions; safe to call from any thread.
#pragma once

#include <string>
#include <string_view>

#include "engine/common/result.h"
#include "engine/time/instant.h"
#include "engine/time/working_calendar.h"

namespace caseflow {

// `t` as local time at the given UTC offset: "2026-11-26T09:30:00+08:00". Milliseconds are
// printed only when not zero ("...T09:30:00.250+08:00"). A zero offset prints "+00:00".
// The offset is rounded toward zero to whole minutes, as RFC 3339 cannot say more.
// Years outside 0000..9999 cannot be written in RFC 3339; they are clamped to those bounds.
std::string format_rfc3339(Instant t, Duration utc_offset);

// `t` in UTC with the "Z" suffix: "2026-11-26T01:30:00Z".
std::string format_rfc3339_utc(Instant t);

// `t` at the calendar's local offset at that instant, e.g. Asia/Shanghai "+08:00".
std::string format_rfc3339(Instant t, const WorkingCalendar& calendar);

// Reads "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)". Also accepted, as RFC 3339 allows:
// lowercase 't' and 'z', and a space instead of 'T'. Fractions are truncated to milliseconds.
// Leap seconds (":60") are refused: Unix time cannot hold them.
// On failure returns Error{"bad_timestamp", message saying what is wrong}.
Result<Instant> parse_rfc3339(std::string_view text);

}  // namespace caseflow
