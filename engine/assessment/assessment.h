// The assessment (考核): the three rates — response (响应率), resolution (解决率) and satisfaction
// (满意率) — and the weighted score of each unit and each street for a period, computed from the
// assessment facts the engine writes into its records (docs/assessment.md defines every rule and
// works an example by hand).
//
// Pure: the caller reads the facts (from the archive, or a test's fixture) and passes them in;
// nothing here reads a clock, a file or a database. Deterministic: the same facts give the same
// report, rows in the same order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/time/instant.h"

namespace caseflow::assessment {

// What the parts of a rating weigh and how the score mixes the three rates (config `assessment:`).
struct Weights {
  double solved = 1.0, partly = 0.5, not_solved = 0.0;                         // resolution
  double satisfied = 1.0, basically = 0.5, unsatisfied = 0.0;                  // satisfaction
  double score_response = 30, score_resolution = 35, score_satisfaction = 35;  // score parts
  // A case closed without a rating: left out of resolution and satisfaction and reported as a
  // count (exclude), or counted as not solved and unsatisfied (as_worst).
  enum class Unrated : uint8_t { exclude, as_worst } unrated = Unrated::exclude;
};

// [from, to): a month in the city's time zone, or any span.
struct Period {
  Instant from;
  Instant to;
  std::string label;  // "2026-11"
};

// One record the engine published about a case that carries assessment facts: its time, its
// CloudEvents type without the prefix ("updated", "closed", ...), its change (`what`) and the JSON
// text of its `data.assessment` object, exactly as published (docs/events.md "The assessment's
// facts").
struct FactRecord {
  Instant at;
  uint64_t seq = 0;  // the record's case sequence: facts apply in this order
  std::string type;
  std::string what;
  std::string facts_json;
};

// Every fact record of one case, in sequence order, and where the case is.
struct CaseFacts {
  std::string case_id;
  std::string street;  // "" when the case had no place
  std::string community;
  std::vector<FactRecord> records;
};

// A rate: its weighted numerator over its denominator of cases. No value when nothing is assessed.
struct Rate {
  double numerator = 0;
  size_t denominator = 0;
  std::optional<double> value() const {
    if (denominator == 0) return std::nullopt;
    return numerator / static_cast<double>(denominator);
  }
};

enum class By : uint8_t { unit, street };

struct Row {
  std::string key;  // the unit id (by unit) or the street id (by street)
  Rate response, resolution, satisfaction;
  std::optional<double> score;   // 0..100 over the parts that have a value; none if none has
  size_t unrated = 0;            // closed without a rating (counted aside, see Weights::unrated)
  size_t no_answer = 0;          // rated "no answer": in resolution, not in satisfaction
  size_t exempted = 0;           // cases granted an exemption for this unit (out of its rates)
  size_t justified_returns = 0;  // returns reviewed as justified (out of the response rate)
  size_t invalid = 0;            // cases confirmed invalid (out of every rate)
  size_t staged = 0;             // resolved-pending under an approved plan at the period's end
  // The cases behind the row's numbers, sorted: every number can be traced to its cases.
  std::vector<std::string> response_cases, rated_cases, excluded_cases;
  std::vector<std::optional<double>> weekly_score;  // the score per week of the period (trend)
};

struct Report {
  Period period;
  By by = By::unit;
  Weights weights;
  std::vector<Row> rows;          // ranked: score high to low (no score last), then key
  size_t answered_at_intake = 0;  // 直办: resolved by the hotline during the call (the centre's)
  size_t cases = 0;               // distinct cases with a fact in the period
  // Facts that could not be read and were left out ("case-1 #7: rating.solved is 'maybe', ..."):
  // the engine never writes such a fact, so any line here is a bug to report, not a figure.
  std::vector<std::string> problems;
};

// The assessment fed one case at a time: a reader streaming a period from the archive holds one
// case's facts, not the period's (900,000 cases are about 900 MiB of them). add() copies what it
// keeps, so the caller may reuse its CaseFacts; the cases may come in any order.
class Assessment {
 public:
  Assessment(const Period& period, std::span<const By> groupings, const Weights& weights);
  Assessment(Assessment&&) noexcept;
  Assessment& operator=(Assessment&&) noexcept;
  ~Assessment();

  void add(const CaseFacts& c);
  // One report per grouping, in the order asked.
  std::vector<Report> reports() &&;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

Report assess(const std::vector<CaseFacts>& cases, const Period& period, By by,
              const Weights& weights);
// One report per grouping, in the order asked, from one reading of the facts (each case's JSON
// is parsed once however many groupings are asked).
std::vector<Report> assess(const std::vector<CaseFacts>& cases, const Period& period,
                           std::span<const By> groupings, const Weights& weights);

// The score of three rates: sum(weight * rate) / sum(weight) * 100 over the rates that have a
// value; none when none has (or their weights add up to 0).
std::optional<double> score(const Rate& response, const Rate& resolution, const Rate& satisfaction,
                            const Weights& weights);

}  // namespace caseflow::assessment
