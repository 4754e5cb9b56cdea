#include "connectors/http/assessment_query.h"

#include "connectors/http/query_params.h"

namespace caseflow::http {

Result<AssessmentQuery> parse_assessment_query(const FormFields& query) {
  if (auto problem = check_query_names(query, {{"period"}, {"by"}})) return bad_query(*problem);
  AssessmentQuery q;
  const auto period = first(query, "period");
  if (!period)
    return bad_query("period is required: the month to assess, YYYY-MM, such as 2026-11");
  auto month = assessment::parse_month(*period);
  if (!month) return bad_query("period: " + month.error().message);
  q.month = *month;
  if (auto by = first(query, "by")) {
    if (*by == "unit") {
      q.by = assessment::By::unit;
    } else if (*by == "street") {
      q.by = assessment::By::street;
    } else if (*by == "property") {
      q.property = true;  // rated from the assessment by unit
    } else if (*by == "grid") {
      q.grid = true;
    } else {
      return bad_query(must_be_one_of("by", {"unit", "street", "property", "grid"}));
    }
  }
  return q;
}

}  // namespace caseflow::http
