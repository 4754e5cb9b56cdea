#include "engine/geo/compound_map.h"

#include <algorithm>

#include <boost/geometry/algorithms/covered_by.hpp>
#include <boost/iterator/function_output_iterator.hpp>

namespace caseflow::geo {
namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

std::vector<Compound> compounds_by_id(std::vector<Compound> compounds) {
  std::sort(compounds.begin(), compounds.end(),
            [](const Compound& a, const Compound& b) { return a.id < b.id; });
  return compounds;
}

std::vector<std::pair<Box, std::uint32_t>> compound_entries(const std::vector<Compound>& list) {
  std::vector<std::pair<Box, std::uint32_t>> entries;
  entries.reserve(list.size());
  for (std::size_t i = 0; i < list.size(); ++i)
    entries.emplace_back(list[i].bounds, static_cast<std::uint32_t>(i));
  return entries;
}

}  // namespace

CompoundMap::CompoundMap(std::vector<Compound> compounds)
    : compounds_(compounds_by_id(std::move(compounds))), tree_(compound_entries(compounds_)) {}

const Compound* CompoundMap::locate(LonLat wgs84) const {
  const Point p(wgs84.lon, wgs84.lat);
  // Candidates in index order = id order; compounds rarely touch, so there are 0-2 of them.
  std::uint32_t best = UINT32_MAX;
  tree_.query(bgi::intersects(p), boost::make_function_output_iterator([&](const Entry& e) {
                if (e.second < best && bg::covered_by(p, compounds_[e.second].shape))
                  best = e.second;
              }));
  return best == UINT32_MAX ? nullptr : &compounds_[best];
}

const Compound* CompoundMap::find(std::string_view compound_id) const {
  auto it = std::lower_bound(compounds_.begin(), compounds_.end(), compound_id,
                             [](const Compound& c, std::string_view id) { return c.id < id; });
  return it != compounds_.end() && it->id == compound_id ? &*it : nullptr;
}

}  // namespace caseflow::geo
