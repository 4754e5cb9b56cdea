// The assessment report in the four forms people read it in: a fixed-width table for the
// terminal, CSV for a spreadsheet, JSON for programs (the same document GET /api/v1/assessment
// answers, docs/http.md) and one HTML page for a street office. Pure and deterministic: the same
// report gives the same bytes; every text from the data is escaped for its format.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "engine/assessment/assessment.h"
#include "engine/time/instant.h"

namespace caseflow::report {

// Ranking, the three rates as percentages, the score and the counts set aside.
std::string assessment_table(const assessment::Report& report);

// A header row, then one row per unit or street in ranking order (RFC 4180: CRLF, quoted fields
// where needed). Rates are fractions 0..1; an empty field is "no value".
std::string assessment_csv(const assessment::Report& report);

// The report as docs/http.md "GET /api/v1/assessment" describes it.
boost::json::object assessment_json(const assessment::Report& report);

struct HtmlOptions {
  // Case ids link to BASE/api/v1/cases/{id}; "" keeps the links relative to where the page is
  // served from, so the file names no host.
  std::string base_url;
  // The city's offset from UTC at the period's start, for the dates the page shows.
  Duration utc_offset = Duration::hours(0);
};

// One self-contained page (inline CSS and SVG, no script, nothing from the network): both
// rankings with their rates, scores and weekly trend, and the cases behind every number.
std::string assessment_html(const assessment::Report& by_unit, const assessment::Report& by_street,
                            const HtmlOptions& options);

}  // namespace caseflow::report
