// The operations promise end to end: a real Prometheus server scrapes an engine that has just
// breached a known number of clocks, and PromQL says that number; the shipped recording rules
// turn the engine's assessment counters into the rates a centre would compute by hand. The
// registry's text also passes `promtool check metrics`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "connectors/metrics/metrics_registry.h"
#include "tests/integration/metrics/scrape_endpoint.h"
#include "tests/integration/runtime/runtime_fixture.h"
#include "tests/integration/support/child_process.h"
#include "tests/support/text_lines.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '_' || c == '-' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

// The values of an instant-vector answer of /api/v1/query (empty if not a success).
std::vector<double> values_of(const std::string& body) {
  boost::system::error_code ec;
  const auto json = boost::json::parse(body, ec);
  if (ec || !json.is_object()) return {};
  const auto* data = json.as_object().if_contains("data");
  if (!data || !data->is_object()) return {};
  const auto* result = data->as_object().if_contains("result");
  if (!result || !result->is_array()) return {};
  std::vector<double> out;
  for (const auto& sample : result->as_array())
    out.push_back(std::stod(std::string(sample.as_object().at("value").as_array()[1].as_string())));
  return out;
}

// The sum of the samples of `family` in the registry's text whose line contains every one of
// `parts` (label pairs such as unit="community:C1").
double sum_of(const std::string& text, const std::string& family,
              std::initializer_list<std::string> parts) {
  double sum = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with(family + "{")) continue;
    bool all = true;
    for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
    if (all) sum += std::stod(line.substr(line.rfind(' ') + 1));
  }
  return sum;
}

// The single value of an instant-vector answer of /api/v1/query, or nullopt if the answer is
// empty or not a success.
std::optional<double> single_value(const std::string& body) {
  boost::system::error_code ec;
  const auto json = boost::json::parse(body, ec);
  if (ec || !json.is_object()) return std::nullopt;
  const auto* data = json.as_object().if_contains("data");
  if (!data || !data->is_object()) return std::nullopt;
  const auto* result = data->as_object().if_contains("result");
  if (!result || !result->is_array() || result->as_array().size() != 1) return std::nullopt;
  const auto& value = result->as_array()[0].as_object().at("value").as_array();
  return std::stod(std::string(value[1].as_string()));
}

class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / ("caseflow-prom-" + std::to_string(getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(PrometheusScrape, RealPrometheusCountsTheBreachesTheEngineJustMade) {
  RuntimeFixture f(std::string(CASEFLOW_SOURCE_DIR) + "/tests/data/runtime/workflows");
  metrics::MetricsRegistry registry;
  // As `caseflow run` does: the weights, and every unit's counters at 0 before the first case.
  registry.set_assessment_weights(assessment::Weights{});
  registry.declare_assessment_series(metrics::assessment_label_pairs(f.setup->directory.get()));
  runtime::ProcessorOptions options;
  options.input_time_from_log = false;  // inputs at the virtual clock
  options.kafka = {{"bootstrap.servers", f.bootstrap()}, {"session.timeout.ms", "6000"}};
  options.group_id = "caseflow-metrics-test";
  options.commit_interval_ms = 50;
  auto created = runtime::StreamProcessor::create(
      options, [&] { return f.setup->make_engine(); }, [&] { return f.now; }, registry);
  ASSERT_TRUE(created) << created.error().message;
  std::unique_ptr<runtime::StreamProcessor> processor = std::move(*created);
  auto step_until = [&](const std::function<bool()>& done, std::chrono::seconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    while (SteadyClock::now() < deadline) {
      if (done()) return true;
      auto stepped = processor->step();
      if (!stepped) ADD_FAILURE() << stepped.error().message;
    }
    return done();
  };
  ASSERT_TRUE(step_until([&] { return processor->readiness().ready; }, 60s));

  // The endpoint Prometheus scrapes, and Prometheus itself on loopback.
  ScrapeEndpoint endpoint(registry.text_function());
  TempDir dir;
  const uint16_t prometheus_port = free_loopback_port();
  {
    // The shipped recording rules, evaluated every second instead of every minute.
    std::ifstream shipped(std::string(CASEFLOW_SOURCE_DIR) + "/deploy/prometheus/rules.yml");
    std::string rules((std::istreambuf_iterator<char>(shipped)), std::istreambuf_iterator<char>());
    const std::string every_minute = "interval: 1m";
    ASSERT_NE(rules.find(every_minute), std::string::npos);
    rules.replace(rules.find(every_minute), every_minute.size(), "interval: 1s");
    std::ofstream(dir.path() / "rules.yml") << rules;
    std::ofstream config(dir.path() / "prometheus.yml");
    config << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
           << "rule_files:\n  - " << (dir.path() / "rules.yml").string() << "\n"
           << "scrape_configs:\n  - job_name: caseflow\n    static_configs:\n"
           << "      - targets: ['127.0.0.1:" << endpoint.port() << "']\n";
  }
  ChildProcess prometheus({"/usr/bin/prometheus",
                           "--config.file=" + (dir.path() / "prometheus.yml").string(),
                           "--storage.tsdb.path=" + (dir.path() / "data").string(),
                           "--web.listen-address=127.0.0.1:" + std::to_string(prometheus_port)});
  ASSERT_TRUE(prometheus.wait_for_line("Server is ready to receive web requests", 60s))
      << prometheus.output();

  // Prometheus has the units' counters at 0 before the first case: so increase() counts it.
  {
    const std::string zero =
        "/api/v1/query?query=" + url_encode(R"(caseflow_rated_cases_total{unit="community:C1"})");
    const auto until = SteadyClock::now() + 60s;
    while (values_of(http_get(prometheus_port, zero)).size() != 12 && SteadyClock::now() < until)
      endpoint.wait_for_scrape_after(endpoint.scrapes(), 5s);
    ASSERT_EQ(values_of(http_get(prometheus_port, zero)), std::vector<double>(12, 0.0));
  }

  // Three parking cases nobody signs, four cases handled properly and rated (2 solved and
  // satisfied, 1 partly and basically, 1 not solved and unsatisfied: 0.625 on both rates by the
  // default weights), and one record that is not an event (it goes to the DLQ).
  const char* handled[] = {"handled-1", "handled-2", "handled-3", "handled-4"};
  for (const char* id : {"ignored-1", "ignored-2", "ignored-3"}) {
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
  for (const char* id : handled) f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  f.produce_event("junk", "this is not a CloudEvent");
  ASSERT_TRUE(step_until(
      [&] {
        return has_line(registry.text(),
                        R"(caseflow_stage_entries_total{stage="grid",workflow="quick_parking"} 7)");
      },
      30s))
      << registry.text();
  const std::string grid_unit = R"({"unit":"grid:G01"})";
  const char* ratings[] = {R"({"solved":"solved","satisfaction":"satisfied"})",
                           R"({"solved":"solved","satisfaction":"satisfied"})",
                           R"({"solved":"partly","satisfaction":"basically"})",
                           R"({"solved":"not_solved","satisfaction":"unsatisfied"})"};
  int n = 0;
  auto handle = [&](const std::string& id, const std::string& rating) {
    const std::string at = std::to_string(++n);
    f.produce_event(id, event_json("caseflow.case.signed", id, "s" + at, grid_unit));
    f.produce_event(id, event_json("caseflow.case.resolved", id, "r" + at, grid_unit));
    f.produce_event(id, event_json("caseflow.case.rated", id, "v" + at, rating));
  };
  for (size_t i = 0; i < 4; ++i) handle(handled[i], ratings[i]);
  // The bad rating reopens the case twice (max_reopens): rated three times, counted once.
  handle(handled[3], ratings[3]);
  handle(handled[3], ratings[3]);
  const std::string community = R"(unit="community:C1")";
  ASSERT_TRUE(step_until(
      [&] { return sum_of(registry.text(), "caseflow_rated_cases_total", {community}) == 4; }, 30s))
      << registry.text();

  // A minute and a second later every unsigned grid clock has warned and breached.
  f.now = f.now + Duration::seconds(61);
  const std::string breaches =
      R"(caseflow_sla_breaches_total{clock="sign",stage="grid",workflow="quick_parking"} 3)";
  ASSERT_TRUE(step_until([&] { return has_line(registry.text(), breaches); }, 30s))
      << registry.text();

  // Prometheus scrapes every second; ask it until it has seen the breaches.
  const std::string query = "sum(caseflow_sla_breaches_total{clock=\"sign\"})";
  std::optional<double> answer;
  const auto deadline = SteadyClock::now() + 60s;
  std::string last_body;
  while (SteadyClock::now() < deadline) {
    const int seen = endpoint.scrapes();
    last_body = http_get(prometheus_port, "/api/v1/query?query=" + url_encode(query));
    answer = single_value(last_body);
    if (answer == 3.0) break;
    endpoint.wait_for_scrape_after(seen, 5s);  // the next scrape may bring the answer
  }
  ASSERT_EQ(answer, 3.0) << "last answer: " << last_body;

  // The rates come out of the same data, through the shipped recording rules: the four handled
  // cases responded on time; the three ignored ones were taken away by the escalation, late; one
  // community, one label value, although three stages held the cases.
  auto ask = [&](const std::string& q) {
    return values_of(http_get(prometheus_port, "/api/v1/query?query=" + url_encode(q)));
  };
  auto settles_at = [&](const std::string& q, double expected) {
    std::vector<double> got;
    const auto until = SteadyClock::now() + 60s;
    while (SteadyClock::now() < until) {
      got = ask(q);
      if (got.size() == 1 && std::abs(got[0] - expected) < 1e-9) return true;
      std::this_thread::sleep_for(200ms);  // the rules are evaluated every second
    }
    ADD_FAILURE() << q << " is " << ::testing::PrintToString(got) << ", not " << expected;
    return false;
  };
  const std::string c1 = R"({unit="community:C1"})";
  EXPECT_TRUE(settles_at("caseflow:resolution_rate:ratio_1d" + c1, 0.625));
  EXPECT_TRUE(settles_at("caseflow:satisfaction_rate:ratio_1d" + c1, 0.625));
  EXPECT_TRUE(settles_at("caseflow:response_rate:ratio_1d" + c1, 4.0 / 7.0));
  for (double rate : ask("caseflow:response_rate:ratio_1d")) EXPECT_LE(rate, 1.0);
  // 100 x (30 x 4/7 + 35 x 0.625 + 35 x 0.625) / 100
  EXPECT_TRUE(settles_at("caseflow:score:weighted_1d" + c1, 30 * 4.0 / 7.0 + 70 * 0.625));
  EXPECT_EQ(ask(R"(count(caseflow_response_assessed_total{unit=~"grid:.*"}))").size(), 0u)
      << "no series per grid";
  // Another unit of the directory: its counters are there, at 0, and it has no rate.
  const std::string c2 = R"({unit="community:C2"})";
  EXPECT_EQ(ask("caseflow_response_assessed_total" + c2), std::vector<double>{0.0});
  EXPECT_EQ(ask("sum(caseflow_rated_cases_total" + c2 + ")"), std::vector<double>{0.0});
  EXPECT_EQ(ask("count(caseflow_rated_cases_total" + c2 + ")"), std::vector<double>{12.0});
  EXPECT_TRUE(ask("caseflow:resolution_rate:ratio_1d" + c2).empty());

  // `promtool check metrics` on what was scraped: no lint problem at all.
  const fs::path scraped = dir.path() / "scraped.txt";
  std::ofstream(scraped) << registry.text();
  const CommandResult lint =
      run_command({"/bin/sh", "-c", "/usr/bin/promtool check metrics < " + scraped.string()}, 30s);
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
  EXPECT_EQ(lint.output, "") << lint.output;

  processor->stop();
}

}  // namespace
}  // namespace caseflow::testing
