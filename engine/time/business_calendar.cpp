#include "engine/time/business_calendar.h"

#include <date/tz.h>

#include <algorithm>
#include <exception>

namespace caseflow {
namespace {

constexpr int64_t kMillisPerMinute = 60'000;
constexpr int64_t kMaxPermille = 1'000'000;

// Adds without overflowing: the end of the timeline is Instant::max().
Instant saturating_add(Instant t, int64_t ms) {
  int64_t out = 0;
  if (__builtin_add_overflow(t.unix_millis(), ms, &out)) {
    return ms > 0 ? Instant::max() : Instant::from_unix_millis(INT64_MIN);
  }
  return Instant::from_unix_millis(out);
}

int64_t scaled(int64_t ms, int permille) {
  const int64_t p = std::clamp<int64_t>(permille, 0, kMaxPermille);
  return ms / 1000 * p + ms % 1000 * p / 1000;  // exact, and cannot overflow for spans <= 10 years
}

class BusinessCalendar final : public WorkingCalendar {
 public:
  BusinessCalendar(std::string name, const date::time_zone* zone, LocalDate first_day)
      : name_(std::move(name)), zone_(zone), first_day_(first_day) {}

  const std::string& name() const override { return name_; }

  Instant deadline(Instant start, const Span& span, int permille) const override {
    // Spans built in code can hold any count: keep the arithmetic defined.
    if (span.count <= 0) return start;
    if (!span.is_valid()) return Instant::max();
    switch (span.unit) {
      case Span::Unit::workhours:
        return advance(start, scaled(span.count * 3'600'000, permille));
      case Span::Unit::workdays:
        return workdays_deadline(start, span.count, permille);
      default:
        return saturating_add(start, scaled(span.calendar_duration().millis(), permille));
    }
  }

  Duration working_time_between(Instant from, Instant to) const override {
    if (to <= from) return Duration();
    return Duration::millis(worked_before(to.unix_millis()) - worked_before(from.unix_millis()));
  }

  Instant add_working_time(Instant start, Duration amount) const override {
    if (start == Instant::max()) return start;
    return advance(start, amount.millis());
  }

  bool is_working_time(Instant t) const override {
    const auto i = interval_at_or_before(t.unix_millis());
    return i >= 0 && t.unix_millis() < end_[static_cast<std::size_t>(i)];
  }

  Duration utc_offset(Instant t) const override {
    // date's sys_seconds cannot hold the far ends of Instant's range; no zone changes there.
    constexpr int64_t kLimit = int64_t{1} << 50;
    const int64_t ms = std::clamp<int64_t>(t.unix_millis(), -kLimit, kLimit);
    const date::sys_seconds s{std::chrono::seconds{ms / 1000}};
    return Duration::seconds(zone_->get_info(s).offset.count());
  }

  // Building: called only by make_business_calendar, before the calendar is shared.
  void add_interval(int64_t start, int64_t end, int32_t day, uint8_t period) {
    const int64_t worked = after_.empty() ? 0 : after_.back();
    start_.push_back(start);
    end_.push_back(end);
    after_.push_back(worked + (end - start));
    day_.push_back(day);
    period_.push_back(period);
  }
  void add_working_day(int32_t day) { working_days_.push_back(day); }
  void mark_day_start(int32_t day) {
    while (static_cast<int32_t>(day_first_interval_.size()) <= day) {
      day_first_interval_.push_back(static_cast<int32_t>(start_.size()));
    }
  }

 private:
  // Index of the last interval starting at or before t, or -1.
  int64_t interval_at_or_before(int64_t t) const {
    return (std::upper_bound(start_.begin(), start_.end(), t) - start_.begin()) - 1;
  }

  // Working milliseconds from the start of coverage up to t.
  int64_t worked_before(int64_t t) const {
    const int64_t i = interval_at_or_before(t);
    if (i < 0) return 0;
    const auto k = static_cast<std::size_t>(i);
    return after_[k] - (end_[k] - std::min(t, end_[k]));
  }

  // The earliest instant X with `amount` of working time between start and X.
  Instant advance(Instant start, int64_t amount) const {
    if (amount <= 0) return start;
    const int64_t target = worked_before(start.unix_millis()) + amount;
    const auto it = std::lower_bound(after_.begin(), after_.end(), target);
    if (it == after_.end()) return Instant::max();
    const auto k = static_cast<std::size_t>(it - after_.begin());
    return Instant::from_unix_millis(end_[k] - (after_[k] - target));
  }

  Instant workdays_deadline(Instant start, int64_t count, int permille) const {
    const Instant full = same_time_later(start, count);
    if (permille == 1000 || full == Instant::max()) return full;
    const int64_t covered = working_time_between(start, full).millis();
    return advance(start, scaled(covered, permille));
  }

  // The workday rule: the same offset into the same working period, `count` working days later.
  Instant same_time_later(Instant start, int64_t count) const {
    const int64_t t = start.unix_millis();
    // The interval containing t, or the next one if t is outside working hours.
    const auto first = std::upper_bound(end_.begin(), end_.end(), t);
    if (first == end_.end()) return Instant::max();
    const auto i = static_cast<std::size_t>(first - end_.begin());
    const int64_t into_period = std::max<int64_t>(0, t - start_[i]);
    const auto day_pos = std::lower_bound(working_days_.begin(), working_days_.end(), day_[i]);
    const int64_t target_pos = (day_pos - working_days_.begin()) + count;
    if (target_pos >= static_cast<int64_t>(working_days_.size())) return Instant::max();
    const int32_t target_day = working_days_[static_cast<std::size_t>(target_pos)];
    const auto from =
        static_cast<std::size_t>(day_first_interval_[static_cast<std::size_t>(target_day)]);
    const auto to =
        static_cast<std::size_t>(day_first_interval_[static_cast<std::size_t>(target_day) + 1]);
    // Same period on the target day; if a clock change swallowed it, the next period that exists.
    for (std::size_t j = from; j < to; ++j) {
      if (period_[j] < period_[i]) continue;
      if (period_[j] > period_[i]) return Instant::from_unix_millis(start_[j]);
      return Instant::from_unix_millis(std::min(start_[j] + into_period, end_[j]));
    }
    return Instant::from_unix_millis(end_[to - 1]);
  }

  // Constant after construction.
  std::string name_;
  const date::time_zone* zone_;  // owned by date's process-wide tz database
  LocalDate first_day_;
  // Working intervals in UTC ms, sorted and disjoint: [start_, end_), the working time up to each
  // interval's end (after_), and the local day (index from first_day_) and period it belongs to.
  std::vector<int64_t> start_, end_, after_;
  std::vector<int32_t> day_;
  std::vector<uint8_t> period_;
  std::vector<int32_t> working_days_;        // day indexes with at least one interval, ascending
  std::vector<int32_t> day_first_interval_;  // per day index (+1 sentinel): its first interval
};

// Local wall time (ms since 1970-01-01 local) to UTC. A time that a clock change skips maps to
// the moment of the change; a time that happens twice maps to the first.
int64_t to_utc(const date::time_zone& zone, int64_t local_ms) {
  const date::local_seconds local{std::chrono::seconds{local_ms / 1000}};
  const date::local_info info = zone.get_info(local);
  switch (info.result) {
    case date::local_info::nonexistent:
      return std::chrono::duration_cast<std::chrono::milliseconds>(
                 info.second.begin.time_since_epoch())
          .count();
    default:
      return local_ms - info.first.offset.count() * 1000;
  }
}

Error bad_calendar(std::string message) { return Error{"bad_calendar", std::move(message)}; }

}  // namespace

Result<CalendarPtr> make_business_calendar(CalendarRules rules) {
  if (rules.periods.empty()) return bad_calendar("a calendar needs at least one working period");
  for (std::size_t p = 0; p < rules.periods.size(); ++p) {
    const auto& period = rules.periods[p];
    if (period.start_minute < 0 || period.end_minute > 1440 ||
        period.start_minute >= period.end_minute) {
      return bad_calendar("working period " + std::to_string(p + 1) +
                          " is empty or outside the day");
    }
    if (p > 0 && period.start_minute < rules.periods[p - 1].end_minute) {
      return bad_calendar("working periods must be in order and must not overlap");
    }
  }
  if (rules.periods.size() > 255) return bad_calendar("too many working periods");
  if (std::none_of(rules.working_weekdays.begin(), rules.working_weekdays.end(),
                   [](bool b) { return b; })) {
    return bad_calendar("a calendar needs at least one working weekday");
  }
  std::sort(rules.holidays.begin(), rules.holidays.end());
  std::sort(rules.working_days.begin(), rules.working_days.end());
  for (const LocalDate d : rules.working_days) {
    if (std::binary_search(rules.holidays.begin(), rules.holidays.end(), d)) {
      return bad_calendar(d.to_string() + " is both a holiday and a working day");
    }
  }

  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(rules.time_zone);
    // The OS tz database loads a zone's transitions on first use: do it now, not in a query.
    (void)zone->get_info(date::sys_seconds{});
  } catch (const std::exception&) {
    return Error{"unknown_time_zone", "unknown time zone '" + rules.time_zone + "'"};
  }

  const LocalDate first = *LocalDate::from_ymd(kFirstCoveredYear, 1, 1);
  const LocalDate last = *LocalDate::from_ymd(kLastCoveredYear, 12, 31);
  auto calendar = std::make_shared<BusinessCalendar>(rules.name, zone, first);
  const int32_t days = (last - first) + 1;
  for (int32_t d = 0; d < days; ++d) {
    calendar->mark_day_start(d);
    const LocalDate date = first + d;
    const bool adjusted =
        std::binary_search(rules.working_days.begin(), rules.working_days.end(), date);
    const bool holiday = std::binary_search(rules.holidays.begin(), rules.holidays.end(), date);
    const bool weekday = rules.working_weekdays[static_cast<std::size_t>(date.weekday())];
    if (!adjusted && (holiday || !weekday)) continue;
    const int64_t midnight = int64_t{date.days_since_1970()} * kMillisPerDay;
    bool any = false;
    for (std::size_t p = 0; p < rules.periods.size(); ++p) {
      const int64_t s = to_utc(*zone, midnight + rules.periods[p].start_minute * kMillisPerMinute);
      const int64_t e = to_utc(*zone, midnight + rules.periods[p].end_minute * kMillisPerMinute);
      if (e <= s) continue;  // a clock change swallowed the whole period
      calendar->add_interval(s, e, d, static_cast<uint8_t>(p));
      any = true;
    }
    if (any) calendar->add_working_day(d);
  }
  calendar->mark_day_start(days);
  return CalendarPtr(std::move(calendar));
}

}  // namespace caseflow
