#include "engine/time/rfc3339.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace caseflow {
namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms): plain integer
// arithmetic, so writing a timestamp needs neither a time-zone database nor a lock.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{static_cast<int64_t>(yoe) + era * 400 + (m <= 2), m, d};
}

bool is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

unsigned days_in_month(int64_t y, unsigned m) {
  constexpr std::array<unsigned, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// "00".."99": two digits with one copy.
constexpr auto kPairs = [] {
  std::array<char, 200> t{};
  for (int i = 0; i < 100; ++i) {
    t[2 * i] = static_cast<char>('0' + i / 10);
    t[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

char* put2(char* p, unsigned v) {
  std::memcpy(p, &kPairs[2 * (v % 100)], 2);
  return p + 2;
}

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

}  // namespace

std::size_t write_rfc3339(char* buf, Instant t, Duration utc_offset, ZeroOffset zero) {
  const int64_t offset_minutes = utc_offset.millis() / 60'000;
  const int64_t shift = offset_minutes * 60'000;
  // Saturate rather than overflow at the ends of the timeline, then clamp to the years
  // 0000..9999, the range RFC 3339 can write.
  int64_t local_ms = 0;
  if (__builtin_add_overflow(t.unix_millis(), shift, &local_ms)) {
    local_ms = shift > 0 ? INT64_MAX : INT64_MIN;
  }
  constexpr int64_t kFirst = -62'167'219'200'000;  // 0000-01-01T00:00:00
  constexpr int64_t kLast = 253'402'300'799'999;   // 9999-12-31T23:59:59.999
  local_ms = std::clamp(local_ms, kFirst, kLast);

  const int64_t days = floor_div(local_ms, kMillisPerDay);
  const int64_t ms_of_day = local_ms - days * kMillisPerDay;
  const Civil date = civil_from_days(days);
  const auto year = static_cast<unsigned>(date.year);
  char* p = buf;
  p = put2(p, year / 100);
  p = put2(p, year % 100);
  *p++ = '-';
  p = put2(p, date.month);
  *p++ = '-';
  p = put2(p, date.day);
  *p++ = 'T';
  const auto secs = static_cast<unsigned>(ms_of_day / 1000);
  p = put2(p, secs / 3600);
  *p++ = ':';
  p = put2(p, secs / 60 % 60);
  *p++ = ':';
  p = put2(p, secs % 60);
  const auto ms = static_cast<unsigned>(ms_of_day % 1000);
  if (ms != 0) {
    *p++ = '.';
    *p++ = static_cast<char>('0' + ms / 100);
    p = put2(p, ms % 100);
  }
  if (offset_minutes == 0 && zero == ZeroOffset::z) {
    *p++ = 'Z';
    return static_cast<std::size_t>(p - buf);
  }
  *p++ = offset_minutes < 0 ? '-' : '+';
  const auto magnitude =
      static_cast<unsigned>(offset_minutes < 0 ? -offset_minutes : offset_minutes);
  p = put2(p, magnitude / 60);
  *p++ = ':';
  p = put2(p, magnitude % 60);
  return static_cast<std::size_t>(p - buf);
}

void append_rfc3339(std::string& out, Instant t, Duration utc_offset, ZeroOffset zero) {
  char buf[kMaxRfc3339Length];
  out.append(buf, write_rfc3339(buf, t, utc_offset, zero));
}

std::string format_rfc3339(Instant t, Duration utc_offset) {
  std::string out;
  append_rfc3339(out, t, utc_offset, ZeroOffset::numeric);
  return out;
}

std::string format_rfc3339_utc(Instant t) {
  std::string out;
  append_rfc3339(out, t, Duration(), ZeroOffset::z);
  return out;
}

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

  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    return bad(text, "no such date");
  }
  if (hour > 23 || minute > 59) return bad(text, "no such time of day");
  if (second == 60) return bad(text, "leap seconds are not supported");
  if (second > 59) return bad(text, "no such time of day");
  const int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t local_ms =
      days * kMillisPerDay + ((hour * 60 + minute) * 60 + second) * int64_t{1000} + millis;
  return Instant::from_unix_millis(local_ms - int64_t{offset_minutes} * 60'000);
}

}  // namespace caseflow
