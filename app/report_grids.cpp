// `caseflow report assessment --month 2026-11 --by grid`: per grid of the city, the month's patrol
// reports by its own grid worker beside the residents' reports, the response and resolution
// times, and the idle grids — those whose worker reported nothing (docs/assessment.md, "Grids that
// do not idle"). The city's grids come from config `boundaries` (every grid, with or without a
// case) and their units from config `units`. Reads only, like the rest of the report.
// Exit codes: 0 written, 1 the config, boundaries, calendars or archive failed, 2 usage.
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include "app/report_options.h"
#include "app/report_source.h"
#include "connectors/report/grid_formats.h"
#include "connectors/report/grid_read.h"
#include "engine/geo/city_directory.h"

namespace caseflow::app {
namespace {

std::optional<std::string> grid_report_read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The city's grids and their units, as the engine loads them; the overlap check is left out (the
// engine checked the file when it loaded it, and it costs most of the load of a large city).
Result<std::vector<assessment::CityGrid>> grid_report_city(const EngineConfig& config) {
  if (config.boundaries.empty()) {
    return Error{"no_city", "config `boundaries` names no grid boundaries (in " +
                                config.file.string() + "): the report lists every grid from it"};
  }
  const auto boundaries = grid_report_read(config.boundaries);
  if (!boundaries) return Error{"no_city", "cannot read " + config.boundaries.string()};
  std::optional<std::string> units = std::string();
  if (!config.units.empty()) units = grid_report_read(config.units);
  if (!units) return Error{"no_city", "cannot read " + config.units.string()};
  Diagnostics problems;
  auto city = geo::load_city_directory(config.boundaries.string(), *boundaries,
                                       config.units.string(), *units, problems, nullptr,
                                       geo::BoundaryOptions{.check_overlaps = false});
  if (!city) {
    std::string message = "the city's grids cannot be loaded:";
    for (const auto& p : problems) message += "\n  " + p.to_string();
    return Error{"no_city", message};
  }
  return report::city_grids(*city);
}

}  // namespace

int run_grid_report(const ReportOptions& options) {
  auto opened = open_report_source(options);
  if (auto* code = std::get_if<int>(&opened)) return *code;
  ReportSource& source = std::get<ReportSource>(opened);
  auto city = grid_report_city(source.config);
  if (!city) return report_failure(city.error().message);
  auto activity = report::read_grid_activity(*source.store, source.period, *city);
  if (!activity) return report_failure(activity.error().message);

  std::string text;
  if (options.format == "csv") {
    text = report::grid_csv(*activity);
  } else if (options.format == "json") {
    text = boost::json::serialize(report::grid_json(*activity)) + "\n";
  } else {
    text = report::grid_table(*activity);
  }
  return write_report_text(options, text);
}

}  // namespace caseflow::app
