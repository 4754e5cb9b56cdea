#include "engine/assessment/assessment.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "engine/assessment/case_ledger.h"

namespace caseflow::assessment {
// Named, not anonymous: Assessment::State holds Counters, and a type with internal linkage may
// not be the member of one with external linkage.
namespace counting {

constexpr Duration kWeek = Duration::days(7);

enum Part : size_t { kResponse, kResolution, kSatisfaction };

// A row while facts are counted: the case lists unsorted, the rates of every week.
struct Tally {
  Row row;
  std::vector<std::string> exempted, justified, invalid, staged;
  std::vector<std::array<Rate, 3>> weeks;
};

class Counter {
 public:
  Counter(const Period& period, By by, const Weights& weights)
      : period_(period), by_(by), weights_(weights) {
    const int64_t span = std::max<int64_t>((period.to - period.from).millis(), 0);
    weeks_ = static_cast<size_t>((span + kWeek.millis() - 1) / kWeek.millis());
  }

  void count(const CaseLedger& ledger) {
    ledger_ = &ledger;
    responses();
    verdict();
    staged();
    invalid();
  }

  std::unordered_map<std::string, Tally>& tallies() { return tallies_; }
  size_t weeks() const { return weeks_; }

 private:
  bool in_period(Instant at) const { return at >= period_.from && at < period_.to; }
  size_t week(Instant at) const {
    return static_cast<size_t>((at - period_.from).millis() / kWeek.millis());
  }
  const std::string& case_id() const { return ledger_->facts->case_id; }

  Tally& tally(const std::string& unit) {
    const std::string& key = by_ == By::unit ? unit : ledger_->facts->street;
    auto [it, fresh] = tallies_.try_emplace(key);
    if (fresh) {
      it->second.row.key = key;
      it->second.weeks.resize(weeks_);
    }
    return it->second;
  }

  // Takes the case out of the unit's rates when a decision says so; true when it did. Invalid
  // first, then exemption, then (for the response rate only) a justified return: one reason each.
  bool excluded(Tally& t, const std::string& unit, bool response) {
    std::vector<std::string>* list = nullptr;
    if (ledger_->invalid) {
      list = &t.invalid;
    } else if (ledger_->exempted_units.count(unit) != 0) {
      list = &t.exempted;
    } else if (response && ledger_->justified_return_units.count(unit) != 0) {
      list = &t.justified;
    } else {
      return false;
    }
    list->push_back(case_id());
    t.row.excluded_cases.push_back(case_id());
    return true;
  }

  void add(Tally& t, Part part, Instant at, double numerator) {
    Rate* whole = part == kResponse     ? &t.row.response
                  : part == kResolution ? &t.row.resolution
                                        : &t.row.satisfaction;
    whole->numerator += numerator;
    whole->denominator += 1;
    Rate& in_week = t.weeks[week(at)][part];
    in_week.numerator += numerator;
    in_week.denominator += 1;
  }

  void responses() {
    // One fact per (case, unit): the first holding's deciding moment. A case has a few facts, so
    // a linear look back is cheaper than a set.
    const auto& facts = ledger_->responses;
    for (size_t i = 0; i < facts.size(); ++i) {
      const ResponseFact& f = facts[i];
      const bool seen = std::any_of(facts.begin(), facts.begin() + static_cast<ptrdiff_t>(i),
                                    [&](const ResponseFact& e) { return e.unit == f.unit; });
      if (seen || !in_period(f.at)) continue;
      Tally& t = tally(f.unit);
      if (excluded(t, f.unit, true)) continue;
      add(t, kResponse, f.at, f.on_time ? 1.0 : 0.0);
      t.row.response_cases.push_back(case_id());
    }
  }

  void verdict() {
    if (!ledger_->verdict || !in_period(ledger_->verdict->at)) return;
    const Verdict& v = *ledger_->verdict;
    Tally& t = tally(v.unit);
    if (excluded(t, v.unit, false)) return;
    if (!v.rated) {
      t.row.unrated += 1;
      if (weights_.unrated == Weights::Unrated::exclude) {
        t.row.excluded_cases.push_back(case_id());
        return;
      }
      add(t, kResolution, v.at, weights_.not_solved);
      add(t, kSatisfaction, v.at, weights_.unsatisfied);
      t.row.rated_cases.push_back(case_id());
      return;
    }
    const double solved = v.solved == Solved::solved   ? weights_.solved
                          : v.solved == Solved::partly ? weights_.partly
                                                       : weights_.not_solved;
    add(t, kResolution, v.at, solved);
    t.row.rated_cases.push_back(case_id());
    switch (v.satisfaction) {
      case Satisfaction::satisfied:
        add(t, kSatisfaction, v.at, weights_.satisfied);
        break;
      case Satisfaction::basically:
        add(t, kSatisfaction, v.at, weights_.basically);
        break;
      case Satisfaction::unsatisfied:
        add(t, kSatisfaction, v.at, weights_.unsatisfied);
        break;
      case Satisfaction::no_answer:
        t.row.no_answer += 1;
        break;
    }
  }

  // A confirmed invalid report counts for the proposer in the period of its confirmation, even
  // when the case never reached a fact of its own (proposed before contact).
  void invalid() {
    if (!ledger_->invalid || !in_period(ledger_->invalid_at)) return;
    Tally& t = tally(ledger_->invalid_unit);
    t.invalid.push_back(case_id());
    t.row.excluded_cases.push_back(case_id());
  }

  // Resolved-pending at the period's end: the last plan step before the end approved a plan, and
  // the case neither came due nor closed since.
  void staged() {
    const PlanFact* last = nullptr;
    for (const PlanFact& p : ledger_->plans) {
      if (p.at < period_.to) last = &p;
    }
    if (!last || last->step != "approved" || ledger_->invalid) return;
    if (ledger_->verdict && ledger_->verdict->at < period_.to) return;
    tally(last->unit).staged.push_back(case_id());
  }

  const Period& period_;
  By by_;
  const Weights& weights_;
  size_t weeks_ = 0;
  const CaseLedger* ledger_ = nullptr;
  std::unordered_map<std::string, Tally> tallies_;
};

size_t distinct(std::vector<std::string>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids.size();
}

}  // namespace counting

using counting::Counter;

std::optional<double> score(const Rate& response, const Rate& resolution, const Rate& satisfaction,
                            const Weights& weights) {
  double sum = 0, weight = 0;
  const std::pair<const Rate*, double> parts[] = {{&response, weights.score_response},
                                                  {&resolution, weights.score_resolution},
                                                  {&satisfaction, weights.score_satisfaction}};
  for (const auto& [rate, w] : parts) {
    if (const auto v = rate->value()) {
      sum += w * *v;
      weight += w;
    }
  }
  if (weight <= 0) return std::nullopt;
  return sum / weight * 100.0;
}

namespace counting {

void finish(Report& report, Counter& counter, const Weights& weights) {
  for (auto& [key, t] : counter.tallies()) {
    Row& row = t.row;
    distinct(row.response_cases);
    distinct(row.rated_cases);
    distinct(row.excluded_cases);
    row.exempted = distinct(t.exempted);
    row.justified_returns = distinct(t.justified);
    row.invalid = distinct(t.invalid);
    row.staged = distinct(t.staged);
    row.score = score(row.response, row.resolution, row.satisfaction, weights);
    row.weekly_score.reserve(t.weeks.size());
    for (const auto& w : t.weeks) {
      row.weekly_score.push_back(score(w[kResponse], w[kResolution], w[kSatisfaction], weights));
    }
    report.rows.push_back(std::move(row));
  }
  std::sort(report.rows.begin(), report.rows.end(), [](const Row& a, const Row& b) {
    if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
    if (a.score && *a.score != *b.score) return *a.score > *b.score;
    return a.key < b.key;
  });
}

}  // namespace counting

// Owns the period and weights the counters refer to: allocated once, never moved.
struct Assessment::State {
  State(const Period& p, std::span<const By> groupings, const Weights& w) : period(p), weights(w) {
    reports.reserve(groupings.size());
    counters.reserve(groupings.size());
    for (const By by : groupings) {
      reports.push_back(Report{.period = period, .by = by, .weights = weights});
      counters.emplace_back(period, by, weights);
    }
  }

  Period period;
  Weights weights;
  std::vector<Report> reports;
  std::vector<Counter> counters;
  size_t answered_at_intake = 0, in_period = 0;
  std::vector<std::string> problems;
  LedgerReader reader;
};

Assessment::Assessment(const Period& period, std::span<const By> groupings, const Weights& weights)
    : state_(std::make_unique<State>(period, groupings, weights)) {}
Assessment::Assessment(Assessment&&) noexcept = default;
Assessment& Assessment::operator=(Assessment&&) noexcept = default;
Assessment::~Assessment() = default;

void Assessment::add(const CaseFacts& c) {
  State& s = *state_;
  const CaseLedger& ledger = s.reader.read(c, s.problems);
  for (Counter& counter : s.counters) counter.count(ledger);
  if (ledger.answered_at_intake && *ledger.answered_at_intake >= s.period.from &&
      *ledger.answered_at_intake < s.period.to) {
    s.answered_at_intake += 1;
  }
  if (std::any_of(c.records.begin(), c.records.end(), [&](const FactRecord& r) {
        return !r.facts_json.empty() && r.at >= s.period.from && r.at < s.period.to;
      })) {
    s.in_period += 1;
  }
}

std::vector<Report> Assessment::reports() && {
  State& s = *state_;
  for (size_t i = 0; i < s.reports.size(); ++i) {
    s.reports[i].answered_at_intake = s.answered_at_intake;
    s.reports[i].cases = s.in_period;
    s.reports[i].problems = s.problems;
    counting::finish(s.reports[i], s.counters[i], s.weights);
  }
  return std::move(s.reports);
}

std::vector<Report> assess(const std::vector<CaseFacts>& cases, const Period& period,
                           std::span<const By> groupings, const Weights& weights) {
  Assessment assessment(period, groupings, weights);
  for (const CaseFacts& c : cases) assessment.add(c);
  return std::move(assessment).reports();
}

Report assess(const std::vector<CaseFacts>& cases, const Period& period, By by,
              const Weights& weights) {
  const By one[] = {by};
  return std::move(assess(cases, period, one, weights).front());
}

}  // namespace caseflow::assessment
