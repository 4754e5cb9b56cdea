// The star rating of property companies (物业星级): each month every property-service company
// (物业) that handles cases at a residential compound gets 1 to 5 stars from its response,
// resolution and satisfaction rates in the assessment and a third-party survey of its residents
// (docs/assessment.md "The star rating of property companies" defines the rules and works an
// example by hand).
//
// Pure and deterministic: the caller assesses the month by unit (assessment.h) and reads the
// survey; nothing here reads a file or a clock.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/assessment/assessment.h"

namespace caseflow::assessment {

// How the four parts make a composite and the composite makes stars (config `assessment.stars`).
struct StarRules {
  // The weights of the parts in the composite: not negative, not all 0.
  double response = 25, resolution = 25, satisfaction = 25, survey = 25;
  // The least composite (0..100) for 5, 4, 3 and 2 stars, each at most the one before; a
  // composite below `two` is 1 star.
  double five = 90, four = 80, three = 70, two = 60;
  // A rate assessed on fewer cases (its denominator) has no value: a company is not rated on a
  // handful of cases.
  size_t min_cases = 5;
  // A survey score from fewer respondents has no value.
  size_t min_sample = 30;
  // The most stars a company gets when any of the four parts has no value (1..5): the top
  // ratings are earned on every part, not on the parts that happen to be measured.
  int cap_when_incomplete = 3;

  friend bool operator==(const StarRules&, const StarRules&) = default;
};

// What is wrong with the rules for people ("thresholds must not rise: four 85 is above five 80"),
// or none.
std::optional<std::string> star_rules_problem(const StarRules& rules);

// One line of the month's survey: the company's unit id, its score 0..100 and how many residents
// answered.
struct SurveyScore {
  std::string company;
  double score = 0;
  size_t sample = 0;

  friend bool operator==(const SurveyScore&, const SurveyScore&) = default;
};

struct StarRow {
  std::string company;              // the unit id, "property:PC0001"
  std::optional<int> stars;         // 1..5; none when no part has a value
  std::optional<double> composite;  // 0..100, rounded to 2 decimals; none when no part has a value
  // The parts that count, none when a part has no value: the rates as fractions 0..1 (as in the
  // assessment), the survey score 0..100.
  std::optional<double> response, resolution, satisfaction, survey;
  size_t cases = 0;          // distinct cases behind the company's three rates
  size_t survey_sample = 0;  // respondents on the company's survey line; 0 when it has none
  // Why a part has no value and whether the stars were capped, in words, in part order.
  std::vector<std::string> why;
};

struct StarRating {
  Period period;
  StarRules rules;
  // Where the survey came from as the caller names it (a file name); "" when there was none.
  std::string survey_source;
  bool has_survey = false;
  // Ranked: stars high to low (none last), then composite high to low, then company id. The ten
  // best and the ten worst of the month are the head and the tail of this list.
  std::vector<StarRow> rows;
  std::vector<std::string> problems;  // the assessment's unreadable facts (Report::problems)
};

// A property company's unit id: "property:<code>".
bool is_property_company(std::string_view unit);

// The stars of every property company of `by_unit` (a By::unit report) and every company on the
// survey. `survey` is none when the month has no survey: then every survey part has no value.
// The survey's companies are unique (the survey reader refuses duplicates); a repeated one counts
// by its first line.
StarRating rate_stars(const Report& by_unit, const std::optional<std::vector<SurveyScore>>& survey,
                      const StarRules& rules);

}  // namespace caseflow::assessment
