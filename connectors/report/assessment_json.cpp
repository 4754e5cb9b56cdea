// The report as JSON: what `caseflow report assessment --format json` prints and
// GET /api/v1/assessment answers (docs/http.md describes every member).
#include <boost/json/array.hpp>

#include "connectors/report/assessment_formats.h"
#include "engine/time/rfc3339.h"

namespace caseflow::report {
namespace {

namespace json = boost::json;

json::value optional_number(const std::optional<double>& v) {
  if (!v) return nullptr;
  return *v;
}

json::object rate(const assessment::Rate& r) {
  return {{"rate", optional_number(r.value())},
          {"numerator", r.numerator},
          {"denominator", r.denominator}};
}

json::array ids(const std::vector<std::string>& cases) {
  json::array out;
  out.reserve(cases.size());
  for (const auto& id : cases) out.emplace_back(id);
  return out;
}

json::object weights(const assessment::Weights& w) {
  return {
      {"solved", w.solved},
      {"partly", w.partly},
      {"not_solved", w.not_solved},
      {"satisfied", w.satisfied},
      {"basically", w.basically},
      {"unsatisfied", w.unsatisfied},
      {"score",
       {{"response", w.score_response},
        {"resolution", w.score_resolution},
        {"satisfaction", w.score_satisfaction}}},
      {"unrated", w.unrated == assessment::Weights::Unrated::as_worst ? "as_worst" : "exclude"}};
}

}  // namespace

json::object assessment_json(const assessment::Report& report) {
  json::array rows;
  rows.reserve(report.rows.size());
  size_t rank = 0;
  for (const auto& row : report.rows) {
    json::array weekly;
    for (const auto& w : row.weekly_score) weekly.push_back(optional_number(w));
    rows.push_back(json::object{{"rank", ++rank},
                                {"key", row.key},
                                {"score", optional_number(row.score)},
                                {"response", rate(row.response)},
                                {"resolution", rate(row.resolution)},
                                {"satisfaction", rate(row.satisfaction)},
                                {"unrated", row.unrated},
                                {"no_answer", row.no_answer},
                                {"exempted", row.exempted},
                                {"justified_returns", row.justified_returns},
                                {"invalid", row.invalid},
                                {"staged", row.staged},
                                {"weekly_score", std::move(weekly)},
                                {"cases",
                                 {{"response", ids(row.response_cases)},
                                  {"rated", ids(row.rated_cases)},
                                  {"excluded", ids(row.excluded_cases)}}}});
  }
  return {{"period",
           {{"label", report.period.label},
            {"from", format_rfc3339_utc(report.period.from)},
            {"to", format_rfc3339_utc(report.period.to)}}},
          {"by", report.by == assessment::By::unit ? "unit" : "street"},
          {"cases", report.cases},
          {"answered_at_intake", report.answered_at_intake},
          {"weights", weights(report.weights)},
          {"rows", std::move(rows)},
          {"problems", ids(report.problems)}};
}

}  // namespace caseflow::report
