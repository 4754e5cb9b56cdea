#include "app/report_source.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/assessment_settings.h"

namespace caseflow::app {

int report_failure(const std::string& message) {
  std::cerr << "caseflow report: " << message << "\n";
  return 1;
}

std::variant<ReportSource, int> open_report_source(const ReportOptions& options) {
  const auto month = assessment::parse_month(options.month);
  if (!month) {
    std::cerr << "caseflow report: --month: " << month.error().message << "\n";
    return 2;
  }
  Diagnostics problems;
  auto config = load_engine_config(options.config, problems);
  if (!config) {
    for (const auto& p : problems) std::cerr << p.to_string() << "\n";
    return 1;
  }
  auto zone = city_time_zone(*config);
  if (!zone) return report_failure(zone.error().message);
  auto period = assessment::month_period(month->year, month->month, *zone);
  if (!period) return report_failure(period.error().message);

  const archive::ArchiveLocation where{config->archive.path.string(), config->archive.url};
  if (where.url.empty() && !std::filesystem::exists(config->archive.path)) {
    return report_failure("there is no archive at " + where.path + " (archive.path in " +
                          config->file.string() + "): the engine or `caseflow archive` writes it");
  }
  auto store = archive::open_archive(where);
  if (!store) return report_failure(store.error().message);
  return ReportSource{std::move(*config), *month, std::move(*period), std::move(*store)};
}

int write_report_text(const ReportOptions& options, const std::string& text) {
  if (options.output.empty()) {
    std::cout << text << std::flush;
    return std::cout ? 0 : report_failure("cannot write to standard output");
  }
  std::ofstream out(options.output, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return report_failure("cannot write " + options.output);
  return 0;
}

}  // namespace caseflow::app
