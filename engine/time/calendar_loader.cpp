#include "engine/time/calendar_loader.h"

#include <yaml-cpp/yaml.h>

#include <date/tz.h>
#include <algorithm>
#include <array>
#include <charconv>
#include <exception>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "engine/common/did_you_mean.h"
#include "engine/time/business_calendar.h"
#include "engine/yaml/bounded_yaml.h"

namespace caseflow {
namespace {

// Limits that keep hostile files cheap: checked before or while reading, never after.
constexpr std::size_t kMaxFileBytes = 1 << 20;
constexpr std::size_t kMaxProblems = 50;
constexpr int32_t kMaxHolidayDays = 31;
constexpr std::size_t kMaxListedDates = 20'000;
constexpr int kFirstSectionYear = kFirstCoveredYear + 1;
constexpr int kLastSectionYear = kLastCoveredYear - 1;

// The bounded reader's limits for calendars. Its size check never trips (the loader says the size
// in its own words first). The depth is that of yaml-cpp's own recursion guard, which calendar
// files have always been refused at. Aliases are not counted: the reader visits a shared node once
// and says each problem at a position once, and kMaxListedDates caps what an alias can repeat, so
// an alias bomb costs no more than the text it is written in.
constexpr yaml::YamlLimits kCalendarYaml{kMaxFileBytes, 500,
                                         std::numeric_limits<std::size_t>::max()};

constexpr std::array<std::string_view, 6> kCalendarKeys{
    "name", "description", "time_zone", "working_hours", "working_weekdays", "years"};
constexpr std::array<std::string_view, 3> kYearKeys{"notice", "holidays", "working_days"};
constexpr std::array<std::string_view, 3> kHolidayKeys{"name", "from", "to"};
constexpr std::array<std::string_view, 14> kWeekdayNames{
    "sun",    "mon",    "tue",     "wed",       "thu",      "fri",    "sat",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 7> kWeekdayLongNames{
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

struct Field {
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

// Where a listed date came from, for messages that point at the other half of a conflict.
struct DateOrigin {
  std::string holiday;  // empty for a working day
  int line = 0;
};

class CalendarReader {
 public:
  CalendarReader(std::string_view file, Diagnostics& problems) : file_(file), out_(problems) {}

  void read(const YAML::Node& root) {
    if (root.IsNull()) {
      report(root.Mark(),
             "the file is empty: a calendar needs at least name, time_zone and "
             "working_hours");
      return;
    }
    if (!root.IsMap()) {
      report(root.Mark(),
             "a calendar file must be a YAML map with the keys name, time_zone, "
             "working_hours and years");
      return;
    }
    const auto fields = read_fields(root, kCalendarKeys, "the calendar");
    const Field* name = require(fields, root, "name");
    const Field* zone = require(fields, root, "time_zone");
    const Field* hours = require(fields, root, "working_hours");
    if (name) read_name(name->value);
    if (const Field* d = find(fields, "description")) (void)text(d->value, "description");
    if (zone) read_time_zone(zone->value);
    if (hours) read_working_hours(hours->value);
    if (const Field* w = find(fields, "working_weekdays")) read_weekdays(w->value);
    if (const Field* y = find(fields, "years")) read_years(y->value);
  }

  bool failed() const { return reported_ > 0; }
  CalendarRules& rules() { return rules_; }

  void report(const YAML::Mark& mark, std::string message) {
    const int line = mark.is_null() ? 0 : mark.line + 1;
    const int column = mark.is_null() ? 0 : mark.column + 1;
    // An alias repeats its node: say each problem at a position once.
    if (!out_.empty() && reported_ < kMaxProblems) {
      const Diagnostic& last = out_.back();
      if (last.line == line && last.column == column && last.message == message) return;
    }
    ++reported_;
    if (reported_ > kMaxProblems) return;
    if (reported_ == kMaxProblems) message = "too many problems; stopping here";
    out_.push_back(Diagnostic{std::string(file_), line, column, std::move(message)});
  }

 private:
  bool stopped() const { return reported_ >= kMaxProblems; }

  // The map's fields with known keys, in file order. Reports unknown keys (with a did-you-mean),
  // keys that are not plain text, and keys given twice.
  std::vector<Field> read_fields(const YAML::Node& map, std::span<const std::string_view> known,
                                 std::string_view where) {
    std::vector<Field> fields;
    std::map<std::string, int> seen;  // key -> line
    for (auto it = map.begin(); it != map.end() && !stopped(); ++it) {
      const YAML::Node key = it->first;
      if (!key.IsScalar()) {
        report(key.Mark(), "keys in " + std::string(where) + " must be plain words");
        continue;
      }
      const std::string k = key.Scalar();
      if (std::find(known.begin(), known.end(), k) == known.end()) {
        report(key.Mark(),
               "unknown key '" + k + "' in " + std::string(where) + did_you_mean(k, known));
        continue;
      }
      const auto [at, fresh] = seen.emplace(k, key.Mark().line + 1);
      if (!fresh) {
        report(key.Mark(),
               "key '" + k + "' is given twice (first on line " + std::to_string(at->second) + ")");
        continue;
      }
      fields.push_back(Field{k, key, it->second});
    }
    return fields;
  }

  static const Field* find(const std::vector<Field>& fields, std::string_view key) {
    for (const auto& f : fields) {
      if (f.key == key) return &f;
    }
    return nullptr;
  }

  const Field* require(const std::vector<Field>& fields, const YAML::Node& map,
                       std::string_view key) {
    const Field* f = find(fields, key);
    if (!f) report(map.Mark(), "missing required key '" + std::string(key) + "'");
    return f;
  }

  std::optional<std::string> text(const YAML::Node& node, std::string_view what) {
    if (node.IsScalar()) return node.Scalar();
    report(node.Mark(), std::string(what) + " must be a single value, not " + shape(node));
    return std::nullopt;
  }

  static std::string shape(const YAML::Node& node) {
    if (node.IsMap()) return "a map";
    if (node.IsSequence()) return "a list";
    if (node.IsNull()) return "empty";
    return "'" + node.Scalar() + "'";
  }

  void read_name(const YAML::Node& node) {
    const auto name = text(node, "name");
    if (!name) return;
    const bool plain =
        !name->empty() && name->size() <= 64 && std::all_of(name->begin(), name->end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '_' || c == '.';
        });
    if (!plain) {
      report(node.Mark(),
             "calendar name '" + *name + "' must be 1 to 64 letters, digits, '-', '_' or '.'");
      return;
    }
    rules_.name = *name;
  }

  void read_time_zone(const YAML::Node& node) {
    const auto zone = text(node, "time_zone");
    if (!zone) return;
    bool known = false;
    std::vector<std::string> names;  // only gathered for the did-you-mean of a failure
    try {
      known = date::locate_zone(*zone) != nullptr;
    } catch (const std::exception&) {
      known = false;
    }
    if (!known) {
      try {
        for (const auto& z : date::get_tzdb().zones) names.push_back(std::string(z.name()));
      } catch (const std::exception&) {
        names.clear();
      }
      report(node.Mark(), "unknown time zone '" + *zone + "'" + did_you_mean(*zone, names));
      return;
    }
    rules_.time_zone = *zone;
  }

  // "HH:MM" -> minutes after midnight; 24:00 allowed (only meaningful as an end).
  static std::optional<int> clock_minutes(std::string_view s) {
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    int h = 0, m = 0;
    if (std::from_chars(s.data(), s.data() + 2, h).ptr != s.data() + 2) return std::nullopt;
    if (std::from_chars(s.data() + 3, s.data() + 5, m).ptr != s.data() + 5) return std::nullopt;
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
  }

  void read_working_hours(const YAML::Node& node) {
    if (!node.IsSequence()) {
      report(node.Mark(),
             "working_hours must be a list of periods, e.g. [\"09:00-12:00\", \"13:30-17:30\"]");
      return;
    }
    if (node.size() == 0) {
      report(node.Mark(), "working_hours needs at least one period, e.g. \"09:00-17:00\"");
      return;
    }
    struct Placed {
      WorkingPeriod period;
      std::string text;
      YAML::Mark mark;
    };
    std::vector<Placed> periods;
    for (const auto& item : node) {
      if (stopped() || periods.size() > 48) break;
      const auto value = text(item, "a working period");
      if (!value) continue;
      const std::string_view v = *value;
      const auto dash = v.find('-');
      const auto from =
          dash == std::string_view::npos ? std::nullopt : clock_minutes(v.substr(0, dash));
      const auto to =
          dash == std::string_view::npos ? std::nullopt : clock_minutes(v.substr(dash + 1));
      if (!from || !to || *from == 24 * 60) {
        report(item.Mark(), "bad working period '" + *value +
                                "': expected HH:MM-HH:MM within 00:00-24:00, e.g. 09:00-12:00");
        continue;
      }
      if (*to <= *from) {
        report(item.Mark(),
               "working period '" + *value + "' is empty: it must end after it starts");
        continue;
      }
      periods.push_back(Placed{WorkingPeriod{*from, *to}, *value, item.Mark()});
    }
    if (periods.size() > 48) {
      report(node.Mark(), "working_hours may list at most 48 periods");
      return;
    }
    // Overlaps are reported at the period that starts later, naming the one it runs into.
    std::vector<std::size_t> order(periods.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return periods[a].period.start_minute < periods[b].period.start_minute;
    });
    bool overlap = false;
    for (std::size_t k = 1; k < order.size(); ++k) {
      const Placed& later = periods[order[k]];
      for (std::size_t j = 0; j < k; ++j) {
        const Placed& earlier = periods[order[j]];
        if (later.period.start_minute < earlier.period.end_minute) {
          report(later.mark, "working period '" + later.text + "' overlaps '" + earlier.text +
                                 "' (line " + std::to_string(earlier.mark.line + 1) + ")");
          overlap = true;
          break;
        }
      }
    }
    if (overlap) return;
    for (std::size_t i : order) rules_.periods.push_back(periods[i].period);
  }

  void read_weekdays(const YAML::Node& node) {
    if (!node.IsSequence() || node.size() == 0) {
      report(node.Mark(),
             "working_weekdays must be a non-empty list such as [mon, tue, wed, thu, fri]");
      return;
    }
    std::array<bool, 7> days{};
    for (const auto& item : node) {
      if (stopped()) return;
      const auto value = text(item, "a weekday");
      if (!value) continue;
      const auto it = std::find(kWeekdayNames.begin(), kWeekdayNames.end(), *value);
      if (it == kWeekdayNames.end()) {
        report(item.Mark(), "unknown weekday '" + *value + "'" +
                                did_you_mean(*value, std::span(kWeekdayNames).first(7)));
        continue;
      }
      const auto day = static_cast<std::size_t>(it - kWeekdayNames.begin()) % 7;
      if (days[day]) {
        report(item.Mark(), "weekday '" + *value + "' is listed twice");
        continue;
      }
      days[day] = true;
    }
    rules_.working_weekdays = days;
  }

  void read_years(const YAML::Node& node) {
    if (node.IsNull()) return;  // "years:" with every year commented out
    if (!node.IsMap()) {
      report(node.Mark(),
             "years must be a map from a year (2026) to its holidays and working days");
      return;
    }
    std::map<int, int> seen;  // year -> line
    for (auto it = node.begin(); it != node.end() && !stopped(); ++it) {
      const YAML::Node key = it->first;
      int year = 0;
      const std::string k = key.IsScalar() ? key.Scalar() : std::string();
      const auto parsed = std::from_chars(k.data(), k.data() + k.size(), year);
      if (k.empty() || parsed.ec != std::errc() || parsed.ptr != k.data() + k.size()) {
        report(key.Mark(), "'" + k + "' is not a year: years are written like 2026");
        continue;
      }
      if (year < kFirstSectionYear || year > kLastSectionYear) {
        report(key.Mark(), "year " + k + " is outside the years a calendar may list (" +
                               std::to_string(kFirstSectionYear) + ".." +
                               std::to_string(kLastSectionYear) + ")");
        continue;
      }
      const auto [at, fresh] = seen.emplace(year, key.Mark().line + 1);
      if (!fresh) {
        report(key.Mark(),
               "year " + k + " is given twice (first on line " + std::to_string(at->second) + ")");
        continue;
      }
      read_year(year, it->second, key.Mark());
    }
    if (!stopped()) check_working_days();
  }

  void read_year(int year, const YAML::Node& node, const YAML::Mark& key_mark) {
    if (!node.IsMap()) {
      // An empty section has no position of its own (yaml-cpp puts it on the next line).
      report(node.IsNull() ? key_mark : node.Mark(),
             "year " + std::to_string(year) + " must be a map with holidays and working_days");
      return;
    }
    const auto fields = read_fields(node, kYearKeys, "year " + std::to_string(year));
    if (const Field* n = find(fields, "notice")) (void)text(n->value, "notice");
    if (const Field* h = find(fields, "holidays")) read_holidays(year, h->value);
    if (const Field* w = find(fields, "working_days")) {
      if (w->value.IsNull()) {
        // an empty list, written as "working_days:"
      } else if (!w->value.IsSequence()) {
        report(w->value.Mark(), "working_days must be a list of dates, e.g. [2026-01-04]");
      } else {
        for (const auto& item : w->value) {
          if (stopped()) return;
          if (auto d = date_in(year, item)) pending_working_days_.push_back({*d, item.Mark()});
        }
      }
    }
  }

  // A date written in year `year`'s section: it must exist and lie in that year or a neighbour
  // (a notice for 2019 may move 2018-12-29).
  std::optional<LocalDate> date_in(int year, const YAML::Node& node) {
    const auto value = text(node, "a date");
    if (!value) return std::nullopt;
    const auto d = LocalDate::parse(*value);
    if (!d) {
      report(node.Mark(), "bad date '" + *value + "': expected YYYY-MM-DD, a day that exists");
      return std::nullopt;
    }
    if (d->year() < year - 1 || d->year() > year + 1) {
      report(node.Mark(), "date " + *value + " does not belong in year " + std::to_string(year) +
                              " (only " + std::to_string(year) + " or a neighbouring year)");
      return std::nullopt;
    }
    if (++listed_dates_ > kMaxListedDates) {
      report(node.Mark(), "too many dates: a calendar may list at most " +
                              std::to_string(kMaxListedDates) + " holidays and working days");
      reported_ = kMaxProblems;  // nothing useful can follow
      return std::nullopt;
    }
    return d;
  }

  void read_holidays(int year, const YAML::Node& node) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) {
      report(node.Mark(),
             "holidays must be a list like [{name: New Year, from: " + std::to_string(year) +
                 "-01-01, to: " + std::to_string(year) + "-01-03}]");
      return;
    }
    for (const auto& item : node) {
      if (stopped()) return;
      if (!item.IsMap()) {
        report(item.Mark(),
               "a holiday must be a map like {name: New Year, from: " + std::to_string(year) +
                   "-01-01, to: " + std::to_string(year) + "-01-03}, not " + shape(item));
        continue;
      }
      const auto fields = read_fields(item, kHolidayKeys, "a holiday");
      const Field* name_field = require(fields, item, "name");
      const Field* from_field = require(fields, item, "from");
      const Field* to_field = find(fields, "to");
      std::optional<std::string> name;
      if (name_field) name = text(name_field->value, "a holiday's name");
      if (!name_field || !from_field || !name) continue;
      const auto from = date_in(year, from_field->value);
      const auto to = to_field ? date_in(year, to_field->value) : from;
      if (!from || !to) continue;
      const YAML::Mark to_mark = (to_field ? to_field->value : from_field->value).Mark();
      if (*to < *from) {
        report(to_mark, "holiday '" + *name + "' ends (" + to->to_string() +
                            ") before it starts (" + from->to_string() + ")");
        continue;
      }
      if (*to - *from + 1 > kMaxHolidayDays) {
        report(to_mark, "holiday '" + *name + "' is " + std::to_string(*to - *from + 1) +
                            " days long; a holiday may last at most " +
                            std::to_string(kMaxHolidayDays) + " days");
        continue;
      }
      const int line = from_field->value.Mark().line + 1;
      for (LocalDate d = *from; d <= *to; d = d + 1) {
        const auto [at, fresh] = holidays_.emplace(d, DateOrigin{*name, line});
        if (!fresh) {
          report(from_field->value.Mark(),
                 "holiday '" + *name + "' overlaps holiday '" + at->second.holiday + "' (line " +
                     std::to_string(at->second.line) + ") on " + d.to_string());
          break;
        }
      }
    }
  }

  // Working days are checked once every holiday is known: a notice may list them in any order.
  void check_working_days() {
    std::map<LocalDate, int> seen;  // date -> line
    for (const auto& [d, mark] : pending_working_days_) {
      if (stopped()) return;
      const auto holiday = holidays_.find(d);
      if (holiday != holidays_.end()) {
        report(mark, d.to_string() + " is both a working day and a holiday ('" +
                         holiday->second.holiday + "', line " +
                         std::to_string(holiday->second.line) + ")");
        continue;
      }
      const auto [at, fresh] = seen.emplace(d, mark.line + 1);
      if (!fresh) {
        report(mark, "working day " + d.to_string() + " is listed twice (first on line " +
                         std::to_string(at->second) + ")");
        continue;
      }
      const auto weekday = static_cast<std::size_t>(d.weekday());
      if (rules_.working_weekdays[weekday]) {
        report(mark, "working day " + d.to_string() + " is a " +
                         std::string(kWeekdayLongNames[weekday]) +
                         ", which works anyway; list only days off that become working days "
                         "(调休)");
        continue;
      }
      rules_.working_days.push_back(d);
    }
    for (const auto& [d, origin] : holidays_) rules_.holidays.push_back(d);
  }

  std::string_view file_;
  Diagnostics& out_;
  std::size_t reported_ = 0;
  std::size_t listed_dates_ = 0;
  CalendarRules rules_;
  std::map<LocalDate, DateOrigin> holidays_;
  std::vector<std::pair<LocalDate, YAML::Mark>> pending_working_days_;
};

}  // namespace

CalendarPtr load_calendar(std::string_view file, std::string_view text, Diagnostics& problems) {
  Diagnostics found;
  CalendarReader reader(file, found);
  if (text.size() > kMaxFileBytes) {
    found.push_back(Diagnostic{std::string(file), 0, 0,
                               "calendar file is " + std::to_string(text.size()) +
                                   " bytes; the limit is " + std::to_string(kMaxFileBytes) +
                                   " bytes (1 MiB)"});
    problems.insert(problems.end(), found.begin(), found.end());
    return nullptr;
  }
  yaml::BoundedYaml parsed = yaml::read_bounded_yaml(file, text, kCalendarYaml);
  if (const auto* refusal = std::get_if<yaml::YamlRefusal>(&parsed)) {
    using Rule = yaml::YamlRefusal::Rule;
    switch (refusal->rule) {
      case Rule::too_deep:  // a calendar is four levels deep
        reader.report(refusal->mark, "YAML: nesting is too deep (" +
                                         std::to_string(refusal->depth) +
                                         " levels); a calendar file needs at most five");
        break;
      case Rule::syntax:
        reader.report(refusal->mark, "YAML: " + refusal->detail);
        break;
      case Rule::unreadable:
        reader.report(refusal->mark, "cannot read calendar: " + refusal->detail);
        break;
      default:
        reader.report(refusal->mark, "YAML: " + refusal->diagnostic.message);
        break;
    }
  } else {
    try {
      reader.read(std::get<YAML::Node>(parsed));
    } catch (const YAML::Exception& e) {
      reader.report(e.mark, "YAML: " + e.msg);
    } catch (const std::exception& e) {  // e.g. std::bad_alloc: still a value, never a crash
      reader.report(YAML::Mark::null_mark(), std::string("cannot read calendar: ") + e.what());
    }
  }
  if (!reader.failed()) {
    auto calendar = make_business_calendar(std::move(reader.rules()));
    if (calendar.ok()) return calendar.value();
    found.push_back(Diagnostic{std::string(file), 0, 0, calendar.error().message});
  }
  problems.insert(problems.end(), found.begin(), found.end());
  return nullptr;
}

}  // namespace caseflow
