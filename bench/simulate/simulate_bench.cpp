// Times simulate::run on the sample city: the sample workflows, calendars and unit directory,
// the city's grids, the load model's defaults at REPORTS_PER_DAY for DAYS from 2026-11-01.
//   simulate_bench GRIDS.geojson [REPORTS_PER_DAY=30000] [DAYS=30] [SEED=7]
// Prints the run's size and its wall and CPU time (one thread).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "connectors/runtime/engine_setup.h"
#include "engine/geo/city_directory.h"
#include "engine/simulate/simulator.h"

using namespace caseflow;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: simulate_bench GRIDS.geojson [REPORTS_PER_DAY] [DAYS] [SEED]\n");
    return 2;
  }
  const std::filesystem::path root = CASEFLOW_SOURCE_DIR;
  runtime::EngineSetupOptions setup_options;
  setup_options.workflows = {root / "workflows"};
  setup_options.calendars = {root / "config" / "calendars"};
  setup_options.units = root / "config" / "units.yaml";
  setup_options.boundaries = argv[1];
  Diagnostics problems;
  auto setup = runtime::load_engine_setup(setup_options, problems);
  if (!setup.ok()) {
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.to_string().c_str());
    return 1;
  }
  simulate::World world;
  world.router = (*setup)->router;
  world.calendars = (*setup)->calendars;
  world.directory = (*setup)->directory;
  auto city = std::dynamic_pointer_cast<const geo::CityDirectory>(world.directory);
  if (!city) return 1;
  for (const geo::Grid& g : city->grids().grids()) world.grids.push_back(g.place.grid_id);

  simulate::LoadModel model;
  model.reports_per_day = argc > 2 ? std::stod(argv[2]) : 30'000;
  // Residents report by day, most in the morning and early afternoon.
  model.hourly = {1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 9, 7, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  // Shares of a city hotline's month; a blocked fire corridor (15-minute sign clock) is rare.
  model.categories = {{"parking.illegal", 30},       {"parking.shortage", 5},
                      {"environment.litter", 20},    {"noise.construction", 15},
                      {"noise.neighbourhood", 10},   {"ev_charging.shortage", 5},
                      {"ev_charging.corridor", 0.5}, {"other", 14.5}};
  model.default_behaviour.capacity_per_day = 0;
  model.behaviour[definition::Level::grid].capacity_per_day = 3;

  simulate::RunOptions options;
  options.from = *LocalDate::parse("2026-11-01");
  options.days = argc > 3 ? std::stoi(argv[3]) : 30;
  options.seed = argc > 4 ? std::stoull(argv[4]) : 7;
  options.timer_batch = 500;
  if (std::getenv("SIMULATE_BENCH_DAYS")) {  // one line a day, to see what the load does
    options.on_day = [](const simulate::DayFigures& d) {
      std::printf("%s arrivals %llu closed %llu warnings %llu breaches %llu escalations %llu open",
                  d.date.c_str(), static_cast<unsigned long long>(d.arrivals),
                  static_cast<unsigned long long>(d.closed),
                  static_cast<unsigned long long>(d.warnings),
                  static_cast<unsigned long long>(d.breaches),
                  static_cast<unsigned long long>(d.escalations));
      for (auto n : d.open_by_level) std::printf(" %llu", static_cast<unsigned long long>(n));
      std::printf("\n");
    };
  }

  const auto wall_start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  auto figures = simulate::run(world, model, options);
  const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  if (!figures.ok()) {
    std::fprintf(stderr, "%s\n", figures.error().message.c_str());
    return 1;
  }
  const simulate::Figures& f = *figures;
  std::printf(
      "grids %zu, %.0f reports/day, %d days: %llu cases, %llu engine events (%.2f M/s CPU), "
      "closed %llu, open %llu, warnings %llu, breaches %llu, escalations %llu, rejected %llu\n"
      "wall %.2f s, CPU %.2f s\n",
      world.grids.size(), model.reports_per_day, options.days,
      static_cast<unsigned long long>(f.cases), static_cast<unsigned long long>(f.events),
      static_cast<double>(f.events) / cpu / 1e6, static_cast<unsigned long long>(f.closed),
      static_cast<unsigned long long>(f.open_at_end), static_cast<unsigned long long>(f.warnings),
      static_cast<unsigned long long>(f.breaches), static_cast<unsigned long long>(f.escalations),
      static_cast<unsigned long long>(f.rejected), wall, cpu);
  if (!f.rejection_note.empty()) std::printf("first rejection: %s\n", f.rejection_note.c_str());
  return 0;
}
