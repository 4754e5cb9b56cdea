// The city's grids with their boundaries, and the point -> grid lookup.
//
// Boundary rule: a point belongs to the grid whose CLOSED area (interior plus boundary) covers it;
// when several do (a point on an edge or corner shared by neighbours), the grid with the lowest id
// wins, ids compared as byte strings ("G00017" < "G00018"). A point in no grid is unplaced.
//
// Built once by load_boundaries (boundary_loader.h); immutable afterwards, so one GridMap may be
// shared by any number of threads without locks. Reloading = building a new one and swapping the
// shared_ptr the readers use.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/geometry/index/rtree.hpp>

#include "engine/geo/datum.h"
#include "engine/geo/place.h"
#include "engine/geo/shapes.h"

namespace caseflow::geo {

// Human names of a grid and the places above it ("" when the file gave none).
struct PlaceNames {
  std::string grid;
  std::string community;
  std::string street;
  std::string district;
};

struct Grid {
  Place place;  // grid, community, street and district ids
  PlaceNames names;
  MultiPolygon shape;     // valid, corrected; a plain Polygon feature is a one-part MultiPolygon
  Box bounds;             // envelope of `shape`
  int feature_index = 0;  // 0-based position of the feature in the GeoJSON file, for reports
};

class GridMap {
 public:
  // Takes ownership of `grids`, sorts them by id and bulk-loads the R-tree (packing algorithm).
  // The caller (the loader) guarantees unique ids and valid shapes.
  explicit GridMap(std::vector<Grid> grids);

  GridMap(const GridMap&) = delete;
  GridMap& operator=(const GridMap&) = delete;

  // The grid covering `wgs84` under the boundary rule above; nullptr when unplaced. The pointer
  // lives as long as this map. Allocates nothing unless a point lies in more than 32 envelopes.
  const Grid* locate(LonLat wgs84) const;

  // The grid with this id; nullptr if unknown. O(log n).
  const Grid* find(std::string_view grid_id) const;

  // All grids, sorted by id.
  std::span<const Grid> grids() const { return grids_; }
  std::size_t size() const { return grids_.size(); }

  // Is `id` a known place at `level` (grid..district)? Department level: always false.
  bool has_place(definition::Level level, std::string_view id) const;

  // Ids of every known place at `level` (grid..district), sorted. Empty for department.
  std::vector<std::string> place_ids(definition::Level level) const;

  // The name of a place at a level, or "" if it has none or is unknown.
  std::string_view name_of(definition::Level level, std::string_view id) const;

  // The envelope of the whole city.
  const Box& bounds() const { return bounds_; }

 private:
  using Entry = std::pair<Box, std::uint32_t>;  // grid envelope, index into grids_
  // Node capacity 8: measured fastest for point queries on the 16,000-grid city (bench/geo).
  using Tree = boost::geometry::index::rtree<Entry, boost::geometry::index::quadratic<8>>;
  // Where a grid's outline sits in outline_points_; count 0 = not a simple polygon (holes or
  // several parts), test the full shape instead.
  struct Outline {
    std::uint32_t offset = 0;
    std::uint32_t count = 0;
  };

  bool covers(std::uint32_t index, const Point& p) const;
  using NameIndex = std::map<std::string, std::string, std::less<>>;  // id -> name

  std::vector<Grid> grids_;
  Tree tree_;
  std::vector<Point> outline_points_;  // outer rings of simple grids, back to back, in id order
  std::vector<Outline> outlines_;      // by index into grids_
  Box bounds_;
  NameIndex community_names_;
  NameIndex street_names_;
  NameIndex district_names_;
};

using GridMapPtr = std::shared_ptr<const GridMap>;

}  // namespace caseflow::geo
