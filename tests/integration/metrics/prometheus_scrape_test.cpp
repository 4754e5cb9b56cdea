// The operations promise end to end: a real Prometheus server scrapes an engine that has just
// breached a known number of clocks, and PromQL says that number. The registry's text also passes
// `promtool check metrics`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "connectors/metrics/metrics_registry.h"
#include "tests/integration/metrics/scrape_endpoint.h"
#include "tests/integration/runtime/runtime_fixture.h"
#include "tests/integration/support/child_process.h"

namespace caseflow::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

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
    std::ofstream config(dir.path() / "prometheus.yml");
    config << "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
           << "scrape_configs:\n  - job_name: caseflow\n    static_configs:\n"
           << "      - targets: ['127.0.0.1:" << endpoint.port() << "']\n";
  }
  ChildProcess prometheus({"/usr/bin/prometheus",
                           "--config.file=" + (dir.path() / "prometheus.yml").string(),
                           "--storage.tsdb.path=" + (dir.path() / "data").string(),
                           "--web.listen-address=127.0.0.1:" + std::to_string(prometheus_port)});
  ASSERT_TRUE(prometheus.wait_for_line("Server is ready to receive web requests", 60s))
      << prometheus.output();

  // Three parking cases nobody signs, one case handled properly, and one record that is not an
  // event (it goes to the DLQ).
  for (const char* id : {"ignored-1", "ignored-2", "ignored-3", "handled-1"}) {
    f.produce_event(id, report_json(id, "parking.illegal", "G01"));
  }
  f.produce_event("junk", "this is not a CloudEvent");
  ASSERT_TRUE(step_until(
      [&] {
        return has_line(registry.text(),
                        R"(caseflow_stage_entries_total{stage="grid",workflow="quick_parking"} 4)");
      },
      30s))
      << registry.text();
  const std::string grid_unit = R"({"unit":"grid:G01"})";
  f.produce_event("handled-1", event_json("caseflow.case.signed", "handled-1", "h-s", grid_unit));
  f.produce_event("handled-1", event_json("caseflow.case.resolved", "handled-1", "h-r", grid_unit));
  f.produce_event("handled-1", event_json("caseflow.case.rated", "handled-1", "h-v",
                                          R"({"solved":"solved","satisfaction":"satisfied"})"));
  ASSERT_TRUE(step_until(
      [&] { return registry.text().find("caseflow_rated_total{") != std::string::npos; }, 30s))
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

  // The rates a dashboard shows come out of the same data: one dispatched case was signed on time.
  const std::string signed_query = "sum(caseflow_signed_on_time_total)";
  EXPECT_EQ(
      single_value(http_get(prometheus_port, "/api/v1/query?query=" + url_encode(signed_query))),
      1.0);

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
