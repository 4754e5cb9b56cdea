// The calendar loader reads through the bounded YAML reader: a hostile calendar is refused at a
// position, in bounded time, and never half-read.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "engine/time/calendar_loader.h"
#include "tests/unit/common/hostile_yaml.h"

namespace caseflow {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> refusals_of(const std::string& file, const std::string& text) {
  Diagnostics problems;
  EXPECT_EQ(load_calendar(file, text, problems), nullptr) << file;
  std::vector<std::string> lines;
  for (const auto& p : problems) lines.push_back(p.to_string());
  return lines;
}

TEST(CalendarLoaderBounds, TenThousandNestedLevelsAreRefusedAtTheirPosition) {
  const auto start = Clock::now();
  // yaml-cpp's recursion guard stops 500 nodes deep: the root map, then `name`'s lists, each
  // two columns to the right of the last, so about column 1,000 of the long line.
  EXPECT_EQ(refusals_of("deep.yaml", testing::nested_lists("name", 10'000)),
            std::vector<std::string>{"deep.yaml:2:998: error: YAML: nesting is too deep (500 "
                                     "levels); a calendar file needs at most five"});
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST(CalendarLoaderBounds, ASecondDocumentIsRefusedWhereItStarts) {
  const std::string one = "name: x\ntime_zone: UTC\nworking_hours: [\"09:00-17:00\"]\n";
  EXPECT_EQ(refusals_of("two.yaml", one + "---\n" + one),
            std::vector<std::string>{"two.yaml:4:1: error: YAML: the file holds more than one "
                                     "YAML document; write one per file"});
}

TEST(CalendarLoaderBounds, AnAliasInsideItsOwnAnchorIsRefused) {
  EXPECT_EQ(refusals_of("cycle.yaml", "name: x\nworking_hours: &w [\"09:00-17:00\", *w]\n"),
            std::vector<std::string>{"cycle.yaml:2:35: error: YAML: an alias refers to a node "
                                     "that contains it (a cycle)"});
}

TEST(CalendarLoaderBounds, ABillionLaughsCostsNoMoreThanItsText) {
  // Aliases are not expanded by the calendar reader: it says each problem at a position once.
  const auto start = Clock::now();
  const auto problems = refusals_of("bomb.yaml", testing::billion_laughs("years"));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0].rfind("bomb.yaml:", 0), 0u) << problems[0];
  EXPECT_LE(problems.size(), 50u);
}

}  // namespace
}  // namespace caseflow
