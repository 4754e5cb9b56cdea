#include "bench/assessment/month_cases.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace caseflow::bench {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

// Who holds the case at one stage, and how well it works there.
struct MonthHolder {
  std::string stage;     // "property", "grid", "community", "street"
  std::string unit;      // the lead unit (history rows, `signed`)
  std::string assessed;  // the unit its facts name: a grid's work counts under its community
  double on_time = 0.9;
  double sign_hours = 2;
  double resolve_hours = 20;
  double solved = 0.72, satisfied = 0.68;
};

// A time of `median` hours, log-normal, kept within [lo, hi] hours; in milliseconds.
int64_t month_hours(std::mt19937_64& rng, double median, double lo, double hi) {
  const double h = std::min(hi, std::max(lo, median * std::exp(0.7 * month_normal(rng))));
  return static_cast<int64_t>(h * static_cast<double>(kHour));
}

std::string month_response(const MonthHolder& h, bool on_time) {
  return R"({"response":{"unit":")" + h.assessed + R"(","stage":")" + h.stage + R"(","on_time":)" +
         (on_time ? "true" : "false") + "}}";
}

const char* month_solved(std::mt19937_64& rng, double solved) {
  const double r = month_uniform(rng);
  if (r < solved) return "solved";
  return r < solved + (1 - solved) * 0.6 ? "partly" : "not_solved";
}

const char* month_satisfaction(std::mt19937_64& rng, double satisfied) {
  if (month_uniform(rng) < 0.06) return "no_answer";
  const double r = month_uniform(rng);
  if (r < satisfied) return "satisfied";
  return r < satisfied + (1 - satisfied) * 0.55 ? "basically" : "unsatisfied";
}

// The history of one case, numbered as the engine numbers its records.
class MonthHistory {
 public:
  MonthHistory(archive::Batch& batch, std::string id, Instant reported)
      : batch_(batch), id_(std::move(id)), reported_(reported) {}

  void add(int64_t at_ms, std::string type, std::string what, const MonthHolder* h,
           std::string actor, std::string facts = "", std::string note = "") {
    last_ = std::max(last_, at_ms);
    batch_.history.push_back(archive::HistoryRow{.case_id = id_,
                                                 .seq = ++seq_,
                                                 .at = reported_ + Duration::millis(at_ms),
                                                 .type = std::move(type),
                                                 .what = std::move(what),
                                                 .stage = h ? h->stage : "",
                                                 .unit = h ? h->unit : "",
                                                 .note = std::move(note),
                                                 .facts = std::move(facts),
                                                 .actor = std::move(actor)});
  }
  uint64_t seq() const { return seq_; }
  Instant last() const { return reported_ + Duration::millis(last_); }

 private:
  archive::Batch& batch_;
  std::string id_;
  Instant reported_;
  uint64_t seq_ = 0;
  int64_t last_ = 0;
};

// Dispatched to `h` at `t`: signed, the resident contacted (the response fact), unless the unit
// returns it first. Returns the time of contact.
int64_t month_holding(std::mt19937_64& rng, MonthHistory& history, const MonthHolder& h, int64_t t,
                      const char* reason, bool may_return, MonthTally& tally) {
  history.add(t, "updated", "dispatched", &h, "engine", "", reason);
  const bool on_time = month_uniform(rng) < h.on_time;
  if (may_return && month_uniform(rng) < 0.04) {
    // Returned before signing (退单): the response fact is written then, late; a fifth of the
    // returns the dispatcher reviews as justified; the case is given back and this holding's
    // fact stands (a later holding by the same unit gives none).
    ++tally.returned;
    t += 10 * kMinute + static_cast<int64_t>(rng() % (110 * kMinute));
    history.add(t, "updated", "returned", &h, "unit:" + h.unit,
                R"({"response":{"unit":")" + h.assessed + R"(","stage":")" + h.stage +
                    R"(","on_time":false},"returned_by":")" + h.assessed + R"("})");
    if (rng() % 5 == 0) {
      history.add(t + 30 * kMinute, "updated", "return_justified", &h, "dispatcher:li",
                  R"({"return_review":{"unit":")" + h.assessed + R"(","justified":true}})");
    }
    t += kHour;
    history.add(t, "updated", "dispatched", &h, "dispatcher:li", "", "assigned");
    t += month_hours(rng, h.sign_hours, 0.1, 20);
    history.add(t, "updated", "signed", &h, "unit:" + h.unit);
    t += 5 * kMinute + static_cast<int64_t>(rng() % (55 * kMinute));
    history.add(t, "updated", "contacted", &h, "unit:" + h.unit);
    return t;
  }
  // In time means signed and contacted within the sign clock (1 workday); late, beyond it.
  t += on_time ? month_hours(rng, h.sign_hours, 0.05, 20)
               : 25 * kHour + static_cast<int64_t>(rng() % (35 * kHour));
  history.add(t, "updated", "signed", &h, "unit:" + h.unit);
  t += 5 * kMinute + static_cast<int64_t>(rng() % (55 * kMinute));
  history.add(t, "updated", "contacted", &h, "unit:" + h.unit, month_response(h, on_time));
  return t;
}

}  // namespace

void write_month_case(std::mt19937_64& rng, const MonthCity& city, const MonthShares& shares,
                      const std::string& id, Instant reported, MonthReporter who, size_t grid,
                      archive::Batch& batch, MonthTally& tally) {
  std::string channel = "grid_worker", actor;
  const MonthCompany* company = nullptr;
  if (who == MonthReporter::patrol) {
    actor = "unit:" + city.grids[grid].unit;
  } else if (who == MonthReporter::other_worker) {
    // The worker of a nearby grid (the next one with another unit) reporting here: patrol for
    // neither grid.
    grid = month_pick(rng, city.grid_weights);
    size_t other = (grid + 1) % city.grids.size();
    for (size_t n = 0; n < city.grids.size() && city.grids[other].unit == city.grids[grid].unit;
         ++n)
      other = (other + 1) % city.grids.size();
    actor = "unit:" + city.grids[other].unit;
  } else {
    const uint64_t r = rng() % 100;
    channel = r < 60 ? "hotline" : r < 93 ? "app" : "open311";
    actor = r < 60   ? "dispatcher:agent" + std::to_string(rng() % 40)
            : r < 93 ? "/units/resident-app"
                     : "resident:open311";
    if (month_uniform(rng) < shares.compound) {
      const MonthCompound& compound = city.compounds[rng() % city.compounds.size()];
      grid = compound.grid;
      company = &city.companies[compound.company];
    } else {
      grid = month_pick(rng, city.grid_weights);
    }
  }
  const MonthGrid& g = city.grids[grid];

  // The first holder: the compound's property company, else the grid's unit.
  MonthHolder first;
  if (company) {
    const double slack = 1 - company->quality;
    first = MonthHolder{.stage = "property",
                        .unit = company->unit,
                        .assessed = company->unit,
                        .on_time = company->on_time,
                        .sign_hours = 0.5 + 8 * slack,
                        .resolve_hours = 8 + 48 * slack,
                        .solved = company->solved,
                        .satisfied = company->satisfied};
  } else {
    first = MonthHolder{.stage = "grid",
                        .unit = g.unit,
                        .assessed = g.community_unit,
                        .on_time = g.on_time,
                        .sign_hours = g.sign_hours,
                        .resolve_hours = g.resolve_hours,
                        .solved = 0.72,
                        .satisfied = 0.68};
  }

  MonthHistory history(batch, id, reported);
  history.add(0, "updated", "reported", nullptr, actor);
  const MonthHolder* holder = &first;
  MonthHolder next;
  int64_t t = 0;
  std::string outcome;
  if (who != MonthReporter::resident) {
    // Nobody to call back: a worker's report is signed (at once by the grid's own worker), the
    // work starts, it is resolved and closes without a rating.
    history.add(kMinute, "updated", "dispatched", holder, "engine", "", "reported");
    t = kMinute + (who == MonthReporter::patrol ? static_cast<int64_t>(rng() % (10 * kMinute))
                                                : month_hours(rng, g.sign_hours, 0.05, 20));
    history.add(t, "updated", "signed", holder, "unit:" + holder->unit);
    t += 5 * kMinute;
    history.add(t, "updated", "progress", holder, "unit:" + holder->unit,
                month_response(
                    *holder, who == MonthReporter::patrol || month_uniform(rng) < holder->on_time));
    t += month_hours(rng, g.resolve_hours / 2, 0.5, 96);
    history.add(t, "updated", "resolved", holder, "unit:" + holder->unit);
    t += kHour;
    outcome = "unrated";
    history.add(t, "closed", outcome, holder, "engine",
                R"({"unrated":{"unit":")" + holder->assessed + R"("}})");
    (who == MonthReporter::patrol ? tally.patrol : tally.other_workers) += 1;
  } else {
    ++tally.resident;
    if (company) ++tally.in_compound;
    t = month_holding(rng, history, *holder, kMinute, "reported", true, tally);
    if (month_uniform(rng) < shares.escalated) {
      // The resolve clock (7 days) breached: escalated to the next stage — from a compound's
      // property company to the community, from a grid to its street office.
      ++tally.escalated;
      next = company ? MonthHolder{.stage = "community",
                                   .unit = g.community_unit,
                                   .assessed = g.community_unit,
                                   .on_time = 0.9,
                                   .sign_hours = 3,
                                   .resolve_hours = 30,
                                   .solved = 0.7,
                                   .satisfied = 0.62}
                     : MonthHolder{.stage = "street",
                                   .unit = g.street_unit,
                                   .assessed = g.street_unit,
                                   .on_time = 0.92,
                                   .sign_hours = 3,
                                   .resolve_hours = 30,
                                   .solved = 0.7,
                                   .satisfied = 0.62};
      const int64_t breach = kMinute + 7 * kDay;
      history.add(breach, "sla_breached", "resolve", holder, "engine");
      history.add(breach, "escalated", "resolve", holder, "engine", "",
                  holder->stage + "/" + holder->unit + " -> " + next.stage + "/" + next.unit);
      holder = &next;
      t = month_holding(rng, history, *holder, breach, "escalated", false, tally);
    }
    t += month_hours(rng, holder->resolve_hours, 0.5, 150);
    history.add(t, "updated", "resolved", holder, "unit:" + holder->unit);
    if (month_uniform(rng) < 0.02) {
      const std::string exemption =
          R"({"exemption":{"unit":")" + holder->assessed + R"(","step":")";
      history.add(t + kHour, "updated", "exemption_requested", holder, "unit:" + holder->unit,
                  exemption + R"(requested","reason":"road works"}})");
      history.add(t + 9 * kHour, "updated", "exemption_granted", holder, "dispatcher:li",
                  exemption + R"(granted","reason":"road works"}})");
    }
    // The return visit a day or three later.
    t += kDay + static_cast<int64_t>(rng() % (2 * kDay));
    const uint64_t end = rng() % 100;
    if (end < 1) {
      outcome = "invalid";
      history.add(t, "closed", outcome, holder, "dispatcher:li",
                  R"({"invalid":{"unit":")" + holder->assessed +
                      R"(","step":"confirmed","reason":"duplicate"}})");
    } else if (end < 13) {
      outcome = "unrated";
      history.add(t, "closed", outcome, holder, "engine",
                  R"({"unrated":{"unit":")" + holder->assessed + R"("}})");
    } else {
      outcome = "rated";
      const char* solved = month_solved(rng, holder->solved);
      const char* satisfaction = month_satisfaction(rng, holder->satisfied);
      history.add(t, "closed", outcome, holder, "revisit:wang",
                  R"({"rating":{"unit":")" + holder->assessed + R"(","solved":")" + solved +
                      R"(","satisfaction":")" + satisfaction + R"("}})");
    }
  }

  archive::CaseRow row;
  row.id = id;
  row.seq = history.seq();
  row.status = "closed";
  row.workflow = "parking@1";
  row.stage = holder->stage;
  row.unit = holder->unit;
  row.category = "parking.illegal";
  row.urgency = "normal";
  row.grid = g.id;
  row.community = g.community;
  row.street = g.street;
  row.district = g.district;
  row.reported_at = reported;
  row.closed_at = history.last();
  row.updated_at = history.last();
  row.outcome = outcome;
  row.channel = channel;
  batch.cases.push_back(std::move(row));
  tally.cases += 1;
  tally.records += static_cast<int64_t>(history.seq());
}

}  // namespace caseflow::bench
