// A date on a calendar's local wall calendar ("2026-10-01"), with no time and no zone.
// Plain values; safe to share between threads.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caseflow {

// Numbered as C's tm_wday and date::weekday: Sunday is 0.
enum class Weekday : uint8_t { sunday, monday, tuesday, wednesday, thursday, friday, saturday };

// "mon", "tue", ... the names calendar files use.
std::string_view to_string(Weekday day);

class LocalDate {
 public:
  constexpr LocalDate() = default;
  static constexpr LocalDate from_days(int32_t days_since_1970) {
    return LocalDate(days_since_1970);
  }
  // nullopt if there is no such day (2026-02-29) or the year is outside 1..9999.
  static std::optional<LocalDate> from_ymd(int year, int month, int day);
  // Exactly "YYYY-MM-DD"; nullopt for anything else or a day that does not exist.
  static std::optional<LocalDate> parse(std::string_view text);

  constexpr int32_t days_since_1970() const { return days_; }
  int year() const;
  Weekday weekday() const;
  std::string to_string() const;  // "2026-10-01"

  constexpr LocalDate operator+(int32_t n) const { return LocalDate(days_ + n); }
  constexpr int32_t operator-(LocalDate o) const { return days_ - o.days_; }
  constexpr auto operator<=>(const LocalDate&) const = default;

 private:
  constexpr explicit LocalDate(int32_t days) : days_(days) {}
  int32_t days_ = 0;
};

}  // namespace caseflow
