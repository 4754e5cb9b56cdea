// Time as the engine sees it: an Instant on the UTC timeline and a Duration between two.
//
// The engine never reads a clock; every function that needs "now" takes an Instant. Millisecond
// resolution: deadlines are honoured to the second, lateness is measured in milliseconds.
#pragma once

#include <compare>
#include <cstdint>

namespace caseflow {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration millis(int64_t ms) { return Duration(ms); }
  static constexpr Duration seconds(int64_t s) { return Duration(s * 1000); }
  static constexpr Duration minutes(int64_t m) { return Duration(m * 60'000); }
  static constexpr Duration hours(int64_t h) { return Duration(h * 3'600'000); }
  static constexpr Duration days(int64_t d) { return Duration(d * 86'400'000); }

  constexpr int64_t millis() const { return ms_; }
  constexpr int64_t whole_seconds() const { return ms_ / 1000; }

  constexpr Duration operator+(Duration o) const { return Duration(ms_ + o.ms_); }
  constexpr Duration operator-(Duration o) const { return Duration(ms_ - o.ms_); }
  constexpr Duration operator*(int64_t k) const { return Duration(ms_ * k); }
  constexpr auto operator<=>(const Duration&) const = default;

 private:
  constexpr explicit Duration(int64_t ms) : ms_(ms) {}
  int64_t ms_ = 0;
};

inline constexpr int64_t kMillisPerDay = Duration::days(1).millis();

class Instant {
 public:
  constexpr Instant() = default;
  static constexpr Instant from_unix_millis(int64_t ms) { return Instant(ms); }
  static constexpr Instant from_unix_seconds(int64_t s) { return Instant(s * 1000); }
  static constexpr Instant max() { return Instant(INT64_MAX); }

  constexpr int64_t unix_millis() const { return ms_; }

  constexpr Instant operator+(Duration d) const { return Instant(ms_ + d.millis()); }
  constexpr Instant operator-(Duration d) const { return Instant(ms_ - d.millis()); }
  constexpr Duration operator-(Instant o) const { return Duration::millis(ms_ - o.ms_); }
  constexpr auto operator<=>(const Instant&) const = default;

 private:
  constexpr explicit Instant(int64_t ms) : ms_(ms) {}
  int64_t ms_ = 0;
};

}  // namespace caseflow
