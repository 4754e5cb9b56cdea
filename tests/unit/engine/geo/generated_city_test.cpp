// The synthetic sample city (tools/citygen): 16,000+ valid grids that tile without overlaps, a
// matching unit directory, and the committed config/units.yaml is exactly its output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/geometry/algorithms/centroid.hpp>
#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/is_valid.hpp>
#include <boost/geometry/algorithms/point_on_surface.hpp>

#include "engine/geo/city_directory.h"
#include "tests/unit/engine/geo/fixture.h"
#include "tools/citygen/city_generator.h"

namespace caseflow::geo {
namespace {

namespace bg = boost::geometry;
using definition::Level;

class GeneratedCity : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    city_ = new citygen::City(citygen::generate_city({}));
    Diagnostics problems, repairs;
    // The full overlap check: every pair of neighbouring grids, not a sample.
    CityDirectoryPtr loaded = load_city_directory(
        "grids.geojson", city_->grids_geojson, "units.yaml", city_->units_yaml, problems, &repairs);
    if (loaded) directory_ = new CityDirectoryPtr(std::move(loaded));
    problems_ = new Diagnostics(problems);
    repairs_ = new Diagnostics(repairs);
  }
  static void TearDownTestSuite() {
    delete city_;
    delete directory_;
    delete problems_;
    delete repairs_;
  }
  static const CityDirectory& dir() { return **directory_; }

  static citygen::City* city_;
  static CityDirectoryPtr* directory_;
  static Diagnostics* problems_;
  static Diagnostics* repairs_;
};

citygen::City* GeneratedCity::city_ = nullptr;
CityDirectoryPtr* GeneratedCity::directory_ = nullptr;
Diagnostics* GeneratedCity::problems_ = nullptr;
Diagnostics* GeneratedCity::repairs_ = nullptr;

TEST_F(GeneratedCity, LoadsWithoutProblemsOrRepairs) {
  ASSERT_NE(directory_, nullptr) << testing::all(*problems_);
  EXPECT_TRUE(problems_->empty()) << testing::all(*problems_);
  EXPECT_TRUE(repairs_->empty()) << testing::all(*repairs_);
}

TEST_F(GeneratedCity, HasTheSizeOfARealCity) {
  ASSERT_NE(directory_, nullptr);
  EXPECT_GE(city_->grids, 16000);
  EXPECT_EQ(dir().grids().size(), static_cast<std::size_t>(city_->grids));
  const double per_community = static_cast<double>(city_->grids) / city_->communities;
  EXPECT_GT(per_community, 15);
  EXPECT_LT(per_community, 25);
  const double per_street = static_cast<double>(city_->communities) / city_->streets;
  EXPECT_GT(per_street, 7);
  EXPECT_LT(per_street, 13);
  EXPECT_GE(city_->districts, 5);
  EXPECT_EQ(dir().grids().place_ids(Level::community).size(),
            static_cast<std::size_t>(city_->communities));
}

TEST_F(GeneratedCity, EveryGridIsValidAndItsCentreIsLocatedBackInIt) {
  ASSERT_NE(directory_, nullptr);
  int centroid_outside = 0;
  for (const Grid& g : dir().grids().grids()) {
    ASSERT_TRUE(bg::is_valid(g.shape)) << g.place.grid_id;
    Point centre;
    bg::centroid(g.shape, centre);
    if (!bg::covered_by(centre, g.shape)) {  // possible for a non-convex grid; count, then
      ++centroid_outside;                    // use a point that is surely inside
      bg::point_on_surface(g.shape, centre);
    }
    const Grid* found = dir().grids().locate({centre.x(), centre.y()});
    ASSERT_NE(found, nullptr) << g.place.grid_id;
    EXPECT_EQ(found->place.grid_id, g.place.grid_id);
  }
  EXPECT_LT(centroid_outside, 10);
}

TEST_F(GeneratedCity, TheLakeIsUnplacedAndItsShoreHasTheScenicAreaUnit) {
  ASSERT_NE(directory_, nullptr);
  EXPECT_EQ(dir().locate(city_->lake_lat, city_->lake_lon, Datum::wgs84), std::nullopt);
  const auto& shore = dir().units().level(Level::grid).overrides;
  ASSERT_FALSE(shore.empty());
  const std::optional<Place> p = dir().place_of_grid(shore.begin()->first);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(dir().unit_for(Level::grid, *p), "scenic_area:lake");
  EXPECT_TRUE(dir().has_unit("scenic_area:lake"));
}

TEST_F(GeneratedCity, HasEveryCityDepartmentTheWorkflowsName) {
  ASSERT_NE(directory_, nullptr);
  for (const char* code : {"transport", "urban_management", "housing", "power", "environment",
                           "public_security", "water", "market_regulation"}) {
    EXPECT_EQ(dir().department_unit(code), "department:" + std::string(code));
    ASSERT_NE(dir().department(code), nullptr);
    EXPECT_EQ(dir().department(code)->topic, "caseflow.dept." + std::string(code));
  }
}

TEST_F(GeneratedCity, IsDeterministic) {
  const citygen::City again = citygen::generate_city({});
  EXPECT_TRUE(again.grids_geojson == city_->grids_geojson);
  EXPECT_EQ(again.units_yaml, city_->units_yaml);
  citygen::CityParams other;
  other.seed = 7;
  EXPECT_FALSE(citygen::generate_city(other).grids_geojson == city_->grids_geojson);
}

TEST_F(GeneratedCity, CommittedUnitDirectoryIsTheGeneratorsOutput) {
  // config/units.yaml is what `caseflow_citygen` writes with the default seed; regenerate it with
  // `caseflow_citygen --out /tmp/city && cp /tmp/city/units.yaml config/units.yaml`.
  EXPECT_EQ(testing::read_source_file("config/units.yaml"), city_->units_yaml);
}

}  // namespace
}  // namespace caseflow::geo
