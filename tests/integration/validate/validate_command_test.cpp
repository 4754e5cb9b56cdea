// `caseflow validate` as an admin runs it: the real binary, its output and its exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;  // stdout only
};

// Runs `caseflow ARGS` in the source folder, so paths print as an admin typed them.
Outcome caseflow(const std::string& args) {
  const std::string command = std::string("cd '") + CASEFLOW_SOURCE_DIR + "' && '" +
                              CASEFLOW_BINARY + "' " + args + " 2>/dev/null";
  Outcome run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(ValidateCommand, ShippedWorkflowsAndConfigAreClean) {
  const Outcome run = caseflow("validate workflows config");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out.rfind("ok: ", 0), 0u) << run.out;
}

TEST(ValidateCommand, PrintsEveryProblemOfEveryBrokenFileGccStyle) {
  // The expected output is assembled from the "# expect:" lines of the files themselves.
  const fs::path folder = fs::path(CASEFLOW_SOURCE_DIR) / "tests/data/workflows/broken";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::string expected;
  for (const auto& path : files) {
    const std::string name = "tests/data/workflows/broken/" + path.filename().string();
    std::istringstream text(read(path));
    for (std::string line; std::getline(text, line);) {
      if (line.rfind("# expect: ", 0) != 0) continue;
      const std::string rest = line.substr(10);  // "LINE:COL: MESSAGE"
      const size_t colon = rest.find(": ");
      expected += name + ":" + rest.substr(0, colon) + ": error: " + rest.substr(colon + 2) + "\n";
    }
  }
  const Outcome run =
      caseflow("validate tests/data/workflows/broken config/calendars config/units.yaml");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, expected);
}

TEST(ValidateCommand, OneBrokenFileExitsOne) {
  const Outcome run = caseflow("validate tests/data/workflows/broken/unknown_key.yaml");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out,
            "tests/data/workflows/broken/unknown_key.yaml:10:9: error: unknown key 'limt' in clock "
            "'resolve'; did you mean 'limit'?\n"
            "tests/data/workflows/broken/unknown_key.yaml:10:9: error: missing required key "
            "'limit' in clock 'resolve'\n");
}

TEST(ValidateCommand, UsageProblemsExitTwo) {
  EXPECT_EQ(caseflow("validate").exit_code, 2);
  EXPECT_EQ(caseflow("validate workflows /nonexistent/caseflow").exit_code, 2);
  EXPECT_EQ(caseflow("validate --no-such-flag workflows").exit_code, 2);
}

TEST(ValidateCommand, HelpExplainsTheOutput) {
  const Outcome run = caseflow("validate --help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("FILE:LINE:COL"), std::string::npos) << run.out;
}

TEST(ValidateCommand, ChangedContentUnderTheSameVersionIsAProblem) {
  std::string pattern = (fs::temp_directory_path() / "caseflow-validate-XXXXXX").string();
  const fs::path folder = mkdtemp(pattern.data());
  const std::string body =
      "version: 1\ncalendar: always\nmatch: {categories: [x.*]}\nstages:\n  - level: grid\n";
  std::ofstream(folder / "a.yaml") << "workflow: same\n" << body;
  std::ofstream(folder / "b.yaml") << "workflow: same\n" << body << "title: Edited\n";
  const Outcome run = caseflow("validate '" + folder.string() + "'");
  fs::remove_all(folder);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, (folder / "b.yaml").string() +
                         ":1:11: error: workflow same@1 is already defined with different content "
                         "at " +
                         (folder / "a.yaml").string() +
                         ":1:11; a changed workflow needs a new version\n");
}

}  // namespace
