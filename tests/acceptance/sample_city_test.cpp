// `caseflow run` without --demo, as the README describes it: the sample workflows and the
// 16,271-grid sample city. The README's own kcat example, produced through the relay address the
// banner prints, reaches the grid topic as a dispatch keyed by the grid's unit and shows up at
// /api/v1/cases/case-1.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>

#include "tests/acceptance/acceptance_support.h"
#include "tests/integration/support/http_client.h"
#include "tools/citygen/city_generator.h"

namespace caseflow {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// config/caseflow.yaml on free ports, with the sample city as this build generated it
// (scripts/run.sh uses the release build's).
std::filesystem::path sample_city_config() {
  return testing::copy_config(
      "config/caseflow.yaml",
      {{"kafka.embedded_listen", "127.0.0.1:" + std::to_string(testing::free_port())},
       {"http.listen", "127.0.0.1:" + std::to_string(testing::free_port())},
       // Reads need a credential: the old single token is still an admin's (docs/security.md).
       {"http.admin_token", "sample-city-admin"},
       {"boundaries", CASEFLOW_CITY_FILE},
       {"compounds", CASEFLOW_COMPOUNDS_FILE}});
}

TEST(QuickStartSampleCity, TheReadmeExampleIsDispatchedToItsGridUnit) {
  ChildProcess engine({CASEFLOW_BINARY, "run", "--config", sample_city_config().string()});
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

// A parking report for a point: the README's example with a location instead of a grid id.
std::string located_report(const std::string& case_id, double lon, double lat) {
  char point[96];
  std::snprintf(point, sizeof point, "{\"lon\":%.7f,\"lat\":%.7f}", lon, lat);
  return case_id + ":{\"specversion\":\"1.0\",\"id\":\"r-" + case_id +
         "\",\"source\":\"/hotline/12345\",\"type\":\"caseflow.case.reported\",\"subject\":\"" +
         case_id +
         "\",\"data\":{\"category\":\"parking.illegal\",\"description\":\"car in the fire "
         "lane\",\"location\":" +
         point + "}}";
}

// The sample workflows on the sample city with its compounds, as `caseflow run` loads them: a
// parking report inside a compound goes to that compound's property company; one a little
// outside it goes to the grid, its history saying the property stage was passed over.
TEST(QuickStartSampleCity, AReportInsideACompoundGoesToItsPropertyCompany) {
  const citygen::City city = citygen::generate_city({});  // what the build wrote
  // The first compound's rectangle: its first and third corners, from its feature's line.
  const std::string& layer = city.compounds_geojson;
  const auto ring = layer.find("\"coordinates\":[[[");
  ASSERT_NE(ring, std::string::npos);
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  ASSERT_EQ(std::sscanf(layer.c_str() + ring + 17, "%lf,%lf],[%lf,%lf],[%lf,%lf]", &x0, &y0, &x1,
                        &y1, &x2, &y2),
            6);
  const double outside_lon = x0 - (x2 - x0) * 0.3;  // west of it, still in a grid

  ChildProcess engine({CASEFLOW_BINARY, "run", "--config", sample_city_config().string()});
  const auto bootstrap = testing::banner_value(engine, "bootstrap:", 60s);
  ASSERT_TRUE(bootstrap) << engine.output();
  const auto http = testing::banner_value(engine, "http:", 10s);
  ASSERT_TRUE(http) << engine.output();
  const std::string base = http->substr(0, http->rfind("/readyz"));

  const std::string reports =
      located_report("case-in", city.first_compound_lon, city.first_compound_lat) + "\n" +
      located_report("case-out", outside_lon, (y0 + y2) / 2);
  const auto produced =
      testing::run_command({"bash", "-c",
                            "printf '%s\\n' '" + reports + "' | kcat -b " + *bootstrap +
                                " -P -t caseflow.events -K: -z none -X partitioner=murmur2_random"},
                           30s);
  ASSERT_EQ(produced.exit_code, 0) << produced.output;

  std::string to_property;
  EXPECT_TRUE(testing::eventually(engine, 60s, [&] {
    to_property = testing::kcat_consume(*bootstrap, "caseflow.stage.property", "%k %s\\n");
    return to_property.find("caseflow.case.dispatched") != std::string::npos;
  })) << engine.output();
  EXPECT_EQ(to_property.rfind(city.first_compound_property + " {", 0), 0u)
      << "expected a dispatch keyed " << city.first_compound_property << ":\n"
      << to_property;
  EXPECT_NE(to_property.find("\"subject\":\"case-in\""), std::string::npos) << to_property;
  EXPECT_EQ(to_property.find("case-out"), std::string::npos) << to_property;

  std::string to_grid;
  EXPECT_TRUE(testing::eventually(engine, 60s, [&] {
    to_grid = testing::kcat_consume(*bootstrap, "caseflow.stage.grid", "%k %s\\n");
    return to_grid.find("\"subject\":\"case-out\"") != std::string::npos;
  })) << engine.output();
  EXPECT_EQ(to_grid.rfind("grid:G", 0), 0u) << to_grid;
  EXPECT_EQ(to_grid.find("case-in"), std::string::npos) << to_grid;

  auto read_case = [&](const std::string& id) {
    testing::HttpReply reply;
    EXPECT_TRUE(testing::eventually(engine, 30s,
                                    [&] {
                                      reply = testing::http_request(
                                          "GET", base, "/api/v1/cases/" + id, "",
                                          {{"Authorization", "Bearer sample-city-admin"}});
                                      return reply.status == 200;
                                    }))
        << reply.status << " " << reply.body;
    return reply.body;
  };
  const std::string inside = read_case("case-in");
  EXPECT_NE(inside.find("\"compound\":\"" + city.first_compound + "\""), std::string::npos)
      << inside;
  EXPECT_NE(inside.find(city.first_compound_property), std::string::npos) << inside;
  EXPECT_NE(inside.find("\"stage\":\"property\""), std::string::npos) << inside;
  const std::string outside = read_case("case-out");
  EXPECT_EQ(outside.find("\"compound\""), std::string::npos) << outside;
  EXPECT_NE(outside.find("skipped_outside_compound"), std::string::npos) << outside;
  EXPECT_NE(outside.find("\"stage\":\"grid\""), std::string::npos) << outside;

  engine.signal(SIGTERM);
  EXPECT_EQ(engine.wait_exit(10s), 0) << engine.output();
}

}  // namespace
}  // namespace caseflow
