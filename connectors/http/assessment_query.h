// GET /api/v1/assessment?period=2026-11&by=street|unit, parsed. Pure; thread-safe.
#pragma once

#include "connectors/http/form.h"
#include "engine/assessment/assessment.h"
#include "engine/assessment/period.h"
#include "engine/common/result.h"

namespace caseflow::http {

struct AssessmentQuery {
  assessment::YearMonth month;               // `period`, required: a month in the city's zone
  assessment::By by = assessment::By::unit;  // `by`, as the CLI's --by (default unit)
};

// The query checked and read; an Error (code bad_query) says what is wrong: a missing or
// malformed period, a `by` other than unit or street, an unknown or repeated parameter.
Result<AssessmentQuery> parse_assessment_query(const FormFields& query);

}  // namespace caseflow::http
