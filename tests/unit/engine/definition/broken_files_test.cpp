// Every rule of the validator has a broken file under tests/data/workflows/broken/ whose trailing
// "# expect: LINE:COL: MESSAGE" comments list exactly the problems the loader must report.
#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "engine/definition/workflow_loader.h"
#include "tests/unit/engine/definition/test_files.h"

namespace caseflow::definition {
namespace {

using testing::city_context;
using testing::read_text;
using testing::repo_relative;
using testing::source_dir;

std::vector<std::string> expected_problems(const std::string& file, const std::string& text) {
  std::vector<std::string> expected;
  const std::string marker = "# expect: ";
  size_t at = 0;
  while ((at = text.find(marker, at)) != std::string::npos) {
    const size_t end = text.find('\n', at);
    expected.push_back(file + ":" + text.substr(at + marker.size(), end - at - marker.size()));
    at = end;
  }
  return expected;
}

std::vector<std::string> reported_problems(const Diagnostics& problems) {
  Diagnostics sorted = problems;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  });
  std::vector<std::string> lines;
  for (const auto& d : sorted) {
    // Diagnostic::to_string() is "FILE:LINE:COL: error: MESSAGE"; the files leave out "error: ".
    lines.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                    d.message);
  }
  return lines;
}

TEST(BrokenWorkflowFiles, EachReportsExactlyItsExpectedProblems) {
  const auto files = testing::yaml_files_in(source_dir() / "tests/data/workflows/broken");
  ASSERT_GE(files.size(), 25u) << "the broken-file collection went missing";
  for (const auto& path : files) {
    const std::string file = repo_relative(path);
    const std::string text = read_text(path);
    const auto expected = expected_problems(file, text);
    ASSERT_FALSE(expected.empty()) << file << " has no '# expect:' line";

    Diagnostics problems;
    const auto workflow = load_workflow(file, text, city_context(), problems);
    EXPECT_EQ(workflow, nullptr) << file << " loaded although it is broken";
    EXPECT_EQ(reported_problems(problems), expected) << "in " << file;
  }
}

TEST(BrokenWorkflowFiles, DiagnosticsPrintInGccStyle) {
  Diagnostics problems;
  const auto path = source_dir() / "tests/data/workflows/broken/unknown_calendar.yaml";
  (void)load_workflow("unknown_calendar.yaml", read_text(path), city_context(), problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string(),
            "unknown_calendar.yaml:3:11: error: unknown calendar 'cn-mainlnd'; did you mean "
            "'cn-mainland'?");
}

TEST(BrokenWorkflowFiles, ChecksWithoutAListAreSkipped) {
  // Without the unit directory and calendars, the same file has nothing left to complain about.
  const auto department =
      read_text(source_dir() / "tests/data/workflows/broken/unknown_department.yaml");
  const auto calendar =
      read_text(source_dir() / "tests/data/workflows/broken/unknown_calendar.yaml");
  Diagnostics problems;
  EXPECT_NE(load_workflow("d.yaml", department, LoadContext{}, problems), nullptr);
  EXPECT_NE(load_workflow("c.yaml", calendar, LoadContext{}, problems), nullptr);
  EXPECT_TRUE(problems.empty());
}

TEST(BrokenWorkflowFiles, LevelsWithoutUnitsAreRefused) {
  LoadContext context = city_context();
  context.levels.erase(Level::district);
  Diagnostics problems;
  const std::string text =
      "workflow: w\nversion: 1\ncalendar: always\nmatch: {categories: [x]}\n"
      "stages:\n  - level: district\n";
  EXPECT_EQ(load_workflow("w.yaml", text, context, problems), nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string(),
            "w.yaml:6:12: error: level 'district' has no units in this city");
}

}  // namespace
}  // namespace caseflow::definition
