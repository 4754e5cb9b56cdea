// The live assessment counters exist at 0 for every unit of the directory before any case (a
// series born at 1 hides its first case from increase()), and the weights are gauges.
#include "connectors/metrics/assessment_series.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "connectors/metrics/metrics_registry.h"
#include "engine/core/metric_names.h"
#include "engine/geo/city_directory.h"
#include "tests/support/text_lines.h"

namespace caseflow::metrics {
namespace {

using caseflow::testing::has_line;

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

geo::CityDirectoryPtr city(const fs::path& boundaries, const fs::path& units) {
  Diagnostics problems;
  auto dir = geo::load_city_directory(boundaries.string(), read(boundaries), units.string(),
                                      read(units), problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return dir;
}

const fs::path kSource = CASEFLOW_SOURCE_DIR;

TEST(AssessmentSeries, EveryCommunityStreetDistrictAndDepartmentUnitWithItsStreets) {
  const auto dir = city(kSource / "tests/data/geo/fixture_city.geojson",
                        kSource / "tests/data/geo/fixture_units.yaml");
  ASSERT_NE(dir, nullptr);
  const std::vector<StreetUnit> pairs = assessment_label_pairs(dir.get());
  auto has = [&](std::string street, std::string unit) {
    return std::find(pairs.begin(), pairs.end(), StreetUnit{street, unit}) != pairs.end();
  };
  EXPECT_TRUE(has("S1", "community:C1"));
  EXPECT_TRUE(has("S1", "community:C2"));
  EXPECT_TRUE(has("S1", "street:S1"));
  EXPECT_TRUE(has("S1", "department:transport"));
  EXPECT_TRUE(has("S1", "power_company"));
  EXPECT_FALSE(has("S1", "community:C3")) << "C3 lies in S2";
  for (const StreetUnit& p : pairs) EXPECT_FALSE(p.unit.starts_with("grid:")) << p.unit;
  EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end()));
  EXPECT_TRUE(assessment_label_pairs(nullptr).empty());
}

TEST(AssessmentSeries, DeclaredSeriesStartAtZeroAndObservationsAddToThem) {
  MetricsRegistry registry;
  const StreetUnit pairs[] = {{"S1", "community:C1"}};
  registry.declare_assessment_series(pairs);
  std::string text = registry.text();
  for (const char* family : {"caseflow_dispatched_total", "caseflow_response_assessed_total",
                             "caseflow_response_on_time_total", "caseflow_unrated_cases_total"})
    EXPECT_TRUE(has_line(text, std::string(family) + R"({street="S1",unit="community:C1"} 0)"))
        << family << "\n"
        << text;
  EXPECT_TRUE(has_line(
      text,
      R"(caseflow_rated_cases_total{satisfaction="no_answer",solved="partly",street="S1",unit="community:C1"} 0)"))
      << text;
  core::MetricObservation m;
  m.name = core::metric::kResponseAssessed;
  m.label_count = 2;
  m.labels[0] = {"street", "S1"};
  m.labels[1] = {"unit", "community:C1"};
  registry.engine_metric(m);
  registry.declare_assessment_series(pairs);  // again (a reload): the count stays
  text = registry.text();
  EXPECT_TRUE(
      has_line(text, R"(caseflow_response_assessed_total{street="S1",unit="community:C1"} 1)"))
      << text;
}

TEST(AssessmentSeries, TheWeightsAreGaugesByPart) {
  MetricsRegistry registry;
  assessment::Weights w;
  w.partly = 0.6;
  w.score_response = 20;
  registry.set_assessment_weights(w);
  const std::string text = registry.text();
  EXPECT_TRUE(has_line(text, R"(caseflow_assessment_weight{part="partly"} 0.6)")) << text;
  EXPECT_TRUE(has_line(text, R"(caseflow_assessment_weight{part="score_response"} 20)")) << text;
  for (const char* part : {"solved", "not_solved", "satisfied", "basically", "unsatisfied",
                           "score_resolution", "score_satisfaction"})
    EXPECT_NE(text.find(std::string(R"(caseflow_assessment_weight{part=")") + part + "\"}"),
              std::string::npos)
        << part;
}

// The size docs/operations.md quotes for the sample city (811 communities, 81 streets, 9
// districts, 8 departments): measured when the city has been built (target caseflow_city).
// Every pair has 16 series: dispatched, response assessed and on time, unrated, and 12 rated.
TEST(AssessmentSeries, TheSampleCitysMetricsStayAFewMegabytes) {
  // Where config/caseflow.yaml expects it, or CASEFLOW_SAMPLE_CITY=<grids.geojson>.
  const char* given = std::getenv("CASEFLOW_SAMPLE_CITY");
  const fs::path file = given ? fs::path(given) : kSource / "build/release/city/grids.geojson";
  if (!fs::exists(file)) GTEST_SKIP() << "no sample city at " << file << " (caseflow_city)";
  const auto dir = city(file, kSource / "config/units.yaml");
  ASSERT_NE(dir, nullptr);
  MetricsRegistry registry;
  const auto pairs = assessment_label_pairs(dir.get());
  registry.declare_assessment_series(pairs);
  const std::string text = registry.text();
  size_t series = 0;
  for (char c : text) series += c == '\n';
  std::cout << pairs.size() << " (street, unit) pairs, " << text.size() << " bytes of /metrics, "
            << series << " lines\n";
  EXPECT_EQ(pairs.size(), 811u + 81u + 81u + 8u * 81u);
  EXPECT_LT(text.size(), 4'000'000u);
}

}  // namespace
}  // namespace caseflow::metrics
