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

// A fresh folder for one test, removed afterwards.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "caseflow-validate-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// `text` with its first `from` replaced by `to`; empty when `from` is absent, so a test fails.
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) return "";
  return text.replace(at, from.size(), to);
}

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

TEST(ValidateCommand, ShippedWorkflowsAndConfigAreClean) {
  const Outcome run = caseflow("validate workflows config");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  // The engine's own configs are named, never dropped without a word, and counted.
  EXPECT_EQ(run.out.rfind("skipped: config/caseflow.yaml (engine config)\n"
                          "skipped: config/docker.yaml (engine config)\n"
                          "ok: 7 workflows, ",
                          0),
            0u)
      << run.out;
  EXPECT_TRUE(ends_with(run.out, " files read, 2 engine configs skipped)\n")) << run.out;
  // config/simulate/load.yaml, the sample load of `caseflow simulate`, is checked as one.
  EXPECT_NE(run.out.find(" departments, 1 load model checked ("), std::string::npos) << run.out;
}

TEST(ValidateCommand, ABrokenSimulateLoadIsReportedAtItsLine) {
  TempFolder temp;
  const fs::path load = temp.path() / "load.yaml";
  std::ofstream(load) << "reports_per_day: 3000\ncategories: {parking.illegal: 1}\n"
                         "units:\n  grid: {capacity_per_dya: 3}\n";
  const Outcome run = caseflow("validate '" + load.string() + "'");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_EQ(run.out.rfind(load.string() + ":4:", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("capacity_per_day"), std::string::npos) << run.out;
}

TEST(ValidateCommand, ShippedDemoIsClean) {
  const Outcome run = caseflow("validate demo");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out.rfind("skipped: demo/caseflow.yaml (engine config)\nok: ", 0), 0u) << run.out;
}

TEST(ValidateCommand, ACopyOfTheWorkflowsUnderAnotherNameHasEveryFileChecked) {
  // The folder is not named `workflows`, so nothing but the files' content says what they are.
  TempFolder temp;
  const fs::path mine = temp.path() / "mine";
  fs::create_directory(mine);
  for (const auto& entry : fs::directory_iterator(fs::path(CASEFLOW_SOURCE_DIR) / "workflows"))
    if (entry.path().extension() == ".yaml")
      fs::copy_file(entry.path(), mine / entry.path().filename());
  const fs::path parking = mine / "parking.yaml";
  const std::string broken =
      replaced(read(parking), "\nworkflow: parking\n", "\nworkflowx: parking\n");
  ASSERT_FALSE(broken.empty()) << "workflows/parking.yaml no longer has 'workflow: parking'";
  std::ofstream(parking, std::ios::trunc) << broken;

  const Outcome run = caseflow("validate '" + mine.string() + "' config");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, parking.string() +
                         ":9:1: error: unknown key 'workflowx' at the top level of a workflow; did "
                         "you mean 'workflow'?\n" +
                         parking.string() +
                         ":9:1: error: missing required key 'workflow' at the top level of a "
                         "workflow\n"
                         "skipped: config/caseflow.yaml (engine config)\n"
                         "skipped: config/docker.yaml (engine config)\n");
}

TEST(ValidateCommand, AnEngineConfigInAFolderIsNamedAsSkipped) {
  TempFolder temp;
  const fs::path mine = temp.path() / "mine";
  fs::create_directory(mine);
  fs::copy_file(fs::path(CASEFLOW_SOURCE_DIR) / "workflows/noise.yaml", mine / "noise.yaml");
  // Renamed, so only its content (kafka, http, processing) says it is an engine config.
  fs::copy_file(fs::path(CASEFLOW_SOURCE_DIR) / "config/caseflow.yaml", mine / "production.yaml");

  const Outcome run = caseflow("validate '" + mine.string() + "'");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out, "skipped: " + (mine / "production.yaml").string() +
                         " (engine config)\n"
                         "ok: 1 workflows, 0 calendars, 0 departments checked (2 files read, 1 "
                         "engine config skipped)\n");
}

TEST(ValidateCommand, AFileOfNoKnownKindIsAProblem) {
  TempFolder temp;
  const fs::path mine = temp.path() / "mine";
  fs::create_directory(mine);
  fs::copy_file(fs::path(CASEFLOW_SOURCE_DIR) / "workflows/noise.yaml", mine / "noise.yaml");
  std::ofstream(mine / "notes.yaml") << "# who looks after these files\nowner: ops\n";

  const Outcome run = caseflow("validate '" + mine.string() + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, (mine / "notes.yaml").string() +
                         ":1:1: error: not a workflow, calendar, unit directory, engine config or "
                         "load model: a workflow has a top-level 'workflow' key, a calendar "
                         "'time_zone', the unit directory 'departments', the engine config "
                         "'kafka', a simulate load model 'reports_per_day'\n");
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
  TempFolder temp;
  const fs::path& folder = temp.path();
  const std::string body =
      "version: 1\ncalendar: always\nmatch: {categories: [x.*]}\nstages:\n  - level: grid\n";
  std::ofstream(folder / "a.yaml") << "workflow: same\n" << body;
  std::ofstream(folder / "b.yaml") << "workflow: same\n" << body << "title: Edited\n";
  const Outcome run = caseflow("validate '" + folder.string() + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, (folder / "b.yaml").string() +
                         ":1:11: error: workflow same@1 is already defined with different content "
                         "at " +
                         (folder / "a.yaml").string() +
                         ":1:11; a changed workflow needs a new version\n");
}

// `--config`: the city as the engine loads it. A compound whose property company the unit
// directory does not list, or that lies in another community, is reported at the compound
// file's line; fixed, the same config is ok.
TEST(ValidateCommand, ConfigChecksTheCompoundsAgainstTheGridsAndTheUnits) {
  TempFolder temp;
  const fs::path source = CASEFLOW_SOURCE_DIR;
  fs::create_directory(temp.path() / "workflows");
  std::ofstream(temp.path() / "workflows" / "parking.yaml")
      << "workflow: parking\nversion: 1\ncalendar: cn-mainland\nmatch: {categories: "
         "[parking.*]}\nstages:\n  - level: property\n    clocks: {resolve: {limit: 1d, "
         "on_breach: [escalate]}}\n  - level: grid\n";
  std::ofstream(temp.path() / "units.yaml")
      << replaced(read(source / "tests/data/geo/fixture_units.yaml"), "\nunits:\n",
                  "\nunits:\n  - id: \"property:P1\"\n    name: \"Willow Property Services\"\n");
  auto compounds = [&](const std::string& community, const std::string& company) {
    std::ofstream(temp.path() / "compounds.geojson")
        << "{\"type\": \"FeatureCollection\", \"features\": [\n"
           "{\"type\": \"Feature\", \"properties\": {\"compound_id\": \"Q1\", \"community_id\": "
           "\"" +
               community + "\", \"property_unit\": \"" + company +
               "\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[120.002, 30.002], "
               "[120.006, 30.002], [120.006, 30.006], [120.002, 30.006], [120.002, 30.002]]]}}\n"
               "]}\n";
  };
  std::ofstream(temp.path() / "caseflow.yaml")
      << "workflows: workflows\ncalendars: " << (source / "config/calendars").string()
      << "\nunits: units.yaml\nboundaries: "
      << (source / "tests/data/geo/fixture_city.geojson").string()
      << "\ncompounds: compounds.geojson\n";
  const std::string config = (temp.path() / "caseflow.yaml").string();
  const std::string compound_file = (temp.path() / "compounds.geojson").string();

  compounds("C2", "property:P9");  // Q1 lies in G01, which is community C1
  Outcome run = caseflow("validate --config '" + config + "'");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find(compound_file +
                         ":2:1: error: feature 0 (compound Q1): property company \"property:P9\" "
                         "is not a unit of"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find(compound_file +
                         ":2:1: error: feature 0 (compound Q1): is given community C2 but lies "
                         "in grid G01 of community C1"),
            std::string::npos)
      << run.out;

  compounds("C1", "property:P1");
  run = caseflow("validate --config '" + config + "'");
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_EQ(run.out, "ok: " + config + " loads as the engine loads it\n");
}

}  // namespace
