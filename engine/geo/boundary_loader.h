// Reads grid boundaries (a GeoJSON FeatureCollection) into a GridMap.
//
// Each feature: geometry Polygon or MultiPolygon (lon, lat in WGS-84 degrees; a third coordinate
// is ignored); properties grid_id, community_id, street_id, district_id (strings, required) and
// optionally grid_name, community_name, street_name, district_name.
//
// Safe repairs (reported in `repairs`, the load still succeeds): an unclosed ring is closed; a
// ring with the wrong winding is reversed. Everything else is an error, reported with the feature's
// index, its grid id and the FILE:LINE:COL of the feature: unparsable JSON, wrong structure,
// missing ids, a grid without a community, a duplicate grid id, a community in two streets or a
// street in two districts, a ring of fewer than 3 distinct points, self-intersections and other
// invalid polygons, and (unless turned off) two grids whose interiors overlap.
//
// All or nothing: one error and no GridMap is returned, so a caller reloading at runtime keeps
// the map it had. Pure: takes the file's name (for messages) and its text; reads no files.
// Thread rules: reentrant; the result is immutable and shareable.
#pragma once

#include <string_view>

#include "engine/common/diagnostic.h"
#include "engine/geo/grid_map.h"

namespace caseflow::geo {

struct BoundaryOptions {
  // Pairwise interior-overlap check of neighbouring grids. Costs most of the load time of a large
  // city; tools that load trusted, already-checked files may skip it.
  bool check_overlaps = true;
  // Stop listing overlaps after this many (the count of the rest is still reported).
  int max_overlaps_reported = 20;
};

// On success returns the map and appends only to `repairs` (if given). On failure returns nullptr
// and appends every problem found to `problems`.
GridMapPtr load_boundaries(std::string_view file, std::string_view text, Diagnostics& problems,
                           Diagnostics* repairs = nullptr, const BoundaryOptions& options = {});

}  // namespace caseflow::geo
