// The PlaceDirectory of a real city: grid boundaries (GridMap) joined with the unit directory.
//
// Reload: build a new CityDirectory from freshly read files; if that fails (nullptr), keep using
// the old one. Readers hold a PlaceDirectoryPtr (shared_ptr<const>); the owner swaps it under its
// own lock or with std::atomic<std::shared_ptr>. A directory in use is never changed, and one that
// was swapped out lives until its last reader lets go.
// Thread rules: immutable once built; every method is safe from any number of threads.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "engine/common/diagnostic.h"
#include "engine/geo/boundary_loader.h"
#include "engine/geo/datum.h"
#include "engine/geo/grid_map.h"
#include "engine/geo/place.h"
#include "engine/geo/unit_directory.h"

namespace caseflow::geo {

class CityDirectory final : public PlaceDirectory {
 public:
  // Joins `grids` and `units` (both non-null). Fails (nullptr, problems appended) when an
  // override in the unit directory names a place the boundaries do not have. Precomputes the unit
  // of every place, so lookups do not expand patterns.
  static std::shared_ptr<const CityDirectory> build(GridMapPtr grids, UnitDirectoryPtr units,
                                                    Diagnostics& problems);

  // PlaceDirectory. locate converts `datum` to WGS-84 first (datum.h) and applies the boundary
  // rule of grid_map.h. unit_for answers only for places of this city (nullopt otherwise).
  std::optional<Place> place_of_grid(std::string_view grid_id) const override;
  std::optional<Place> locate(double lat, double lon, Datum datum) const override;
  std::optional<std::string> unit_for(definition::Level level, const Place& place) const override;
  std::optional<std::string> department_unit(std::string_view code) const override;

  // Does a unit with this id exist: a place office (after rules and overrides), a department's
  // unit, or a named unit? For validating the units a workflow names.
  bool has_unit(std::string_view unit_id) const;

  // The department with this code (name, unit, topic), or nullptr.
  const Department* department(std::string_view code) const { return units_->department(code); }

  const GridMap& grids() const { return *grids_; }
  const UnitDirectory& units() const { return *units_; }

  using UnitIndex = std::map<std::string, std::string, std::less<>>;  // place id -> unit id
  // The unit of every place at `level` (grid..district), by place id: for listing the units of
  // the city (the unit directory of the API). Precondition: level != department.
  const UnitIndex& units_of_places(definition::Level level) const {
    return unit_of_place_[static_cast<std::size_t>(level)];
  }

  // Use build(); public only for make_shared.
  CityDirectory(GridMapPtr grids, UnitDirectoryPtr units);

 private:
  GridMapPtr grids_;
  UnitDirectoryPtr units_;
  std::array<UnitIndex, 4> unit_of_place_;  // by level grid..district
  std::set<std::string, std::less<>> all_units_;
};

using CityDirectoryPtr = std::shared_ptr<const CityDirectory>;

// One step from file texts to a directory: load_boundaries + load_unit_directory + build.
// nullptr on any error (all problems appended); `repairs` as in load_boundaries.
CityDirectoryPtr load_city_directory(std::string_view boundary_file, std::string_view boundary_text,
                                     std::string_view units_file, std::string_view units_text,
                                     Diagnostics& problems, Diagnostics* repairs = nullptr,
                                     const BoundaryOptions& options = {});

}  // namespace caseflow::geo
