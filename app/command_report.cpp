// `caseflow report assessment --month 2026-11`: the assessment (考核) of a month from the case
// archive of the config (archive.path or archive.url), as a terminal table, CSV, JSON or one
// HTML page (docs/assessment.md). Reads only: a missing SQLite file is an error, never created.
// Exit codes: 0 written, 1 the config, calendars or archive failed, 2 usage (a bad --month).
#include <CLI/CLI.hpp>
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/assessment_settings.h"
#include "app/commands.h"
#include "app/engine_config.h"
#include "app/report_options.h"
#include "app/report_source.h"
#include "connectors/archive/archive_store.h"
#include "connectors/report/assessment_formats.h"
#include "connectors/report/assessment_read.h"
#include "engine/assessment/period.h"
#include "engine/time/local_date.h"

namespace caseflow::app {
namespace {

int report_failed(const std::string& message) {
  std::cerr << "caseflow report: " << message << "\n";
  return 1;
}

// The city's offset at the month's start: the local midnight read as UTC, minus its instant.
Duration offset_at_start(const assessment::Period& period, const assessment::YearMonth& ym) {
  const auto day = LocalDate::from_ymd(ym.year, ym.month, 1);
  const Instant local_as_utc = Instant::from_unix_millis(
      static_cast<int64_t>(day ? day->days_since_1970() : 0) * 86'400'000);
  return local_as_utc - period.from;
}

int run_report(const ReportOptions& options) {
  if (options.by == "property" && options.format != "html") return run_property_report(options);
  if (options.by == "grid" && options.format != "html") return run_grid_report(options);
  auto opened = open_report_source(options);
  if (const int* code = std::get_if<int>(&opened)) return *code;
  const ReportSource& source = std::get<ReportSource>(opened);

  const bool html = options.format == "html";
  std::vector<assessment::By> groupings;
  if (html) {
    groupings = {assessment::By::unit, assessment::By::street};
  } else {
    groupings = {options.by == "street" ? assessment::By::street : assessment::By::unit};
  }
  auto reports =
      report::read_and_assess(*source.store, source.period, groupings, source.config.assessment);
  if (!reports) return report_failed(reports.error().message);
  for (const auto& problem : reports->front().problems) {
    std::cerr << "caseflow report: warning: a fact was left out: " << problem << "\n";
  }

  std::string text;
  const auto& first = reports->front();
  if (html) {
    text = report::assessment_html(
        (*reports)[0], (*reports)[1],
        report::HtmlOptions{.base_url = options.base_url,
                            .utc_offset = offset_at_start(source.period, source.month)});
  } else if (options.format == "csv") {
    text = report::assessment_csv(first);
  } else if (options.format == "json") {
    text = boost::json::serialize(report::assessment_json(first)) + "\n";
  } else {
    text = report::assessment_table(first);
  }
  return write_report_text(options, text);
}

}  // namespace

void add_report_command(CLI::App& cli, CommandRunner& chosen) {
  auto* report = cli.add_subcommand("report", "Reports from the case archive");
  report->require_subcommand(1);
  auto options = std::make_shared<ReportOptions>();
  auto* cmd = report->add_subcommand(
      "assessment",
      "The assessment (考核) of a month: response, resolution and satisfaction rates and the "
      "score of each unit or street, from the archive (docs/assessment.md)");
  cmd->add_option("--month", options->month, "The month, YYYY-MM in the city's time zone")
      ->required();
  cmd->add_option("--by", options->by,
                  "Rows per unit (default) or per street; property: the star rating of property "
                  "companies; grid: patrol and resident reports per grid, and the idle grids")
      ->check(CLI::IsMember({"unit", "street", "property", "grid"}));
  cmd->add_option("--survey", options->survey,
                  "--by property: the month's survey CSV (company,score,sample); default: "
                  "assessment.stars.survey_dir/<month>.csv if it exists");
  cmd->add_option("--format", options->format,
                  "table (default), csv, json, or html (one self-contained page with both "
                  "rankings; --by is ignored)")
      ->check(CLI::IsMember({"table", "csv", "json", "html"}));
  cmd->add_option("--config", options->config,
                  "Engine config file (default: config/caseflow.yaml)");
  cmd->add_option("--output", options->output, "Write to this file instead of standard output");
  cmd->add_option("--base-url", options->base_url,
                  "HTML: case links go to BASE/api/v1/cases/{id} (default: relative links)");
  cmd->callback([&chosen, options] { chosen = [options] { return run_report(*options); }; });
}

}  // namespace caseflow::app
