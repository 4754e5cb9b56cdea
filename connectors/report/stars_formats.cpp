// The star rating as a table, CSV and JSON. Names here are star_* so they stay apart from the
// assessment formats' helpers in the same unity build.
#include "connectors/report/stars_formats.h"

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <string_view>
#include <vector>

#include "connectors/report/csv_text.h"
#include "engine/simulate/html_text.h"
#include "engine/time/rfc3339.h"

namespace caseflow::report {
namespace {

namespace json = boost::json;
namespace text = simulate::html;

std::string star_reasons(const std::vector<std::string>& why) {
  std::string out;
  for (const auto& reason : why) out += (out.empty() ? "" : "; ") + reason;
  return out;
}

// --- table ---

std::string star_cell(const std::optional<int>& stars) {
  if (!stars) return "-";
  return std::to_string(*stars) + " " + std::string(static_cast<size_t>(*stars), '*');
}

std::string star_percent_cell(const std::optional<double>& rate) {
  return rate ? text::percent(*rate) : "-";
}

constexpr size_t kStarColumns = 10;
using StarLine = std::array<std::string, kStarColumns>;

// --- JSON ---

json::value star_json_number(const std::optional<double>& v) {
  if (!v) return nullptr;
  return *v;
}

}  // namespace

std::string stars_table(const assessment::StarRating& rating) {
  std::vector<StarLine> lines;
  lines.push_back({"rank", "company", "stars", "composite", "response", "resolution",
                   "satisfaction", "survey", "cases", "why"});
  size_t rank = 0;
  for (const auto& row : rating.rows) {
    lines.push_back(
        {std::to_string(++rank), row.company, star_cell(row.stars),
         row.composite ? text::fixed(*row.composite, 2) : "-", star_percent_cell(row.response),
         star_percent_cell(row.resolution), star_percent_cell(row.satisfaction),
         row.survey ? text::fixed(*row.survey, 1) + " (" + std::to_string(row.survey_sample) + ")"
                    : "-",
         std::to_string(row.cases), star_reasons(row.why)});
  }
  std::array<size_t, kStarColumns> width{};
  for (const auto& line : lines) {
    for (size_t c = 0; c < kStarColumns; ++c) width[c] = std::max(width[c], line[c].size());
  }
  std::string out = "star rating of property companies " + rating.period.label + ": " +
                    std::to_string(rating.rows.size()) + " companies; ";
  out += rating.has_survey
             ? "survey " + rating.survey_source
             : "no survey (at most " + std::to_string(rating.rules.cap_when_incomplete) + " stars)";
  out += "\n";
  for (const auto& line : lines) {
    std::string printed;
    for (size_t c = 0; c < kStarColumns; ++c) {
      if (c > 0) printed += "  ";
      const std::string pad(width[c] - line[c].size(), ' ');
      // Words read left to right; figures are right-aligned so their digits line up.
      const bool words = c == 1 || c == 2 || c == kStarColumns - 1;
      printed += words ? line[c] + pad : pad + line[c];
    }
    while (!printed.empty() && printed.back() == ' ') printed.pop_back();
    out += printed + "\n";
  }
  if (rating.rows.empty()) out += "(no property company had a case or a survey line this month)\n";
  return out;
}

std::string stars_csv(const assessment::StarRating& rating) {
  std::string out =
      "period,rank,company,stars,composite,response_rate,resolution_rate,satisfaction_rate,"
      "survey_score,survey_sample,cases,why\r\n";
  size_t rank = 0;
  for (const auto& row : rating.rows) {
    out += csv_field(rating.period.label) + "," + std::to_string(++rank) + "," +
           csv_field(row.company) + "," + (row.stars ? std::to_string(*row.stars) : "") + "," +
           csv_number(row.composite) + "," + csv_number(row.response) + "," +
           csv_number(row.resolution) + "," + csv_number(row.satisfaction) + "," +
           csv_number(row.survey) + "," + std::to_string(row.survey_sample) + "," +
           std::to_string(row.cases) + "," + csv_field(star_reasons(row.why)) + "\r\n";
  }
  return out;
}

json::object stars_json(const assessment::StarRating& rating) {
  const auto& rules = rating.rules;
  json::array rows;
  rows.reserve(rating.rows.size());
  size_t rank = 0;
  for (const auto& row : rating.rows) {
    json::array why;
    for (const auto& reason : row.why) why.emplace_back(reason);
    rows.push_back(
        json::object{{"rank", ++rank},
                     {"company", row.company},
                     {"stars", row.stars ? json::value(*row.stars) : json::value(nullptr)},
                     {"composite", star_json_number(row.composite)},
                     {"response", star_json_number(row.response)},
                     {"resolution", star_json_number(row.resolution)},
                     {"satisfaction", star_json_number(row.satisfaction)},
                     {"survey", star_json_number(row.survey)},
                     {"survey_sample", row.survey_sample},
                     {"cases", row.cases},
                     {"why", std::move(why)}});
  }
  json::array problems;
  for (const auto& p : rating.problems) problems.emplace_back(p);
  return {
      {"period",
       {{"label", rating.period.label},
        {"from", format_rfc3339_utc(rating.period.from)},
        {"to", format_rfc3339_utc(rating.period.to)}}},
      {"by", "property"},
      {"survey", rating.has_survey ? json::value(json::object{{"file", rating.survey_source}})
                                   : json::value(nullptr)},
      {"rules",
       {{"weights",
         {{"response", rules.response},
          {"resolution", rules.resolution},
          {"satisfaction", rules.satisfaction},
          {"survey", rules.survey}}},
        {"thresholds",
         {{"five", rules.five}, {"four", rules.four}, {"three", rules.three}, {"two", rules.two}}},
        {"min_cases", rules.min_cases},
        {"min_sample", rules.min_sample},
        {"cap_when_incomplete", rules.cap_when_incomplete}}},
      {"rows", std::move(rows)},
      {"problems", std::move(problems)}};
}

}  // namespace caseflow::report
