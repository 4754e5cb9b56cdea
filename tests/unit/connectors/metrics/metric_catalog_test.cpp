// The catalog is the contract the dashboard, alerts and docs are checked against.
#include "connectors/metrics/metric_catalog.h"

#include <gtest/gtest.h>

#include <prometheus/check_names.h>

#include <algorithm>
#include <string>

#include "engine/core/metric_names.h"

namespace caseflow::metrics {
namespace {

TEST(MetricCatalog, DeclaresEveryNameTheEngineEmitsWithItsKind) {
  namespace m = core::metric;
  const std::pair<std::string_view, FamilyType> engine[] = {
      {m::kCasesClosed, FamilyType::counter},     {m::kCasesOpen, FamilyType::gauge},
      {m::kCasesOpened, FamilyType::counter},     {m::kDispatched, FamilyType::counter},
      {m::kEscalations, FamilyType::counter},     {m::kEvents, FamilyType::counter},
      {m::kRatedCases, FamilyType::counter},      {m::kReopens, FamilyType::counter},
      {m::kReturns, FamilyType::counter},         {m::kResponseAssessed, FamilyType::counter},
      {m::kResponseOnTime, FamilyType::counter},  {m::kUnratedCases, FamilyType::counter},
      {m::kSlaBreaches, FamilyType::counter},     {m::kSlaWarnings, FamilyType::counter},
      {m::kStageEntries, FamilyType::counter},    {m::kSupervisions, FamilyType::counter},
      {m::kTimeInStage, FamilyType::histogram},   {m::kTimeToSign, FamilyType::histogram},
      {m::kTimerLateness, FamilyType::histogram}, {m::kUnrouted, FamilyType::counter},
  };
  for (const auto& [name, type] : engine) {
    const FamilySpec* spec = find_family(name);
    ASSERT_NE(spec, nullptr) << name;
    EXPECT_EQ(spec->type, type) << name;
  }
}

TEST(MetricCatalog, NamesFollowPrometheusConventions) {
  const auto families = all_families();
  EXPECT_TRUE(std::is_sorted(families.begin(), families.end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));
  for (const FamilySpec& f : families) {
    EXPECT_TRUE(prometheus::CheckMetricName(std::string(f.name))) << f.name;
    EXPECT_TRUE(f.name.starts_with("caseflow_")) << f.name;
    EXPECT_EQ(f.type == FamilyType::counter, f.name.ends_with("_total")) << f.name;
    EXPECT_FALSE(f.help.empty()) << f.name;
    EXPECT_EQ(f.type == FamilyType::histogram, !f.buckets.empty()) << f.name;
    EXPECT_TRUE(std::is_sorted(f.buckets.begin(), f.buckets.end())) << f.name;
    for (auto label : f.labels) {
      EXPECT_TRUE(prometheus::CheckLabelName(std::string(label))) << f.name << " " << label;
      // One value per case or per grid would make the series count grow with the city.
      EXPECT_NE(label, "case") << f.name;
      EXPECT_NE(label, "case_id") << f.name;
      EXPECT_NE(label, "grid") << f.name;
      EXPECT_NE(label, "grid_id") << f.name;
    }
  }
}

TEST(MetricCatalog, TimeInStageSpansMinutesToWeeksAndLatenessMillisecondsToAnHour) {
  const FamilySpec* stage = find_family(core::metric::kTimeInStage);
  ASSERT_NE(stage, nullptr);
  EXPECT_LE(stage->buckets.front(), 60);
  EXPECT_GE(stage->buckets.back(), 14 * 86400);
  const FamilySpec* lateness = find_family(core::metric::kTimerLateness);
  ASSERT_NE(lateness, nullptr);
  EXPECT_EQ(lateness->buckets.front(), 0.001);
  EXPECT_EQ(lateness->buckets.back(), 3600);
}

}  // namespace
}  // namespace caseflow::metrics
