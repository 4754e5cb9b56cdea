#include "app/assessment_settings.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>
#include <vector>

#include "engine/common/did_you_mean.h"

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

// Reads `assessment.stars:`, each problem at its node.
class StarSettingsReader {
 public:
  StarSettingsReader(const std::string& file, Diagnostics& problems)
      : file_(file), problems_(problems) {}

  void error(const YAML::Node& at, const std::string& message) {
    const auto mark = at.Mark();
    problems_.push_back({file_, mark.line + 1, mark.column + 1, message});
  }

  // `section[key]`, a mapping of numbers each between 0 and `max`, into the named parts.
  void numbers(const YAML::Node& section, const char* key,
               std::initializer_list<std::pair<std::string_view, double*>> parts, double max) {
    const YAML::Node node = section[key];
    if (!node) return;
    const std::string where = std::string("assessment.stars.") + key;
    if (!node.IsMap()) {
      error(node, where + " must be a mapping such as {" + std::string(parts.begin()->first) +
                      ": " + std::to_string(static_cast<int>(*parts.begin()->second)) + ", ...}");
      return;
    }
    std::vector<std::string_view> names;
    for (const auto& part : parts) names.push_back(part.first);
    for (const auto& kv : node) {
      const auto name = kv.first.as<std::string>();
      const auto part =
          std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.first == name; });
      if (part == parts.end()) {
        error(kv.first, "unknown key '" + name + "' in " + where + did_you_mean(name, names));
        continue;
      }
      double value = 0;
      try {
        value = kv.second.as<double>();
      } catch (const YAML::Exception&) {
        error(kv.second, where + "." + name + " must be a number");
        continue;
      }
      if (!(value >= 0 && value <= max)) {
        error(kv.second, where + "." + name + " must be between 0 and " +
                             std::to_string(static_cast<int>(max)));
        continue;
      }
      *part->second = value;
    }
  }

  template <typename T>
  void whole(const YAML::Node& section, const char* key, T& out, long long min, long long max) {
    const YAML::Node node = section[key];
    if (!node) return;
    const std::string message = std::string("assessment.stars.") + key +
                                " must be a whole number between " + std::to_string(min) + " and " +
                                std::to_string(max);
    long long value = 0;
    try {
      value = node.as<long long>();
    } catch (const YAML::Exception&) {
      error(node, message);
      return;
    }
    if (value < min || value > max) return error(node, message);
    out = static_cast<T>(value);
  }

 private:
  const std::string& file_;
  Diagnostics& problems_;
};

}  // namespace

void read_star_settings(const YAML::Node& section, const std::filesystem::path& base,
                        const std::string& file, Diagnostics& problems, StarSettings& out) {
  StarSettingsReader r(file, problems);
  if (!section.IsMap()) {
    r.error(section, "assessment.stars must be a mapping of settings");
    return;
  }
  const size_t before = problems.size();
  static const std::vector<std::string_view> kKeys = {
      "weights", "thresholds", "min_cases", "min_sample", "cap_when_incomplete", "survey_dir"};
  for (const auto& kv : section) {
    const auto key = kv.first.as<std::string>();
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      r.error(kv.first, "unknown key '" + key + "' in assessment.stars" + did_you_mean(key, kKeys));
    }
  }
  StarSettings read = out;
  auto& rules = read.rules;
  r.numbers(section, "weights",
            {{"response", &rules.response},
             {"resolution", &rules.resolution},
             {"satisfaction", &rules.satisfaction},
             {"survey", &rules.survey}},
            1000);
  r.numbers(
      section, "thresholds",
      {{"five", &rules.five}, {"four", &rules.four}, {"three", &rules.three}, {"two", &rules.two}},
      100);
  r.whole(section, "min_cases", rules.min_cases, 0, 1'000'000);
  r.whole(section, "min_sample", rules.min_sample, 0, 1'000'000'000);
  r.whole(section, "cap_when_incomplete", rules.cap_when_incomplete, 1, 5);
  if (const YAML::Node dir = section["survey_dir"]) {
    if (!dir.IsScalar()) {
      r.error(dir, "assessment.stars.survey_dir must be a folder (\"\" = no survey folder)");
    } else {
      const auto text = dir.as<std::string>();
      read.survey_dir = text.empty() ? fs::path() : (base / text).lexically_normal();
    }
  }
  if (problems.size() != before) return;
  // What only the settings together can get wrong: thresholds that rise, weights all 0.
  if (const auto problem = assessment::star_rules_problem(rules)) {
    return r.error(section, "assessment.stars: " + *problem);
  }
  out = read;
}

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
