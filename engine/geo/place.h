// Where a complaint lies, and which unit handles each level of that place. The engine core asks
// a PlaceDirectory; engine/geo provides the real one (grid polygons + unit directory), tests may
// provide their own. Implementations are immutable once built and safe to share between threads.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/definition/workflow.h"

namespace caseflow::geo {

// Coordinate systems that reports may use. Chinese map apps give GCJ-02 or BD-09.
enum class Datum : uint8_t { wgs84, gcj02, bd09 };

// The levels a place has, from the smallest up (departments are not places).
inline constexpr std::array<definition::Level, 4> kPlaceLevels = {
    definition::Level::grid, definition::Level::community, definition::Level::street,
    definition::Level::district};

struct Place {
  std::string grid_id;
  std::string community_id;
  std::string street_id;
  std::string district_id;
  std::string compound_id;  // the residential compound (小区) holding the point; "" = none
};

class PlaceDirectory {
 public:
  virtual ~PlaceDirectory() = default;

  // The place of a known grid id; nullopt if the grid is unknown.
  virtual std::optional<Place> place_of_grid(std::string_view grid_id) const = 0;

  // The grid containing a point, and the compound if one holds it; nullopt if the point is
  // outside every grid ("unplaced").
  virtual std::optional<Place> locate(double lat, double lon, Datum datum) const = 0;

  // The unit responsible for `place` at `level` (grid..district; property: the property company
  // of the place's compound); nullopt if none is known. Not for Level::department: departments
  // are looked up with department_unit.
  virtual std::optional<std::string> unit_for(definition::Level level,
                                              const Place& place) const = 0;

  // The unit id of a city department by its code ("transport"); nullopt if unknown.
  virtual std::optional<std::string> department_unit(std::string_view code) const = 0;

  // The owners' committee (业委会) of the place's compound; nullopt when it has none.
  virtual std::optional<std::string> owners_unit(const Place&) const { return std::nullopt; }
};

using PlaceDirectoryPtr = std::shared_ptr<const PlaceDirectory>;

}  // namespace caseflow::geo
