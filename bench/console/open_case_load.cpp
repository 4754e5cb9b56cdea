#include "bench/console/open_case_load.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <vector>

namespace caseflow::bench {
namespace {

// Categories of the repository's workflows (parking, environment, EV charging, parking shortage,
// and one only the general catch-all takes). Noise is left out: its duplicate detection would
// write merge events to the engine's own input, which no consumer here delivers back.
constexpr std::array<const char*, 5> kCategories = {"parking.illegal", "environment.litter",
                                                    "ev_charging.broken", "parking.shortage",
                                                    "public_facility.streetlight"};

struct PlannedReport {
  Instant at;
  uint32_t grid;     // index into the grid list
  uint8_t category;  // index into kCategories
};

events::CaseEvent report_event(size_t serial, const std::string& grid, const char* category) {
  char id[32];
  std::snprintf(id, sizeof id, "bench-%06zu", serial + 1);
  events::CaseEvent e;
  e.type = events::EventType::reported;
  e.case_id = id;
  e.event_id = std::string("in-") + id;
  e.source = "/bench/console";
  e.category = category;
  e.grid_id = grid;
  // About the length of a hotline agent's summary, so a list's bytes are those of real cases.
  e.description =
      "Resident reports a problem near building 3 that has lasted since the morning; "
      "please check on site and call back.";
  e.address = "East Square 3";
  e.reporter = "138****5678";
  e.channel = "hotline";
  return e;
}

// Fires everything due at `at`, in batches as the runtime does; returns how many fired.
size_t fire_all_due(core::Engine& engine, Instant at, core::Effects& effects) {
  constexpr size_t kBatch = 10'000;
  size_t fired = 0;
  for (size_t batch = kBatch; batch == kBatch; effects.clear()) {
    batch = engine.fire_due(at, kBatch, effects);
    fired += batch;
  }
  return fired;
}

}  // namespace

LoadedFigures load_open_cases(core::Engine& engine, const geo::CityDirectory& city,
                              const OpenCaseLoad& load, Instant now) {
  const auto started = std::chrono::steady_clock::now();
  LoadedFigures figures;

  std::vector<std::string> grids;  // every grid but the inbox grid, in id order
  bool inbox_known = false;
  for (const auto& [grid, unit] : city.units_of_places(definition::Level::grid)) {
    if (grid == load.inbox_grid) {
      inbox_known = true;
      figures.inbox_unit = unit;
    } else {
      grids.push_back(grid);
    }
  }
  if (!inbox_known) throw std::runtime_error("the city has no grid " + load.inbox_grid);
  if (grids.empty()) throw std::runtime_error("the city has no grid besides " + load.inbox_grid);
  grids.push_back(load.inbox_grid);  // last index: the inbox grid
  const auto inbox_index = static_cast<uint32_t>(grids.size() - 1);

  std::mt19937_64 random(load.seed);
  const int64_t spread_ms = int64_t{load.spread_days} * 86'400'000;
  const int64_t inbox_spread_ms = 6 * 86'400'000 + 12 * 3'600'000;  // 6.5 days: under 7
  std::vector<PlannedReport> plan;
  plan.reserve(load.cases);
  for (size_t i = 0; i < load.cases; ++i) {
    PlannedReport r;
    if (i < load.inbox_cases) {
      r.grid = inbox_index;
      r.category = 0;  // parking.illegal: its grid stage's resolve clock runs 7 days
      r.at = now - Duration::millis(static_cast<int64_t>(random() % inbox_spread_ms));
    } else {
      // Round the grid list, so every grid gets its share (about six each for 100,000).
      r.grid = static_cast<uint32_t>((i - load.inbox_cases) % (grids.size() - 1));
      r.category = static_cast<uint8_t>(random() % kCategories.size());
      r.at = now - Duration::millis(static_cast<int64_t>(random() % spread_ms));
    }
    plan.push_back(r);
  }
  std::stable_sort(plan.begin(), plan.end(),
                   [](const PlannedReport& a, const PlannedReport& b) { return a.at < b.at; });

  // As the runtime does: clocks due by a report's time fire before that report is applied.
  core::Effects effects;
  for (size_t i = 0; i < plan.size(); ++i) {
    const PlannedReport& r = plan[i];
    figures.fired += fire_all_due(engine, r.at, effects);
    engine.apply(report_event(i, grids[r.grid], kCategories[r.category]), r.at, effects);
    if (effects.rejections.empty()) {
      ++figures.applied;
    } else {
      ++figures.rejected;
      if (figures.rejected <= 3) {
        std::fprintf(stderr, "console_load_server: report refused: %s\n",
                     effects.rejections.front().message.c_str());
      }
    }
    effects.clear();
  }
  figures.fired += fire_all_due(engine, now, effects);

  figures.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return figures;
}

}  // namespace caseflow::bench
