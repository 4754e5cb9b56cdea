// The console benchmark's city at work: many open cases in one engine, loaded by applying report
// events directly (core::Engine::apply on an injected clock) rather than through Kafka, whose
// embedded broker keeps too little to hold them. The cases are spread over every grid of the
// city, reported over the past days and run through the engine's clocks up to `now`, so the
// overview has warned and breached cases to count; one grid's unit gets an inbox of its own size.
#pragma once

#include <cstddef>
#include <string>

#include "engine/core/engine.h"
#include "engine/geo/city_directory.h"
#include "engine/time/instant.h"

namespace caseflow::bench {

struct OpenCaseLoad {
  size_t cases = 100'000;  // reports in all, the inbox grid's included
  std::string inbox_grid = "G00001";
  size_t inbox_cases = 500;  // of them reported in inbox_grid; no other report goes there
  // Reports are spread over this many days before `now`; the inbox grid's over fewer (6.5), so
  // none of them outlives the 7 days of a resolve clock and escalates away from the grid.
  int spread_days = 10;
  unsigned seed = 20261203;  // the same seed gives the same cases
};

struct LoadedFigures {
  size_t applied = 0;      // reports the engine accepted
  size_t rejected = 0;     // reports it refused (0 expected)
  size_t fired = 0;        // clock deadlines fired (warnings, breaches, escalations)
  double seconds = 0;      // wall time of the whole load
  std::string inbox_unit;  // the unit the directory gives inbox_grid
};

// Applies `load`'s reports to `engine` in the order of their report times, firing the clocks due
// before each, then everything due at `now`. The directory lists the grids (and says the inbox
// grid's unit); throws std::runtime_error when the inbox grid is not one of them.
LoadedFigures load_open_cases(core::Engine& engine, const geo::CityDirectory& city,
                              const OpenCaseLoad& load, Instant now);

}  // namespace caseflow::bench
