#include "engine/core/calendar_registry.h"

namespace caseflow::core {

Duration round_the_clock_length(const Span& span) {
  switch (span.unit) {
    case Span::Unit::seconds:
      return Duration::seconds(span.count);
    case Span::Unit::minutes:
      return Duration::minutes(span.count);
    case Span::Unit::hours:
    case Span::Unit::workhours:
      return Duration::hours(span.count);
    case Span::Unit::days:
    case Span::Unit::workdays:
      return Duration::days(span.count);
  }
  return Duration::hours(span.count);
}

namespace {

class RoundTheClock final : public WorkingCalendar {
 public:
  const std::string& name() const override { return name_; }
  Instant deadline(Instant start, const Span& span, int permille) const override {
    return start + Duration::millis(round_the_clock_length(span).millis() * permille / 1000);
  }
  Duration working_time_between(Instant from, Instant to) const override {
    return to > from ? to - from : Duration{};
  }
  Instant add_working_time(Instant start, Duration amount) const override {
    if (start == Instant::max() || amount <= Duration{}) return start;
    return start + amount;
  }
  bool is_working_time(Instant) const override { return true; }
  Duration utc_offset(Instant) const override { return Duration{}; }

 private:
  std::string name_ = "round-the-clock";
};

}  // namespace

CalendarPtr round_the_clock_calendar() {
  static const CalendarPtr calendar = std::make_shared<RoundTheClock>();
  return calendar;
}

}  // namespace caseflow::core
