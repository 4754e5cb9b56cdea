#include "engine/geo/unit_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/engine/geo/fixture.h"

namespace caseflow::geo {
namespace {

using definition::Level;
using ::testing::HasSubstr;

TEST(UnitLoader, ReadsTheFixtureDirectory) {
  Diagnostics problems;
  UnitDirectoryPtr dir = load_unit_directory("units.yaml", testing::fixture_units_text(), problems);
  ASSERT_NE(dir, nullptr) << testing::all(problems);
  EXPECT_EQ(dir->level(Level::grid).pattern, "grid:{id}");
  EXPECT_EQ(dir->level(Level::district).pattern, "district:{id}");  // the default
  ASSERT_EQ(dir->level(Level::grid).overrides.count("G05"), 1u);
  EXPECT_EQ(dir->level(Level::grid).overrides.at("G05").where.line, 6);
  ASSERT_EQ(dir->departments.size(), 2u);
  const Department* transport = dir->department("transport");
  ASSERT_NE(transport, nullptr);
  EXPECT_EQ(transport->unit, "department:transport");      // default unit id
  EXPECT_EQ(transport->topic, "caseflow.dept.transport");  // default topic
  EXPECT_EQ(dir->department("power")->unit, "power_company");
  EXPECT_EQ(dir->department("power")->topic, "caseflow.dept.power_grid");
  EXPECT_EQ(dir->department("water"), nullptr);
  ASSERT_EQ(dir->units.size(), 1u);
  EXPECT_EQ(dir->units[0].id, "dispatcher");
}

TEST(UnitLoader, AnEmptyFileGivesTheDefaultRules) {
  Diagnostics problems;
  UnitDirectoryPtr dir = load_unit_directory("units.yaml", "{}", problems);
  ASSERT_NE(dir, nullptr) << testing::all(problems);
  const Place place{"G7", "C7", "S7", "D7"};
  EXPECT_EQ(unit_of(*dir, Level::grid, place), "grid:G7");
  EXPECT_EQ(unit_of(*dir, Level::community, place), "community:C7");
  EXPECT_EQ(unit_of(*dir, Level::street, place), "street:S7");
  EXPECT_EQ(unit_of(*dir, Level::district, place), "district:D7");
  EXPECT_EQ(unit_of(*dir, Level::department, place), std::nullopt);
}

TEST(UnitLoader, PatternsMayNameCoarserLevels) {
  Diagnostics problems;
  UnitDirectoryPtr dir = load_unit_directory(
      "units.yaml", "levels:\n  grid:\n    default: \"office-{street}-{community}\"\n", problems);
  ASSERT_NE(dir, nullptr) << testing::all(problems);
  EXPECT_EQ(unit_of(*dir, Level::grid, {"G7", "C7", "S7", "D7"}), "office-S7-C7");
}

Diagnostics problems_of(const std::string& yaml) {
  Diagnostics problems;
  EXPECT_EQ(load_unit_directory("units.yaml", yaml, problems), nullptr);
  return problems;
}

TEST(UnitLoader, ReportsEveryProblemWithItsPosition) {
  const Diagnostics p = problems_of(
      "levels:\n"
      "  community:\n"
      "    default: \"community:{grid}\"\n"  // finer level
      "  block:\n"                           // unknown level
      "    default: x\n"
      "departments:\n"
      "  - code: transport\n"
      "  - code: transport\n"  // duplicate
      "  - code: Water\n"      // bad code
      "  - name: nameless\n"   // no code
      "colour: red\n");        // unknown key
  const std::string all = testing::all(p);
  EXPECT_THAT(all, HasSubstr("units.yaml:3:14: error: placeholder {grid} is finer than the "
                             "community level"));
  EXPECT_THAT(all, HasSubstr("units.yaml:4:3: error: unknown key \"block\" in levels"));
  EXPECT_THAT(all,
              HasSubstr("units.yaml:8:11: error: department code \"transport\" is listed twice"));
  EXPECT_THAT(all, HasSubstr("units.yaml:9:11: error: department code \"Water\" must be"));
  EXPECT_THAT(all, HasSubstr("units.yaml:10:5: error: a department needs a `code`"));
  EXPECT_THAT(all, HasSubstr("units.yaml:11:1: error: unknown key \"colour\""));
  EXPECT_EQ(p.size(), 6u) << all;
}

TEST(UnitLoader, RefusesBadPatternsAndDuplicateUnits) {
  const std::string all =
      testing::all(problems_of("levels:\n"
                               "  grid:\n"
                               "    default: \"grid:{id\"\n"
                               "    overrides:\n"
                               "      G1: \"{nowhere}\"\n"
                               "units:\n"
                               "  - id: dispatcher\n"
                               "  - id: dispatcher\n"
                               "departments:\n"
                               "  - code: transport\n"
                               "    unit: dispatcher\n"));
  EXPECT_THAT(all, HasSubstr("units.yaml:3:14: error: unclosed '{'"));
  EXPECT_THAT(all, HasSubstr("units.yaml:5:11: error: unknown placeholder {nowhere}"));
  EXPECT_THAT(all, HasSubstr("units.yaml:8:9: error: unit id \"dispatcher\" is listed twice"));
  EXPECT_THAT(all, HasSubstr("units.yaml:11:11: error: unit id \"dispatcher\" is used twice"));
}

TEST(UnitLoader, ReportsYamlSyntaxErrors) {
  const Diagnostics p = problems_of("levels:\n  grid: [unclosed\n");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_THAT(p[0].message, HasSubstr("not valid YAML"));
  EXPECT_GT(p[0].line, 1);
}

}  // namespace
}  // namespace caseflow::geo
