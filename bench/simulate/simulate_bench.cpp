// Times simulate::run on the sample city: the sample workflows, calendars and unit directory,
// the city's grids, and the sample load (config/simulate/load.yaml) at REPORTS_PER_DAY for DAYS
// from 2026-11-01.
//   simulate_bench GRIDS.geojson [REPORTS_PER_DAY=30000] [DAYS=30] [SEED=7]
// Prints the resident set every 30 simulated days (SIMULATE_BENCH_DAYS=1: every day), then the
// run's size and its wall and CPU time (one thread). A year: DAYS=365.
#include <unistd.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iterator>
#include <string>

#include "connectors/runtime/engine_setup.h"
#include "engine/geo/city_directory.h"
#include "engine/simulate/load_model_loader.h"
#include "engine/simulate/simulator.h"

using namespace caseflow;

namespace {

// Resident set size of this process (from /proc/self/statm), in MB.
double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1e6;
}

}  // namespace

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

  // The sample load (config/simulate/load.yaml), as `caseflow simulate` reads it.
  const std::filesystem::path load_file = root / "config" / "simulate" / "load.yaml";
  std::ifstream in(load_file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto loaded = simulate::load_load_model(load_file.string(), text, problems);
  if (!loaded) {
    for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.to_string().c_str());
    return 1;
  }
  simulate::LoadModel model = *loaded;
  if (argc > 2) model.reports_per_day = std::stod(argv[2]);

  simulate::RunOptions options;
  options.from = *LocalDate::parse("2026-11-01");
  options.days = argc > 3 ? std::stoi(argv[3]) : 30;
  options.seed = argc > 4 ? std::stoull(argv[4]) : 7;
  const bool every_day = std::getenv("SIMULATE_BENCH_DAYS") != nullptr;
  int day = 0;
  // The resident set every 30 days (and the open cases it holds): what a year costs in memory.
  options.on_day = [&day, every_day](const simulate::DayFigures& d) {
    ++day;
    if (!every_day && day % 30 != 0) return;
    unsigned long long open = 0;
    for (auto n : d.open_by_level) open += n;
    std::printf("day %3d %s arrivals %llu closed %llu breaches %llu open %llu resident %.0f MB\n",
                day, d.date.c_str(), static_cast<unsigned long long>(d.arrivals),
                static_cast<unsigned long long>(d.closed),
                static_cast<unsigned long long>(d.breaches), open, resident_mb());
    std::fflush(stdout);
  };

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
