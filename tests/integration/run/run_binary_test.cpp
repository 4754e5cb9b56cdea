// The real `caseflow run`, as a user starts it: it prints its bootstrap address, kcat can list the
// SPEC topics there, and SIGTERM stops it with exit code 0.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>

#include "tests/integration/support/child_process.h"
#include "tests/integration/support/http_client.h"

namespace caseflow {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::run_command;
namespace fs = std::filesystem;

std::filesystem::path write_config(const std::string& listen,
                                   const std::filesystem::path& workflows =
                                       std::filesystem::path(CASEFLOW_SOURCE_DIR) / "workflows") {
  const auto dir =
      std::filesystem::temp_directory_path() / ("caseflow-run-test-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "caseflow.yaml";
  std::ofstream(file) << "kafka:\n"
                         "  bootstrap: embedded\n"
                         "  embedded_listen: \""
                      << listen << "\"\n"
                      << "  event_partitions: 4\n"
                         "http:\n  listen: \"127.0.0.1:0\"\n"
                      << "  auth: " << testing::kTestViewerConfig << "\n"
                      << "archive:\n  enabled: false\n"
                         "workflows: "
                      << workflows.string() << "\n"
                      << "calendars: " << CASEFLOW_SOURCE_DIR << "/config/calendars\n";
  return file;
}

TEST(RunBinary, PrintsBootstrapServesTopicsAndStopsCleanly) {
  // Port 0: the relay takes a free port, so the test never collides with a running engine.
  ChildProcess engine({CASEFLOW_BINARY, "run", "--config", write_config("127.0.0.1:0").string()});
  auto bootstrap = engine.wait_for_line("bootstrap: ", 30s);
  ASSERT_TRUE(bootstrap) << engine.output();
  const std::string address = bootstrap->substr(bootstrap->find_first_not_of(' '));

  const auto listing = run_command({"kcat", "-b", address, "-L", "-m", "10"}, 30s);
  ASSERT_EQ(listing.exit_code, 0) << listing.output;
  for (const char* topic :
       {"caseflow.events", "caseflow.alerts", "caseflow.updates", "caseflow.dlq",
        "caseflow.changelog", "caseflow.definitions", "caseflow.stage.grid",
        "caseflow.stage.community", "caseflow.stage.street", "caseflow.dispatcher",
        // A department stage, a department only summoned to assist (parking.yaml), and the
        // topics breaches notify: all created at start, never left to auto-creation.
        "caseflow.dept.transport", "caseflow.dept.public_security", "caseflow.supervision.city",
        "caseflow.alerts.fire"}) {
    EXPECT_NE(listing.output.find("topic \"" + std::string(topic) + "\""), std::string::npos)
        << topic << " missing from:\n"
        << listing.output;
  }
  EXPECT_NE(listing.output.find("topic \"caseflow.events\" with 4 partitions"), std::string::npos)
      << listing.output;
  EXPECT_NE(listing.output.find("topic \"caseflow.supervision.city\" with 3 partitions"),
            std::string::npos)
      << listing.output;

  engine.signal(SIGTERM);
  EXPECT_EQ(engine.wait_exit(30s), 0) << engine.output();
}

TEST(BrokerBinary, RunsSeveralBrokersWithTheTopicsAndStopsCleanly) {
  ChildProcess broker({CASEFLOW_BINARY, "broker", "--brokers", "3", "--listen", "127.0.0.1:0",
                       "--config", write_config("127.0.0.1:0").string()});
  auto bootstrap = broker.wait_for_line("bootstrap: ", 30s);
  ASSERT_TRUE(bootstrap) << broker.output();
  const std::string address = bootstrap->substr(bootstrap->find_first_not_of(' '));

  const auto listing = run_command({"kcat", "-b", address, "-L", "-m", "10"}, 30s);
  ASSERT_EQ(listing.exit_code, 0) << listing.output;
  EXPECT_NE(listing.output.find(" 3 brokers:"), std::string::npos) << listing.output;
  EXPECT_NE(listing.output.find("topic \"caseflow.events\" with 4 partitions"), std::string::npos)
      << listing.output;

  broker.signal(SIGINT);
  EXPECT_EQ(broker.wait_exit(30s), 0) << broker.output();
}

TEST(RunBinary, ABadConfigIsRefusedWithItsLocation) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("caseflow-run-bad-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "caseflow.yaml";
  std::ofstream(file) << "kafka:\n  bootstrapp: embedded\n";
  const auto result = run_command({CASEFLOW_BINARY, "run", "--config", file.string()}, 30s);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find(file.string() + ":2:3: error: unknown key 'bootstrapp' in kafka"),
            std::string::npos)
      << result.output;
}

// The engine's HTTP address from its banner line "  http:      http://127.0.0.1:PORT/readyz ...".
std::optional<std::string> http_address(ChildProcess& engine) {
  auto line = engine.wait_for_line("http:", 30s);
  if (!line) return std::nullopt;
  const size_t start = line->find("http://");
  const size_t end = line->find("/readyz");
  if (start == std::string::npos || end == std::string::npos) return std::nullopt;
  return line->substr(start, end - start);
}

// Repeats `check` until it holds or the deadline passes.
bool eventually(const std::function<bool()>& check, std::chrono::milliseconds timeout = 30s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
  }
  return check();
}

// GET /api/v1/workflows: whether `id` ("parking@2") is listed as the current version.
bool is_current(const std::string& address, const std::string& id) {
  const testing::HttpReply r = testing::http_get_as_viewer(address, "/api/v1/workflows");
  if (r.status != 200) return false;
  const size_t entry = r.body.find("\"id\":\"" + id + "\"");
  if (entry == std::string::npos) return false;
  const size_t current = r.body.find("\"current\":", entry);
  return current != std::string::npos && r.body.compare(current, 14, "\"current\":true") == 0;
}

TEST(RunBinary, MetricsCountAReportedCase) {
  ChildProcess engine({CASEFLOW_BINARY, "run", "--config", write_config("127.0.0.1:0").string()});
  const auto address = http_address(engine);
  ASSERT_TRUE(address) << engine.output();
  ASSERT_TRUE(eventually([&] { return testing::http_get(*address, "/readyz").status == 200; }))
      << engine.output();

  testing::HttpReply r = testing::http_get(*address, "/metrics");
  ASSERT_EQ(r.status, 200) << r.error;
  // The runtime's own series are there from the start; the engine's appear when observed.
  EXPECT_NE(r.body.find("# TYPE caseflow_kafka_transactions_committed_total counter"),
            std::string::npos)
      << r.body;
  EXPECT_EQ(testing::metric_sum(r.body, "caseflow_cases_opened_total"), 0) << r.body;

  r = testing::http_request("POST", *address, "/open311/v2/requests.json",
                            "service_code=parking.illegal&attribute[grid_id]=G01",
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(r.status, 200) << r.body << r.error;
  std::string last;
  EXPECT_TRUE(eventually([&] {
    last = testing::http_get(*address, "/metrics").body;
    return testing::metric_sum(last, "caseflow_cases_opened_total") == 1;
  })) << "the reported case never showed in caseflow_cases_opened_total:\n"
      << last;
  EXPECT_NE(last.find("caseflow_cases_opened_total{workflow=\"parking\"} 1"), std::string::npos)
      << last;

  // Refusals are counted by reason, each reason there at 0 from the start.
  EXPECT_NE(last.find("caseflow_http_denied_total{reason=\"no_credential\"} 0"), std::string::npos)
      << last;
  EXPECT_NE(last.find("caseflow_http_denied_total{reason=\"acting_for_other_unit\"} 0"),
            std::string::npos)
      << last;
  EXPECT_EQ(testing::http_get(*address, "/api/v1/cases").status, 401);
  EXPECT_EQ(testing::http_request("GET", *address, "/api/v1/cases", "",
                                  {{"Authorization", "Bearer wrong"}})
                .status,
            401);
  EXPECT_EQ(testing::http_get_as_viewer(*address, "/api/v1/cases").status, 200);
  r = testing::http_get(*address, "/metrics");
  EXPECT_NE(r.body.find("caseflow_http_denied_total{reason=\"no_credential\"} 1"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("caseflow_http_denied_total{reason=\"bad_credential\"} 1"),
            std::string::npos)
      << r.body;

  engine.signal(SIGTERM);
  EXPECT_EQ(engine.wait_exit(30s), 0) << engine.output();
}

// A user's reload (docs/http.md, Hot reload): edit a workflow file, `kill -HUP <pid>`, and the new
// version is in force. The folder watcher is off, so only the signal can reload.
TEST(RunBinary, SighupReloadsTheWorkflowFolder) {
  const fs::path dir =
      fs::temp_directory_path() / ("caseflow-run-sighup-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(fs::path(CASEFLOW_SOURCE_DIR) / "workflows", dir / "workflows");
  ChildProcess engine({CASEFLOW_BINARY, "run", "--config",
                       write_config("127.0.0.1:0", dir / "workflows").string()});
  const auto address = http_address(engine);
  ASSERT_TRUE(address) << engine.output();
  ASSERT_TRUE(eventually([&] { return is_current(*address, "parking@1"); })) << engine.output();

  const fs::path file = dir / "workflows" / "parking.yaml";
  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const size_t at = text.find("version: 1");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 10, "version: 2");
  std::ofstream(file) << text;
  EXPECT_FALSE(is_current(*address, "parking@2")) << "reloaded before the signal";

  engine.signal(SIGHUP);
  const auto reloaded = engine.wait_for_line("reload: workflows reloaded", 30s);
  ASSERT_TRUE(reloaded) << "no reload after SIGHUP:\n" << engine.output();
  EXPECT_NE(reloaded->find("parking@2"), std::string::npos) << *reloaded;
  EXPECT_TRUE(is_current(*address, "parking@2"))
      << testing::http_get_as_viewer(*address, "/api/v1/workflows").body;

  engine.signal(SIGTERM);
  EXPECT_EQ(engine.wait_exit(30s), 0) << engine.output();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace caseflow
