// The PlaceDirectory the engine core routes with, on the fixture city and its unit directory.
#include "engine/geo/city_directory.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/geo/unit_loader.h"
#include "tests/unit/engine/geo/fixture.h"

namespace caseflow::geo {
namespace {

using definition::Level;
using ::testing::HasSubstr;

class CityDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Diagnostics problems;
    city_ = load_city_directory("fixture_city.geojson", testing::fixture_city_text(),
                                "fixture_units.yaml", testing::fixture_units_text(), problems);
    ASSERT_NE(city_, nullptr) << testing::all(problems);
    directory_ = city_;
  }
  CityDirectoryPtr city_;
  PlaceDirectoryPtr directory_;  // used through the interface, as the core does
};

TEST_F(CityDirectoryTest, RoutesAReportThatHasOnlyCoordinatesToItsGridUnit) {
  const std::optional<Place> place = directory_->locate(30.005, 120.015, Datum::wgs84);
  ASSERT_TRUE(place.has_value());
  EXPECT_EQ(place->grid_id, "G02");
  EXPECT_EQ(directory_->unit_for(Level::grid, *place), "grid:G02");
  EXPECT_EQ(directory_->unit_for(Level::community, *place), "community:C1");
  EXPECT_EQ(directory_->unit_for(Level::street, *place), "street:S1");
  EXPECT_EQ(directory_->unit_for(Level::district, *place), "district:D1");
}

TEST_F(CityDirectoryTest, OverridesReplaceTheRule) {
  const std::optional<Place> far = directory_->place_of_grid("G05");
  ASSERT_TRUE(far.has_value());
  EXPECT_EQ(far->community_id, "C4");
  EXPECT_EQ(directory_->unit_for(Level::grid, *far), "community:C4");
  EXPECT_EQ(directory_->unit_for(Level::street, *far), "district:D2");
}

TEST_F(CityDirectoryTest, CoordinatesFromChineseMapAppsAreConvertedBeforeLookup) {
  // A WGS-84 point near G01's east edge; its GCJ-02 form is ~500 m east, inside another grid.
  const LonLat wgs{120.008, 30.005};
  const LonLat gcj = wgs84_to_gcj02(wgs);
  const LonLat bd = gcj02_to_bd09(gcj);
  const std::optional<Place> naive = directory_->locate(gcj.lat, gcj.lon, Datum::wgs84);
  ASSERT_TRUE(naive.has_value());
  EXPECT_NE(naive->grid_id, "G01");  // taking GCJ-02 for WGS-84 picks the wrong grid

  const std::optional<Place> from_gcj = directory_->locate(gcj.lat, gcj.lon, Datum::gcj02);
  ASSERT_TRUE(from_gcj.has_value());
  EXPECT_EQ(from_gcj->grid_id, "G01");
  const std::optional<Place> from_bd = directory_->locate(bd.lat, bd.lon, Datum::bd09);
  ASSERT_TRUE(from_bd.has_value());
  EXPECT_EQ(from_bd->grid_id, "G01");
}

TEST_F(CityDirectoryTest, UnplacedAndUnknownGiveNothing) {
  EXPECT_EQ(directory_->locate(30.015, 120.006, Datum::wgs84), std::nullopt);  // the pond
  EXPECT_EQ(directory_->place_of_grid("G99"), std::nullopt);
  EXPECT_EQ(directory_->unit_for(Level::grid, Place{"G99", "C1", "S1", "D1"}), std::nullopt);
  EXPECT_EQ(directory_->unit_for(Level::department, Place{"G01", "C1", "S1", "D1"}), std::nullopt);
}

TEST_F(CityDirectoryTest, DepartmentsByCode) {
  EXPECT_EQ(directory_->department_unit("transport"), "department:transport");
  EXPECT_EQ(directory_->department_unit("power"), "power_company");
  EXPECT_EQ(directory_->department_unit("water"), std::nullopt);
  ASSERT_NE(city_->department("power"), nullptr);
  EXPECT_EQ(city_->department("power")->topic, "caseflow.dept.power_grid");
}

TEST_F(CityDirectoryTest, KnowsWhichUnitsExist) {
  EXPECT_TRUE(city_->has_unit("grid:G01"));
  EXPECT_FALSE(city_->has_unit("grid:G05"));  // overridden: G05 is handled by its community
  EXPECT_TRUE(city_->has_unit("community:C4"));
  EXPECT_TRUE(city_->has_unit("district:D2"));
  EXPECT_TRUE(city_->has_unit("department:transport"));
  EXPECT_TRUE(city_->has_unit("power_company"));
  EXPECT_TRUE(city_->has_unit("dispatcher"));
  EXPECT_FALSE(city_->has_unit("street:S9"));
}

TEST(CityDirectoryBuild, RefusesOverridesForPlacesTheCityDoesNotHave) {
  Diagnostics problems;
  CityDirectoryPtr city = load_city_directory(
      "fixture_city.geojson", testing::fixture_city_text(), "units.yaml",
      "levels:\n  community:\n    overrides:\n      C9: dispatcher\n", problems);
  EXPECT_EQ(city, nullptr);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].to_string(),
            "units.yaml:4:7: error: override for unknown community \"C9\" (not in the boundaries)");
}

}  // namespace
}  // namespace caseflow::geo
