// The residential compound layer: what it answers, what it refuses, and how it is reported
// (FILE:LINE:COL and the feature's index and id), alone and against the grids and units.
#include "engine/geo/compound_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/geo/city_directory.h"
#include "tests/unit/engine/geo/fixture.h"

namespace caseflow::geo {
namespace {

using ::testing::HasSubstr;

// A compound over [x0, x1] x [30.000, 30.004] (degrees east, 120 + x / 1000).
std::string compound(const std::string& id, int x0, int x1, const std::string& extra = "",
                     const std::string& community = "c1") {
  auto lon = [](int x) { return std::to_string(120 + x / 1000.0); };
  return "{\"type\": \"Feature\", \"properties\": {\"compound_id\": \"" + id +
         "\", \"community_id\": \"" + community + "\", \"property_unit\": \"property:P1\"" + extra +
         "},\n \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[" + lon(x0) +
         ", 30.001], [" + lon(x1) + ", 30.001], [" + lon(x1) + ", 30.004], [" + lon(x0) +
         ", 30.004], [" + lon(x0) + ", 30.001]]]}}";
}

std::string layer(const std::vector<std::string>& features) {
  std::string s = "{\"type\": \"FeatureCollection\", \"features\": [\n";
  for (std::size_t i = 0; i < features.size(); ++i) s += (i ? ",\n" : "") + features[i];
  return s + "\n]}\n";
}

TEST(CompoundLayer, APointFindsItsCompoundAndASharedEdgeGoesToTheLowestId) {
  Diagnostics problems;
  const CompoundMapPtr map = load_compounds(
      "compounds.geojson",
      layer({compound("Q2", 4, 6), compound("Q1", 1, 4, ", \"red_property\": true")}), problems);
  ASSERT_NE(map, nullptr) << testing::all(problems);
  ASSERT_EQ(map->size(), 2u);
  EXPECT_EQ(map->locate({120.002, 30.002})->id, "Q1");
  EXPECT_EQ(map->locate({120.005, 30.002})->id, "Q2");
  EXPECT_EQ(map->locate({120.004, 30.002})->id, "Q1");  // on the edge both share
  EXPECT_EQ(map->locate({120.008, 30.002}), nullptr);   // in no compound
  const Compound* q1 = map->find("Q1");
  ASSERT_NE(q1, nullptr);
  EXPECT_TRUE(q1->red_property_model);
  EXPECT_FALSE(map->find("Q2")->red_property_model);
  EXPECT_EQ(q1->owners_unit, "owners:Q1");  // the default
  EXPECT_EQ(q1->property_unit, "property:P1");
}

TEST(CompoundLayer, BadFeaturesAreReportedWithTheirIndexIdAndPosition) {
  Diagnostics problems;
  const std::string text =
      layer({compound("Q1", 1, 3), compound("Q2", 4, 6, ", \"owners_unit\": \"committee:Q2\""),
             compound("Q1", 7, 8), compound("Q3", 2, 5),
             compound("Q4", 8, 9, ", \"red_property\": \"yes\"", "")});
  EXPECT_EQ(load_compounds("compounds.geojson", text, problems), nullptr);
  const std::string all = testing::all(problems);
  EXPECT_THAT(all, HasSubstr("compounds.geojson:4:1: error: feature 1 (compound Q2): property "
                             "\"owners_unit\" is \"committee:Q2\"; it must be a unit id beginning "
                             "with \"owners:\""));
  EXPECT_THAT(all, HasSubstr("feature 2 (compound Q1): duplicate compound id (also feature 0)"));
  EXPECT_THAT(all, HasSubstr("feature 3 (compound Q3): overlaps compound Q1 (feature 0)"));
  EXPECT_THAT(all, HasSubstr("feature 4 (compound Q4): compound without a community"));
  EXPECT_THAT(all, HasSubstr("feature 4 (compound Q4): property \"red_property\" must be true or "
                             "false"));
  Diagnostics more;
  EXPECT_EQ(load_compounds("c.geojson",
                           layer({"{\"type\": \"Feature\", \"properties\": {\"compound_id\": "
                                  "\"Q9\", \"community_id\": \"c1\", \"property_unit\": "
                                  "\"P9\"}, \"geometry\": null}"}),
                           more),
            nullptr);
  EXPECT_THAT(testing::all(more), HasSubstr("it must be a unit id beginning with \"property:\""));
}

// The compounds against the test city: g1 [120.00, 120.01] and g3 [120.01, 120.02] along 30.00 -
// 30.01 in communities C1 and C2 of the fixture units.
TEST(CompoundLayer, TheCityRefusesCompoundsThatDoNotFitItsGridsOrUnits) {
  const std::string grids = R"({"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"grid_id": "g1", "community_id": "c1", "street_id": "s1",
     "district_id": "d1"}, "geometry": {"type": "Polygon", "coordinates": [[[120.00, 30.00],
     [120.01, 30.00], [120.01, 30.01], [120.00, 30.01], [120.00, 30.00]]]}},
    {"type": "Feature", "properties": {"grid_id": "g3", "community_id": "c2", "street_id": "s1",
     "district_id": "d1"}, "geometry": {"type": "Polygon", "coordinates": [[[120.01, 30.00],
     [120.02, 30.00], [120.02, 30.01], [120.01, 30.01], [120.01, 30.00]]]}}]})";
  const std::string units = "units:\n  - id: \"property:P1\"\n    name: \"P1\"\n";
  Diagnostics ok_problems;
  const CityDirectoryPtr ok =
      load_city_directory("g.geojson", grids, "u.yaml", units, ok_problems, nullptr, {},
                          CompoundSource{"q.geojson", layer({compound("Q1", 1, 4)})});
  ASSERT_NE(ok, nullptr) << testing::all(ok_problems);
  const auto inside = ok->locate(30.002, 120.002, Datum::wgs84);
  ASSERT_TRUE(inside);
  EXPECT_EQ(inside->compound_id, "Q1");
  EXPECT_EQ(ok->unit_for(definition::Level::property, *inside), "property:P1");
  EXPECT_EQ(ok->owners_unit(*inside), "owners:Q1");
  EXPECT_EQ(ok->locate(30.008, 120.008, Datum::wgs84)->compound_id, "");
  EXPECT_TRUE(ok->has_unit("owners:Q1"));

  Diagnostics problems;
  const std::string bad = layer({compound("Q1", 11, 14),  // in g3, which is community c2
                                 compound("Q2", 1, 4, "", "c9"),
                                 compound("Q3", 5, 8, ", \"property_unit\": \"property:P7\"")});
  EXPECT_EQ(load_city_directory("g.geojson", grids, "u.yaml", units, problems, nullptr, {},
                                CompoundSource{"q.geojson", bad}),
            nullptr);
  const std::string all = testing::all(problems);
  EXPECT_THAT(all,
              HasSubstr("q.geojson:2:1: error: feature 0 (compound Q1): is given community c1 but "
                        "lies in grid g3 of community c2"));
  EXPECT_THAT(all, HasSubstr("feature 1 (compound Q2): community \"c9\" is not in the grid "
                             "boundaries"));
  EXPECT_THAT(all, HasSubstr("feature 2 (compound Q3): property company \"property:P7\" is not a "
                             "unit of u.yaml"));
}

}  // namespace
}  // namespace caseflow::geo
