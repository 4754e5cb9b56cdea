#include "tests/unit/engine/definition/test_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace caseflow::definition::testing {

std::filesystem::path source_dir() { return CASEFLOW_SOURCE_DIR; }

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::filesystem::path> yaml_files_in(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

LoadContext city_context() {
  LoadContext context;
  context.calendars = std::set<std::string, std::less<>>{"cn-mainland", "always"};
  context.departments = {"transport", "urban_management", "housing",
                         "power",     "environment",      "public_security"};
  return context;
}

std::string repo_relative(const std::filesystem::path& path) {
  return std::filesystem::relative(path, source_dir()).string();
}

}  // namespace caseflow::definition::testing
