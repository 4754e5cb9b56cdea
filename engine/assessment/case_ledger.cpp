#include "engine/assessment/case_ledger.h"

#include <algorithm>
#include <boost/json/value.hpp>
#include <numeric>
#include <string_view>

namespace caseflow::assessment {
namespace {

namespace json = boost::json;

// Reads one record's facts; a key that does not fit adds a problem and is skipped, the others
// still count.
class RecordReader {
 public:
  RecordReader(CaseLedger& ledger, const FactRecord& record, std::vector<std::string>& problems)
      : ledger_(ledger), record_(record), problems_(problems) {}

  // `parser` is reset onto `memory`, which holds the parsed value until it is released.
  void read(json::parser& parser, json::monotonic_resource& memory) {
    if (record_.facts_json.empty()) return;
    boost::system::error_code ec;
    parser.reset(&memory);
    parser.write(record_.facts_json, ec);
    json::value root;
    if (!ec) root = parser.release();
    if (ec || !root.is_object()) {
      problem("data.assessment is not a JSON object");
      return;
    }
    for (const auto& [key, value] : root.as_object()) {
      if (key == "response") {
        response(value);
      } else if (key == "rating") {
        rating(value);
      } else if (key == "unrated") {
        unrated(value);
      } else if (key == "return_review") {
        return_review(value);
      } else if (key == "exemption") {
        exemption(value);
      } else if (key == "invalid") {
        invalid(value);
      } else if (key == "plan") {
        plan(value);
      } else if (key == "answered_at_intake") {
        if (value.is_bool() && value.as_bool()) ledger_.answered_at_intake = record_.at;
      }
      // returned_by only names who returned: the review that follows decides (return_review).
    }
  }

 private:
  void problem(const std::string& what) {
    problems_.push_back(ledger_.facts->case_id + " #" + std::to_string(record_.seq) + ": " + what);
  }

  const json::object* object(const json::value& v, std::string_view key) {
    if (v.is_object()) return &v.as_object();
    problem(std::string(key) + " is not an object");
    return nullptr;
  }

  std::optional<std::string> text(const json::object& o, std::string_view key,
                                  std::string_view fact) {
    const json::value* v = o.if_contains(key);
    if (v && v->is_string() && !v->as_string().empty()) return std::string(v->as_string());
    problem(std::string(fact) + "." + std::string(key) + " is missing or not a non-empty string");
    return std::nullopt;
  }

  std::optional<bool> flag(const json::object& o, std::string_view key, std::string_view fact) {
    const json::value* v = o.if_contains(key);
    if (v && v->is_bool()) return v->as_bool();
    problem(std::string(fact) + "." + std::string(key) + " is missing or not a boolean");
    return std::nullopt;
  }

  void response(const json::value& v) {
    const json::object* o = object(v, "response");
    if (!o) return;
    auto unit = text(*o, "unit", "response");
    auto on_time = flag(*o, "on_time", "response");
    if (!unit || !on_time) return;
    ledger_.responses.push_back({record_.at, std::move(*unit), *on_time});
  }

  void rating(const json::value& v) {
    const json::object* o = object(v, "rating");
    if (!o) return;
    auto unit = text(*o, "unit", "rating");
    auto solved = text(*o, "solved", "rating");
    auto satisfaction = text(*o, "satisfaction", "rating");
    if (!unit || !solved || !satisfaction) return;
    Verdict verdict{.at = record_.at, .unit = std::move(*unit), .rated = true};
    if (*solved == "solved") {
      verdict.solved = Solved::solved;
    } else if (*solved == "partly") {
      verdict.solved = Solved::partly;
    } else if (*solved == "not_solved") {
      verdict.solved = Solved::not_solved;
    } else {
      problem("rating.solved is '" + *solved + "', expected solved|partly|not_solved");
      return;
    }
    if (*satisfaction == "satisfied") {
      verdict.satisfaction = Satisfaction::satisfied;
    } else if (*satisfaction == "basically") {
      verdict.satisfaction = Satisfaction::basically;
    } else if (*satisfaction == "unsatisfied") {
      verdict.satisfaction = Satisfaction::unsatisfied;
    } else if (*satisfaction == "no_answer") {
      verdict.satisfaction = Satisfaction::no_answer;
    } else {
      problem("rating.satisfaction is '" + *satisfaction +
              "', expected satisfied|basically|unsatisfied|no_answer");
      return;
    }
    ledger_.verdict = std::move(verdict);
  }

  void unrated(const json::value& v) {
    const json::object* o = object(v, "unrated");
    if (!o) return;
    auto unit = text(*o, "unit", "unrated");
    if (!unit) return;
    ledger_.verdict = Verdict{.at = record_.at, .unit = std::move(*unit), .rated = false};
  }

  void return_review(const json::value& v) {
    const json::object* o = object(v, "return_review");
    if (!o) return;
    auto unit = text(*o, "unit", "return_review");
    auto justified = flag(*o, "justified", "return_review");
    if (!unit || !justified) return;
    if (*justified) ledger_.justified_return_units.insert(std::move(*unit));
  }

  void exemption(const json::value& v) {
    const json::object* o = object(v, "exemption");
    if (!o) return;
    auto unit = text(*o, "unit", "exemption");
    auto step = text(*o, "step", "exemption");
    if (!unit || !step) return;
    if (*step == "granted") {
      ledger_.exempted_units.insert(std::move(*unit));
    } else if (*step != "requested" && *step != "refused") {
      problem("exemption.step is '" + *step + "', expected requested|granted|refused");
    }
  }

  void invalid(const json::value& v) {
    const json::object* o = object(v, "invalid");
    if (!o) return;
    auto unit = text(*o, "unit", "invalid");
    auto step = text(*o, "step", "invalid");
    if (!unit || !step) return;
    if (*step == "confirmed") {
      ledger_.invalid = true;
      ledger_.invalid_at = record_.at;
      ledger_.invalid_unit = std::move(*unit);
    } else if (*step != "proposed" && *step != "refused") {
      problem("invalid.step is '" + *step + "', expected proposed|refused|confirmed");
    }
  }

  void plan(const json::value& v) {
    const json::object* o = object(v, "plan");
    if (!o) return;
    auto unit = text(*o, "unit", "plan");
    auto step = text(*o, "step", "plan");
    if (!unit || !step) return;
    if (*step != "filed" && *step != "approved" && *step != "refused" && *step != "due") {
      problem("plan.step is '" + *step + "', expected filed|approved|refused|due");
      return;
    }
    ledger_.plans.push_back({record_.at, std::move(*unit), std::move(*step)});
  }

  CaseLedger& ledger_;
  const FactRecord& record_;
  std::vector<std::string>& problems_;
};

}  // namespace

const CaseLedger& LedgerReader::read(const CaseFacts& facts, std::vector<std::string>& problems) {
  ledger_.facts = &facts;
  ledger_.responses.clear();
  ledger_.verdict.reset();
  ledger_.exempted_units.clear();
  ledger_.justified_return_units.clear();
  ledger_.invalid = false;
  ledger_.invalid_at = Instant();
  ledger_.invalid_unit.clear();
  ledger_.answered_at_intake.reset();
  ledger_.plans.clear();
  // Facts apply in case sequence order: the last rating is the final one. The archive gives them
  // in that order already; a caller's fixture may not.
  const auto& records = facts.records;
  const bool sorted = std::is_sorted(records.begin(), records.end(),
                                     [](const auto& a, const auto& b) { return a.seq < b.seq; });
  order_.resize(records.size());
  std::iota(order_.begin(), order_.end(), size_t{0});
  if (!sorted) {
    std::stable_sort(order_.begin(), order_.end(),
                     [&](size_t a, size_t b) { return records[a].seq < records[b].seq; });
  }
  for (const size_t i : order_) {
    json::monotonic_resource memory(buffer_, sizeof buffer_);
    RecordReader(ledger_, records[i], problems).read(parser_, memory);
  }
  return ledger_;
}

}  // namespace caseflow::assessment
