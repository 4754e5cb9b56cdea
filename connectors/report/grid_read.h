// What every reader of the grid report does (docs/assessment.md, "Grids that do not idle"): list
// the city's grids with their units, count the period in the archive, join the two.
#pragma once

#include <span>
#include <vector>

#include "connectors/archive/archive_store.h"
#include "engine/assessment/grid_activity.h"
#include "engine/common/result.h"

namespace caseflow::geo {
class CityDirectory;
}

namespace caseflow::report {

// Every grid of the city with the unit the unit directory gives it (the default, "grid:<id>",
// when it gives none), in grid id order.
std::vector<assessment::CityGrid> city_grids(const geo::CityDirectory& city);

// The period's counts from the archive (one query) joined with the city's grids.
Result<assessment::GridActivity> read_grid_activity(archive::ArchiveStore& store,
                                                    const assessment::Period& period,
                                                    std::span<const assessment::CityGrid> city);

}  // namespace caseflow::report
