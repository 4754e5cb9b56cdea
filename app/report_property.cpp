// `caseflow report assessment --month 2026-11 --by property [--survey FILE]`: the star rating of
// property companies (docs/assessment.md "The star rating of property companies") from the
// month's assessment by unit and the month's survey, as a table, CSV or JSON.
#include <boost/json/serialize.hpp>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/report_options.h"
#include "app/report_source.h"
#include "connectors/report/assessment_read.h"
#include "connectors/report/stars_formats.h"
#include "connectors/report/survey_csv.h"
#include "engine/assessment/stars.h"

namespace caseflow::app {

int run_property_report(const ReportOptions& options) {
  auto opened = open_report_source(options);
  if (const int* code = std::get_if<int>(&opened)) return *code;
  ReportSource& source = std::get<ReportSource>(opened);

  // --survey, else the month's file in the survey folder when there is one; without a survey
  // every company's survey part has no value (and its stars are capped).
  const std::optional<std::filesystem::path> file =
      options.survey.empty()
          ? report::month_survey_file(source.config.stars.survey_dir, source.period.label)
          : std::optional<std::filesystem::path>(options.survey);
  std::optional<std::vector<assessment::SurveyScore>> survey;
  if (file) {
    auto read = report::read_survey_file(*file);
    if (!read) {
      if (read.error().code == "bad_survey") {
        std::cerr << read.error().message << "\n";
        return 1;
      }
      return report_failure(read.error().message);
    }
    survey = std::move(*read);
  }

  auto reports = report::read_and_assess(*source.store, source.period, {assessment::By::unit},
                                         source.config.assessment);
  if (!reports) return report_failure(reports.error().message);
  for (const auto& problem : reports->front().problems) {
    std::cerr << "caseflow report: warning: a fact was left out: " << problem << "\n";
  }
  auto rating = assessment::rate_stars(reports->front(), survey, source.config.stars.rules);
  if (file) rating.survey_source = file->filename().string();

  std::string text;
  if (options.format == "csv") {
    text = report::stars_csv(rating);
  } else if (options.format == "json") {
    text = boost::json::serialize(report::stars_json(rating)) + "\n";
  } else {
    text = report::stars_table(rating);
  }
  return write_report_text(options, text);
}

}  // namespace caseflow::app
