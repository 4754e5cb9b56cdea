#include "connectors/report/grid_read.h"

#include "engine/geo/city_directory.h"

namespace caseflow::report {

std::vector<assessment::CityGrid> city_grids(const geo::CityDirectory& city) {
  const auto& units = city.units_of_places(definition::Level::grid);
  std::vector<assessment::CityGrid> out;
  out.reserve(city.grids().size());
  for (const geo::Grid& g : city.grids().grids()) {
    const auto unit = units.find(g.place.grid_id);
    out.push_back(assessment::CityGrid{
        .id = g.place.grid_id,
        .name = g.names.grid,
        .community = g.place.community_id,
        .street = g.place.street_id,
        .district = g.place.district_id,
        .unit =
            unit != units.end() ? unit->second : assessment::default_grid_unit(g.place.grid_id)});
  }
  return out;
}

Result<assessment::GridActivity> read_grid_activity(archive::ArchiveStore& store,
                                                    const assessment::Period& period,
                                                    std::span<const assessment::CityGrid> city) {
  auto counts = store.grid_activity(period.from, period.to, city);
  if (!counts) return counts.error();
  return assessment::grid_activity(period, city, std::move(*counts));
}

}  // namespace caseflow::report
