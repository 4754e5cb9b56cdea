// The options of `caseflow report assessment`, shared by the report's groupings: per unit or
// street (command_report.cpp), per property company with stars (report_property.cpp) and per grid
// (report_grids.cpp).
#pragma once

#include <string>

namespace caseflow::app {

struct ReportOptions {
  std::string config = "config/caseflow.yaml";
  std::string month;
  std::string by = "unit";
  std::string format = "table";
  std::string output;    // "" = standard output
  std::string base_url;  // HTML: where /api/v1/cases/{id} is served; "" = relative links
  std::string survey;    // --by property: the month's survey CSV; "" = assessment.stars.survey_dir
};

// Each returns the command's exit code: 0 written, 1 the config or archive failed, 2 usage.
int run_property_report(const ReportOptions& options);
int run_grid_report(const ReportOptions& options);

}  // namespace caseflow::app
