// The engine config loader and config/caseflow.yaml, the file admins copy: it must list every key
// the loader accepts, with its default, and a broken or missing file must say what to do.
#include "app/engine_config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "tests/unit/app/temp_folder.h"

namespace caseflow::app {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = CASEFLOW_SOURCE_DIR;
const fs::path kShipped = kSource / "config/caseflow.yaml";

TEST(ShippedConfig, LoadsAndEveryValueIsTheDefault) {
  Diagnostics problems;
  const auto config = load_engine_config(kShipped, problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_TRUE(problems.empty()) << to_lines(problems);

  const EngineConfig defaults;
  EXPECT_EQ(config->kafka.bootstrap, defaults.kafka.bootstrap);
  EXPECT_EQ(config->kafka.embedded_brokers, defaults.kafka.embedded_brokers);
  EXPECT_EQ(config->kafka.embedded_listen, defaults.kafka.embedded_listen);
  EXPECT_EQ(config->kafka.topic_prefix, defaults.kafka.topic_prefix);
  EXPECT_EQ(config->kafka.layout.event_partitions, defaults.kafka.layout.event_partitions);
  EXPECT_EQ(config->kafka.layout.output_partitions, defaults.kafka.layout.output_partitions);
  EXPECT_EQ(config->kafka.properties, defaults.kafka.properties);
  EXPECT_TRUE(config->http == defaults.http) << "http differs from HttpSettings{}";
  EXPECT_TRUE(config->processing == defaults.processing)
      << "processing differs from ProcessingSettings{}";
  EXPECT_TRUE(config->demo == defaults.demo) << "demo differs from DemoSettings{}";
  EXPECT_EQ(config->log.level, logging::Level::info);
  EXPECT_EQ(config->watch_workflows, defaults.watch_workflows);

  // Path defaults are the loader's, relative to the config's folder; only boundaries is set to
  // something else (the sample city the build generates).
  const fs::path base = kShipped.parent_path();
  EXPECT_EQ(config->workflows, std::vector<fs::path>{base / "../workflows"});
  EXPECT_EQ(config->calendars, std::vector<fs::path>{base / "calendars"});
  EXPECT_EQ(config->units, base / "units.yaml");
  EXPECT_EQ(config->boundaries, base / "../build/release/city/grids.geojson");
}

// The dotted keys config/caseflow.yaml sets, each with whether a comment explains it (on its line
// or on the line just above).
std::map<std::string, bool> keys_shown_in(const fs::path& file) {
  std::ifstream in(file);
  std::map<std::string, bool> shown;
  std::string section;
  bool comment_above = false;
  for (std::string line; std::getline(in, line);) {
    const auto indent = line.find_first_not_of(' ');
    if (indent == std::string::npos) {
      comment_above = false;
      continue;
    }
    if (line[indent] == '#') {
      comment_above = true;
      continue;
    }
    const auto colon = line.find(':');
    const auto key = line.substr(indent, colon - indent);
    const bool commented = comment_above || line.find(" # ") != std::string::npos;
    comment_above = false;
    if (indent == 0) {
      const bool opens_section = line.find_first_not_of(' ', colon + 1) == std::string::npos;
      section = opens_section ? key : "";
      if (!opens_section) shown[key] = commented;
    } else if (!section.empty()) {
      shown[section + "." + key] = commented;
    }
  }
  return shown;
}

TEST(ShippedConfig, ShowsEveryKeyTheLoaderAcceptsWithAComment) {
  const auto shown = keys_shown_in(kShipped);
  for (const auto key : known_config_keys()) {
    const auto it = shown.find(std::string(key));
    if (it == shown.end()) {
      ADD_FAILURE() << key << " is accepted by the loader but not shown in " << kShipped.string();
      continue;
    }
    EXPECT_TRUE(it->second) << key << " has no comment in " << kShipped.string();
  }
  const std::set<std::string_view> known(known_config_keys().begin(), known_config_keys().end());
  for (const auto& [key, commented] : shown) {
    EXPECT_TRUE(known.count(key)) << key << " is in the file but the loader does not know it";
  }
}

TEST(EngineConfig, ReadsTheLogLevel) {
  TempFolder folder;
  Diagnostics problems;
  const auto config =
      load_engine_config(folder.write("c.yaml", "log:\n  level: debug\n"), problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_EQ(config->log.level, logging::Level::debug);
}

TEST(EngineConfig, AnUnknownLogLevelIsAnErrorAtItsPositionNamingTheLevels) {
  TempFolder folder;
  Diagnostics problems;
  const auto file = folder.write("c.yaml", "log:\n  level: loud\n");
  EXPECT_FALSE(load_engine_config(file, problems).ok());
  ASSERT_EQ(problems.size(), 1u) << to_lines(problems);
  EXPECT_EQ(problems[0].to_string(),
            file.string() +
                ":2:10: error: unknown log level 'loud'; the levels are debug, info, warning "
                "and error");
}

TEST(EngineConfig, TheFolderWatchSwitchIsAccepted) {
  TempFolder folder;
  Diagnostics problems;
  const auto config =
      load_engine_config(folder.write("c.yaml", "watch_workflows: true\n"), problems);
  ASSERT_TRUE(config.ok()) << to_lines(problems);
  EXPECT_TRUE(config->watch_workflows);
}

TEST(EngineConfig, AMisspeltKeyIsAnErrorWithASuggestion) {
  TempFolder folder;
  Diagnostics problems;
  const auto file = folder.write("c.yaml", "http:\n  lisen: 127.0.0.1:8080\n");
  EXPECT_FALSE(load_engine_config(file, problems).ok());
  ASSERT_EQ(problems.size(), 1u) << to_lines(problems);
  EXPECT_EQ(problems[0].to_string(),
            file.string() + ":2:3: error: unknown key 'lisen' in http; did you mean 'listen'?");
}

TEST(EngineConfig, ASectionThatIsNotAMappingIsAnError) {
  TempFolder folder;
  Diagnostics problems;
  const auto file = folder.write("c.yaml", "http: 8080\n");
  EXPECT_FALSE(load_engine_config(file, problems).ok());
  ASSERT_EQ(problems.size(), 1u) << to_lines(problems);
  EXPECT_EQ(problems[0].to_string(),
            file.string() + ":1:7: error: 'http' must be a mapping of settings");
}

TEST(EngineConfig, AMissingFileIsOneLineNamingItAndTheConfigOption) {
  TempFolder folder;
  const auto file = folder.path() / "nowhere/caseflow.yaml";
  Diagnostics problems;
  const auto config = load_engine_config(file, problems);
  ASSERT_FALSE(config.ok());
  ASSERT_EQ(problems.size(), 1u) << to_lines(problems);
  const auto line = problems[0].to_string();
  EXPECT_TRUE(line.starts_with(file.string() + ":")) << line;
  EXPECT_NE(line.find("no such config file"), std::string::npos) << line;
  EXPECT_NE(line.find("--config FILE"), std::string::npos) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos) << line;
}

TEST(EngineConfig, ARelativeMissingFileSaysWhereItWasLookedFor) {
  Diagnostics problems;
  EXPECT_FALSE(load_engine_config("no-such-folder/caseflow.yaml", problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("(looked in " + fs::current_path().string() + ")"),
            std::string::npos)
      << problems[0].message;
}

TEST(EngineConfig, AFolderIsNotAConfigFile) {
  TempFolder folder;
  Diagnostics problems;
  EXPECT_FALSE(load_engine_config(folder.path(), problems).ok());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("folder"), std::string::npos) << problems[0].message;
  EXPECT_NE(problems[0].message.find("--config FILE"), std::string::npos) << problems[0].message;
}

TEST(EngineConfig, AFileThatIsNotYamlIsAnErrorAtTheSpotTheParserStopped) {
  TempFolder folder;
  Diagnostics problems;
  // One space too many before admin_token: a mistake easy to make when copying a key in.
  const auto file =
      folder.write("c.yaml", "http:\n  listen: 127.0.0.1:8080\n   admin_token: secret\n");
  EXPECT_FALSE(load_engine_config(file, problems).ok());
  ASSERT_EQ(problems.size(), 1u) << to_lines(problems);
  EXPECT_EQ(problems[0].to_string(),
            file.string() + ":3:15: error: invalid YAML: illegal map value");
}

}  // namespace
}  // namespace caseflow::app
