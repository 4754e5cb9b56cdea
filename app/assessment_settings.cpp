#include "app/assessment_settings.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>
#include <vector>

namespace caseflow::app {
namespace {

namespace fs = std::filesystem;

bool is_yaml(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

// Every YAML file under the paths, in sorted order (as the engine walks them).
std::vector<fs::path> yaml_files(const std::vector<fs::path>& roots) {
  std::vector<fs::path> files;
  for (const auto& root : roots) {
    std::error_code ec;
    if (fs::is_directory(root, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(root, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && is_yaml(it->path())) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(root, ec)) {
      files.push_back(root);
    }
  }
  return files;
}

}  // namespace

Result<std::string> city_time_zone(const EngineConfig& config) {
  std::map<std::string, fs::path> zones;  // zone -> the first file naming it
  for (const auto& file : yaml_files(config.calendars)) {
    try {
      const YAML::Node root = YAML::LoadFile(file.string());
      if (!root.IsMap() || !root["time_zone"] || !root["time_zone"].IsScalar()) continue;
      zones.try_emplace(root["time_zone"].as<std::string>(), file);
    } catch (const YAML::Exception&) {
      continue;  // not a calendar this report can read; `caseflow validate` says why
    }
  }
  if (zones.empty()) {
    return Error{"city_time_zone", "no business calendar under `calendars` of " +
                                       config.file.string() +
                                       " names a time_zone: the report needs the city's zone "
                                       "to know when a month starts"};
  }
  if (zones.size() > 1) {
    std::string named;
    for (const auto& [zone, file] : zones) {
      named += (named.empty() ? "" : ", ") + zone + " (" + file.string() + ")";
    }
    return Error{"city_time_zone", "the calendars name more than one time zone: " + named +
                                       "; a month must start at one local midnight for every unit"};
  }
  return zones.begin()->first;
}

}  // namespace caseflow::app
