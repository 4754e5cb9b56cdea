// The real `caseflow run`, as a user starts it: it prints its bootstrap address, kcat can list the
// SPEC topics there, and SIGTERM stops it with exit code 0.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>

#include "tests/integration/support/child_process.h"

namespace caseflow {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::run_command;

std::filesystem::path write_config(const std::string& listen) {
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
                         "workflows: "
                      << CASEFLOW_SOURCE_DIR << "/workflows\n"
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

}  // namespace
}  // namespace caseflow
