#include "engine/events/rfc3339.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace caseflow::events {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

// "00".."99": two digits with one load.
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

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool digits(std::string_view s, size_t pos, size_t n, int& value) {
  if (pos + n > s.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

size_t write_rfc3339(char* buf, Instant t, Duration utc_offset) {
  const int64_t local_ms = t.unix_millis() + utc_offset.millis();
  const int64_t days = floor_div(local_ms, 86'400'000);
  const int64_t ms_of_day = local_ms - days * 86'400'000;
  // Times in a batch fall on a few days: the date's text is kept for the last day written (per
  // thread, so the function stays safe to call from any thread).
  struct DayText {
    int64_t days = INT64_MIN;
    char text[11];  // "YYYY-MM-DDT"
  };
  thread_local DayText day;
  if (day.days != days) {
    int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civil_from_days(days, y, m, d);
    const auto yy = static_cast<unsigned>(y);
    char* q = day.text;
    q = put2(q, yy / 100);
    q = put2(q, yy % 100);
    *q++ = '-';
    q = put2(q, m);
    *q++ = '-';
    q = put2(q, d);
    *q = 'T';
    day.days = days;
  }
  char* p = buf;
  std::memcpy(p, day.text, sizeof day.text);
  p += sizeof day.text;
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
  const int64_t off_min = utc_offset.millis() / 60'000;
  if (off_min == 0) {
    *p++ = 'Z';
    return static_cast<size_t>(p - buf);
  }
  *p++ = off_min < 0 ? '-' : '+';
  const auto abs_min = static_cast<unsigned>(off_min < 0 ? -off_min : off_min);
  p = put2(p, abs_min / 60);
  *p++ = ':';
  p = put2(p, abs_min % 60);
  return static_cast<size_t>(p - buf);
}

void append_rfc3339(std::string& out, Instant t, Duration utc_offset) {
  char buf[kMaxRfc3339Length];
  out.append(buf, write_rfc3339(buf, t, utc_offset));
}

std::string format_rfc3339(Instant t, Duration utc_offset) {
  std::string out;
  append_rfc3339(out, t, utc_offset);
  return out;
}

std::optional<Instant> parse_rfc3339(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
      !digits(s, 17, 2, se))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  size_t pos = 19;
  int64_t ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t scale = 100;
    size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      ms += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int64_t offset_min = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh = 0, om = 0;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, om))
      return std::nullopt;
    offset_min = (oh * 60 + om) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  const int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  const int64_t local_ms = ((days * 24 + h) * 60 + mi) * 60'000 + se * 1000 + ms;
  return Instant::from_unix_millis(local_ms - offset_min * 60'000);
}

}  // namespace caseflow::events
