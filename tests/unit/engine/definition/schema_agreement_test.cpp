// workflows/schema.json and the loader agree: every sample passes both; every broken file marked
// "# schema: invalid" fails both. The schema side runs python3-jsonschema (Debian package).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <map>
#include <memory>

#include "engine/definition/workflow_loader.h"
#include "tests/unit/engine/definition/test_files.h"

namespace caseflow::definition {
namespace {

using testing::city_context;
using testing::read_text;
using testing::source_dir;

// "valid" / "invalid" per file, as the JSON Schema sees it.
std::map<std::string, std::string> schema_verdicts(const std::vector<std::filesystem::path>& files,
                                                   std::string& output) {
  std::string command = "/usr/bin/python3 " +
                        (source_dir() / "tests/unit/engine/definition/check_schema.py").string() +
                        " " + (source_dir() / "workflows/schema.json").string();
  for (const auto& f : files) command += " '" + f.string() + "'";
  command += " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  std::map<std::string, std::string> verdicts;
  if (!pipe) return verdicts;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe.get())) output += buffer.data();
  size_t at = 0;
  while (at < output.size()) {
    const size_t end = output.find('\n', at);
    const std::string line = output.substr(at, end - at);
    at = end == std::string::npos ? output.size() : end + 1;
    const size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string file = line.substr(space + 1);
    file = file.substr(0, file.find(": "));
    verdicts[file] = line.substr(0, space);
  }
  return verdicts;
}

bool python_has_jsonschema() {
  return std::system("/usr/bin/python3 -c 'import jsonschema, yaml' >/dev/null 2>&1") == 0;
}

TEST(SchemaAgreement, SamplesPassBothBrokenFilesFailBoth) {
  if (!python_has_jsonschema())
    GTEST_SKIP() << "python3-jsonschema / python3-yaml missing: run scripts/install-deps.sh";
  const auto samples = testing::yaml_files_in(source_dir() / "workflows");
  const auto broken = testing::yaml_files_in(source_dir() / "tests/data/workflows/broken");
  std::vector<std::filesystem::path> all = samples;
  all.insert(all.end(), broken.begin(), broken.end());
  std::string output;
  const auto verdicts = schema_verdicts(all, output);
  ASSERT_EQ(verdicts.size(), all.size()) << output;

  for (const auto& path : samples) {
    Diagnostics problems;
    EXPECT_NE(load_workflow(path.string(), read_text(path), city_context(), problems), nullptr);
    EXPECT_EQ(verdicts.at(path.string()), "valid") << path << "\n" << output;
  }
  int schema_invalid = 0;
  for (const auto& path : broken) {
    Diagnostics problems;
    const std::string text = read_text(path);
    EXPECT_EQ(load_workflow(path.string(), text, city_context(), problems), nullptr) << path;
    const bool marked_invalid = text.find("# schema: invalid") != std::string::npos;
    schema_invalid += marked_invalid;
    EXPECT_EQ(verdicts.at(path.string()), marked_invalid ? "invalid" : "valid") << path << "\n"
                                                                                << output;
  }
  EXPECT_GE(schema_invalid, 15) << "the set of files both must refuse shrank";
}

}  // namespace
}  // namespace caseflow::definition
