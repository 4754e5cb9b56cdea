#include "engine/time/span.h"

#include <array>
#include <charconv>

namespace caseflow {
namespace {

struct UnitName {
  std::string_view text;
  Span::Unit unit;
};

// Matching is exact and case-sensitive; the singular forms exist so that "1 workday" reads well.
constexpr std::array<UnitName, 8> kUnitNames{{
    {"s", Span::Unit::seconds},
    {"m", Span::Unit::minutes},
    {"h", Span::Unit::hours},
    {"d", Span::Unit::days},
    {"workhour", Span::Unit::workhours},
    {"workhours", Span::Unit::workhours},
    {"workday", Span::Unit::workdays},
    {"workdays", Span::Unit::workdays},
}};

// The largest count of each unit that stays within kMaxSpanDays.
int64_t max_count(Span::Unit unit) {
  switch (unit) {
    case Span::Unit::seconds:
      return kMaxSpanDays * 86'400;
    case Span::Unit::minutes:
      return kMaxSpanDays * 1'440;
    case Span::Unit::hours:
    case Span::Unit::workhours:
      return kMaxSpanDays * 24;
    case Span::Unit::days:
    case Span::Unit::workdays:
      return kMaxSpanDays;
  }
  return 0;
}

}  // namespace

bool Span::is_valid() const { return count > 0 && count <= max_count(unit); }

Duration Span::calendar_duration() const {
  switch (unit) {
    case Unit::seconds:
      return Duration::seconds(count);
    case Unit::minutes:
      return Duration::minutes(count);
    case Unit::hours:
    case Unit::workhours:
      return Duration::hours(count);
    case Unit::days:
    case Unit::workdays:
      return Duration::days(count);
  }
  return Duration();
}

std::optional<Span> parse_span(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  int64_t count = 0;
  if (std::from_chars(text.data(), text.data() + digits, count).ec != std::errc()) {
    return std::nullopt;
  }
  std::size_t unit_at = digits;
  while (unit_at < text.size() && text[unit_at] == ' ') ++unit_at;
  const std::string_view unit_text = text.substr(unit_at);
  for (const auto& name : kUnitNames) {
    if (name.text != unit_text) continue;
    if (count <= 0 || count > max_count(name.unit)) return std::nullopt;
    return Span{name.unit, count};
  }
  return std::nullopt;
}

std::string to_string(const Span& span) {
  const std::string n = std::to_string(span.count);
  switch (span.unit) {
    case Span::Unit::seconds:
      return n + "s";
    case Span::Unit::minutes:
      return n + "m";
    case Span::Unit::hours:
      return n + "h";
    case Span::Unit::days:
      return n + "d";
    case Span::Unit::workhours:
      return n + (span.count == 1 ? " workhour" : " workhours");
    case Span::Unit::workdays:
      return n + (span.count == 1 ? " workday" : " workdays");
  }
  return n;
}

}  // namespace caseflow
