// Hostile files: each must give one clear error, in bounded time and memory, and never crash.
// The files are generated here rather than committed.
#include <gtest/gtest.h>

#include <chrono>

#include "engine/definition/workflow_loader.h"
#include "engine/yaml/bounded_yaml.h"

namespace caseflow::definition {
namespace {

// Loads `text` and returns the one problem it must produce (fails the test otherwise).
std::string only_problem(const std::string& text) {
  Diagnostics problems;
  const auto started = std::chrono::steady_clock::now();
  const auto wf = load_workflow("hostile.yaml", text, LoadContext{}, problems);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(wf, nullptr);
  // Generous, to stay honest on a loaded 2-core machine with sanitizers: the point is that it
  // is not minutes (an expanded alias bomb) or a crash.
  EXPECT_LT(took, std::chrono::seconds(5));
  if (problems.size() != 1) {
    ADD_FAILURE() << problems.size() << " problems";
    for (const auto& p : problems) ADD_FAILURE() << p.to_string();
    return "";
  }
  return problems[0].to_string();
}

TEST(HostileYaml, AHundredMegabyteFileIsRefusedBySizeBeforeParsing) {
  const std::string text(100u << 20, '#');
  EXPECT_EQ(only_problem(text),
            "hostile.yaml:1:1: error: file is too large (104857600 bytes; the limit is 1048576)");
}

TEST(HostileYaml, JustOverTheLimitIsRefusedJustUnderIsParsed) {
  EXPECT_EQ(only_problem(std::string((1u << 20) + 1, '#')),
            "hostile.yaml:1:1: error: file is too large (1048577 bytes; the limit is 1048576)");
  EXPECT_EQ(only_problem(std::string(1u << 20, '#')),
            "hostile.yaml:1:1: error: the file is empty; expected a workflow");
}

TEST(HostileYaml, DeepFlowNestingStopsAtTheDepthLimit) {
  // yaml-cpp opens an implicit one-pair mapping inside each flow sequence ("[[" is a list holding
  // a mapping holding a list), so 32 levels are reached at the 16th bracket.
  std::string text = "workflow: ";
  text.append(200'000, '[');
  EXPECT_EQ(only_problem(text), "hostile.yaml:1:27: error: YAML nests deeper than 32 levels");
}

TEST(HostileYaml, DeepBlockNestingStopsAtTheDepthLimit) {
  std::string text;
  for (int i = 0; i < 1'000; ++i) text += std::string(static_cast<size_t>(i), ' ') + "k:\n";
  EXPECT_EQ(only_problem(text), "hostile.yaml:33:33: error: YAML nests deeper than 32 levels");
}

TEST(HostileYaml, BillionLaughsIsStoppedAtTheNodeLimit) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  // Appends only: g++ 12 -O3 reports a false -Wrestrict on `"x" + std::string` (GCC 105329).
  for (int i = 1; i <= 9; ++i) {
    const std::string level = std::to_string(i);
    const std::string previous = std::to_string(i - 1);
    text.append("a").append(level).append(": &a").append(level).append(" [");
    for (int j = 0; j < 10; ++j) text.append(j ? ", " : "").append("*a").append(previous);
    text.append("]\n");
  }
  const std::string problem = only_problem(text);
  EXPECT_NE(problem.find("error: the document expands to more than 100000 nodes once aliases are "
                         "resolved (an alias bomb?)"),
            std::string::npos)
      << problem;
}

TEST(HostileYaml, ModestAliasesAreFine) {
  const std::string text =
      "workflow: shared\nversion: 1\ncalendar: always\nmatch: {categories: [x]}\n"
      "stages:\n"
      "  - level: grid\n"
      "    clocks: &standard\n"
      "      resolve: {limit: 3d, warn_at: 80%, on_breach: [escalate]}\n"
      "  - level: street\n"
      "    clocks: *standard\n"
      "  - level: district\n";
  Diagnostics problems;
  const auto wf = load_workflow("aliases.yaml", text, LoadContext{}, problems);
  ASSERT_NE(wf, nullptr);
  EXPECT_EQ(wf->stages[1].clocks.size(), 1u);
}

TEST(HostileYaml, AnAliasInsideItsOwnAnchorIsRefused) {
  EXPECT_EQ(only_problem("a: &x [1, *x]\n"),
            "hostile.yaml:1:11: error: an alias refers to a node that contains it (a cycle)");
}

TEST(HostileYaml, BrokenSyntaxGivesThePosition) {
  EXPECT_EQ(only_problem("workflow: x\nversion: 1\n  bad: indentation\n"),
            "hostile.yaml:3:6: error: invalid YAML: illegal map value");
  EXPECT_EQ(only_problem("workflow: [a, b\n"),
            "hostile.yaml:2:1: error: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(only_problem("{a: 1}}\n"), "hostile.yaml:1:7: error: invalid YAML: illegal flow end");
  EXPECT_EQ(only_problem("a: *nowhere\n"),
            "hostile.yaml:1:4: error: invalid YAML: the referenced anchor is not defined");
}

TEST(HostileYaml, BinaryGarbageIsAnErrorNotACrash) {
  std::string text;
  uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    text += static_cast<char>(x >> 24);
  }
  Diagnostics problems;
  EXPECT_EQ(load_workflow("garbage.yaml", text, LoadContext{}, problems), nullptr);
  EXPECT_FALSE(problems.empty());
}

}  // namespace
}  // namespace caseflow::definition
