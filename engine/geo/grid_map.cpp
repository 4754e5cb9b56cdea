#include "engine/geo/grid_map.h"

#include <algorithm>
#include <limits>
#include <vector>

#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/geometry/algorithms/envelope.hpp>
#include <boost/geometry/algorithms/expand.hpp>
#include <boost/iterator/function_output_iterator.hpp>

namespace caseflow::geo {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

std::vector<std::pair<Box, std::uint32_t>> entries_of(const std::vector<Grid>& grids) {
  std::vector<std::pair<Box, std::uint32_t>> entries;
  entries.reserve(grids.size());
  for (std::size_t i = 0; i < grids.size(); ++i)
    entries.emplace_back(grids[i].bounds, static_cast<std::uint32_t>(i));
  return entries;
}

std::vector<Grid> sorted_by_id(std::vector<Grid> grids) {
  std::sort(grids.begin(), grids.end(),
            [](const Grid& a, const Grid& b) { return a.place.grid_id < b.place.grid_id; });
  return grids;
}

}  // namespace

GridMap::GridMap(std::vector<Grid> grids)
    : grids_(sorted_by_id(std::move(grids))), tree_(entries_of(grids_)) {
  bg::assign_inverse(bounds_);
  outlines_.resize(grids_.size());
  for (std::size_t i = 0; i < grids_.size(); ++i) {
    const MultiPolygon& shape = grids_[i].shape;
    if (shape.size() != 1 || !shape.front().inners().empty()) continue;
    const Ring& outer = shape.front().outer();
    outlines_[i] = {static_cast<std::uint32_t>(outline_points_.size()),
                    static_cast<std::uint32_t>(outer.size())};
    outline_points_.insert(outline_points_.end(), outer.begin(), outer.end());
  }
  for (const Grid& g : grids_) {
    bg::expand(bounds_, g.bounds);
    community_names_.try_emplace(g.place.community_id, g.names.community);
    street_names_.try_emplace(g.place.street_id, g.names.street);
    district_names_.try_emplace(g.place.district_id, g.names.district);
  }
}

bool GridMap::covers(std::uint32_t index, const Point& p) const {
  const Outline o = outlines_[index];
  if (o.count == 0) return bg::covered_by(p, grids_[index].shape);
  return bg::covered_by(
      p, RingView(outline_points_.data() + o.offset, outline_points_.data() + o.offset + o.count));
}

const Grid* GridMap::locate(LonLat wgs84) const {
  const Point p(wgs84.lon, wgs84.lat);
  // Every grid whose envelope holds the point is a candidate (usually 1-2: the point's grid and,
  // near edges, a neighbour). Test them in index order (= id order, grids_ is sorted); the first
  // whose closed area covers the point is the lowest id that does.
  constexpr std::size_t kInline = 32;
  std::uint32_t inline_candidates[kInline];
  std::size_t n = 0;
  std::vector<std::uint32_t> more;  // only if a point has more than kInline candidates
  tree_.query(bgi::intersects(p), boost::make_function_output_iterator([&](const Entry& e) {
                if (n < kInline)
                  inline_candidates[n++] = e.second;
                else
                  more.push_back(e.second);
              }));
  if (!more.empty()) {
    more.insert(more.end(), inline_candidates, inline_candidates + n);
    std::sort(more.begin(), more.end());
    for (std::uint32_t i : more)
      if (covers(i, p)) return &grids_[i];
    return nullptr;
  }
  std::sort(inline_candidates, inline_candidates + n);
  for (std::size_t k = 0; k < n; ++k)
    if (covers(inline_candidates[k], p)) return &grids_[inline_candidates[k]];
  return nullptr;
}

const Grid* GridMap::find(std::string_view grid_id) const {
  auto it =
      std::lower_bound(grids_.begin(), grids_.end(), grid_id,
                       [](const Grid& g, std::string_view id) { return g.place.grid_id < id; });
  return it != grids_.end() && it->place.grid_id == grid_id ? &*it : nullptr;
}

bool GridMap::has_place(definition::Level level, std::string_view id) const {
  switch (level) {
    case definition::Level::grid:
      return find(id) != nullptr;
    case definition::Level::community:
      return community_names_.find(id) != community_names_.end();
    case definition::Level::street:
      return street_names_.find(id) != street_names_.end();
    case definition::Level::district:
      return district_names_.find(id) != district_names_.end();
    case definition::Level::department:
    case definition::Level::property:
      return false;
  }
  return false;
}

std::vector<std::string> GridMap::place_ids(definition::Level level) const {
  std::vector<std::string> ids;
  const NameIndex* index = nullptr;
  switch (level) {
    case definition::Level::grid:
      ids.reserve(grids_.size());
      for (const Grid& g : grids_) ids.push_back(g.place.grid_id);
      return ids;
    case definition::Level::community:
      index = &community_names_;
      break;
    case definition::Level::street:
      index = &street_names_;
      break;
    case definition::Level::district:
      index = &district_names_;
      break;
    case definition::Level::department:
    case definition::Level::property:
      return ids;
  }
  ids.reserve(index->size());
  for (const auto& [id, name] : *index) ids.push_back(id);
  return ids;
}

std::string_view GridMap::name_of(definition::Level level, std::string_view id) const {
  auto look = [id](const NameIndex& index) -> std::string_view {
    auto it = index.find(id);
    return it == index.end() ? std::string_view() : std::string_view(it->second);
  };
  switch (level) {
    case definition::Level::grid: {
      const Grid* g = find(id);
      return g ? std::string_view(g->names.grid) : std::string_view();
    }
    case definition::Level::community:
      return look(community_names_);
    case definition::Level::street:
      return look(street_names_);
    case definition::Level::district:
      return look(district_names_);
    case definition::Level::department:
    case definition::Level::property:
      return {};
  }
  return {};
}

}  // namespace caseflow::geo
