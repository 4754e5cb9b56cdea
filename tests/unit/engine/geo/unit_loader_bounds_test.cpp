// The unit directory loader reads through the bounded YAML reader: a hostile unit directory is
// refused at a position, in bounded time and memory, instead of being expanded.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "engine/geo/unit_loader.h"
#include "tests/unit/common/hostile_yaml.h"

namespace caseflow::geo {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> messages_of(const std::string& text) {
  Diagnostics problems;
  EXPECT_EQ(load_unit_directory("units.yaml", text, problems), nullptr);
  std::vector<std::string> lines;
  for (const auto& p : problems) lines.push_back(p.to_string());
  return lines;
}

TEST(UnitLoaderBounds, ABillionLaughsIsRefusedAtTheAliasThatCrossesTheNodeLimit) {
  // a0..a4 hold 123,463 nodes with the root; each *a4 adds 111,111: the 8th on a5's line crosses.
  const auto start = Clock::now();
  EXPECT_EQ(messages_of(caseflow::testing::billion_laughs("levels")),
            std::vector<std::string>{
                "units.yaml:7:47: error: the document expands to more than 1000000 nodes once "
                "aliases are resolved (an alias bomb?)"});
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST(UnitLoaderBounds, TenThousandNestedLevelsAreRefusedAtTheLimit) {
  const auto start = Clock::now();
  // The root map, `units`' list and 30 more lists are allowed; the 33rd level is refused.
  EXPECT_EQ(messages_of(caseflow::testing::nested_lists("units", 10'000)),
            std::vector<std::string>{"units.yaml:2:63: error: YAML nests deeper than 32 levels"});
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST(UnitLoaderBounds, AFileOverSixteenMebibytesIsRefusedBeforeParsing) {
  // About the whole file: line and column 0.
  const std::string text = "units: []\n# " + std::string(std::size_t{16} << 20, 'a') + "\n";
  EXPECT_EQ(messages_of(text),
            std::vector<std::string>{"units.yaml:0:0: error: file is too large (16777229 bytes; "
                                     "the limit is 16777216)"});
}

}  // namespace
}  // namespace caseflow::geo
