#include "engine/assessment/stars.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

namespace caseflow::assessment {
namespace {

// A number as people write it in a rule's message: "80", "72.5".
std::string star_rule_number(double v) {
  std::string text = std::to_string(v);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

size_t distinct_cases_of(const Row& row) {
  std::vector<std::string> both;
  std::set_union(row.response_cases.begin(), row.response_cases.end(), row.rated_cases.begin(),
                 row.rated_cases.end(), std::back_inserter(both));
  return both.size();
}

// A rate that counts for the stars, or none with the reason in `why`.
std::optional<double> star_rate_part(std::string_view part, const Row* row, Rate Row::*rate,
                                     const StarRules& rules, std::vector<std::string>& why) {
  const size_t assessed = row ? (row->*rate).denominator : 0;
  if (assessed == 0) {
    why.push_back(std::string(part) + ": nothing assessed");
    return std::nullopt;
  }
  if (assessed < rules.min_cases) {
    why.push_back(std::string(part) + ": " + std::to_string(assessed) + " case" +
                  (assessed == 1 ? "" : "s") + " assessed, fewer than " +
                  std::to_string(rules.min_cases));
    return std::nullopt;
  }
  return (row->*rate).value();
}

std::optional<double> star_survey_part(bool has_survey, const SurveyScore* line,
                                       const StarRules& rules, StarRow& out) {
  if (!has_survey) {
    out.why.emplace_back("survey: no survey for the month");
    return std::nullopt;
  }
  if (!line) {
    out.why.emplace_back("survey: not on the month's survey");
    return std::nullopt;
  }
  out.survey_sample = line->sample;
  if (line->sample < rules.min_sample) {
    out.why.push_back("survey: " + std::to_string(line->sample) + " respondents, fewer than " +
                      std::to_string(rules.min_sample));
    return std::nullopt;
  }
  return line->score;
}

int stars_of(double composite, const StarRules& rules) {
  if (composite >= rules.five) return 5;
  if (composite >= rules.four) return 4;
  if (composite >= rules.three) return 3;
  if (composite >= rules.two) return 2;
  return 1;
}

StarRow star_row(const std::string& company, const Row* row, bool has_survey,
                 const SurveyScore* line, const StarRules& rules) {
  StarRow out;
  out.company = company;
  if (row) out.cases = distinct_cases_of(*row);
  out.response = star_rate_part("response", row, &Row::response, rules, out.why);
  out.resolution = star_rate_part("resolution", row, &Row::resolution, rules, out.why);
  out.satisfaction = star_rate_part("satisfaction", row, &Row::satisfaction, rules, out.why);
  out.survey = star_survey_part(has_survey, line, rules, out);

  // Rates are fractions, the survey is already 0..100: every part as points of 100.
  const std::pair<std::optional<double>, double> parts[] = {
      {out.response ? std::optional(*out.response * 100) : std::nullopt, rules.response},
      {out.resolution ? std::optional(*out.resolution * 100) : std::nullopt, rules.resolution},
      {out.satisfaction ? std::optional(*out.satisfaction * 100) : std::nullopt,
       rules.satisfaction},
      {out.survey, rules.survey}};
  double sum = 0, weight = 0;
  bool incomplete = false;
  for (const auto& [points, w] : parts) {
    if (points) {
      sum += w * *points;
      weight += w;
    } else if (w > 0) {
      incomplete = true;  // a part that weighs nothing is not missed
    }
  }
  if (weight <= 0) {
    out.why.emplace_back("no part has a value: no stars");
    return out;
  }
  // Stars are given on the composite as shown, so 79.996 (shown 80.00) is 4 stars at four: 80.
  out.composite = std::round(sum / weight * 100.0) / 100.0;
  const int earned = stars_of(*out.composite, rules);
  out.stars = earned;
  if (incomplete && earned > rules.cap_when_incomplete) {
    out.stars = rules.cap_when_incomplete;
    out.why.push_back("capped at " + std::to_string(rules.cap_when_incomplete) +
                      " stars (the composite earns " + std::to_string(earned) +
                      "): a part has no value");
  }
  return out;
}

bool ranks_before(const StarRow& a, const StarRow& b) {
  if (a.stars.value_or(0) != b.stars.value_or(0)) return a.stars.value_or(0) > b.stars.value_or(0);
  if (a.composite.value_or(-1) != b.composite.value_or(-1))
    return a.composite.value_or(-1) > b.composite.value_or(-1);
  return a.company < b.company;
}

}  // namespace

std::optional<std::string> star_rules_problem(const StarRules& rules) {
  const std::pair<std::string_view, double> weights[] = {{"response", rules.response},
                                                         {"resolution", rules.resolution},
                                                         {"satisfaction", rules.satisfaction},
                                                         {"survey", rules.survey}};
  double total = 0;
  for (const auto& [name, w] : weights) {
    if (!(w >= 0 && w <= 1000)) {
      return "weight " + std::string(name) + " must be between 0 and 1000";
    }
    total += w;
  }
  if (total <= 0) return std::string("the weights need at least one above 0");
  const std::pair<std::string_view, double> thresholds[] = {
      {"five", rules.five}, {"four", rules.four}, {"three", rules.three}, {"two", rules.two}};
  for (size_t i = 0; i < std::size(thresholds); ++i) {
    const auto& [name, t] = thresholds[i];
    if (!(t >= 0 && t <= 100)) {
      return "threshold " + std::string(name) + " must be between 0 and 100";
    }
    if (i > 0 && t > thresholds[i - 1].second) {
      return "thresholds must not rise: " + std::string(name) + " " + star_rule_number(t) +
             " is above " + std::string(thresholds[i - 1].first) + " " +
             star_rule_number(thresholds[i - 1].second);
    }
  }
  if (rules.cap_when_incomplete < 1 || rules.cap_when_incomplete > 5) {
    return std::string("cap_when_incomplete must be between 1 and 5 stars");
  }
  return std::nullopt;
}

bool is_property_company(std::string_view unit) { return unit.starts_with("property:"); }

StarRating rate_stars(const Report& by_unit, const std::optional<std::vector<SurveyScore>>& survey,
                      const StarRules& rules) {
  StarRating out;
  out.period = by_unit.period;
  out.rules = rules;
  out.has_survey = survey.has_value();
  out.problems = by_unit.problems;

  std::map<std::string, const SurveyScore*> lines;
  if (survey) {
    for (const auto& line : *survey) lines.try_emplace(line.company, &line);
  }
  // Every company once, from either side: a company on the survey may have had no case.
  std::map<std::string, const Row*> companies;
  for (const auto& row : by_unit.rows) {
    if (is_property_company(row.key) || lines.count(row.key)) companies[row.key] = &row;
  }
  for (const auto& [company, line] : lines) companies.try_emplace(company, nullptr);

  out.rows.reserve(companies.size());
  for (const auto& [company, row] : companies) {
    const auto line = lines.find(company);
    out.rows.push_back(star_row(company, row, out.has_survey,
                                line == lines.end() ? nullptr : line->second, rules));
  }
  std::sort(out.rows.begin(), out.rows.end(), ranks_before);
  return out;
}

}  // namespace caseflow::assessment
