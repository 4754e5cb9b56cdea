// The grid report (assessment/grid_activity.h: patrol and resident reports per grid, and the
// idle grids) written as a fixed-width table for the terminal, CSV
// for a spreadsheet and JSON for programs (the document GET /api/v1/assessment?by=grid
// answers, docs/http.md). The writers are pure and deterministic.
//
// Per-grid figures live in these documents only, never in metrics labels: 16,000 grids would be
// 16,000 series (docs/assessment.md, "Grids that do not idle").
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <string>

#include "engine/assessment/grid_activity.h"

namespace caseflow::report {

// How many idle grids the table lists by name before it says "and N more".
inline constexpr size_t kIdleGridsInTable = 20;

// The summary, the first kIdleGridsInTable idle grids, then one line per grid in rank order.
std::string grid_table(const assessment::GridActivity& activity);

// A header row, then one row per grid in rank order (RFC 4180: CRLF, quoted fields where needed),
// `idle` 1 or 0 so a spreadsheet filters them; times in seconds, empty when no case reached it.
std::string grid_csv(const assessment::GridActivity& activity);

// The report as docs/http.md "Grids that do not idle" describes it: every idle grid listed.
boost::json::object grid_json(const assessment::GridActivity& activity);

}  // namespace caseflow::report
