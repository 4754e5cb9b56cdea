#include "connectors/metrics/assessment_series.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/geo/city_directory.h"

namespace caseflow::metrics {

std::vector<StreetUnit> assessment_label_pairs(const geo::PlaceDirectory* directory) {
  const auto* city = dynamic_cast<const geo::CityDirectory*>(directory);
  if (!city) return {};
  std::set<StreetUnit> pairs;
  std::map<std::string, std::set<std::string>> streets_of_district;
  std::set<std::string> streets;
  for (const geo::Grid& g : city->grids().grids()) {
    const geo::Place& p = g.place;
    if (p.street_id.empty()) continue;
    streets.insert(p.street_id);
    streets_of_district[p.district_id].insert(p.street_id);
    for (definition::Level level : {definition::Level::community, definition::Level::street}) {
      if (auto unit = city->unit_for(level, p)) pairs.insert({p.street_id, *unit});
    }
  }
  for (const auto& [district, in_district] : streets_of_district) {
    const auto unit = city->unit_for(definition::Level::district, geo::Place{{}, {}, {}, district});
    if (!unit) continue;
    for (const std::string& street : in_district) pairs.insert({street, *unit});
  }
  for (const geo::Department& d : city->units().departments)
    for (const std::string& street : streets) pairs.insert({street, d.unit});
  return {pairs.begin(), pairs.end()};
}

}  // namespace caseflow::metrics
