// The mistakes of a first hour, each answered by one clear line that names what to change: a port
// already taken, the sample city not built, a config that is missing or broken, a listener open
// to the network without keys, and a Kafka cluster that does not answer (which the engine waits
// for, saying so on /readyz, until it does).
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <fstream>

#include "tests/acceptance/acceptance_support.h"
#include "tests/integration/support/http_client.h"

namespace caseflow {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::run_command;

std::string free_address() { return "127.0.0.1:" + std::to_string(testing::free_port()); }

// Holds a port the way another program would.
struct TakenPort {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor{io, {boost::asio::ip::make_address("127.0.0.1"), 0}};
  std::string address() const {
    return "127.0.0.1:" + std::to_string(acceptor.local_endpoint().port());
  }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(FirstHour, TheKafkaPortInUseNamesThePortAndTheKey) {
  TakenPort taken;
  const auto config = testing::copy_config(
      "demo/caseflow.yaml",
      {{"kafka.embedded_listen", taken.address()}, {"http.listen", free_address()}});
  const auto result = run_command({CASEFLOW_BINARY, "run", "--config", config.string()}, 30s);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, taken.address() + " is already in use")) << result.output;
  EXPECT_TRUE(contains(result.output, "kafka.embedded_listen in " + config.string()))
      << result.output;
}

TEST(FirstHour, TheHttpPortInUseNamesThePortAndTheKey) {
  TakenPort taken;
  const auto config = testing::copy_config(
      "demo/caseflow.yaml",
      {{"kafka.embedded_listen", free_address()}, {"http.listen", taken.address()}});
  const auto result = run_command({CASEFLOW_BINARY, "run", "--config", config.string()}, 30s);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, taken.address() + " is already in use")) << result.output;
  EXPECT_TRUE(contains(result.output, "http.listen in " + config.string())) << result.output;
}

TEST(FirstHour, AMissingSampleCitySaysWhatItIsAndHowToBuildIt) {
  const auto config = testing::copy_config("config/caseflow.yaml",
                                           {{"kafka.embedded_listen", free_address()},
                                            {"http.listen", free_address()},
                                            {"boundaries", "/nonexistent/city/grids.geojson"}});
  const auto result = run_command({CASEFLOW_BINARY, "run", "--config", config.string()}, 30s);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output,
                       "grid boundaries (GeoJSON) are not at "
                       "/nonexistent/city/grids.geojson"))
      << result.output;
  EXPECT_TRUE(contains(result.output, "config key `boundaries` in " + config.string()))
      << result.output;
  EXPECT_TRUE(contains(result.output, "--target caseflow_city")) << result.output;
  EXPECT_FALSE(contains(result.output, "workflow definitions have problems")) << result.output;
}

TEST(FirstHour, AConfigFileThatIsNotThereIsNamed) {
  const auto result =
      run_command({CASEFLOW_BINARY, "run", "--config", "/nonexistent/caseflow.yaml"}, 30s);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, "/nonexistent/caseflow.yaml")) << result.output;
  EXPECT_TRUE(contains(result.output, "--config")) << result.output;
}

TEST(FirstHour, AConfigThatDoesNotParseGivesItsLocation) {
  const auto config = testing::copy_config("demo/caseflow.yaml", {});
  std::ofstream(config, std::ios::app) << "http: [unclosed\n";
  const auto result = run_command({CASEFLOW_BINARY, "run", "--config", config.string()}, 30s);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, config.string() + ":")) << result.output;
  EXPECT_TRUE(contains(result.output, ": error:")) << result.output;
}

TEST(FirstHour, AnOpenListenerWithoutApiKeysRefusesToStart) {
  const auto config = testing::copy_config(
      "demo/caseflow.yaml", {{"kafka.embedded_listen", free_address()},
                             {"http.listen", "0.0.0.0:" + std::to_string(testing::free_port())}});
  const auto result = run_command({CASEFLOW_BINARY, "run", "--config", config.string()}, 30s);
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_TRUE(contains(result.output, "http.api_keys")) << result.output;
}

TEST(FirstHour, AKafkaThatDoesNotAnswerIsSaidAndWaitedFor) {
  const std::string kafka = free_address();  // nothing listens there yet
  const auto config =
      testing::copy_config("config/caseflow.yaml", {{"kafka.bootstrap", kafka},
                                                    {"http.listen", free_address()},
                                                    {"boundaries", CASEFLOW_CITY_FILE},
                                                    {"compounds", CASEFLOW_COMPOUNDS_FILE}});
  ChildProcess engine({CASEFLOW_BINARY, "run", "--config", config.string()});
  const auto http = testing::banner_value(engine, "http:", 30s);
  ASSERT_TRUE(http) << engine.output();
  const std::string base = http->substr(0, http->rfind("/readyz"));

  // Within a few seconds: one clear line, and /readyz says why.
  EXPECT_TRUE(engine.wait_for_line("Kafka at " + kafka + " does not answer", 10s))
      << engine.output();
  const auto not_ready = testing::http_get(base, "/readyz");
  EXPECT_EQ(not_ready.status, 503) << not_ready.body;
  EXPECT_TRUE(contains(not_ready.body, "does not answer")) << not_ready.body;

  // Kafka comes up at that address (the embedded broker as a process of its own): the engine
  // gets there by itself.
  ChildProcess broker({CASEFLOW_BINARY, "broker", "--listen", kafka, "--config", config.string()});
  ASSERT_TRUE(broker.wait_for_line("bootstrap:", 30s)) << broker.output();
  testing::HttpReply ready;
  EXPECT_TRUE(testing::eventually(engine, 60s,
                                  [&] {
                                    ready = testing::http_get(base, "/readyz");
                                    return ready.status == 200;
                                  }))
      << ready.status << " " << ready.body << "\n"
      << engine.output();

  engine.signal(SIGTERM);
  EXPECT_EQ(engine.wait_exit(15s), 0) << engine.output();
  broker.signal(SIGTERM);
  EXPECT_EQ(broker.wait_exit(15s), 0) << broker.output();
}

}  // namespace
}  // namespace caseflow
