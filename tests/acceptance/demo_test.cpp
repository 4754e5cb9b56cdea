// The README's first command, as a newcomer meets it: `caseflow run --demo` (exactly the
// arguments scripts/run.sh gives), on the embedded broker behind the fixed relay address, watched
// only through what the banner prints — kcat at the bootstrap address, /metrics, the case URL.
// The test changes nothing but the two addresses (free ports, through the same config keys).
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/acceptance/acceptance_support.h"
#include "tests/integration/support/http_client.h"

namespace caseflow {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using Clock = std::chrono::steady_clock;

// What is left of `limit` since `start` (at least nothing).
std::chrono::milliseconds left_of(std::chrono::seconds limit, Clock::time_point start) {
  const auto left =
      limit - std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  return std::max(left, std::chrono::milliseconds(0));
}

TEST(QuickStartDemo, WarnsEscalatesAndStopsCleanlyThroughThePrintedAddresses) {
  const auto config = testing::copy_config(
      "demo/caseflow.yaml",
      {{"kafka.embedded_listen", "127.0.0.1:" + std::to_string(testing::free_port())},
       {"http.listen", "127.0.0.1:" + std::to_string(testing::free_port())}});
  std::vector<std::string> argv = {CASEFLOW_BINARY};
  for (auto& a : testing::run_sh_arguments({"--config", config.string()})) argv.push_back(a);
  ASSERT_NE(std::find(argv.begin(), argv.end(), "--demo"), argv.end())
      << "scripts/run.sh no longer runs the demo";

  ChildProcess engine(argv);
  const auto bootstrap = testing::banner_value(engine, "bootstrap:", 60s);
  ASSERT_TRUE(bootstrap) << engine.output();
  const auto banner_at = Clock::now();
  const auto http = testing::banner_value(engine, "http:", 10s);
  ASSERT_TRUE(http) << engine.output();
  const std::string base = http->substr(0, http->rfind("/readyz"));
  // The banner's curl line with the demo's viewer token, run as printed.
  auto read_line = engine.wait_for_line("read:", 10s);
  ASSERT_TRUE(read_line) << engine.output();
  read_line->erase(0, read_line->find_first_not_of(' '));
  ASSERT_EQ(read_line->rfind("curl -H 'Authorization: Bearer ", 0), 0u) << *read_line;
  const size_t token_at = read_line->find("Bearer ") + 7;
  const std::string token = read_line->substr(token_at, read_line->find('\'', token_at) - token_at);
  const auto case_url = testing::banner_value(engine, "a case:", 30s);
  ASSERT_TRUE(case_url) << engine.output();
  // Run as printed (curl with -s -f, so an error status fails); the engine answers once ready.
  testing::CommandResult listed;
  EXPECT_TRUE(testing::eventually(
      engine, 30s,
      [&] {
        listed = testing::run_command({"bash", "-c", *read_line + " -s -f"}, 10s);
        return listed.exit_code == 0;
      }))
      << *read_line << "\n"
      << listed.output;
  EXPECT_NE(listed.output.find("\"cases\":["), std::string::npos) << listed.output;

  // kcat through the relay lists the contract's topics.
  const auto listing = testing::run_command({"kcat", "-b", *bootstrap, "-L", "-m", "10"}, 30s);
  ASSERT_EQ(listing.exit_code, 0) << listing.output;
  for (const char* topic : {"caseflow.events", "caseflow.stage.grid", "caseflow.alerts",
                            "caseflow.updates", "caseflow.dlq"}) {
    EXPECT_NE(listing.output.find("topic \"" + std::string(topic) + "\""), std::string::npos)
        << topic << " missing from:\n"
        << listing.output;
  }

  std::string metrics;
  auto metric_above_zero = [&](const char* family) {
    return [&metrics, &base, family] {
      metrics = testing::http_get(base, "/metrics").body;
      return testing::metric_sum(metrics, family) > 0;
    };
  };
  EXPECT_TRUE(testing::eventually(engine, 60s, metric_above_zero("caseflow_cases_opened_total")))
      << metrics << engine.output();
  EXPECT_TRUE(testing::eventually(engine, left_of(90s, banner_at),
                                  metric_above_zero("caseflow_sla_warnings_total")))
      << "no SLA warning within 90 s of the banner\n"
      << metrics;
  EXPECT_TRUE(testing::eventually(engine, left_of(180s, banner_at),
                                  metric_above_zero("caseflow_escalations_total")))
      << "no escalation within 180 s of the banner\n"
      << metrics;

  // The case the demo points at answers, as a person following the banner would see it.
  const std::string case_path = case_url->substr(case_url->find("/api/"));
  testing::HttpReply reply;
  EXPECT_TRUE(testing::eventually(engine, 30s,
                                  [&] {
                                    reply = testing::http_request(
                                        "GET", base, case_path, "",
                                        {{"Authorization", "Bearer " + token}});
                                    return reply.status == 200;
                                  }))
      << reply.status << " " << reply.body;
  EXPECT_NE(reply.body.find("\"stage\""), std::string::npos) << reply.body;

  const size_t before_stop = engine.output().size();
  engine.signal(SIGTERM);
  const auto stop_began = Clock::now();
  EXPECT_EQ(engine.wait_exit(10s), 0) << engine.output().substr(before_stop);
  EXPECT_LE(Clock::now() - stop_began, 10s);
  engine.drain(1s);
  // A clean stop is quiet: no broker-down noise, no errors.
  const std::string stop_output = engine.output().substr(before_stop);
  EXPECT_EQ(stop_output.find("brokers are down"), std::string::npos) << stop_output;
  EXPECT_EQ(stop_output.find(": error:"), std::string::npos) << stop_output;
  EXPECT_NE(stop_output.find("caseflow: stopped"), std::string::npos) << stop_output;
}

}  // namespace
}  // namespace caseflow
