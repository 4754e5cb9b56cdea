// GET /api/v1/assessment?period=2026-11&by=unit|street|property|grid, parsed. Pure; thread-safe.
#pragma once

#include "connectors/http/form.h"
#include "engine/assessment/assessment.h"
#include "engine/assessment/period.h"
#include "engine/common/result.h"

namespace caseflow::http {

struct AssessmentQuery {
  assessment::YearMonth month;               // `period`, required: a month in the city's zone
  assessment::By by = assessment::By::unit;  // `by`, as the CLI's --by (default unit)
  bool property = false;  // by=property: the star rating of property companies (by is unit)
  bool grid = false;      // by=grid: patrol and resident reports per grid, the idle grids
};

// The query checked and read; an Error (code bad_query) says what is wrong: a missing or
// malformed period, a `by` other than unit, street, property or grid, an unknown or repeated
// parameter.
Result<AssessmentQuery> parse_assessment_query(const FormFields& query);

}  // namespace caseflow::http
