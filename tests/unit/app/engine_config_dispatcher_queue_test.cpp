// dispatcher_queue: the clock of a case waiting for the dispatcher. The shipped file and an absent
// section give 2h with a warning at 75%; "" turns the clock off; a bad value is an error at its
// place.
#include <gtest/gtest.h>

#include "app/engine_config.h"
#include "tests/unit/app/temp_folder.h"

namespace caseflow::app {
namespace {

Result<EngineConfig> load_text(TempFolder& folder, const std::string& text, Diagnostics& problems) {
  return load_engine_config(folder.write("c.yaml", text), problems);
}

TEST(DispatcherQueueConfig, TheShippedFileAndNoSectionGiveTwoHoursWarnedAtThreeQuarters) {
  Diagnostics problems;
  const auto shipped = load_engine_config(
      std::filesystem::path(CASEFLOW_SOURCE_DIR) / "config/caseflow.yaml", problems);
  ASSERT_TRUE(shipped.ok()) << to_lines(problems);
  EXPECT_EQ(shipped->dispatcher_queue.limit, (Span{Span::Unit::hours, 2}));
  EXPECT_EQ(shipped->dispatcher_queue.warn_at_percent, 75);

  TempFolder folder;
  const auto bare = load_text(folder, "log:\n  level: info\n", problems);
  ASSERT_TRUE(bare.ok()) << to_lines(problems);
  EXPECT_TRUE(bare->dispatcher_queue == shipped->dispatcher_queue);
}

TEST(DispatcherQueueConfig, ReadsASpanAndAPercentOrNoClockAtAll) {
  TempFolder folder;
  Diagnostics problems;
  const auto set = load_text(
      folder, "dispatcher_queue:\n  limit: 30 minutes\n  warn_at_percent: 50\n", problems);
  ASSERT_TRUE(set.ok()) << to_lines(problems);
  EXPECT_EQ(set->dispatcher_queue.limit, (Span{Span::Unit::minutes, 30}));
  EXPECT_EQ(set->dispatcher_queue.warn_at_percent, 50);

  const auto off = load_text(folder, "dispatcher_queue:\n  limit: \"\"\n", problems);
  ASSERT_TRUE(off.ok()) << to_lines(problems);
  EXPECT_EQ(off->dispatcher_queue.limit, std::nullopt);
}

TEST(DispatcherQueueConfig, ABadValueIsAnErrorAtItsPosition) {
  TempFolder folder;
  Diagnostics problems;
  EXPECT_FALSE(load_text(folder, "dispatcher_queue:\n  limit: soon\n", problems).ok());
  ASSERT_EQ(problems.size(), 1u) << to_lines(problems);
  EXPECT_NE(problems[0].to_string().find("c.yaml:2:10: error: limit must be"), std::string::npos)
      << problems[0].to_string();

  problems.clear();
  EXPECT_FALSE(load_text(folder, "dispatcher_queue:\n  warn_at_percent: 100\n", problems).ok());
  ASSERT_EQ(problems.size(), 1u) << to_lines(problems);
  EXPECT_NE(
      problems[0].to_string().find("c.yaml:2:20: error: warn_at_percent must be between 0 and 99"),
      std::string::npos)
      << problems[0].to_string();
}

}  // namespace
}  // namespace caseflow::app
