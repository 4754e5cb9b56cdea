#include "engine/geo/city_directory.h"

#include <utility>

#include "engine/geo/compound_loader.h"
#include "engine/geo/geojson_features.h"
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
      case Level::property:
        continue;
    }
  }
  return out;
}

}  // namespace

CityDirectory::CityDirectory(GridMapPtr grids, UnitDirectoryPtr units, CompoundMapPtr compounds)
    : grids_(std::move(grids)), compounds_(std::move(compounds)), units_(std::move(units)) {}

bool CityDirectory::check_compounds(Diagnostics& problems, std::string_view compound_file) const {
  std::set<std::string_view> named;
  for (const NamedUnit& u : units_->units) named.insert(u.id);
  bool ok = true;
  for (const Compound& c : compounds_->compounds()) {
    auto problem = [&](const std::string& message) {
      problems.push_back(
          {std::string(compound_file), c.where.line, c.where.column,
           "feature " + std::to_string(c.feature_index) + " (compound " + c.id + "): " + message});
      ok = false;
    };
    if (!grids_->has_place(Level::community, c.community_id)) {
      problem("community \"" + c.community_id + "\" is not in the grid boundaries");
      continue;
    }
    if (named.count(c.property_unit) == 0) {
      problem("property company \"" + c.property_unit + "\" is not a unit of " +
              units_->source_file + " (list it under `units:` with its name)");
    }
    // A point surely inside the compound must lie in a grid of the compound's own community, or
    // its cases would go to one community's grids and another community's supervision.
    const Point inside = interior_point(c.shape);
    const Grid* grid = grids_->locate({inside.x(), inside.y()});
    if (grid == nullptr) {
      problem("lies outside every grid of the city");
    } else if (grid->place.community_id != c.community_id) {
      problem("is given community " + c.community_id + " but lies in grid " + grid->place.grid_id +
              " of community " + grid->place.community_id);
    }
  }
  return ok;
}

std::shared_ptr<const CityDirectory> CityDirectory::build(GridMapPtr grids, UnitDirectoryPtr units,
                                                          Diagnostics& problems,
                                                          CompoundMapPtr compounds,
                                                          std::string_view compound_file) {
  auto dir =
      std::make_shared<CityDirectory>(std::move(grids), std::move(units), std::move(compounds));
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
  if (dir->compounds_) {
    if (!dir->check_compounds(problems, compound_file)) ok = false;
    for (const Compound& c : dir->compounds_->compounds()) dir->all_units_.insert(c.owners_unit);
  }
  if (!ok) return nullptr;
  return dir;
}

std::optional<Place> CityDirectory::place_of_grid(std::string_view grid_id) const {
  const Grid* g = grids_->find(grid_id);
  if (g == nullptr) return std::nullopt;
  return g->place;
}

std::optional<Place> CityDirectory::locate(double lat, double lon, Datum datum) const {
  const LonLat wgs84 = to_wgs84({lon, lat}, datum);
  const Grid* g = grids_->locate(wgs84);
  if (g == nullptr) return std::nullopt;
  Place place = g->place;
  if (compounds_) {
    if (const Compound* c = compounds_->locate(wgs84)) place.compound_id = c->id;
  }
  return place;
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
    case Level::property: {
      const Compound* c = compounds_ ? compounds_->find(place.compound_id) : nullptr;
      if (c == nullptr) return std::nullopt;
      return c->property_unit;
    }
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

std::optional<std::string> CityDirectory::owners_unit(const Place& place) const {
  const Compound* c = compounds_ ? compounds_->find(place.compound_id) : nullptr;
  if (c == nullptr) return std::nullopt;
  return c->owners_unit;
}

bool CityDirectory::has_unit(std::string_view unit_id) const {
  return all_units_.find(unit_id) != all_units_.end();
}

CityDirectoryPtr load_city_directory(std::string_view boundary_file, std::string_view boundary_text,
                                     std::string_view units_file, std::string_view units_text,
                                     Diagnostics& problems, Diagnostics* repairs,
                                     const BoundaryOptions& options,
                                     std::optional<CompoundSource> compounds) {
  GridMapPtr grids = load_boundaries(boundary_file, boundary_text, problems, repairs, options);
  UnitDirectoryPtr units = load_unit_directory(units_file, units_text, problems);
  CompoundMapPtr compound_map;
  if (compounds) {
    compound_map = load_compounds(compounds->file, compounds->text, problems, repairs, options);
    if (!compound_map) return nullptr;
  }
  if (!grids || !units) return nullptr;
  return CityDirectory::build(std::move(grids), std::move(units), problems, std::move(compound_map),
                              compounds ? compounds->file : "");
}

}  // namespace caseflow::geo
