// The city's residential compounds (小区) with their boundaries, and the point -> compound lookup.
//
// Inside a compound the first party that can act on a parking or charging complaint is its
// property-service company (物业), supervised by the community and the owners' committee (业委会);
// a workflow stage at level `property` goes to that company. Most of a city lies in no compound:
// a point outside every compound has none, and such a case skips property stages.
//
// Boundary rule, as for grids: a point belongs to the compound whose CLOSED area covers it; on a
// boundary shared by neighbours the lowest id wins (ids compared as byte strings).
// Built once by load_compounds (compound_loader.h); immutable afterwards and shareable.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/geometry/index/rtree.hpp>

#include "engine/geo/datum.h"
#include "engine/geo/feature_positions.h"
#include "engine/geo/shapes.h"

namespace caseflow::geo {

struct Compound {
  std::string id;             // compound_id
  std::string name;           // "" when the file gave none
  std::string community_id;   // the community it belongs to (supervises its property company)
  std::string property_unit;  // its property company's unit, "property:<code>"
  std::string owners_unit;    // its owners' committee's unit, "owners:<compound_id>" by default
  bool red_property_model = false;  // a red-property (红色物业) model compound
  MultiPolygon shape;
  Box bounds;
  int feature_index = 0;  // 0-based position of the feature in the GeoJSON file, for reports
  TextPosition where;     // the feature's line and column in that file
};

class CompoundMap {
 public:
  // Takes ownership, sorts by id and bulk-loads the R-tree. The loader guarantees unique ids.
  explicit CompoundMap(std::vector<Compound> compounds);

  CompoundMap(const CompoundMap&) = delete;
  CompoundMap& operator=(const CompoundMap&) = delete;

  // The compound covering `wgs84` under the boundary rule above; nullptr when in none.
  const Compound* locate(LonLat wgs84) const;
  // The compound with this id; nullptr if unknown. O(log n).
  const Compound* find(std::string_view compound_id) const;

  // All compounds, sorted by id.
  std::span<const Compound> compounds() const { return compounds_; }
  std::size_t size() const { return compounds_.size(); }

 private:
  using Entry = std::pair<Box, std::uint32_t>;
  using Tree = boost::geometry::index::rtree<Entry, boost::geometry::index::quadratic<8>>;

  std::vector<Compound> compounds_;
  Tree tree_;
};

using CompoundMapPtr = std::shared_ptr<const CompoundMap>;

}  // namespace caseflow::geo
