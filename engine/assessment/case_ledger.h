// One case's assessment facts read once from its records (the JSON of `data.assessment`), so the
// report can count any window of time against the decisions the case ever received.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/assessment/assessment.h"

namespace caseflow::assessment {

enum class Solved : uint8_t { solved, partly, not_solved };
enum class Satisfaction : uint8_t { satisfied, basically, unsatisfied, no_answer };

struct ResponseFact {
  Instant at;
  std::string unit;
  bool on_time = false;
};

// The case's final verdict: the last rating or unrated fact (a reopened case is rated again).
struct Verdict {
  Instant at;
  std::string unit;
  bool rated = false;  // false: closed without a rating
  Solved solved = Solved::not_solved;
  Satisfaction satisfaction = Satisfaction::no_answer;
};

struct PlanFact {
  Instant at;
  std::string unit;
  std::string step;  // filed, approved, refused, due
};

struct CaseLedger {
  const CaseFacts* facts = nullptr;
  std::vector<ResponseFact> responses;
  std::optional<Verdict> verdict;
  std::set<std::string> exempted_units;          // granted an exemption for the case
  std::set<std::string> justified_return_units;  // a return of theirs was reviewed as justified
  bool invalid = false;                          // confirmed invalid: out of every rate
  std::optional<Instant> answered_at_intake;
  std::vector<PlanFact> plans;
};

// Reads every record of `facts`. A fact that cannot be read is left out and described in
// `problems` ("case-1 #7: rating.solved is 'maybe', expected solved|partly|not_solved").
CaseLedger read_ledger(const CaseFacts& facts, std::vector<std::string>& problems);

}  // namespace caseflow::assessment
