#include "engine/assessment/grid_activity.h"

#include <algorithm>
#include <map>
#include <utility>

namespace caseflow::assessment {

std::string default_grid_unit(std::string_view grid_id) { return "grid:" + std::string(grid_id); }

GridActivity grid_activity(const Period& period, std::span<const CityGrid> city,
                           std::vector<GridCounts> counts) {
  GridActivity out;
  out.period = period;
  std::map<std::string, GridCounts, std::less<>> counted;
  for (GridCounts& c : counts) {
    std::string id = c.grid;
    counted.insert_or_assign(std::move(id), std::move(c));
  }

  std::map<std::string_view, bool, std::less<>> listed;  // the city's grid ids, each once
  for (const CityGrid& g : city) {
    if (!listed.emplace(g.id, true).second) continue;
    GridLine line{.grid = g, .counts = {}, .idle = false, .rank = 0};
    if (auto it = counted.find(g.id); it != counted.end()) {
      line.counts = std::move(it->second);
      counted.erase(it);
    }
    line.counts.grid = g.id;
    line.idle = line.counts.patrol == 0;
    out.lines.push_back(std::move(line));
  }
  std::sort(out.lines.begin(), out.lines.end(), [](const GridLine& a, const GridLine& b) {
    if (a.counts.patrol != b.counts.patrol) return a.counts.patrol > b.counts.patrol;
    return a.grid.id < b.grid.id;
  });
  for (size_t i = 0; i < out.lines.size(); ++i) out.lines[i].rank = static_cast<int>(i) + 1;
  out.grids = static_cast<int64_t>(out.lines.size());

  // What was placed in a grid the city no longer lists still happened: shown, never idle.
  for (auto& [id, c] : counted) {
    GridLine line{.grid = CityGrid{.id = id,
                                   .name = "",
                                   .community = "",
                                   .street = "",
                                   .district = "",
                                   .unit = default_grid_unit(id)},
                  .counts = std::move(c),
                  .idle = false,
                  .rank = 0};
    out.lines.push_back(std::move(line));
    ++out.unknown_grids;
  }

  for (size_t i = 0; i < out.lines.size(); ++i) {
    const GridLine& line = out.lines[i];
    out.patrol += line.counts.patrol;
    out.resident += line.counts.resident;
    out.other_workers += line.counts.other_workers;
    if (line.idle) out.idle_lines.push_back(i);
  }
  std::sort(out.idle_lines.begin(), out.idle_lines.end(), [&](size_t a, size_t b) {
    const GridLine& x = out.lines[a];
    const GridLine& y = out.lines[b];
    if (x.counts.resident != y.counts.resident) return x.counts.resident > y.counts.resident;
    return x.grid.id < y.grid.id;
  });
  out.idle = static_cast<int64_t>(out.idle_lines.size());
  if (out.grids > 0)
    out.idle_share = static_cast<double>(out.idle) / static_cast<double>(out.grids);
  return out;
}

}  // namespace caseflow::assessment
