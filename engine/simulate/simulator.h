// `caseflow simulate`: runs the real Engine on virtual time against a load model (or recorded
// arrivals), plays the units, the dispatcher and the residents, and counts what happened
// (figures.h). No Kafka, no wall clock, no threads: the same world, model, arrivals and seed give
// the same Figures, field for field (wall_seconds aside).
//
// Random draws: arrivals come from one stream seeded by `seed`; each case's unit behaviour and
// rating come from a stream seeded by (seed, the case's arrival number). Two runs with the same
// seed under different workflows (`--against`) therefore see the same reports and the same
// behaviour for the same case, so their difference is the workflows'.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/common/result.h"
#include "engine/core/calendar_registry.h"
#include "engine/core/router.h"
#include "engine/events/case_event.h"
#include "engine/geo/place.h"
#include "engine/simulate/figures.h"
#include "engine/simulate/load_model.h"
#include "engine/time/instant.h"
#include "engine/time/local_date.h"

namespace caseflow::simulate {

// What the engine runs on: the loaded workflows, calendars and city (as the runtime's
// EngineSetup gives them), and the grid ids reports are drawn from.
struct World {
  core::WorkflowRouterPtr router;
  core::CalendarRegistryPtr calendars;
  geo::PlaceDirectoryPtr directory;  // may be null: then grid ids are places of their own
  std::vector<std::string> grids;    // every grid of the city, in a fixed order
};

// A report recorded elsewhere (`--replay`): when it arrived and what it said.
struct Arrival {
  Instant at;
  events::CaseEvent report;  // type reported
};

struct RunOptions {
  LocalDate from;  // first simulated day (local date of the load model's calendar)
  int days = 30;
  uint64_t seed = 7;
  std::string label = "A";
  size_t timer_batch = 2'000;  // fire_due batch, as the runtime's processing.max_timer_batch
  // Recorded arrivals instead of the load model's (sorted by time; those outside the run's days
  // are skipped). Unit behaviour still comes from the load model.
  const std::vector<Arrival>* replay = nullptr;
  // Called once per simulated day with its figures (for progress lines); may be empty.
  std::function<void(const DayFigures&)> on_day;
};

// Runs the simulation. Errors: "unknown_calendar" (the load model's calendar is not in
// world.calendars), "no_grids" (no grids to draw reports from and no replay).
Result<Figures> run(const World& world, const LoadModel& model, const RunOptions& options);

}  // namespace caseflow::simulate
