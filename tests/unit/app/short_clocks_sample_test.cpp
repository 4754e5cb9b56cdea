// samples/short-clocks: the config an admin runs to watch a warning and an escalation within
// minutes (docs/workflows.md). It must load, and its workflows must validate as the engine loads
// them: with the calendars and the unit directory the config names.
#include <gtest/gtest.h>

#include "app/engine_config.h"
#include "connectors/files/definition_files.h"

namespace caseflow::app {
namespace {

namespace fs = std::filesystem;

const fs::path kSample = fs::path(CASEFLOW_SOURCE_DIR) / "samples/short-clocks/caseflow.yaml";

TEST(ShortClocksSample, ConfigLoadsWithTheEmbeddedBrokerAndTheDemoCity) {
  Diagnostics problems;
  const auto config = load_engine_config(kSample, problems);
  ASSERT_TRUE(config.ok()) << (problems.empty() ? "" : problems[0].to_string());
  EXPECT_TRUE(config->kafka.embedded());
  EXPECT_EQ(config->kafka.embedded_listen, "127.0.0.1:9092");
  EXPECT_EQ(config->http.listen, "127.0.0.1:8080");
  EXPECT_FALSE(config->demo.enabled) << "the sample runs without the demo driver";
  EXPECT_TRUE(fs::exists(config->units)) << config->units;
  EXPECT_TRUE(fs::exists(config->boundaries)) << config->boundaries;
  EXPECT_EQ(fs::canonical(config->boundaries),
            fs::canonical(fs::path(CASEFLOW_SOURCE_DIR) / "demo/city.geojson"));
}

TEST(ShortClocksSample, WorkflowsValidateCleanlyAndEveryClockRunsMinutesAndWarns) {
  Diagnostics problems;
  const auto config = load_engine_config(kSample, problems);
  ASSERT_TRUE(config.ok());
  std::vector<fs::path> paths = config->workflows;
  paths.insert(paths.end(), config->calendars.begin(), config->calendars.end());
  paths.push_back(config->units);
  const auto loaded = files::load_definitions(paths);
  ASSERT_TRUE(loaded.clean()) << (loaded.problems.empty() ? loaded.unreadable.at(0)
                                                          : loaded.problems[0].to_string());
  ASSERT_EQ(loaded.workflows.size(), 1u);
  EXPECT_FALSE(loaded.departments.empty()) << "the unit directory was not among the paths";

  const auto& workflow = *loaded.workflows[0];
  EXPECT_EQ(workflow.calendar, "always") << "minutes must be wall-clock minutes";
  ASSERT_GE(workflow.stages.size(), 2u) << "an escalation needs a stage to escalate to";
  for (const auto& stage : workflow.stages) {
    for (const auto& clock : stage.clocks) {
      EXPECT_FALSE(clock.limit.is_working_time()) << stage.name << "." << clock.name;
      EXPECT_LE(clock.limit.calendar_duration(), Duration::minutes(4))
          << stage.name << "." << clock.name;
      EXPECT_GT(clock.warn_at_percent, 0) << stage.name << "." << clock.name << " never warns";
    }
  }
  // Whatever category the admin reports, this workflow takes it.
  ASSERT_TRUE(loaded.catalog);
  for (const char* category : {"parking.illegal", "noise.night", "litter"}) {
    const auto routed = loaded.catalog->route(category, definition::Urgency::normal);
    ASSERT_TRUE(routed) << category;
    EXPECT_EQ(routed->name, workflow.name);
  }
}

}  // namespace
}  // namespace caseflow::app
