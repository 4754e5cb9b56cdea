// The test city of engine_fixture.h as production loads a city: grid boundaries (GeoJSON) and a
// unit directory, joined by geo::load_city_directory. Same places as FakeDirectory (grids g1, g2
// in community c1, g3 in c2, all in street s1, district d1; a point north of 39.9 in g2), but the
// units are named by the unit directory's default patterns ("grid:g1", "community:c1",
// "department:transport"), as a city that writes no patterns gets them.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "engine/geo/city_directory.h"

namespace caseflow::core::testing {

// g1 and g3 are small squares side by side; g2 is a large square around (39.95 N, 116.4 E), so
// the GCJ-02 point the tests report (about 600 m from its WGS-84 position) lies inside it and
// nothing south of 39.9 does.
inline constexpr std::string_view kTestCityBoundaries = R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature",
     "properties": {"grid_id": "g1", "community_id": "c1", "street_id": "s1", "district_id": "d1"},
     "geometry": {"type": "Polygon", "coordinates": [
       [[120.00, 30.00], [120.01, 30.00], [120.01, 30.01], [120.00, 30.01], [120.00, 30.00]]]}},
    {"type": "Feature",
     "properties": {"grid_id": "g2", "community_id": "c1", "street_id": "s1", "district_id": "d1"},
     "geometry": {"type": "Polygon", "coordinates": [
       [[116.0, 39.9], [117.0, 39.9], [117.0, 40.9], [116.0, 40.9], [116.0, 39.9]]]}},
    {"type": "Feature",
     "properties": {"grid_id": "g3", "community_id": "c2", "street_id": "s1", "district_id": "d1"},
     "geometry": {"type": "Polygon", "coordinates": [
       [[120.01, 30.00], [120.02, 30.00], [120.02, 30.01], [120.01, 30.01], [120.01, 30.00]]]}}
  ]
})";

// No `levels`: every place office gets the default pattern "<level>:{id}". The departments are
// the ones FakeDirectory knows.
inline constexpr std::string_view kTestCityUnits = R"(
departments:
  - code: transport
    name: "Transport"
  - code: public_security
    name: "Public Security"
  - code: housing
    name: "Housing"
)";

inline geo::CityDirectoryPtr test_city() {
  Diagnostics problems;
  geo::CityDirectoryPtr city = geo::load_city_directory(
      "test_city.geojson", kTestCityBoundaries, "test_city_units.yaml", kTestCityUnits, problems);
  for (const auto& p : problems) ADD_FAILURE() << p.to_string();
  return city;
}

}  // namespace caseflow::core::testing
