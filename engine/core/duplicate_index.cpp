#include "engine/core/duplicate_index.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <tuple>

#include "engine/geo/distance.h"

namespace caseflow::core {
namespace {

constexpr double kCellsPerDegree = 100;  // 0.01 degree cells
constexpr double kMetresPerDegreeLat = geo::kEarthMeanRadiusM * std::numbers::pi / 180.0;

int32_t cell_of(double degrees) {
  return static_cast<int32_t>(std::floor(degrees * kCellsPerDegree));
}

// Latitude cells -9000..9000 (15 bits) and longitude cells -18000..18000 (16 bits), mixed with
// the category's hash: two cells of one category never share a key; two categories may (entries
// carry their category).
uint64_t key(std::string_view category, int32_t lat_cell, int32_t lon_cell) {
  const uint64_t cell = (static_cast<uint64_t>(static_cast<uint32_t>(lat_cell + 9000)) << 16) |
                        static_cast<uint64_t>(static_cast<uint32_t>(lon_cell + 18000) & 0xffffu);
  return (std::hash<std::string_view>{}(category)*0x9E3779B97F4A7C15ull) ^ cell;
}

uint64_t key_of(std::string_view category, geo::LonLat p) {
  return key(category, cell_of(p.lat), cell_of(p.lon));
}

}  // namespace

void DuplicateIndex::add(const void* owner, std::string_view category, std::string_view case_id,
                         geo::LonLat wgs84, Instant reported_at) {
  std::vector<Entry>& cell = cells_[key_of(category, wgs84)];
  for (const Entry& e : cell)
    if (e.owner == owner && e.case_id == case_id && e.category == category) return;
  cell.push_back(Entry{std::string(case_id), std::string(category), wgs84, reported_at, owner});
  ++size_;
}

void DuplicateIndex::remove(const void* owner, std::string_view category, std::string_view case_id,
                            geo::LonLat wgs84) {
  auto it = cells_.find(key_of(category, wgs84));
  if (it == cells_.end()) return;
  const auto erased = std::erase_if(it->second, [&](const Entry& e) {
    return e.owner == owner && e.case_id == case_id && e.category == category;
  });
  size_ -= erased;
  if (it->second.empty()) cells_.erase(it);
}

std::vector<DuplicateIndex::Near> DuplicateIndex::near(std::string_view category, geo::LonLat wgs84,
                                                       double metres) const {
  std::vector<Near> out;
  // The cells a circle of `metres` can reach: degrees of latitude are all alike; a degree of
  // longitude shrinks with the cosine of the latitude (floored so the poles stay finite).
  const double dlat = metres / kMetresPerDegreeLat;
  const double cosine = std::max(std::cos(wgs84.lat * std::numbers::pi / 180.0), 0.01);
  const double dlon = dlat / cosine;
  const int32_t lat_from = cell_of(wgs84.lat - dlat), lat_to = cell_of(wgs84.lat + dlat);
  const int32_t lon_from = cell_of(wgs84.lon - dlon), lon_to = cell_of(wgs84.lon + dlon);
  for (int32_t y = std::max(lat_from, -9000); y <= std::min(lat_to, 9000); ++y)
    for (int32_t x = std::max(lon_from, -18000); x <= std::min(lon_to, 18000); ++x) {
      auto it = cells_.find(key(category, y, x));
      if (it == cells_.end()) continue;
      for (const Entry& e : it->second) {
        if (e.category != category) continue;
        const double d = geo::haversine_m(wgs84, e.at);
        if (d <= metres) out.push_back(Near{d, &e});
      }
    }
  std::sort(out.begin(), out.end(), [](const Near& a, const Near& b) {
    return std::tie(a.metres, a.entry->case_id) < std::tie(b.metres, b.entry->case_id);
  });
  return out;
}

}  // namespace caseflow::core
