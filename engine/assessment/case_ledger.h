// One case's assessment facts read once from its records (the JSON of `data.assessment`), so the
// report can count any window of time against the decisions the case ever received.
#pragma once

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>
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
  Instant invalid_at;                            // when, and whose proposal it was
  std::string invalid_unit;
  std::optional<Instant> answered_at_intake;
  std::vector<PlanFact> plans;
};

// Reads ledgers one case after another, reusing its parser, its parse memory and the ledger's
// buffers: a month of a big city is millions of small JSON texts, and allocating for each one
// cost more than parsing it.
class LedgerReader {
 public:
  // Reads every record of `facts` (in sequence order) into the reader's ledger, valid until the
  // next read. A fact that cannot be read is left out and described in `problems`
  // ("case-1 #7: rating.solved is 'maybe', expected solved|partly|not_solved").
  const CaseLedger& read(const CaseFacts& facts, std::vector<std::string>& problems);

 private:
  CaseLedger ledger_;
  std::vector<size_t> order_;
  unsigned char buffer_[4096];
  boost::json::parser parser_;
};

}  // namespace caseflow::assessment
