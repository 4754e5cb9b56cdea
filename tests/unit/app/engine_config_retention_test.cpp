// retention.closed_for: how long a closed case stays in the engine before it leaves for the
// archive. "" keeps each workflow's own default; a span is read as workflows write spans, or with
// the calendar unit spelt out; anything else is an error at its place.
#include <gtest/gtest.h>

#include "app/engine_config.h"
#include "tests/unit/app/temp_folder.h"

namespace caseflow::app {
namespace {

std::optional<Span> closed_for(const std::string& value) {
  TempFolder folder;
  Diagnostics problems;
  const auto config = load_engine_config(
      folder.write("c.yaml", "retention:\n  closed_for: \"" + value + "\"\n"), problems);
  EXPECT_TRUE(config.ok()) << value << ": " << to_lines(problems);
  return config.ok() ? config->retention.closed_for : std::nullopt;
}

TEST(RetentionConfig, TheShippedFileKeepsEachWorkflowsDefault) {
  Diagnostics problems;
  const auto config = load_engine_config(
      std::filesystem::path(CASEFLOW_SOURCE_DIR) / "config/caseflow.yaml", problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_TRUE(config->retention == RetentionSettings{});
  EXPECT_EQ(config->retention.closed_for, std::nullopt);
}

TEST(RetentionConfig, AnEmptyValueOrNoSectionMeansTheWorkflowsDefault) {
  EXPECT_EQ(closed_for(""), std::nullopt);
  TempFolder folder;
  Diagnostics problems;
  const auto config = load_engine_config(folder.write("c.yaml", "log:\n  level: info\n"), problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_EQ(config->retention.closed_for, std::nullopt);
}

TEST(RetentionConfig, ReadsSpansAsWorkflowsWriteThemAndWithTheUnitSpeltOut) {
  EXPECT_EQ(closed_for("8 days"), (Span{Span::Unit::days, 8}));
  EXPECT_EQ(closed_for("1 day"), (Span{Span::Unit::days, 1}));
  EXPECT_EQ(closed_for("8d"), (Span{Span::Unit::days, 8}));
  EXPECT_EQ(closed_for("36h"), (Span{Span::Unit::hours, 36}));
  EXPECT_EQ(closed_for("36 hours"), (Span{Span::Unit::hours, 36}));
  EXPECT_EQ(closed_for("90 minutes"), (Span{Span::Unit::minutes, 90}));
  EXPECT_EQ(closed_for("2 seconds"), (Span{Span::Unit::seconds, 2}));
  EXPECT_EQ(closed_for("3 workdays"), (Span{Span::Unit::workdays, 3}));
  EXPECT_EQ(closed_for("1 workday"), (Span{Span::Unit::workdays, 1}));
}

TEST(RetentionConfig, ABadSpanIsAnErrorAtItsPosition) {
  for (const std::string bad : {"soon", "0 days", "-1 days", "8 weeks", "3651 days", "days"}) {
    TempFolder folder;
    Diagnostics problems;
    const auto file = folder.write("c.yaml", "retention:\n  closed_for: \"" + bad + "\"\n");
    EXPECT_FALSE(load_engine_config(file, problems).ok()) << bad;
    ASSERT_EQ(problems.size(), 1u) << bad << ": " << to_lines(problems);
    EXPECT_EQ(problems[0].to_string(),
              file.string() +
                  ":2:15: error: closed_for must be \"\" (each workflow's revisit window + 1 day) "
                  "or a span such as \"8 days\", \"36h\" or \"3 workdays\", at most 3650 days")
        << bad;
  }
}

TEST(RetentionConfig, AnUnknownKeyInTheSectionIsAnError) {
  TempFolder folder;
  Diagnostics problems;
  const auto file = folder.write("c.yaml", "retention:\n  closed_four: \"8 days\"\n");
  EXPECT_FALSE(load_engine_config(file, problems).ok());
  ASSERT_EQ(problems.size(), 1u) << to_lines(problems);
  EXPECT_EQ(problems[0].to_string(), file.string() +
                                         ":2:3: error: unknown key 'closed_four' in retention; "
                                         "did you mean 'closed_for'?");
}

}  // namespace
}  // namespace caseflow::app
