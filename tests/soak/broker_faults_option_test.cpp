// `caseflow broker --faults SEED --fault-every-ms N`: the option the soak relies on. The broker
// announces the faults of the seeded plan, in the plan's order, and still stops cleanly; the
// interval alone, with no seed, is refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "connectors/kafka/broker_faults.h"
#include "tests/integration/support/child_process.h"

namespace caseflow::testing {
namespace {

using namespace std::chrono_literals;

std::filesystem::path broker_config() {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("caseflow-broker-faults-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto config = dir / "broker.yaml";
  std::ofstream(config) << "kafka:\n  event_partitions: 2\n  output_partitions: 2\n"
                        << "workflows: " << CASEFLOW_SOURCE_DIR << "/tests/soak/workflows\n"
                        << "calendars: " << CASEFLOW_SOURCE_DIR << "/config/calendars\n"
                        << "units: " << CASEFLOW_SOURCE_DIR << "/demo/units.yaml\n";
  return config;
}

TEST(BrokerFaultsOption, TheSeededFaultsAreInjectedAndAnnouncedInThePlansOrder) {
  ChildProcess broker({CASEFLOW_BINARY, "broker", "--listen", "", "--brokers", "2", "--config",
                       broker_config().string(), "--faults", "7", "--fault-every-ms", "20"});
  ASSERT_TRUE(broker.wait_for_line("faults:    seed 7, one every 20 ms", 30s)) << broker.output();

  kafka::BrokerFaultPlan plan(7, 2);
  int faults = 0;
  while (faults < 12) {
    const kafka::BrokerFault expected = plan.next();
    const std::string line = expected.is_recovery() ? "recovered: " + kafka::describe(expected)
                                                    : "fault " + std::to_string(++faults) + ": " +
                                                          kafka::describe(expected);
    ASSERT_TRUE(broker.wait_for_line(line, 30s)) << "no line `" << line << "` in\n"
                                                 << broker.output();
  }
  broker.signal(SIGTERM);
  EXPECT_EQ(broker.wait_exit(30s), 0) << broker.output();
}

TEST(BrokerFaultsOption, AnIntervalWithoutASeedIsAUsageError) {
  const auto result = run_command({CASEFLOW_BINARY, "broker", "--listen", "", "--config",
                                   broker_config().string(), "--fault-every-ms", "20"},
                                  30s);
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("--faults"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace caseflow::testing
