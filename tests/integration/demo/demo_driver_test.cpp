// The demo as a first-time user sees it: started against a running engine with the demo config,
// it reports complaints and plays the units, and within "a minute or two" of engine time the
// metrics show warnings, escalations, supervision, returns, signing on time and ratings. The
// engine's clock runs 20 times faster than wall time here, and so do the demo's own delays.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "connectors/demo/demo_driver.h"
#include "connectors/kafka/embedded_broker.h"
#include "connectors/kafka/topics.h"
#include "connectors/metrics/metrics_registry.h"
#include "connectors/runtime/engine_setup.h"
#include "connectors/runtime/stream_processor.h"

namespace caseflow::demo {
namespace {

namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;
const fs::path kRoot = CASEFLOW_SOURCE_DIR;
constexpr int kSpeed = 20;

// The value of the sum of every series of `family` in the text format.
double total(const std::string& text, const std::string& family) {
  double sum = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with(family + "{") && !line.starts_with(family + " ")) continue;
    sum += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return sum;
}

TEST(DemoConfig, PointsAtFilesThatExist) {
  const YAML::Node config = YAML::LoadFile((kRoot / "demo/caseflow.yaml").string());
  const fs::path dir = kRoot / "demo";  // relative paths resolve against the config's folder
  for (const char* key : {"workflows", "calendars", "units", "boundaries"}) {
    ASSERT_TRUE(config[key]) << key;
    EXPECT_TRUE(fs::exists(dir / config[key].as<std::string>())) << key;
  }
  EXPECT_EQ(config["kafka"]["bootstrap"].as<std::string>(), "embedded");
  // The demo workflows are not in workflows/, which `caseflow run` loads by default.
  EXPECT_FALSE(fs::exists(kRoot / "workflows/demo"));
}

TEST(DemoDriver, WarningsEscalationsSupervisionAndRatingsAppearWithinTwoMinutesOfEngineTime) {
  runtime::EngineSetupOptions setup_options;
  setup_options.workflows = {kRoot / "demo/workflows"};
  setup_options.calendars = {kRoot / "config/calendars"};
  setup_options.units = kRoot / "demo/units.yaml";
  setup_options.boundaries = kRoot / "demo/city.geojson";
  Diagnostics problems;
  auto setup = runtime::load_engine_setup(setup_options, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  ASSERT_TRUE(setup);

  auto broker = kafka::EmbeddedBroker::start(1);
  ASSERT_TRUE(broker) << broker.error().message;
  kafka::TopicLayout layout;
  layout.event_partitions = 3;
  layout.output_partitions = 2;
  ASSERT_TRUE((*broker)->create_topics(
      kafka::required_topics(kafka::TopicNames(), layout, (*setup)->workflow_topics())));
  const std::string bootstrap = (*broker)->bootstrap();

  metrics::MetricsRegistry registry;
  const auto started = SteadyClock::now();
  const Instant epoch = Instant::from_unix_seconds(1'795'654'800);
  auto engine_now = [&] {
    const auto real =
        std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - started);
    return epoch + Duration::millis(real.count() * kSpeed);
  };
  runtime::ProcessorOptions options;
  options.input_time_from_log = false;  // inputs at the virtual clock
  options.kafka = {{"bootstrap.servers", bootstrap}, {"session.timeout.ms", "6000"}};
  options.commit_interval_ms = 30;
  auto processor = runtime::StreamProcessor::create(
      options, [&] { return (*setup)->make_engine(); }, engine_now, registry);
  ASSERT_TRUE(processor) << processor.error().message;
  auto step = [&] {
    auto stepped = (*processor)->step();
    ASSERT_TRUE(stepped) << stepped.error().message;
  };
  const auto join_deadline = SteadyClock::now() + std::chrono::seconds(60);
  while (!(*processor)->readiness().ready && SteadyClock::now() < join_deadline) step();
  ASSERT_TRUE((*processor)->readiness().ready);

  boost::asio::io_context io;
  std::ostringstream out;
  DemoOptions demo;
  demo.time_scale = kSpeed;
  demo.max_reports = 40;
  demo.out = &out;
  auto driver = DemoDriver::start(io, bootstrap, demo);
  ASSERT_TRUE(driver) << driver.error().message;
  const Instant demo_started = engine_now();

  // The banner says where to look.
  const std::string banner = out.str();
  EXPECT_NE(banner.find("http://127.0.0.1:8080/metrics"), std::string::npos) << banner;
  EXPECT_NE(banner.find("http://127.0.0.1:8080/api/v1/cases/" + (*driver)->first_case_id()),
            std::string::npos)
      << banner;
  EXPECT_NE(banner.find("kcat -b " + bootstrap + " -C -t caseflow.stage.grid"), std::string::npos)
      << banner;

  const char* wanted[] = {"caseflow_sla_warnings_total", "caseflow_sla_breaches_total",
                          "caseflow_escalations_total",  "caseflow_supervisions_total",
                          "caseflow_returns_total",      "caseflow_response_on_time_total",
                          "caseflow_rated_cases_total"};
  auto all_seen = [&] {
    const std::string text = registry.text();
    for (const char* family : wanted)
      if (total(text, family) <= 0) return false;
    return true;
  };
  // Two minutes of engine time is six seconds of wall time; allow for a slow, shared machine.
  const auto deadline = SteadyClock::now() + std::chrono::seconds(120);
  while (!all_seen() && SteadyClock::now() < deadline) {
    io.poll();
    step();
  }
  const std::string text = registry.text();
  for (const char* family : wanted)
    EXPECT_GT(total(text, family), 0) << family << "\n" << out.str();
  const double engine_seconds = (engine_now() - demo_started).millis() / 1000.0;
  EXPECT_LE(engine_seconds, 120) << "the demo took " << engine_seconds << " s of engine time";
  RecordProperty("engine_seconds_until_everything_seen", std::to_string(engine_seconds));
  std::cout << "demo: everything seen after " << engine_seconds << " s of engine time ("
            << (*driver)->stats().reported << " reports)\n";

  // The open-cases gauge summed from the engine's +1/-1 observations agrees with a recount of the
  // engines' own state (the recount is what the app runs after restores and revocations).
  const double from_observations = total(registry.text(), "caseflow_cases_open");
  std::vector<const core::Engine*> engines;
  for (int32_t p : (*processor)->owned_partitions()) engines.push_back((*processor)->engine(p));
  registry.recount_open_cases(engines);
  EXPECT_EQ(total(registry.text(), "caseflow_cases_open"), from_observations);
  EXPECT_GT(from_observations, 0);

  const DemoStats stats = (*driver)->stats();
  EXPECT_GT(stats.reported, 0u);
  EXPECT_GT(stats.signed_, 0u);
  EXPECT_GT(stats.ignored, 0u);
  EXPECT_EQ(stats.produce_errors, 0u);
  (*driver)->stop();
  (*processor)->stop();
}

}  // namespace
}  // namespace caseflow::demo
