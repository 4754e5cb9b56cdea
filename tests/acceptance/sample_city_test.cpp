// `caseflow run` without --demo, as the README describes it: the sample workflows and the
// 16,271-grid sample city. The README's own kcat example, produced through the relay address the
// banner prints, reaches the grid topic as a dispatch keyed by the grid's unit and shows up at
// /api/v1/cases/case-1.
#include <gtest/gtest.h>
#include <signal.h>

#include "tests/acceptance/acceptance_support.h"
#include "tests/integration/support/http_client.h"

namespace caseflow {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

TEST(QuickStartSampleCity, TheReadmeExampleIsDispatchedToItsGridUnit) {
  const auto config = testing::copy_config(
      "config/caseflow.yaml",
      {{"kafka.embedded_listen", "127.0.0.1:" + std::to_string(testing::free_port())},
       {"http.listen", "127.0.0.1:" + std::to_string(testing::free_port())},
       // Reads need a credential: the old single token is still an admin's (docs/security.md).
       {"http.admin_token", "sample-city-admin"},
       // The sample city as this build generated it (scripts/run.sh uses the release build's).
       {"boundaries", CASEFLOW_CITY_FILE}});
  ChildProcess engine({CASEFLOW_BINARY, "run", "--config", config.string()});
  const auto bootstrap = testing::banner_value(engine, "bootstrap:", 60s);
  ASSERT_TRUE(bootstrap) << engine.output();
  const auto http = testing::banner_value(engine, "http:", 10s);
  ASSERT_TRUE(http) << engine.output();
  const std::string base = http->substr(0, http->rfind("/readyz"));

  // The README's example, word for word but for the address the banner printed.
  std::string example = testing::readme_produce_example();
  ASSERT_NE(example.find("127.0.0.1:9092"), std::string::npos) << example;
  replace_all(example, "127.0.0.1:9092", *bootstrap);
  const auto produced = testing::run_command({"bash", "-c", example}, 30s);
  ASSERT_EQ(produced.exit_code, 0) << example << "\n" << produced.output;

  // The grid unit of the README's grid receives the dispatch, keyed by its unit id.
  const auto grid_at = example.find("\"grid_id\":\"");
  ASSERT_NE(grid_at, std::string::npos) << example;
  const std::string grid =
      example.substr(grid_at + 11, example.find('"', grid_at + 11) - grid_at - 11);
  const std::string unit = "grid:" + grid;
  std::string dispatches;
  EXPECT_TRUE(testing::eventually(engine, 60s, [&] {
    dispatches = testing::kcat_consume(*bootstrap, "caseflow.stage.grid", "%k %s\\n");
    return dispatches.find("caseflow.case.dispatched") != std::string::npos;
  })) << engine.output();
  EXPECT_EQ(dispatches.rfind(unit + " {", 0), 0u) << "expected a dispatch keyed " << unit << ":\n"
                                                  << dispatches;
  EXPECT_NE(dispatches.find("\"subject\":\"case-1\""), std::string::npos) << dispatches;

  testing::HttpReply reply;
  EXPECT_TRUE(testing::eventually(engine, 30s,
                                  [&] {
                                    reply = testing::http_request(
                                        "GET", base, "/api/v1/cases/case-1", "",
                                        {{"Authorization", "Bearer sample-city-admin"}});
                                    return reply.status == 200;
                                  }))
      << reply.status << " " << reply.body;
  EXPECT_NE(reply.body.find(unit), std::string::npos) << reply.body;
  EXPECT_EQ(testing::http_get(base, "/readyz").status, 200);

  engine.signal(SIGTERM);
  EXPECT_EQ(engine.wait_exit(10s), 0) << engine.output();
}

}  // namespace
}  // namespace caseflow
