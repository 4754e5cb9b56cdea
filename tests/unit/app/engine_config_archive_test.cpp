// archive.*: where the archive lives and how the writer reads. The shipped file shows the
// defaults; paths are relative to the config file; a bad value is an error at its place.
#include <gtest/gtest.h>

#include "app/engine_config.h"
#include "tests/unit/app/temp_folder.h"

namespace caseflow::app {
namespace {

namespace fs = std::filesystem;

TEST(ArchiveConfig, TheShippedFileShowsTheDefaults) {
  const fs::path shipped = fs::path(CASEFLOW_SOURCE_DIR) / "config/caseflow.yaml";
  Diagnostics problems;
  const auto config = load_engine_config(shipped, problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  ArchiveSettings expected;
  expected.path = shipped.parent_path() / "../data/archive.sqlite";
  EXPECT_TRUE(config->archive == expected) << config->archive.path;
  EXPECT_TRUE(config->archive.enabled);
  EXPECT_EQ(config->archive.group_id, "caseflow-archive");
  EXPECT_EQ(config->archive.batch_records, 2000);
  EXPECT_EQ(config->archive.url, "");
  // The repository's data/ folder, beside config/.
  EXPECT_EQ(fs::weakly_canonical(config->archive.path),
            fs::weakly_canonical(fs::path(CASEFLOW_SOURCE_DIR) / "data/archive.sqlite"));
}

TEST(ArchiveConfig, WithoutTheSectionTheFileIsInDataBesideTheConfigFolder) {
  TempFolder folder;
  Diagnostics problems;
  const auto config = load_engine_config(folder.write("c.yaml", "log:\n  level: info\n"), problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_EQ(config->archive.path, folder.path() / "../data/archive.sqlite");
  EXPECT_TRUE(config->archive.enabled);
}

TEST(ArchiveConfig, ReadsEveryKeyWithThePathRelativeToTheConfigFile) {
  TempFolder folder;
  Diagnostics problems;
  const auto config = load_engine_config(
      folder.write("c.yaml",
                   "archive:\n  enabled: false\n  path: cases/a.sqlite\n"
                   "  url: postgresql://u:p@db:5432/caseflow\n  group_id: archive-2\n"
                   "  batch_records: 50\n"),
      problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_FALSE(config->archive.enabled);
  EXPECT_EQ(config->archive.path, folder.path() / "cases/a.sqlite");
  EXPECT_EQ(config->archive.url, "postgresql://u:p@db:5432/caseflow");
  EXPECT_EQ(config->archive.group_id, "archive-2");
  EXPECT_EQ(config->archive.batch_records, 50);
}

TEST(ArchiveConfig, BadValuesAreErrorsAtTheirPlace) {
  const std::pair<std::string, std::string> cases[] = {
      {"archive:\n  batch_records: 0\n",
       ":2:18: error: batch_records must be between 1 and 100000"},
      {"archive:\n  batch_records: 100001\n", ":2:18: error: batch_records must be"},
      {"archive:\n  url: mysql://x\n", ":2:8: error: url must be"},
      {"archive:\n  path: \"\"\n", ":2:9: error: path must name"},
      {"archive:\n  group_id: \"\"\n", ":2:13: error: group_id must not be empty"},
      {"archive:\n  enabled: maybe\n", ":2:12: error: 'enabled' has the wrong type"},
      {"archive:\n  pth: x.sqlite\n", ":2:3: error: unknown key 'pth' in archive"},
  };
  for (const auto& [text, expected] : cases) {
    TempFolder folder;
    Diagnostics problems;
    const auto config = load_engine_config(folder.write("c.yaml", text), problems);
    EXPECT_FALSE(config.ok()) << text;
    EXPECT_NE(to_lines(problems).find(expected), std::string::npos) << text << " gave:\n"
                                                                    << to_lines(problems);
  }
}

}  // namespace
}  // namespace caseflow::app
