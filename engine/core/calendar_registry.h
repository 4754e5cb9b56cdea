// Calendars by name, as workflows refer to them (`calendar: cn-mainland`). The runtime fills a
// MapCalendarRegistry from config/calendars; tests use their own calendars. Immutable once built;
// safe to share between threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "engine/time/working_calendar.h"

namespace caseflow::core {

class CalendarRegistry {
 public:
  virtual ~CalendarRegistry() = default;
  // The calendar called `name`; nullptr if unknown.
  virtual CalendarPtr find(std::string_view name) const = 0;
};

using CalendarRegistryPtr = std::shared_ptr<const CalendarRegistry>;

class MapCalendarRegistry final : public CalendarRegistry {
 public:
  // Registers `calendar` under its name(); a later calendar of the same name replaces it.
  void add(CalendarPtr calendar) { by_name_[calendar->name()] = std::move(calendar); }
  CalendarPtr find(std::string_view name) const override {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : it->second;
  }

 private:
  std::map<std::string, CalendarPtr, std::less<>> by_name_;
};

// A calendar where all time is working time, in UTC: "1 workday" is 24 hours, "4 workhours" is
// 4 hours. The engine uses it for a workflow whose calendar is unknown (the validator refuses
// such workflows; this keeps the engine total). Thread-safe.
CalendarPtr round_the_clock_calendar();

// The fixed length of `span` when every hour counts (workdays as days, workhours as hours).
Duration round_the_clock_length(const Span& span);

}  // namespace caseflow::core
