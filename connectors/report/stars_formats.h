// The star rating of property companies (assessment/stars.h) in the forms people read it in: a
// fixed-width table for the terminal, CSV for a spreadsheet and JSON for programs (the document
// GET /api/v1/assessment?by=property answers, docs/http.md). Pure and deterministic.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "engine/assessment/stars.h"

namespace caseflow::report {

// Rank, stars, composite, the four parts and why a part has no value or the stars were capped.
std::string stars_table(const assessment::StarRating& rating);

// A header row, then one row per company in ranking order (RFC 4180: CRLF, quoted fields where
// needed). Rates are fractions 0..1, the survey and the composite 0..100; an empty field is "no
// value"; `why` joins its reasons with "; ".
std::string stars_csv(const assessment::StarRating& rating);

// The rating as docs/http.md "The star rating of property companies" describes it.
boost::json::object stars_json(const assessment::StarRating& rating);

}  // namespace caseflow::report
