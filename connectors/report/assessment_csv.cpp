// CSV for a spreadsheet (RFC 4180): a header row, then one row per unit or street in ranking
// order. Numbers are written exactly (shortest text that reads back as the same double).
#include <string>
#include <string_view>

#include "connectors/report/assessment_formats.h"
#include "connectors/report/csv_text.h"
#include "engine/simulate/html_text.h"

namespace caseflow::report {
namespace {

std::string number(double v) { return simulate::html::exact(v); }

std::string rate_fields(const assessment::Rate& rate) {
  const auto v = rate.value();
  return (v ? number(*v) : std::string()) + "," + number(rate.numerator) + "," +
         std::to_string(rate.denominator);
}

}  // namespace

std::string assessment_csv(const assessment::Report& report) {
  const bool by_unit = report.by == assessment::By::unit;
  std::string out = "period,rank,";
  out += by_unit ? "unit" : "street";
  out +=
      ",response_rate,response_on_time,response_assessed,resolution_rate,resolution_points,"
      "resolution_rated,satisfaction_rate,satisfaction_points,satisfaction_rated,score,unrated,"
      "no_answer,exempted,justified_returns,invalid,staged\r\n";
  size_t rank = 0;
  for (const auto& row : report.rows) {
    out += csv_field(report.period.label) + "," + std::to_string(++rank) + "," +
           csv_field(row.key) + ",";
    out += rate_fields(row.response) + "," + rate_fields(row.resolution) + "," +
           rate_fields(row.satisfaction) + ",";
    out += (row.score ? number(*row.score) : std::string()) + ",";
    out += std::to_string(row.unrated) + "," + std::to_string(row.no_answer) + "," +
           std::to_string(row.exempted) + "," + std::to_string(row.justified_returns) + "," +
           std::to_string(row.invalid) + "," + std::to_string(row.staged) + "\r\n";
  }
  return out;
}

}  // namespace caseflow::report
