// The PlaceDirectory of a real city: grid boundaries (GridMap) joined with the unit directory,
// and the residential compounds (CompoundMap) if the city has that layer.
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
#include "engine/geo/compound_map.h"
#include "engine/geo/datum.h"
#include "engine/geo/grid_map.h"
#include "engine/geo/place.h"
#include "engine/geo/unit_directory.h"

namespace caseflow::geo {

class CityDirectory final : public PlaceDirectory {
 public:
  // Joins `grids` and `units` (both non-null) and `compounds` (may be null: no compound layer).
  // Fails (nullptr, problems appended) when an override in the unit directory names a place the
  // boundaries do not have, or a compound does not fit the city: its community is not in the
  // boundaries, a point inside it lies in a grid of another community or in no grid, or its
  // property company is not a unit of the unit directory's `units`. Precomputes the unit of every
  // place, so lookups do not expand patterns.
  static std::shared_ptr<const CityDirectory> build(GridMapPtr grids, UnitDirectoryPtr units,
                                                    Diagnostics& problems,
                                                    CompoundMapPtr compounds = nullptr,
                                                    std::string_view compound_file = "");

  // PlaceDirectory. locate converts `datum` to WGS-84 first (datum.h) and applies the boundary
  // rule of grid_map.h. unit_for answers only for places of this city (nullopt otherwise).
  std::optional<Place> place_of_grid(std::string_view grid_id) const override;
  std::optional<Place> locate(double lat, double lon, Datum datum) const override;
  std::optional<std::string> unit_for(definition::Level level, const Place& place) const override;
  std::optional<std::string> department_unit(std::string_view code) const override;
  std::optional<std::string> owners_unit(const Place& place) const override;

  // Does a unit with this id exist: a place office (after rules and overrides), a department's
  // unit, or a named unit? For validating the units a workflow names.
  bool has_unit(std::string_view unit_id) const;

  // The department with this code (name, unit, topic), or nullptr.
  const Department* department(std::string_view code) const { return units_->department(code); }

  const GridMap& grids() const { return *grids_; }
  // The compound layer; nullptr when the city has none.
  const CompoundMap* compounds() const { return compounds_.get(); }
  const UnitDirectory& units() const { return *units_; }

  using UnitIndex = std::map<std::string, std::string, std::less<>>;  // place id -> unit id
  // The unit of every place at `level` (grid..district), by place id: for listing the units of
  // the city (the unit directory of the API). Precondition: level != department.
  const UnitIndex& units_of_places(definition::Level level) const {
    return unit_of_place_[static_cast<std::size_t>(level)];
  }

  // Use build(); public only for make_shared.
  CityDirectory(GridMapPtr grids, UnitDirectoryPtr units, CompoundMapPtr compounds);

 private:
  bool check_compounds(Diagnostics& problems, std::string_view compound_file) const;

  GridMapPtr grids_;
  CompoundMapPtr compounds_;
  UnitDirectoryPtr units_;
  std::array<UnitIndex, 4> unit_of_place_;  // by level grid..district
  std::set<std::string, std::less<>> all_units_;
};

using CityDirectoryPtr = std::shared_ptr<const CityDirectory>;

// A compound layer's file name and text, for load_city_directory.
struct CompoundSource {
  std::string_view file;
  std::string_view text;
};

// One step from file texts to a directory: load_boundaries + load_unit_directory (+
// load_compounds) + build. nullptr on any error (all problems appended); `repairs` as in
// load_boundaries.
CityDirectoryPtr load_city_directory(std::string_view boundary_file, std::string_view boundary_text,
                                     std::string_view units_file, std::string_view units_text,
                                     Diagnostics& problems, Diagnostics* repairs = nullptr,
                                     const BoundaryOptions& options = {},
                                     std::optional<CompoundSource> compounds = std::nullopt);

}  // namespace caseflow::geo
