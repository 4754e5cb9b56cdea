#include "engine/simulate/work_time.h"

#include <algorithm>
#include <cmath>

namespace caseflow::simulate {
namespace {

constexpr int64_t kDayMs = 86'400'000;
constexpr int kHolidayLookaround = 10;  // days read on each side to see whole runs of days off

Instant local_midnight(const WorkingCalendar& calendar, LocalDate d) {
  const Instant guess = Instant::from_unix_millis(int64_t{d.days_since_1970()} * kDayMs);
  const Instant first = guess - calendar.utc_offset(guess);
  return guess - calendar.utc_offset(first);
}

bool monday_to_friday(LocalDate d) {
  const Weekday w = d.weekday();
  return w != Weekday::saturday && w != Weekday::sunday;
}

}  // namespace

WorkTime::WorkTime(const WorkingCalendar& calendar, LocalDate from, int days, int tail_days)
    : from_(from), run_days_(std::max(days, 0)) {
  const int table_days = run_days_ + std::max(tail_days, 1);
  // Days off around the table too, so a holiday run crossing its edges is seen whole.
  const int lo = -kHolidayLookaround, hi = table_days + kHolidayLookaround;
  std::vector<Instant> starts;
  for (int d = lo; d <= hi; ++d) starts.push_back(local_midnight(calendar, from + d));
  std::vector<bool> working;
  for (int d = lo; d < hi; ++d) {
    const size_t i = static_cast<size_t>(d - lo);
    working.push_back(calendar.working_time_between(starts[i], starts[i + 1]) > Duration{});
  }
  // A run of days off is a holiday when it holds a Monday..Friday.
  std::vector<DayKind> all(working.size(), DayKind::working);
  for (size_t i = 0; i < working.size();) {
    if (working[i]) {
      ++i;
      continue;
    }
    size_t j = i;
    bool weekday_off = false;
    while (j < working.size() && !working[j]) {
      weekday_off = weekday_off || monday_to_friday(from + (lo + static_cast<int>(j)));
      ++j;
    }
    for (size_t k = i; k < j; ++k) all[k] = weekday_off ? DayKind::holiday : DayKind::weekend;
    i = j;
  }
  const auto offset = static_cast<size_t>(-lo);
  kinds_.assign(all.begin() + static_cast<std::ptrdiff_t>(offset),
                all.begin() + static_cast<std::ptrdiff_t>(offset + table_days));
  day_starts_.assign(starts.begin() + static_cast<std::ptrdiff_t>(offset),
                     starts.begin() + static_cast<std::ptrdiff_t>(offset + table_days + 1));

  // Working intervals at minute steps, split at local midnights.
  int64_t total = 0;
  for (int d = 0; d < table_days; ++d) {
    if (kinds_[static_cast<size_t>(d)] != DayKind::working) continue;
    const Instant begin = day_starts_[static_cast<size_t>(d)];
    const Instant end = day_starts_[static_cast<size_t>(d) + 1];
    bool open = false;
    Instant opened;
    for (Instant t = begin; t < end; t = t + Duration::minutes(1)) {
      const bool w = calendar.is_working_time(t);
      if (w && !open) {
        open = true;
        opened = t;
      } else if (!w && open) {
        open = false;
        intervals_.push_back({opened, t, total, d});
        total += (t - opened).millis();
      }
    }
    if (open) {
      intervals_.push_back({opened, end, total, d});
      total += (end - opened).millis();
    }
  }
}

Instant WorkTime::day_start(int day) const {
  const auto i = static_cast<size_t>(std::clamp(day, 0, static_cast<int>(kinds_.size())));
  return day_starts_[i];
}

DayKind WorkTime::kind(int day) const {
  if (day < 0 || static_cast<size_t>(day) >= kinds_.size()) return DayKind::working;
  return kinds_[static_cast<size_t>(day)];
}

int WorkTime::day_of(Instant t) const {
  if (t < day_starts_.front()) return -1;
  const auto it = std::upper_bound(day_starts_.begin(), day_starts_.end(), t);
  return static_cast<int>(it - day_starts_.begin()) - 1;
}

size_t WorkTime::interval_at_or_after(Instant t) const {
  const auto it = std::lower_bound(intervals_.begin(), intervals_.end(), t,
                                   [](const Interval& i, Instant x) { return i.end < x; });
  return static_cast<size_t>(it - intervals_.begin());
}

Instant WorkTime::working_at_or_after(Instant t) const {
  const size_t i = interval_at_or_after(t);
  if (i == intervals_.size()) return Instant::max();
  return std::max(t, intervals_[i].start);
}

Instant WorkTime::add_working(Instant start, double hours) const {
  size_t i = interval_at_or_after(start);
  if (i == intervals_.size()) return Instant::max();
  const Instant from = std::max(start, intervals_[i].start);
  const auto want = static_cast<int64_t>(std::llround(std::max(hours, 0.0) * 3'600'000.0));
  // Working time counted up to `from`, then the target on the prefix-sum line.
  const int64_t target = intervals_[i].before_ms + (from - intervals_[i].start).millis() + want;
  const auto it = std::lower_bound(
      intervals_.begin() + static_cast<std::ptrdiff_t>(i), intervals_.end(), target,
      [](const Interval& v, int64_t x) { return v.before_ms + (v.end - v.start).millis() < x; });
  if (it == intervals_.end()) return Instant::max();
  return it->start + Duration::millis(target - it->before_ms);
}

Instant WorkTime::next_working_day_start(Instant t) const {
  const int day = day_of(t);
  const auto it = std::upper_bound(intervals_.begin(), intervals_.end(), day,
                                   [](int d, const Interval& v) { return d < v.day; });
  return it == intervals_.end() ? Instant::max() : it->start;
}

}  // namespace caseflow::simulate
