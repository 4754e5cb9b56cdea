// Grids that do not idle (纸上画格, 格内空转): per grid and month, what its own grid worker found
// and reported on patrol beside what residents reported in it, how fast the grid's unit signed
// and how fast the cases were resolved, and which grids reported nothing themselves
// (docs/assessment.md, "Grids that do not idle").
//
// The archive counts (ArchiveStore::grid_activity); this joins those counts with the list of ALL
// grids of the city, so a grid with no case at all is listed (and idle). Pure: values in, a report
// out; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/assessment/assessment.h"

namespace caseflow::assessment {

// A grid of the city, from the boundary file, with the unit the unit directory gives it: whose
// worker patrols it ("grid:G00001" by default).
struct CityGrid {
  std::string id;
  std::string name;  // "" when the boundary file gives none
  std::string community, street, district;
  std::string unit;
};

// A time from the report to something, over the cases that reached it, in seconds.
struct Durations {
  int64_t count = 0;             // cases that reached it
  std::optional<double> median;  // nullopt when count is 0
  std::optional<double> mean;    // nullopt when count is 0
  friend bool operator==(const Durations&, const Durations&) = default;
};

// What the archive counted for one grid, over the cases reported in the period and placed in it.
struct GridCounts {
  std::string grid;
  // Channel `grid_worker`, reported by the grid's own unit (the report's actor is
  // "unit:<the grid's unit>"): the worker found it on patrol.
  int64_t patrol = 0;
  // Every other channel (hotline, app, open311, ...): someone else found it.
  int64_t resident = 0;
  // Channel `grid_worker` reported by anyone but the grid's own unit (another grid's worker, an
  // app with no worker's credential): patrol for neither grid.
  int64_t other_workers = 0;
  // Of the resident reports: report -> first `signed` by the grid's unit; report -> first
  // `resolved` (by whichever unit).
  Durations response;
  Durations resolution;
  friend bool operator==(const GridCounts&, const GridCounts&) = default;
};

struct GridLine {
  CityGrid grid;  // for a grid the city's list does not have: only `id`, and `unit` as counted
  GridCounts counts;
  bool idle = false;  // no patrol report in the period
  int rank = 0;       // 1-based, by patrol reports high to low, ties by id; 0 for an unknown grid
};

struct GridActivity {
  Period period;
  int64_t grids = 0;   // the city's grids
  int64_t patrol = 0;  // summed over every line
  int64_t resident = 0;
  int64_t other_workers = 0;
  int64_t idle = 0;                  // the city's grids with no patrol report
  std::optional<double> idle_share;  // idle / grids; nullopt for a city of no grid
  // Every grid of the city in rank order, then any grid cases were placed in that the city's list
  // does not have (a grid since removed from the boundary file; never counted as idle).
  std::vector<GridLine> lines;
  // The idle grids as indexes into `lines`: most resident reports first (residents found things
  // there and the worker found nothing), ties by id.
  std::vector<size_t> idle_lines;
  size_t unknown_grids = 0;  // lines at the end that are not the city's
};

// Joins the archive's counts with the city's grids. `city` may be in any order; a grid id listed
// twice counts once (the first). `counts` for a grid the city does not list are kept as unknown.
GridActivity grid_activity(const Period& period, std::span<const CityGrid> city,
                           std::vector<GridCounts> counts);

// The unit of a grid the unit directory does not name: "grid:<id>", the directory's default.
std::string default_grid_unit(std::string_view grid_id);

}  // namespace caseflow::assessment
