// The sample city as the month generator of assessment_bench sees it: the real grids, units,
// compounds and property companies of tools/citygen's default city (the ones build/*/city and
// config/units.yaml hold), each given a fixed, seeded character — how busy a grid is, whether its
// worker patrols, how quickly its unit signs; how well each property company works — so that a
// generated month gives the star rating and the grid report something to tell apart.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/common/result.h"

namespace caseflow::bench {

// Portable draws (std:: distributions differ between standard libraries; these do not).
double month_uniform(std::mt19937_64& rng);  // [0, 1)
double month_normal(std::mt19937_64& rng);   // mean 0, sd 1 (Box-Muller)
// An index into `cumulative` (running sums of weights, last = total) drawn by weight.
size_t month_pick(std::mt19937_64& rng, const std::vector<double>& cumulative);

struct MonthGrid {
  std::string id, community, street, district;
  std::string unit;            // who patrols it and signs its cases (units.yaml: grid:{id}, ...)
  std::string community_unit;  // where its grid-stage work is assessed
  std::string street_unit;
  bool idle = false;          // its worker never reports on patrol
  int patrol = 0;             // patrol reports of the month (0 when idle)
  double busy = 1;            // relative share of residents' reports (mean about 1)
  double on_time = 0.9;       // chance its unit contacts a resident in time
  double sign_hours = 2;      // median time to sign a resident's report
  double resolve_hours = 20;  // median time from contact to resolved
};

struct MonthCompany {
  std::string unit;      // "property:P0001"
  double quality = 0.5;  // 0 (poor) .. 1 (excellent): what the rates and the survey follow
  double on_time = 0.9, solved = 0.7, satisfied = 0.7;
};

struct MonthCompound {
  std::string id;
  size_t grid = 0;     // index into MonthCity::grids
  size_t company = 0;  // index into MonthCity::companies
};

struct MonthCity {
  std::vector<MonthGrid> grids;  // in grid id order
  std::vector<MonthCompound> compounds;
  std::vector<MonthCompany> companies;  // in unit id order
  std::vector<double> grid_weights;     // cumulative `busy`, for month_pick
};

// Generates the default sample city in memory, joins it as the engine does (boundaries, unit
// directory, compounds) and draws every grid's and company's character from `rng`. Patrol counts
// are spread so their sum is about `patrol_reports`: each active grid at least one, ~8% idle.
Result<MonthCity> make_month_city(std::mt19937_64& rng, int64_t patrol_reports);

// The month's survey as a CSV (connectors/report/survey_csv.h): a score following each
// company's quality, about 200 respondents; a few companies left out and a few with fewer
// respondents than a score needs.
std::string month_survey_csv(std::mt19937_64& rng, const MonthCity& city);

}  // namespace caseflow::bench
