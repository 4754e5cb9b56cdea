// Finding, classifying and loading definition files on disk.
#include "connectors/files/definition_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>

namespace caseflow::files {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = CASEFLOW_SOURCE_DIR;

// A fresh folder per test, removed afterwards.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "caseflow-files-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return file;
  }

 private:
  fs::path path_;
};

std::string workflow_text(const std::string& name, const std::string& calendar = "always",
                          const std::string& category = "x.*",
                          const std::string& department = "transport") {
  return "workflow: " + name + "\nversion: 1\ncalendar: " + calendar + "\nmatch: {categories: [" +
         category +
         "]}\nstages:\n  - level: grid\n    clocks: {resolve: {limit: 2h, on_breach: [escalate]}}\n"
         "  - level: department\n    department: " +
         department + "\n";
}

std::vector<std::string> lines(const Diagnostics& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.to_string());
  return out;
}

TEST(DefinitionFiles, TheShippedWorkflowsAndConfigLoadCleanly) {
  const auto loaded = load_definitions({kSource / "workflows", kSource / "config"});
  EXPECT_TRUE(loaded.clean()) << ::testing::PrintToString(lines(loaded.problems));
  EXPECT_GE(loaded.workflows.size(), 7u);
  EXPECT_EQ(loaded.calendars.count("cn-mainland"), 1u);
  for (const char* code :
       {"transport", "urban_management", "housing", "power", "environment", "public_security"})
    EXPECT_EQ(loaded.departments.count(code), 1u) << code << " missing from config/units.yaml";
  ASSERT_NE(loaded.catalog, nullptr);
  ASSERT_NE(loaded.catalog->route("parking.illegal", definition::Urgency::normal), nullptr);
  EXPECT_EQ(loaded.catalog->route("parking.illegal", definition::Urgency::normal)->name, "parking");
  // The engine's own configurations (config/caseflow.yaml, config/docker.yaml): skipped, and said.
  ASSERT_EQ(loaded.skipped.size(), 2u);
  EXPECT_EQ(loaded.skipped[0].filename(), "caseflow.yaml");
  EXPECT_EQ(loaded.skipped[1].filename(), "docker.yaml");
}

TEST(DefinitionFiles, ClassifiesByFolderNameAndTopLevelKeys) {
  EXPECT_EQ(classify("a/calendars/x.yaml", "workflow: w\n", false), FileKind::calendar);
  EXPECT_EQ(classify("a/x.yaml", "name: c\ntime_zone: Asia/Shanghai\n", false), FileKind::calendar);
  EXPECT_EQ(classify("a/units.yaml", "x: 1\n", false), FileKind::unit_directory);
  EXPECT_EQ(classify("a/directory.yaml", "departments: []\n", false), FileKind::unit_directory);
  EXPECT_EQ(classify("a/x.yaml", "workflow: w\n", false), FileKind::workflow);
  EXPECT_EQ(classify("a/workflows/x.yaml", "workflw: w\n", false), FileKind::workflow);
  EXPECT_EQ(classify("a/x.yaml", "workflw: w\n", true), FileKind::workflow);
}

TEST(DefinitionFiles, RecognisesTheEngineConfigByItsKeysOrName) {
  EXPECT_EQ(classify("a/x.yaml", "kafka: {}\n", false), FileKind::engine_config);
  EXPECT_EQ(classify("a/x.yaml", "http: {listen: 127.0.0.1:8080}\n", false),
            FileKind::engine_config);
  EXPECT_EQ(classify("a/x.yaml", "processing: {}\nworkflows: w\n", false), FileKind::engine_config);
  EXPECT_EQ(classify("a/caseflow.yaml", "workflows: w\n", false), FileKind::engine_config);
  // Named directly or inside `workflows`, it is still no workflow.
  EXPECT_EQ(classify("a/workflows/x.yaml", "kafka: {}\n", true), FileKind::engine_config);
  // `workflows` alone is one letter from a workflow's `workflow`: not enough for an engine config.
  EXPECT_EQ(classify("a/x.yaml", "workflows: parking\nstages: []\n", false), FileKind::workflow);
}

TEST(DefinitionFiles, AFileWithItsNamingKeyMisspeltIsStillThatKind) {
  EXPECT_EQ(classify("mine/x.yaml", "workflowx: w\nversion: 1\nstages: []\n", false),
            FileKind::workflow);
  EXPECT_EQ(classify("mine/x.yaml", "workflowx: w\nmatch: {categories: [x.*]}\n", false),
            FileKind::workflow);
  EXPECT_EQ(classify("mine/x.yaml", "name: c\ntime_zon: UTC\nworking_hours: []\n", false),
            FileKind::calendar);
  EXPECT_EQ(classify("mine/x.yaml", "levels: {}\ndepartmens: []\n", false),
            FileKind::unit_directory);
}

TEST(DefinitionFiles, AFileOfNoKindIsUnknown) {
  EXPECT_EQ(classify("a/x.yaml", "title: Parking\nversion: 1\n", false), FileKind::unknown);
  EXPECT_EQ(classify("a/x.yaml", "[broken\n", false), FileKind::unknown);
  EXPECT_EQ(classify("a/x.yaml", "", false), FileKind::unknown);
  EXPECT_EQ(classify("a/x.yaml", "- workflow: w\n", false), FileKind::unknown);
}

TEST(DefinitionFiles, NoFileInAFolderIsPassedOverSilently) {
  TempFolder folder;
  const auto good = folder.write("mine/good.yaml", workflow_text("good"));
  const auto typo = folder.write("mine/typo.yaml",
                                 "workflowx: typo\nversion: 1\ncalendar: always\n"
                                 "match: {categories: [t.*]}\nstages:\n"
                                 "  - level: grid\n");
  const auto config = folder.write("mine/engine.yaml", "kafka: {bootstrap: embedded}\n");
  const auto stray = folder.write("mine/notes.yaml", "owner: someone\n");
  const auto broken = folder.write("mine/broken.yaml", "a: [1\n");
  const auto loaded = load_definitions({folder.path() / "mine"});
  EXPECT_EQ(loaded.files_read, 5u);
  EXPECT_EQ(loaded.workflows.size(), 1u);
  EXPECT_EQ(loaded.skipped, std::vector<fs::path>{config});
  std::vector<std::string> got = lines(loaded.problems);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got,
            (std::vector<std::string>{
                broken.string() + ":2:1: error: invalid YAML: end of sequence flow not found",
                stray.string() +
                    ":1:1: error: not a workflow, calendar, unit directory, engine config or "
                    "load model: a workflow has a top-level 'workflow' key, a calendar "
                    "'time_zone', the unit directory 'departments', the engine config 'kafka', a "
                    "simulate load model 'reports_per_day'",
                typo.string() +
                    ":1:1: error: missing required key 'workflow' at the top level of a workflow",
                typo.string() +
                    ":1:1: error: unknown key 'workflowx' at the top level of a workflow; did you "
                    "mean 'workflow'?",
            }));
}

TEST(DefinitionFiles, CalendarNamesAreCheckedOnlyWhenCalendarsAreGiven) {
  TempFolder folder;
  const auto wf = folder.write("w.yaml", workflow_text("w", "cn-mainlnd"));
  EXPECT_TRUE(load_definitions({wf}).clean()) << "no calendar given: the check is skipped";

  const auto loaded = load_definitions({wf, kSource / "config/calendars"});
  EXPECT_EQ(lines(loaded.problems),
            (std::vector<std::string>{wf.string() +
                                      ":3:11: error: unknown calendar 'cn-mainlnd'; did you mean "
                                      "'cn-mainland'?"}));
  EXPECT_EQ(loaded.catalog, nullptr);
}

TEST(DefinitionFiles, DepartmentCodesComeFromTheUnitDirectory) {
  TempFolder folder;
  const auto wf = folder.write("w.yaml", workflow_text("w", "always", "x.*", "transprt"));
  EXPECT_TRUE(load_definitions({wf}).clean()) << "no unit directory: the check is skipped";

  const auto units =
      folder.write("units.yaml",
                   "departments:\n  - {code: transport, name: Transport}\n"
                   "  - {code: housing, name: Housing, topic: caseflow.dept.housing}\n");
  const auto loaded = load_definitions({wf, units});
  EXPECT_EQ(loaded.departments.size(), 2u);
  EXPECT_EQ(lines(loaded.problems),
            (std::vector<std::string>{wf.string() +
                                      ":9:17: error: unknown department 'transprt'; did you mean "
                                      "'transport'?"}));
}

TEST(DefinitionFiles, FoldersAreWalkedRecursivelyForYamlOnly) {
  TempFolder folder;
  folder.write("a/one.yaml", workflow_text("one", "always", "one.*"));
  folder.write("a/b/two.yml", workflow_text("two", "always", "two.*"));
  folder.write("a/b/notes.txt", "not yaml: [");
  const auto loaded = load_definitions({folder.path()});
  EXPECT_TRUE(loaded.clean()) << ::testing::PrintToString(lines(loaded.problems));
  EXPECT_EQ(loaded.workflows.size(), 2u);
  EXPECT_EQ(loaded.files_read, 2u);
}

TEST(DefinitionFiles, AmbiguityAcrossFilesIsReported) {
  TempFolder folder;
  const auto a = folder.write("workflows/a.yaml", workflow_text("a", "always", "noise.*"));
  const auto b = folder.write("workflows/b.yaml", workflow_text("b", "always", "noise.*"));
  const auto loaded = load_definitions({folder.path()});
  ASSERT_EQ(loaded.problems.size(), 1u);
  EXPECT_EQ(loaded.problems[0].to_string(),
            b.string() + ":4:22: error: category 'noise.*' is also claimed by workflow 'a' at " +
                a.string() +
                ":4:22 for the same urgencies, request types and places; routing would be "
                "ambiguous (make one of them more specific with urgencies, request_types or "
                "places, or remove one claim)");
}

TEST(DefinitionFiles, MissingPathsAreUnreadable) {
  const auto loaded = load_definitions({"/nonexistent/caseflow/path"});
  EXPECT_FALSE(loaded.clean());
  EXPECT_EQ(loaded.unreadable,
            (std::vector<std::string>{"/nonexistent/caseflow/path: no such file or folder"}));
}

TEST(DefinitionFiles, AHundredMegabyteFileIsRefusedWithoutReadingIt) {
  TempFolder folder;
  const fs::path big = folder.path() / "big.yaml";
  std::ofstream(big).put('#');
  fs::resize_file(big, 100u << 20);  // sparse: costs no disk and no time
  const auto started = std::chrono::steady_clock::now();
  const auto loaded = load_definitions({big});
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  EXPECT_EQ(lines(loaded.problems),
            (std::vector<std::string>{big.string() +
                                      ":1:1: error: file is too large (104857600 bytes; the limit "
                                      "is 1048576)"}));
}

}  // namespace
}  // namespace caseflow::files
