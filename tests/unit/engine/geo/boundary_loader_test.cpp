// Bad boundary files: what is repaired, what is refused, and how it is reported.
#include "engine/geo/boundary_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/unit/engine/geo/fixture.h"

namespace caseflow::geo {
namespace {

using ::testing::HasSubstr;

std::string feature(const std::string& grid, const std::string& community,
                    const std::string& geometry_type, const std::string& coordinates,
                    const std::string& street = "S1") {
  std::string props =
      "\"grid_id\": \"" + grid + "\", \"street_id\": \"" + street + "\", \"district_id\": \"D1\"";
  if (!community.empty()) props += ", \"community_id\": \"" + community + "\"";
  return "{\"type\": \"Feature\", \"properties\": {" + props + "},\n \"geometry\": {\"type\": \"" +
         geometry_type + "\", \"coordinates\": " + coordinates + "}}";
}

std::string collection(const std::vector<std::string>& features) {
  std::string s = "{\"type\": \"FeatureCollection\", \"features\": [\n";
  for (std::size_t i = 0; i < features.size(); ++i) s += (i ? ",\n" : "") + features[i];
  return s + "\n]}\n";
}

// The unit square [x, x+1] x [0, 1], scaled to 0.01 degrees, counter-clockwise and closed.
std::string square(int x) {
  auto lon = [x](int dx) { return std::to_string(120 + (x + dx) * 0.01); };
  return "[[[" + lon(0) + ", 30.0], [" + lon(1) + ", 30.0], [" + lon(1) + ", 30.01], [" + lon(0) +
         ", 30.01], [" + lon(0) + ", 30.0]]]";
}

struct Loaded {
  GridMapPtr map;
  Diagnostics problems;
  Diagnostics repairs;
  std::string text() const { return testing::all(problems); }
};

Loaded load(const std::string& text) {
  Loaded r;
  r.map = load_boundaries("city.geojson", text, r.problems, &r.repairs);
  return r;
}

TEST(BoundaryLoader, LoadsTheFixtureCityCleanly) {
  Loaded r = load(testing::fixture_city_text());
  ASSERT_NE(r.map, nullptr) << r.text();
  EXPECT_TRUE(r.problems.empty());
  EXPECT_TRUE(r.repairs.empty());
  EXPECT_EQ(r.map->size(), 5u);
}

TEST(BoundaryLoader, ClosesAnUnclosedRing) {
  Loaded r = load(
      collection({feature("G1", "C1", "Polygon",
                          "[[[120.0, 30.0], [120.01, 30.0], [120.01, 30.01], [120.0, 30.01]]]")}));
  ASSERT_NE(r.map, nullptr) << r.text();
  ASSERT_EQ(r.repairs.size(), 1u);
  EXPECT_THAT(r.repairs[0].to_string(), HasSubstr("feature 0 (grid G1)"));
  EXPECT_THAT(r.repairs[0].message, HasSubstr("not closed"));
  EXPECT_EQ(r.repairs[0].line, 2);
  EXPECT_NE(r.map->locate({120.005, 30.005}), nullptr);
}

TEST(BoundaryLoader, ReversesWrongWindingOfOuterRingsAndHoles) {
  // Clockwise outer ring with a counter-clockwise hole: both reversed, the hole still a hole.
  Loaded r = load(collection({feature(
      "G1", "C1", "Polygon",
      "[[[120.0, 30.0], [120.0, 30.03], [120.03, 30.03], [120.03, 30.0], [120.0, 30.0]],"
      " [[120.01, 30.01], [120.02, 30.01], [120.02, 30.02], [120.01, 30.02], [120.01, 30.01]]]")}));
  ASSERT_NE(r.map, nullptr) << r.text();
  ASSERT_EQ(r.repairs.size(), 2u);
  EXPECT_THAT(r.repairs[0].message, HasSubstr("outer ring was clockwise"));
  EXPECT_THAT(r.repairs[1].message, HasSubstr("hole was counter-clockwise"));
  EXPECT_NE(r.map->locate({120.005, 30.005}), nullptr);
  EXPECT_EQ(r.map->locate({120.015, 30.015}), nullptr);
}

TEST(BoundaryLoader, RefusesASelfIntersectingPolygonNamingTheFeature) {
  const std::string bowtie =
      "[[[120.02, 30.0], [120.03, 30.01], [120.03, 30.0], [120.02, 30.01], [120.02, 30.0]]]";
  Loaded r = load(collection(
      {feature("G1", "C1", "Polygon", square(0)), feature("G2", "C1", "Polygon", bowtie)}));
  EXPECT_EQ(r.map, nullptr);
  ASSERT_EQ(r.problems.size(), 1u) << r.text();
  EXPECT_THAT(r.problems[0].to_string(), HasSubstr("city.geojson:4:1: error: feature 1 (grid G2)"));
  EXPECT_THAT(r.problems[0].message, HasSubstr("self-intersection"));
}

TEST(BoundaryLoader, RefusesOverlappingGrids) {
  const std::string shifted =
      "[[[120.005, 30.0], [120.015, 30.0], [120.015, 30.01], [120.005, 30.01], [120.005, 30.0]]]";
  Loaded r = load(collection({feature("G1", "C1", "Polygon", square(0)),
                              feature("G2", "C1", "Polygon", square(1)),
                              feature("G3", "C1", "Polygon", shifted)}));
  EXPECT_EQ(r.map, nullptr);
  ASSERT_EQ(r.problems.size(), 2u) << r.text();
  EXPECT_THAT(r.text(), HasSubstr("feature 2 (grid G3): overlaps grid G1 (feature 0)"));
  EXPECT_THAT(r.text(), HasSubstr("feature 2 (grid G3): overlaps grid G2 (feature 1)"));
}

TEST(BoundaryLoader, NeighboursSharingAnEdgeDoNotOverlap) {
  Loaded r = load(collection(
      {feature("G1", "C1", "Polygon", square(0)), feature("G2", "C1", "Polygon", square(1))}));
  EXPECT_NE(r.map, nullptr) << r.text();
}

TEST(BoundaryLoader, RefusesAGridWithoutACommunity) {
  Loaded r = load(collection({feature("G1", "", "Polygon", square(0))}));
  EXPECT_EQ(r.map, nullptr);
  ASSERT_EQ(r.problems.size(), 1u) << r.text();
  EXPECT_THAT(
      r.problems[0].message,
      HasSubstr("feature 0 (grid G1): grid without a community: property \"community_id\""));
}

TEST(BoundaryLoader, RefusesDuplicateIdsAndInconsistentHierarchy) {
  Loaded r = load(collection({feature("G1", "C1", "Polygon", square(0)),
                              feature("G1", "C1", "Polygon", square(1)),
                              feature("G3", "C1", "Polygon", square(2), "S2")}));
  EXPECT_EQ(r.map, nullptr);
  EXPECT_THAT(r.text(), HasSubstr("feature 1 (grid G1): duplicate grid id (also feature 0)"));
  EXPECT_THAT(r.text(),
              HasSubstr("community C1 is put in street S2 here but in street S1 by feature 0"));
}

TEST(BoundaryLoader, RefusesTooFewPointsAndBadPositions) {
  Loaded r = load(collection(
      {feature("G1", "C1", "Polygon", "[[[120.0, 30.0], [120.01, 30.0], [120.0, 30.0]]]"),
       feature("G2", "C1", "Polygon", "[[[120.0, 30.0], [\"east\", 30.0], [120.0, 30.01]]]"),
       feature("G3", "C1", "Polygon", "[[[120.0, 30.0], [200.0, 30.0], [120.0, 30.01]]]")}));
  EXPECT_EQ(r.map, nullptr);
  ASSERT_EQ(r.problems.size(), 3u) << r.text();
  EXPECT_THAT(r.problems[0].message, HasSubstr("at least 3 distinct points"));
  EXPECT_THAT(r.problems[1].message, HasSubstr("[lon, lat] of numbers"));
  EXPECT_THAT(r.problems[2].message, HasSubstr("is not a longitude/latitude"));
}

TEST(BoundaryLoader, RefusesOtherGeometryTypes) {
  Loaded r = load(collection({feature("G1", "C1", "Point", "[120.0, 30.0]")}));
  EXPECT_EQ(r.map, nullptr);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_THAT(r.problems[0].message, HasSubstr("\"Point\" is not supported"));
}

TEST(BoundaryLoader, ReportsWhereJsonBreaks) {
  Loaded r = load("{\"type\": \"FeatureCollection\",\n \"features\": [ {\"type\": } ]}");
  EXPECT_EQ(r.map, nullptr);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 2);
  EXPECT_THAT(r.problems[0].message, HasSubstr("not valid JSON"));
}

TEST(BoundaryLoader, RefusesSomethingThatIsNotAFeatureCollection) {
  EXPECT_EQ(load("[1, 2]").map, nullptr);
  EXPECT_EQ(load("{\"type\": \"FeatureCollection\", \"features\": []}").map, nullptr);
}

TEST(BoundaryLoader, AFailedReloadLeavesTheCallerWithItsOldMap) {
  // Reload is the caller's swap: only a successful load replaces what readers use.
  GridMapPtr current = load(testing::fixture_city_text()).map;
  ASSERT_NE(current, nullptr);
  // A file whose only grid lies over the fixture's G01 but has no community: refused.
  Loaded bad = load(collection({feature("G1", "", "Polygon", square(0))}));
  EXPECT_EQ(bad.map, nullptr) << "a file with an error must give the caller nothing to swap in";
  ASSERT_EQ(bad.problems.size(), 1u) << bad.text();
  EXPECT_THAT(bad.problems[0].to_string(), HasSubstr("city.geojson:"));
  EXPECT_THAT(bad.problems[0].message, HasSubstr("community_id"));
  // The map in use still answers as before: the failed load did not touch it.
  EXPECT_EQ(current->size(), 5u);
  const Grid* here = current->locate({120.005, 30.005});
  ASSERT_NE(here, nullptr);
  EXPECT_EQ(here->place.grid_id, "G01");
}

}  // namespace
}  // namespace caseflow::geo
