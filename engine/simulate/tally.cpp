#include "engine/simulate/tally.h"

#include <algorithm>
#include <cmath>

namespace caseflow::simulate {
namespace {

double solved_points(events::Solved s) {
  return s == events::Solved::solved ? 1.0 : s == events::Solved::partly ? 0.5 : 0.0;
}

double satisfied_points(events::Satisfaction s) {
  return s == events::Satisfaction::satisfied   ? 1.0
         : s == events::Satisfaction::basically ? 0.5
                                                : 0.0;
}

// Nearest rank: the smallest value with at least `share` of the values at or below it.
double nearest_rank(const std::vector<float>& sorted, double share) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<size_t>(std::ceil(share * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

void Tally::begin_day(std::string date) {
  DayFigures& d = days_.emplace_back();
  d.date = std::move(date);
}

const DayFigures& Tally::end_day() {
  days_.back().open_by_level = open_by_level_;
  return days_.back();
}

void Tally::reported(std::string_view street_id, Instant at) {
  CaseTally& c = cases_.emplace_back();
  c.reported_at = at;
  if (!street_id.empty()) {
    auto it = street_index_.find(street_id);
    if (it == street_index_.end()) {
      it = street_index_.emplace(std::string(street_id), static_cast<uint32_t>(streets_.size()))
               .first;
      streets_.emplace_back().street_id = std::string(street_id);
    }
    c.street = it->second;
  }
  ++today().arrivals;
  if (StreetFigures* s = street(c)) ++s->cases;
}

StreetFigures* Tally::street(const CaseTally& c) {
  return c.street == kNoStreet ? nullptr : &streets_[c.street];
}

Rates* Tally::street_rates(const CaseTally& c) {
  StreetFigures* s = street(c);
  return s ? &s->rates : nullptr;
}

void Tally::hold(CaseTally& c, uint8_t where) {
  if (c.held != kNotHeld && open_by_level_[c.held] > 0) --open_by_level_[c.held];
  c.held = where;
  if (where != kNotHeld) ++open_by_level_[where];
}

void Tally::dispatched(uint32_t i, definition::Level level) {
  CaseTally& c = cases_[i];
  hold(c, static_cast<uint8_t>(level));
  c.awaiting_rating = false;
  ++c.dispatches;
  ++rates_.dispatches;
  if (Rates* r = street_rates(c)) ++r->dispatches;
}

void Tally::queued_for_dispatcher(uint32_t i) {
  CaseTally& c = cases_[i];
  hold(c, kDispatcherQueue);
  c.awaiting_rating = false;
}

void Tally::signed_for(uint32_t i, bool on_time) {
  if (!on_time) return;
  ++rates_.signed_on_time;
  if (Rates* r = street_rates(cases_[i])) ++r->signed_on_time;
}

void Tally::resolved(uint32_t i, Instant at) {
  cases_[i].resolved_at = at;
  cases_[i].awaiting_rating = true;
}

void Tally::rated_final(uint32_t i, events::Solved solved, events::Satisfaction satisfaction) {
  for (Rates* r : {&rates_, street_rates(cases_[i])}) {
    if (!r) continue;
    ++r->rated;
    r->solved_points += solved_points(solved);
    r->satisfied_points += satisfied_points(satisfaction);
  }
}

void Tally::warning(uint32_t i) {
  if (cases_[i].awaiting_rating) return;
  ++warnings_;
  ++today().warnings;
}

void Tally::breach(uint32_t i) {
  if (cases_[i].awaiting_rating) return;  // the revisit clock: an unrated close, not a breach
  ++breaches_;
  ++today().breaches;
  if (StreetFigures* s = street(cases_[i])) ++s->breaches;
}

void Tally::escalation(uint32_t i) {
  CaseTally& c = cases_[i];
  ++escalations_;
  ++today().escalations;
  if (c.held < escalations_by_level_.size()) ++escalations_by_level_[c.held];
  if (StreetFigures* s = street(c)) ++s->escalations;
}

void Tally::closed(uint32_t i) {
  CaseTally& c = cases_[i];
  hold(c, kNotHeld);
  c.awaiting_rating = false;
  ++closed_;
  ++today().closed;
  if (c.resolved_at != Instant{})
    resolve_hours_.push_back(static_cast<float>(
        static_cast<double>((c.resolved_at - c.reported_at).millis()) / 3'600'000.0));
}

void Tally::fill(Figures& out) {
  out.cases = cases_.size();
  out.closed = closed_;
  out.open_at_end = cases_.size() - closed_;
  out.warnings = warnings_;
  out.breaches = breaches_;
  out.escalations = escalations_;
  out.escalations_by_level = escalations_by_level_;
  out.rates = rates_;
  out.by_day = days_;
  out.by_street.clear();
  for (const auto& [id, index] : street_index_) out.by_street.push_back(streets_[index]);
  out.resolve_buckets.assign(out.resolve_bucket_edges.size() + 1, 0);
  for (float h : resolve_hours_) {
    const auto it = std::upper_bound(out.resolve_bucket_edges.begin(),
                                     out.resolve_bucket_edges.end(), static_cast<double>(h));
    ++out.resolve_buckets[static_cast<size_t>(it - out.resolve_bucket_edges.begin())];
  }
  std::vector<float> sorted = resolve_hours_;
  std::sort(sorted.begin(), sorted.end());
  out.resolve_hours_median = nearest_rank(sorted, 0.5);
  out.resolve_hours_p90 = nearest_rank(sorted, 0.9);
}

}  // namespace caseflow::simulate
