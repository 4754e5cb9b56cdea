// Instants as people and other systems write them: RFC 3339 timestamps such as
// "2026-11-26T09:30:00+08:00". The one codec of caseflow: every writer and reader of timestamps
// (events on Kafka, HTTP views, Open311 queries, replay files) goes through these functions.
// Pure functions without shared state; safe to call from any thread.
//
// Writing. The instant is shown as local time at a UTC offset (the case's calendar knows it).
// Milliseconds are written (".250") only when not zero. The offset is rounded toward zero to
// whole minutes, as RFC 3339 cannot say more, and the local time shown is at that rounded
// offset, so the text always reads back to the same instant. Years outside 0000..9999 cannot be
// written in RFC 3339; they are clamped to those bounds.
//
// A zero offset has two spellings in caseflow's output, and consumers compare bytes, so each
// writer names the one it has always used (ZeroOffset):
//  - "Z" for the records the engine writes (CloudEvents `time` and the times inside event data,
//    engine/events) and for HTTP views of a case that has no calendar (format_rfc3339_utc);
//  - "+00:00" for times shown at a calendar's own offset (HTTP case views, format_rfc3339): the
//    offset is part of what the reader is told, even when it is zero.
//
// Reading. One strict parser: "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)". The offset is
// mandatory. As RFC 3339 section 5.6 allows, 't' and 'z' may be lowercase and the date and time
// may be separated by one space instead of 'T'. The date must exist (no February 30th), hours
// 00..23, minutes and seconds 00..59, offsets up to 23:59. Fractions of any length are truncated
// to milliseconds. Leap seconds (":60") are refused: Unix time cannot hold them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/common/result.h"
#include "engine/time/instant.h"
#include "engine/time/working_calendar.h"

namespace caseflow {

// How a zero UTC offset is written (see above for which output uses which).
enum class ZeroOffset : std::uint8_t {
  z,        // "2026-11-26T01:30:00Z"
  numeric,  // "2026-11-26T01:30:00+00:00"
};

// The longest text the writers produce: "2026-11-26T09:30:00.250+08:00".
inline constexpr std::size_t kMaxRfc3339Length = 29;

// Writes `t` at `utc_offset` into `buf`, which must hold kMaxRfc3339Length bytes; returns the
// length written. No allocation: for writers that build records in place.
std::size_t write_rfc3339(char* buf, Instant t, Duration utc_offset, ZeroOffset zero);

// The same text appended to `out`.
void append_rfc3339(std::string& out, Instant t, Duration utc_offset, ZeroOffset zero);

// `t` at the given offset, the offset always numeric: "2026-11-26T09:30:00+08:00",
// "2026-11-26T01:30:00+00:00".
std::string format_rfc3339(Instant t, Duration utc_offset);

// `t` in UTC with the "Z" suffix: "2026-11-26T01:30:00Z".
std::string format_rfc3339_utc(Instant t);

// `t` at the calendar's local offset at that instant, e.g. Asia/Shanghai "+08:00" (numeric).
std::string format_rfc3339(Instant t, const WorkingCalendar& calendar);

// Reads a timestamp as described above. On failure returns
// Error{"bad_timestamp", "'TEXT' is not an RFC 3339 timestamp: WHAT IS WRONG"}.
Result<Instant> parse_rfc3339(std::string_view text);

}  // namespace caseflow
