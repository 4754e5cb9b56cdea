// GET /api/v1/overview: the open cases a principal may see, counted by stage, street and grid,
// with how many have a clock that is warned or breached now. Counted on the processing thread
// straight from the engines' case states (nothing is copied per case: the city holds about
// 100,000 open cases), rendered on the io_context.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/time/instant.h"

namespace caseflow::core {
struct CaseState;
}
namespace caseflow::geo {
class GridMap;
}

namespace caseflow::http {

// How pressing a case is now: by its most pressing open clock.
enum class Alarm { none, warned, breached };

// A clock is breached once the engine breached it or its deadline passed, warned once the
// engine warned it or its warning time passed (the engine marks both when its timer fires, a
// moment later). A paused clock keeps the marks it had.
Alarm alarm_now(const core::CaseState& c, Instant now);

// `warned` counts the cases warned and not breached, so open = calm + warned + breached.
struct CaseCounts {
  std::uint64_t open = 0;
  std::uint64_t warned = 0;
  std::uint64_t breached = 0;

  void add(Alarm alarm);
};

struct Overview {
  std::string scope;  // "city", or the office's or unit's id ("street:S001", "grid:G00001")
  CaseCounts all;
  std::uint64_t unplaced = 0;  // cases in no grid
  // Hashed, not ordered: 100,000 cases look up 16,000 grids; the answer is sorted once.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using CountsByName = std::unordered_map<std::string, CaseCounts, NameHash, std::equal_to<>>;
  CountsByName by_stage, by_street, by_grid;

  // One open case: its stage ("" while it waits at the dispatcher), street and grid ("" when
  // not placed).
  void count(std::string_view stage, std::string_view street, std::string_view grid, Alarm alarm);
};

// The answer (docs/http.md, "The overview"); street names from `city` when it is not null.
std::string overview_json(const Overview& o, Instant at, const geo::GridMap* city);

}  // namespace caseflow::http
