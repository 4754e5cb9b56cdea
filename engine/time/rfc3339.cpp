#include "engine/time/rfc3339.h"

#include <date/date.h>

#include <algorithm>
#include <cstdio>

namespace caseflow {
namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Error bad(std::string_view text, std::string_view what) {
  // Built with append: g++ 12 -O3 warns falsely (-Wrestrict) on a chain of operator+ here.
  std::string message = "'";
  message.append(text.substr(0, 64));
  message.append("' is not an RFC 3339 timestamp: ");
  message.append(what);
  return Error{"bad_timestamp", std::move(message)};
}

// Reads exactly `n` digits at `pos`; advances `pos`. Returns -1 if they are not all digits.
int read_digits(std::string_view s, std::size_t& pos, std::size_t n) {
  if (pos + n > s.size()) return -1;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  pos += n;
  return value;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// The local civil time of `local_ms` (milliseconds since 1970-01-01T00:00 local).
std::string civil(int64_t local_ms) {
  // Clamp to years 0000..9999, the range RFC 3339 can write.
  constexpr int64_t kFirst = -62'167'219'200'000;  // 0000-01-01T00:00:00
  constexpr int64_t kLast = 253'402'300'799'999;   // 9999-12-31T23:59:59.999
  local_ms = std::clamp(local_ms, kFirst, kLast);
  const int64_t day = floor_div(local_ms, kMillisPerDay);
  const int64_t in_day = local_ms - day * kMillisPerDay;
  const date::year_month_day ymd{date::sys_days{date::days{day}}};
  const int ms = static_cast<int>(in_day % 1000);
  const int s = static_cast<int>(in_day / 1000);
  char buf[48];
  if (ms == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), s / 3600,
                  s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03d",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), s / 3600, s / 60 % 60, s % 60, ms);
  }
  return buf;
}

}  // namespace

std::string format_rfc3339(Instant t, Duration utc_offset) {
  const int64_t offset_minutes = utc_offset.millis() / 60'000;
  const int64_t magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char zone[16];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+',
                static_cast<int>(magnitude / 60 % 100), static_cast<int>(magnitude % 60));
  const int64_t base = t.unix_millis();
  const int64_t shift = offset_minutes * 60'000;
  // Saturate rather than overflow for instants at the ends of the timeline.
  int64_t local = 0;
  if (__builtin_add_overflow(base, shift, &local)) local = shift > 0 ? INT64_MAX : INT64_MIN;
  return civil(local) + zone;
}

std::string format_rfc3339_utc(Instant t) { return civil(t.unix_millis()) + "Z"; }

std::string format_rfc3339(Instant t, const WorkingCalendar& calendar) {
  return format_rfc3339(t, calendar.utc_offset(t));
}

Result<Instant> parse_rfc3339(std::string_view text) {
  std::size_t pos = 0;
  const int year = read_digits(text, pos, 4);
  if (year < 0 || !expect(text, pos, '-')) return bad(text, "expected YYYY- at the start");
  const int month = read_digits(text, pos, 2);
  if (month < 0 || !expect(text, pos, '-')) return bad(text, "expected the month as MM-");
  const int day = read_digits(text, pos, 2);
  if (day < 0) return bad(text, "expected the day as DD");
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')) {
    return bad(text, "expected 'T' between date and time");
  }
  ++pos;
  const int hour = read_digits(text, pos, 2);
  if (hour < 0 || !expect(text, pos, ':')) return bad(text, "expected the hour as HH:");
  const int minute = read_digits(text, pos, 2);
  if (minute < 0 || !expect(text, pos, ':')) return bad(text, "expected the minute as MM:");
  const int second = read_digits(text, pos, 2);
  if (second < 0) return bad(text, "expected the second as SS");
  int millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t fraction_digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (fraction_digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++fraction_digits;
      ++pos;
    }
    if (fraction_digits == 0) return bad(text, "expected digits after '.'");
    for (std::size_t i = fraction_digits; i < 3; ++i) millis *= 10;
  }
  int offset_minutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    const int oh = read_digits(text, pos, 2);
    if (oh < 0 || !expect(text, pos, ':')) return bad(text, "expected the offset as +HH:MM");
    const int om = read_digits(text, pos, 2);
    if (om < 0) return bad(text, "expected the offset as +HH:MM");
    if (oh > 23 || om > 59) return bad(text, "offset out of range");
    offset_minutes = sign * (oh * 60 + om);
  } else {
    return bad(text, "expected a time zone offset: 'Z' or +HH:MM");
  }
  if (pos != text.size()) return bad(text, "unexpected text after the offset");

  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return bad(text, "no such date");
  if (hour > 23 || minute > 59) return bad(text, "no such time of day");
  if (second == 60) return bad(text, "leap seconds are not supported");
  if (second > 59) return bad(text, "no such time of day");
  const int64_t days = date::sys_days{ymd}.time_since_epoch().count();
  const int64_t local_ms =
      days * kMillisPerDay + ((hour * 60 + minute) * 60 + second) * int64_t{1000} + millis;
  return Instant::from_unix_millis(local_ms - int64_t{offset_minutes} * 60'000);
}

}  // namespace caseflow
