// Point -> grid on the hand-made fixture city (tests/data/geo/fixture_city.geojson):
//
//   30.02 +-----------------------+-----------+           G01, G02: squares, community C1
//         |  G03      +--------+  |           |           G03: square ring around a pond (hole)
//         |   hole -> |  G04   |  |   G04     |  (gap:    G04: MultiPolygon: a block east of G03
//   30.01 +-----------+-+------+--+-----------+  no grid)      and an island in G03's pond
//         |    G01    |    G02    |   G04     |   G05     G05: another district
//   30.00 +-----------+-----------+-----------+---------+
//      120.00      120.01      120.02      120.03    120.04
#include <limits>

#include <gtest/gtest.h>

#include "engine/geo/boundary_loader.h"
#include "tests/unit/engine/geo/fixture.h"

namespace caseflow::geo {
namespace {

class GridLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics problems, repairs;
    map_ =
        load_boundaries("fixture_city.geojson", testing::fixture_city_text(), problems, &repairs);
    ASSERT_NE(map_, nullptr) << testing::all(problems);
    EXPECT_TRUE(repairs.empty()) << testing::all(repairs);
  }
  std::string grid_at(double lon, double lat) const {
    const Grid* g = map_->locate({lon, lat});
    return g ? g->place.grid_id : "unplaced";
  }
  GridMapPtr map_;
};

TEST_F(GridLookup, InteriorPointsLandInTheirGrids) {
  EXPECT_EQ(grid_at(120.005, 30.005), "G01");
  EXPECT_EQ(grid_at(120.015, 30.005), "G02");
  EXPECT_EQ(grid_at(120.002, 30.019), "G03");
  EXPECT_EQ(grid_at(120.025, 30.015), "G04");
  EXPECT_EQ(grid_at(120.035, 30.005), "G05");
}

TEST_F(GridLookup, APlaceCarriesItsCommunityStreetAndDistrict) {
  const Grid* g = map_->locate({120.025, 30.015});
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->place.community_id, "C3");
  EXPECT_EQ(g->place.street_id, "S2");
  EXPECT_EQ(g->place.district_id, "D1");
  EXPECT_EQ(g->names.grid, "Mill and Island");
  EXPECT_EQ(map_->name_of(definition::Level::street, "S2"), "River Street");
}

TEST_F(GridLookup, SharedBoundaryGoesToTheLowestGridId) {
  // G02 comes before G01 in the file: the rule is by id, not by file order.
  EXPECT_EQ(grid_at(120.01, 30.005), "G01");  // G01 | G02 edge
  EXPECT_EQ(grid_at(120.01, 30.01), "G01");   // corner of G01, G02, G03
  EXPECT_EQ(grid_at(120.015, 30.01), "G02");  // G02 | G03 edge
  EXPECT_EQ(grid_at(120.02, 30.005), "G02");  // G02 | G04 edge
  EXPECT_EQ(grid_at(120.02, 30.015), "G03");  // G03 | G04 edge
  EXPECT_EQ(grid_at(120.03, 30.005), "G04");  // G04 | G05 edge
}

TEST_F(GridLookup, OuterBoundaryBelongsToTheGrid) {
  EXPECT_EQ(grid_at(120.00, 30.005), "G01");
  EXPECT_EQ(grid_at(120.00, 30.00), "G01");
  EXPECT_EQ(grid_at(120.04, 30.01), "G05");
}

TEST_F(GridLookup, HoleIsOutsideItsGrid) {
  EXPECT_EQ(grid_at(120.006, 30.015), "unplaced");  // the pond, beside the island
  EXPECT_EQ(grid_at(120.005, 30.015), "G03");       // the pond's shore is G03's boundary
}

TEST_F(GridLookup, IslandOfAMultiPolygonInsideAnotherGridsHole) {
  EXPECT_EQ(grid_at(120.01, 30.015), "G04");
  EXPECT_EQ(grid_at(120.008, 30.015), "G04");  // island shore: G03 does not cover it
}

TEST_F(GridLookup, PointsOutsideEveryGridAreUnplaced) {
  EXPECT_EQ(grid_at(119.99, 30.005), "unplaced");
  EXPECT_EQ(grid_at(120.035, 30.015), "unplaced");  // the gap north of G05
  EXPECT_EQ(grid_at(0, 0), "unplaced");
}

TEST_F(GridLookup, FindsGridsByIdAndListsPlaces) {
  ASSERT_NE(map_->find("G03"), nullptr);
  EXPECT_EQ(map_->find("G03")->place.community_id, "C2");
  EXPECT_EQ(map_->find("G99"), nullptr);
  EXPECT_EQ(map_->size(), 5u);
  EXPECT_EQ(map_->place_ids(definition::Level::community),
            (std::vector<std::string>{"C1", "C2", "C3", "C4"}));
  EXPECT_TRUE(map_->has_place(definition::Level::district, "D2"));
  EXPECT_FALSE(map_->has_place(definition::Level::district, "D3"));
}

}  // namespace
}  // namespace caseflow::geo

namespace caseflow::geo {
namespace {

// 40 sheared strips that tile a parallelogram: every strip's envelope holds the middle point, so
// a lookup there has more candidates than the lookup keeps inline.
std::string sheared_strips() {
  auto pos = [](double x, double y) {
    return "[" + std::to_string(120 + x * 0.001) + ", " + std::to_string(30 + y * 0.001) + "]";
  };
  std::string s = "{\"type\": \"FeatureCollection\", \"features\": [\n";
  for (int k = 0; k < 40; ++k) {
    const std::string id = (k < 10 ? "G0" : "G") + std::to_string(k);
    s += std::string(k ? ",\n" : "") + "{\"type\": \"Feature\", \"properties\": {\"grid_id\": \"" +
         id +
         "\", \"community_id\": \"C1\", \"street_id\": \"S1\", \"district_id\": \"D1\"}, "
         "\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[" +
         pos(k, 0) + ", " + pos(k + 1, 0) + ", " + pos(k + 41, 40) + ", " + pos(k + 40, 40) + ", " +
         pos(k, 0) + "]]}}";
  }
  return s + "\n]}\n";
}

TEST(GridLookupManyCandidates, PicksTheRightGridAmongMoreThanThirtyTwoEnvelopes) {
  Diagnostics problems;
  GridMapPtr map = load_boundaries("strips.geojson", sheared_strips(), problems);
  ASSERT_NE(map, nullptr) << testing::all(problems);
  const Grid* g = map->locate({120 + 40.5 * 0.001, 30 + 20 * 0.001});
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->place.grid_id, "G20");
}

TEST(GridLookupManyCandidates, NonFiniteCoordinatesAreUnplaced) {
  Diagnostics problems;
  GridMapPtr map = load_boundaries("fixture_city.geojson", testing::fixture_city_text(), problems);
  ASSERT_NE(map, nullptr);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(map->locate({nan, 30.005}), nullptr);
  EXPECT_EQ(map->locate({120.005, inf}), nullptr);
  EXPECT_EQ(map->locate(to_wgs84({nan, nan}, Datum::gcj02)), nullptr);
}

}  // namespace
}  // namespace caseflow::geo
