// The engine config is read through the bounded YAML reader: a hostile config file is refused at
// a position, in bounded time and memory.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "app/engine_config.h"
#include "tests/unit/app/temp_folder.h"
#include "tests/unit/common/hostile_yaml.h"

namespace caseflow::app {
namespace {

using Clock = std::chrono::steady_clock;

// The one problem loading `text` as a config file gives, with the file name as "FILE".
std::string only_problem(const std::string& text) {
  TempFolder folder;
  const auto file = folder.write("caseflow.yaml", text);
  Diagnostics problems;
  EXPECT_FALSE(load_engine_config(file, problems).ok());
  if (problems.size() != 1) return "expected one problem, got " + std::to_string(problems.size());
  std::string line = problems[0].to_string();
  if (line.rfind(file.string(), 0) == 0) line.replace(0, file.string().size(), "FILE");
  return line;
}

TEST(EngineConfigBounds, ABillionLaughsIsRefusedAtTheAliasThatCrossesTheNodeLimit) {
  // a0..a3 hold 12,351 nodes with the root; each *a3 adds 11,111: the 8th on a4's line crosses.
  const auto start = Clock::now();
  EXPECT_EQ(only_problem(testing::billion_laughs("kafka")),
            "FILE:6:47: error: the document expands to more than 100000 nodes once aliases are "
            "resolved (an alias bomb?)");
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST(EngineConfigBounds, TenThousandNestedLevelsAreRefusedAtTheLimit) {
  const auto start = Clock::now();
  EXPECT_EQ(only_problem(testing::nested_lists("workflows", 10'000)),
            "FILE:2:63: error: YAML nests deeper than 32 levels");
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace caseflow::app
