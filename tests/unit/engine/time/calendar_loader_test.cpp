// Every rule of the calendar loader, each with a broken file in tests/data/calendars/ and the
// exact FILE:LINE:COL message an admin sees; then hostile inputs that must fail fast and cleanly.
#include "engine/time/calendar_loader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/unit/engine/time/calendar_fixture.h"

namespace caseflow {
namespace {

using testing::at;
using testing::read_text;

std::vector<std::string> problems_of(const std::string& file, const std::string& text) {
  Diagnostics problems;
  const CalendarPtr calendar = load_calendar(file, text, problems);
  EXPECT_EQ(calendar == nullptr, !problems.empty()) << file;
  std::vector<std::string> lines;
  for (const auto& p : problems) lines.push_back(p.to_string());
  return lines;
}

std::vector<std::string> problems_of_file(const std::string& name) {
  const std::string path = "tests/data/calendars/" + name;
  return problems_of(path, read_text(std::string(CASEFLOW_SOURCE_DIR) + "/" + path));
}

struct BrokenFile {
  const char* file;
  std::vector<std::string> expected;
};

TEST(CalendarLoader, EachRuleHasItsMessage) {
  const std::string d = "tests/data/calendars/";
  const BrokenFile cases[] = {
      {"unknown_key.yaml",
       {d + "unknown_key.yaml:2:1: error: unknown key 'time_zon' in the calendar; did you mean "
            "'time_zone'?",
        d + "unknown_key.yaml:1:1: error: missing required key 'time_zone'"}},
      {"unknown_time_zone.yaml",
       {d + "unknown_time_zone.yaml:2:12: error: unknown time zone 'Asia/Shangai'; did you mean "
            "'Asia/Shanghai'?"}},
      {"bad_date.yaml",
       {d + "bad_date.yaml:7:39: error: bad date '2026-02-30': expected YYYY-MM-DD, a day that "
            "exists"}},
      {"holiday_and_working_day.yaml",
       {d + "holiday_and_working_day.yaml:8:20: error: 2026-01-04 is both a working day and a "
            "holiday ('New Year', line 7)"}},
      {"overlapping_periods.yaml",
       {d + "overlapping_periods.yaml:4:5: error: working period '13:30-17:30' overlaps "
            "'09:00-14:00' (line 5)"}},
      {"empty_period.yaml",
       {d + "empty_period.yaml:3:32: error: working period '14:00-14:00' is empty: it must end "
            "after it starts"}},
      {"bad_period.yaml",
       {d + "bad_period.yaml:3:17: error: bad working period '9:00-12:00': expected HH:MM-HH:MM "
            "within 00:00-24:00, e.g. 09:00-12:00",
        d + "bad_period.yaml:3:31: error: bad working period '13:30-25:00': expected HH:MM-HH:MM "
            "within 00:00-24:00, e.g. 09:00-12:00"}},
      {"working_day_on_weekday.yaml",
       {d + "working_day_on_weekday.yaml:7:9: error: working day 2026-01-05 is a Monday, which "
            "works anyway; list only days off that become working days (调休)"}},
      {"holiday_backwards.yaml",
       {d + "holiday_backwards.yaml:9:13: error: holiday 'National Day' ends (2026-10-01) before "
            "it starts (2026-10-07)"}},
      {"overlapping_holidays.yaml",
       {d + "overlapping_holidays.yaml:8:36: error: holiday 'National Day' overlaps holiday "
            "'Mid-Autumn' (line 7) on 2026-10-01"}},
      {"duplicate_year.yaml",
       {d + "duplicate_year.yaml:7:3: error: year 2026 is given twice (first on line 5)"}},
      {"year_out_of_range.yaml",
       {d + "year_out_of_range.yaml:5:3: error: year 1998 is outside the years a calendar may "
            "list (2000..2100)",
        d + "year_out_of_range.yaml:7:3: error: 'next' is not a year: years are written like "
            "2026"}},
      {"date_outside_year.yaml",
       {d + "date_outside_year.yaml:6:20: error: date 2028-01-01 does not belong in year 2026 "
            "(only 2026 or a neighbouring year)"}},
      {"malformed.yaml", {d + "malformed.yaml:4:1: error: YAML: end of sequence flow not found"}},
      {"not_a_map.yaml",
       {d + "not_a_map.yaml:1:1: error: a calendar file must be a YAML map with the keys name, "
            "time_zone, working_hours and years"}},
      {"unknown_weekday.yaml",
       {d + "unknown_weekday.yaml:4:40: error: unknown weekday 'fir'; did you mean 'fri'?",
        d + "unknown_weekday.yaml:4:45: error: weekday 'mon' is listed twice"}},
      {"unknown_year_key.yaml",
       {d + "unknown_year_key.yaml:6:5: error: unknown key 'holliday' in year 2026; did you mean "
            "'holidays'?"}},
      {"missing_keys.yaml",
       {d + "missing_keys.yaml:1:1: error: missing required key 'name'",
        d + "missing_keys.yaml:1:1: error: missing required key 'time_zone'",
        d + "missing_keys.yaml:1:1: error: missing required key 'working_hours'"}},
      {"empty_year.yaml",
       {d + "empty_year.yaml:5:3: error: year 2027 must be a map with holidays and working_days"}},
      {"empty.yaml",
       {d + "empty.yaml:0:0: error: the file is empty: a calendar needs at least name, time_zone "
            "and working_hours"}},
      {"holiday_not_a_map.yaml",
       {d + "holiday_not_a_map.yaml:7:9: error: a holiday must be a map like {name: New Year, "
            "from: 2026-01-01, to: 2026-01-03}, not '2026-01-01'",
        d + "holiday_not_a_map.yaml:8:26: error: unknown key 'form' in a holiday; did you mean "
            "'from'?",
        d + "holiday_not_a_map.yaml:8:9: error: missing required key 'from'"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(problems_of_file(c.file), c.expected) << c.file;
  }
}

TEST(CalendarLoader, ShippedCalendarsLoadClean) {
  EXPECT_NE(testing::shipped_calendar("cn-mainland"), nullptr);
  EXPECT_NE(testing::shipped_calendar("always"), nullptr);
}

TEST(CalendarLoader, ProblemsAreAppendedNotReplaced) {
  Diagnostics problems{Diagnostic{"earlier.yaml", 1, 1, "from someone else"}};
  EXPECT_EQ(load_calendar("x.yaml", "name: [", problems), nullptr);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].file, "earlier.yaml");
  EXPECT_EQ(problems[1].file, "x.yaml");
}

TEST(CalendarLoader, ReadsOptionalPartsAndDefaults) {
  Diagnostics problems;
  const CalendarPtr cal = load_calendar("weekend.yaml", R"(
name: weekend-shop
time_zone: UTC
working_hours: ["10:00-16:00"]
working_weekdays: [saturday, sun]
years:
  2026:
    notice: shop rules
    holidays: [{name: Shop party, from: 2026-10-03}]
    working_days: [2026-10-05]
)",
                                        problems);
  ASSERT_NE(cal, nullptr) << (problems.empty() ? "" : problems[0].to_string());
  EXPECT_EQ(cal->name(), "weekend-shop");
  EXPECT_FALSE(cal->is_working_time(at("2026-10-03T11:00:00Z"))) << "the holiday Saturday";
  EXPECT_TRUE(cal->is_working_time(at("2026-10-04T11:00:00Z"))) << "Sunday";
  EXPECT_TRUE(cal->is_working_time(at("2026-10-05T11:00:00Z"))) << "the adjusted Monday";
  EXPECT_FALSE(cal->is_working_time(at("2026-10-06T11:00:00Z"))) << "a plain Tuesday";
}

TEST(CalendarLoader, EmptySectionsAreEmpty) {
  Diagnostics problems;
  const CalendarPtr cal = load_calendar("empty.yaml", R"(
name: plain
time_zone: Asia/Shanghai
working_hours: ["09:00-17:00"]
years:
)",
                                        problems);
  ASSERT_NE(cal, nullptr) << (problems.empty() ? "" : problems[0].to_string());
  EXPECT_TRUE(cal->is_working_time(at("2026-01-01T10:00:00+08:00"))) << "no holidays listed";
  const CalendarPtr cal2 = load_calendar("empty2.yaml", R"(
name: plain
time_zone: Asia/Shanghai
working_hours: ["09:00-17:00"]
years:
  2026:
    holidays:
    working_days:
)",
                                         problems);
  EXPECT_NE(cal2, nullptr) << (problems.empty() ? "" : problems[0].to_string());
}

std::chrono::milliseconds elapsed_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start);
}

TEST(CalendarLoaderHostile, HugeFileIsRefusedWithoutParsing) {
  const std::string text = "name: x\n# " + std::string(2 << 20, 'a') + "\n";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(problems_of("huge.yaml", text),
            std::vector<std::string>{"huge.yaml:0:0: error: calendar file is 2097163 bytes; the "
                                     "limit is 1048576 bytes (1 MiB)"});
  EXPECT_LT(elapsed_since(start).count(), 1000);
}

TEST(CalendarLoaderHostile, DeepNestingIsAnError) {
  const std::string flow = "name: " + std::string(100'000, '[') + std::string(100'000, ']');
  std::string block = "name:\n";
  for (int i = 0; i < 100'000; ++i) block += "- ";
  block += "x\n";
  for (const std::string& text : {flow, block}) {
    const auto start = std::chrono::steady_clock::now();
    const auto problems = problems_of("deep.yaml", text);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].rfind("deep.yaml:", 0), 0u) << problems[0];
    EXPECT_NE(problems[0].find(": error: YAML: nesting is too deep (500 levels); a calendar file "
                               "needs at most five"),
              std::string::npos)
        << problems[0];
    EXPECT_LT(elapsed_since(start).count(), 5000);
  }
}

TEST(CalendarLoaderHostile, AliasBombStaysCheap) {
  // Billion laughs: each level lists the previous one nine times (9^10 leaves if expanded).
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 9; ++i) {
    // Appended piece by piece: g++ 12 -O3 warns falsely (-Wrestrict) on long operator+ chains.
    const std::string n = std::to_string(i);
    const std::string prev = "*a" + std::to_string(i - 1);
    text.append("a").append(n).append(": &a").append(n).append(" [").append(prev);
    for (int k = 1; k < 9; ++k) text.append(", ").append(prev);
    text.append("]\n");
  }
  text +=
      "name: bomb\ntime_zone: UTC\nworking_hours: *a9\nyears: {2026: {holidays: *a9, "
      "working_days: *a9}}\n";
  const auto start = std::chrono::steady_clock::now();
  const auto problems = problems_of("bomb.yaml", text);
  EXPECT_LT(elapsed_since(start).count(), 5000);
  // The anchors are unknown keys; each use of the bomb is one problem, said once, at the node
  // the alias points to (a8's list on line 9).
  ASSERT_EQ(problems.size(), 13u);
  EXPECT_EQ(problems[0], "bomb.yaml:1:1: error: unknown key 'a0' in the calendar");
  EXPECT_EQ(problems[10],
            "bomb.yaml:9:5: error: a working period must be a single value, not a list");
  EXPECT_EQ(problems[12], "bomb.yaml:9:5: error: a date must be a single value, not a list");
}

TEST(CalendarLoaderHostile, RepeatedHolidaysCannotBlowUpMemory) {
  // One valid holiday, referenced 100,000 times: the date cap stops it.
  std::string text =
      "name: x\ntime_zone: UTC\nworking_hours: [\"09:00-17:00\"]\n"
      "h: &h {name: Long, from: 2026-01-01, to: 2026-01-31}\n"
      "years:\n  2026:\n    holidays: [";
  for (int i = 0; i < 100'000; ++i) text += "*h,";
  text += "*h]\n";
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(problems_of("many.yaml", text),
            (std::vector<std::string>{
                "many.yaml:4:1: error: unknown key 'h' in the calendar",
                "many.yaml:4:26: error: holiday 'Long' overlaps holiday 'Long' (line 4) on "
                "2026-01-01",
                "many.yaml:4:26: error: too many dates: a calendar may list at most 20000 "
                "holidays and working days"}));
  EXPECT_LT(elapsed_since(start).count(), 5000);
}

TEST(CalendarLoaderHostile, ProblemsStopAtFifty) {
  std::string text = "name: x\ntime_zone: UTC\nworking_hours: [\"09:00-17:00\"]\n";
  for (int i = 0; i < 500; ++i) text += "bad" + std::to_string(i) + ": 1\n";
  const auto problems = problems_of("noisy.yaml", text);
  ASSERT_EQ(problems.size(), 50u);
  EXPECT_EQ(problems.back(), "noisy.yaml:53:1: error: too many problems; stopping here");
}

}  // namespace
}  // namespace caseflow
