#include "engine/time/local_date.h"

#include <date/date.h>

#include <array>
#include <cstdio>

namespace caseflow {
namespace {

date::year_month_day civil(int32_t days) {
  return date::year_month_day{date::sys_days{date::days{days}}};
}

}  // namespace

std::string_view to_string(Weekday day) {
  static constexpr std::array<std::string_view, 7> kNames{"sun", "mon", "tue", "wed",
                                                          "thu", "fri", "sat"};
  return kNames[static_cast<std::size_t>(day) % 7];
}

std::optional<LocalDate> LocalDate::from_ymd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
    return std::nullopt;
  const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                 date::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  return LocalDate(date::sys_days{ymd}.time_since_epoch().count());
}

std::optional<LocalDate> LocalDate::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (std::size_t i = starts[k]; i < starts[k] + lengths[k]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[k] = parts[k] * 10 + (text[i] - '0');
    }
  }
  return from_ymd(parts[0], parts[1], parts[2]);
}

int LocalDate::year() const { return static_cast<int>(civil(days_).year()); }

Weekday LocalDate::weekday() const {
  return static_cast<Weekday>(date::weekday{date::sys_days{date::days{days_}}}.c_encoding());
}

std::string LocalDate::to_string() const {
  const auto ymd = civil(days_);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace caseflow
