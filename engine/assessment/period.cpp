#include "engine/assessment/period.h"

#include <date/tz.h>
#include <algorithm>
#include <chrono>
#include <cstdio>

#include "engine/time/local_date.h"

namespace caseflow::assessment {
namespace {

constexpr int kFirstYear = 1970;
constexpr int kLastYear = 9998;  // the month after must exist (LocalDate ends in 9999)

Error bad_month(std::string_view text, std::string_view why) {
  return Error{"bad_month", "'" + std::string(text) +
                                "' is not a month: expected YYYY-MM, such as 2026-11 (" +
                                std::string(why) + ")"};
}

// Local midnight of `day` in `zone`, as an instant. Midnight skipped by a clock change maps to
// the moment of the change; one that happens twice, to the first.
Instant local_midnight(const date::time_zone& zone, LocalDate day) {
  const date::local_seconds local{std::chrono::seconds{int64_t{day.days_since_1970()} * 86'400}};
  const date::local_info info = zone.get_info(local);
  if (info.result == date::local_info::nonexistent) {
    return Instant::from_unix_seconds(info.second.begin.time_since_epoch().count());
  }
  return Instant::from_unix_seconds(local.time_since_epoch().count() - info.first.offset.count());
}

}  // namespace

Result<YearMonth> parse_month(std::string_view text) {
  const bool shape = text.size() == 7 && text[4] == '-' &&
                     std::all_of(text.begin(), text.end(), [i = 0](char c) mutable {
                       return i++ == 4 || (c >= '0' && c <= '9');
                     });
  if (!shape) return bad_month(text, "four digits, a dash, two digits");
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const int month = std::stoi(std::string(text.substr(5, 2)));
  if (month < 1 || month > 12) return bad_month(text, "month 01 to 12");
  if (year < kFirstYear || year > kLastYear) return bad_month(text, "year 1970 to 9998");
  return YearMonth{year, month};
}

Result<Period> month_period(int year, int month, const std::string& time_zone) {
  char label[16];
  std::snprintf(label, sizeof label, "%04d-%02d", year, month);
  if (month < 1 || month > 12) return bad_month(label, "month 01 to 12");
  if (year < kFirstYear || year > kLastYear) return bad_month(label, "year 1970 to 9998");
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    return Error{"unknown_time_zone", "unknown time zone '" + time_zone + "'"};
  }
  const LocalDate first = *LocalDate::from_ymd(year, month, 1);
  const LocalDate next =
      month == 12 ? *LocalDate::from_ymd(year + 1, 1, 1) : *LocalDate::from_ymd(year, month + 1, 1);
  return Period{local_midnight(*zone, first), local_midnight(*zone, next), label};
}

Result<Period> month_period(std::string_view month, const std::string& time_zone) {
  auto ym = parse_month(month);
  if (!ym) return ym.error();
  return month_period(ym->year, ym->month, time_zone);
}

}  // namespace caseflow::assessment
