#include "engine/geo/city_directory.h"

#include <utility>

#include "engine/geo/unit_loader.h"

namespace caseflow::geo {
namespace {

using definition::Level;

// A representative full place for a place id at a level: its own ids and those above it. Grids
// are sorted by id, so the first grid found for a community is stable.
std::map<std::string, Place, std::less<>> representatives(const GridMap& grids, Level level) {
  std::map<std::string, Place, std::less<>> out;
  for (const Grid& g : grids.grids()) {
    Place p = g.place;
    switch (level) {
      case Level::grid:
        out.emplace(p.grid_id, p);
        continue;
      case Level::community:
        p.grid_id.clear();
        out.try_emplace(p.community_id, p);
        continue;
      case Level::street:
        p.grid_id.clear();
        p.community_id.clear();
        out.try_emplace(p.street_id, p);
        continue;
      case Level::district:
        p = Place{{}, {}, {}, g.place.district_id};
        out.try_emplace(p.district_id, p);
        continue;
      case Level::department:
        continue;
    }
  }
  return out;
}

}  // namespace

CityDirectory::CityDirectory(GridMapPtr grids, UnitDirectoryPtr units)
    : grids_(std::move(grids)), units_(std::move(units)) {}

std::shared_ptr<const CityDirectory> CityDirectory::build(GridMapPtr grids, UnitDirectoryPtr units,
                                                          Diagnostics& problems) {
  auto dir = std::make_shared<CityDirectory>(std::move(grids), std::move(units));
  bool ok = true;
  for (Level level : kPlaceLevels) {
    const auto idx = static_cast<std::size_t>(level);
    for (const auto& [place_id, ov] : dir->units_->level(level).overrides) {
      if (!dir->grids_->has_place(level, place_id)) {
        problems.push_back({dir->units_->source_file, ov.where.line, ov.where.column,
                            "override for unknown " + std::string(level_name(level)) + " \"" +
                                place_id + "\" (not in the boundaries)"});
        ok = false;
      }
    }
    for (auto& [place_id, place] : representatives(*dir->grids_, level)) {
      std::optional<std::string> unit = unit_of(*dir->units_, level, place);
      if (!unit) continue;
      dir->all_units_.insert(*unit);
      dir->unit_of_place_[idx].emplace(place_id, std::move(*unit));
    }
  }
  for (const Department& d : dir->units_->departments) dir->all_units_.insert(d.unit);
  for (const NamedUnit& u : dir->units_->units) dir->all_units_.insert(u.id);
  if (!ok) return nullptr;
  return dir;
}

std::optional<Place> CityDirectory::place_of_grid(std::string_view grid_id) const {
  const Grid* g = grids_->find(grid_id);
  if (g == nullptr) return std::nullopt;
  return g->place;
}

std::optional<Place> CityDirectory::locate(double lat, double lon, Datum datum) const {
  const Grid* g = grids_->locate(to_wgs84({lon, lat}, datum));
  if (g == nullptr) return std::nullopt;
  return g->place;
}

std::optional<std::string> CityDirectory::unit_for(definition::Level level,
                                                   const Place& place) const {
  std::string_view id;
  switch (level) {
    case Level::grid:
      id = place.grid_id;
      break;
    case Level::community:
      id = place.community_id;
      break;
    case Level::street:
      id = place.street_id;
      break;
    case Level::district:
      id = place.district_id;
      break;
    case Level::department:
      return std::nullopt;
  }
  const UnitIndex& index = unit_of_place_[static_cast<std::size_t>(level)];
  auto it = index.find(id);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> CityDirectory::department_unit(std::string_view code) const {
  const Department* d = units_->department(code);
  if (d == nullptr) return std::nullopt;
  return d->unit;
}

bool CityDirectory::has_unit(std::string_view unit_id) const {
  return all_units_.find(unit_id) != all_units_.end();
}

CityDirectoryPtr load_city_directory(std::string_view boundary_file, std::string_view boundary_text,
                                     std::string_view units_file, std::string_view units_text,
                                     Diagnostics& problems, Diagnostics* repairs,
                                     const BoundaryOptions& options) {
  GridMapPtr grids = load_boundaries(boundary_file, boundary_text, problems, repairs, options);
  UnitDirectoryPtr units = load_unit_directory(units_file, units_text, problems);
  if (!grids || !units) return nullptr;
  return CityDirectory::build(std::move(grids), std::move(units), problems);
}

}  // namespace caseflow::geo
