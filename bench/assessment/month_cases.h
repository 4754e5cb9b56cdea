// One case of the generated month, as the archive would hold it once the case closed: its row and
// the history the engine writes about it, with the actors and assessment facts the reports read
// (docs/assessment.md; the grid report reads each case's channel, its first history entry's actor
// and the grid unit's first `signed`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>

#include "bench/assessment/month_city.h"
#include "connectors/archive/archive_store.h"
#include "engine/time/instant.h"

namespace caseflow::bench {

enum class MonthReporter : uint8_t {
  resident,      // hotline, app or open311; in a compound or anywhere in a grid
  patrol,        // channel grid_worker, by the grid's own unit
  other_worker,  // channel grid_worker, by the unit of a neighbouring grid
};

struct MonthTally {
  int64_t cases = 0, records = 0;
  int64_t resident = 0, in_compound = 0, patrol = 0, other_workers = 0;
  int64_t escalated = 0, returned = 0;
};

struct MonthShares {
  double compound = 0.25;   // of the residents' reports: in a compound, for its property company
  double escalated = 0.06;  // of the residents' reports: escalated once the resolve clock breached
};

// Appends case `id`, reported at `reported`, to `batch`. A patrol report is in grid `grid` (an
// index of city.grids); the others draw their grid (residents weighted by MonthGrid::busy; a
// compound first when the report lies in one).
void write_month_case(std::mt19937_64& rng, const MonthCity& city, const MonthShares& shares,
                      const std::string& id, Instant reported, MonthReporter who, size_t grid,
                      archive::Batch& batch, MonthTally& tally);

}  // namespace caseflow::bench
