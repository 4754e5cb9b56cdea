// Grid directory benchmark on the synthetic 16,000-grid city (generated in memory, same as the
// build's city/grids.geojson). Reports figures; never passes or fails.
//
//   geo_bench [lookups]      (default 2,000,000 lookups per measurement)
//
// Measures: load + index time (GeoJSON text -> validated GridMap, with and without the overlap
// check), the memory the index keeps (heap in use and RSS, before/after), and single-thread point
// lookups/s: GridMap::locate, and PlaceDirectory::locate (which also copies the Place out) for
// WGS-84 and GCJ-02 input.
#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

#include "engine/geo/boundary_loader.h"
#include "engine/geo/city_directory.h"
#include "engine/geo/unit_loader.h"
#include "tools/citygen/city_generator.h"

namespace {

using namespace caseflow;
using namespace caseflow::geo;
using Clock = std::chrono::steady_clock;

// CPU time of this thread: the machine may be shared, and wall time then measures the neighbours.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

long rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

std::size_t heap_in_use() { return mallinfo2().uordblks; }

// Deterministic points spread uniformly over the city's envelope (some fall in the lake or
// outside the ragged edge: unplaced lookups are part of real traffic too).
std::vector<LonLat> random_points(const Box& b, std::size_t n) {
  std::vector<LonLat> points;
  points.reserve(n);
  std::uint64_t s = 88172645463325252ULL;
  auto next = [&s] {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<double>(s >> 11) / static_cast<double>(1ULL << 53);
  };
  for (std::size_t i = 0; i < n; ++i) {
    const double lon = b.min_corner().x() + next() * (b.max_corner().x() - b.min_corner().x());
    const double lat = b.min_corner().y() + next() * (b.max_corner().y() - b.min_corner().y());
    points.push_back({lon, lat});
  }
  return points;
}

template <typename Locate>
void measure(const char* what, const std::vector<LonLat>& points, Locate&& locate) {
  std::size_t placed = 0;
  for (const LonLat& p : points) placed += locate(p) ? 1 : 0;  // warm-up
  const auto start = Clock::now();
  const double cpu_start = thread_cpu_seconds();
  placed = 0;
  for (const LonLat& p : points) placed += locate(p) ? 1 : 0;
  const double cpu = thread_cpu_seconds() - cpu_start;
  const double wall = seconds_since(start);
  const auto n = static_cast<double>(points.size());
  std::printf("  %-46s %9.0f /s CPU (%4.0f ns), %9.0f /s wall; %.1f%% placed\n", what, n / cpu,
              cpu * 1e9 / n, n / wall, 100.0 * static_cast<double>(placed) / n);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t lookups = argc > 1 ? std::stoul(argv[1]) : 2'000'000;

  auto start = Clock::now();
  const citygen::City city = citygen::generate_city({});
  std::printf(
      "city: %d grids, %d communities, %d streets, %d districts; GeoJSON %.1f MB "
      "(generated in %.3f s)\n",
      city.grids, city.communities, city.streets, city.districts,
      static_cast<double>(city.grids_geojson.size()) / 1e6, seconds_since(start));

  Diagnostics problems;
  BoundaryOptions no_overlap_check;
  no_overlap_check.check_overlaps = false;

  // Memory first, in a clean heap: what the index keeps once the parse has been freed.
  malloc_trim(0);
  const std::size_t heap_before = heap_in_use();
  const long rss_before = rss_bytes();
  start = Clock::now();
  GridMapPtr map =
      load_boundaries("grids.geojson", city.grids_geojson, problems, nullptr, no_overlap_check);
  const double load_fast = seconds_since(start);
  malloc_trim(0);
  const std::size_t heap_after = heap_in_use();
  const long rss_after = rss_bytes();
  if (!map) {
    std::fprintf(stderr, "load failed: %s\n",
                 problems.empty() ? "?" : problems[0].to_string().c_str());
    return 1;
  }
  std::printf("load + index (parse, validate, R-tree; no overlap check): %.3f s\n", load_fast);
  std::printf("index memory: heap in use +%.1f MB, RSS +%.1f MB (%.0f bytes per grid)\n",
              static_cast<double>(heap_after - heap_before) / 1e6,
              static_cast<double>(rss_after - rss_before) / 1e6,
              static_cast<double>(heap_after - heap_before) / static_cast<double>(map->size()));

  start = Clock::now();
  CityDirectoryPtr dir = load_city_directory("grids.geojson", city.grids_geojson, "units.yaml",
                                             city.units_yaml, problems);
  const double load_full = seconds_since(start);
  if (!dir) {
    std::fprintf(stderr, "load failed: %s\n",
                 problems.empty() ? "?" : problems[0].to_string().c_str());
    return 1;
  }
  std::printf("full load (with overlap check, unit directory, unit precompute): %.3f s\n",
              load_full);

  const std::vector<LonLat> points = random_points(map->bounds(), lookups);
  std::vector<LonLat> gcj_points;
  gcj_points.reserve(points.size());
  for (const LonLat& p : points) gcj_points.push_back(wgs84_to_gcj02(p));

  std::printf("single-thread lookups over %zu uniform points (target >= 1,000,000/s):\n",
              points.size());
  measure("GridMap::locate (WGS-84)", points,
          [&](const LonLat& p) { return map->locate(p) != nullptr; });
  const PlaceDirectory& place_directory = *dir;
  measure("PlaceDirectory::locate (WGS-84, Place copied)", points, [&](const LonLat& p) {
    return place_directory.locate(p.lat, p.lon, Datum::wgs84).has_value();
  });
  measure("PlaceDirectory::locate (GCJ-02 -> WGS-84)", gcj_points, [&](const LonLat& p) {
    return place_directory.locate(p.lat, p.lon, Datum::gcj02).has_value();
  });

  // The residential compound layer: what it adds to a load and to every located report.
  start = Clock::now();
  CityDirectoryPtr with_compounds = load_city_directory(
      "grids.geojson", city.grids_geojson, "units.yaml", city.units_yaml, problems, nullptr, {},
      CompoundSource{"compounds.geojson", city.compounds_geojson});
  const double load_compounds = seconds_since(start);
  if (!with_compounds) {
    std::fprintf(stderr, "load with compounds failed: %s\n",
                 problems.empty() ? "?" : problems[0].to_string().c_str());
    return 1;
  }
  std::printf("full load with %d compounds (and their checks against grids and units): %.3f s\n",
              city.compounds, load_compounds);
  const PlaceDirectory& compound_directory = *with_compounds;
  std::size_t in_compound = 0;
  for (const LonLat& p : points) {
    const auto place = compound_directory.locate(p.lat, p.lon, Datum::wgs84);
    if (place && !place->compound_id.empty()) ++in_compound;
  }
  std::printf("%.1f%% of the points lie in a compound\n",
              100.0 * static_cast<double>(in_compound) / static_cast<double>(points.size()));
  measure("PlaceDirectory::locate with compounds (WGS-84)", points, [&](const LonLat& p) {
    return compound_directory.locate(p.lat, p.lon, Datum::wgs84).has_value();
  });
  return 0;
}
