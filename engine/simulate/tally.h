// Counts a run's Figures (figures.h) from what the simulator sees the engine do. The simulator
// tells it, in time order, what happened to which case; the tally keeps a few bytes per case
// (its street, where it is held, when it was reported and resolved) and the totals.
//
// How each figure is counted:
// - warnings, breaches, escalations: the engine's sla_warning / sla_breached / escalated records
//   on the alerts topic (one per event). The revisit clock running out is not a breach of a
//   unit's clock: it closes the case as unrated, and is counted as a close only.
// - escalations_by_level: by the level of the stage the case was escalated out of.
// - open_by_level (end of each day): open cases by the level of the stage whose unit holds them
//   (resolved cases waiting for their rating stay at the stage that resolved them), or the
//   dispatcher queue.
// - Rates (a live reading, until the assessment replaces it): `dispatches` counts every dispatch
//   to a unit; `signed_on_time` the signings while the stage's sign clock had not breached;
//   `rated` the ratings that closed a case (a rating that reopens it is not final), with solved
//   1 / partly 0.5 / not solved 0 and satisfied 1 / basically 0.5 / unsatisfied 0.
// - resolve times: from the report to the last resolution, for closed cases; median and p90 by
//   nearest rank.
// - by_street: by the street of the case's place (cases without a street are not listed).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/definition/workflow.h"
#include "engine/events/case_event.h"
#include "engine/simulate/figures.h"
#include "engine/time/instant.h"

namespace caseflow::simulate {

class Tally {
 public:
  static constexpr uint8_t kDispatcherQueue = 5;  // index in open_by_level
  static constexpr uint8_t kNotHeld = 6;

  void begin_day(std::string date);
  DayFigures& today() { return days_.back(); }
  // Ends the current day: its open cases by level are taken now.
  const DayFigures& end_day();

  void reported(std::string_view street_id, Instant at);  // the next case index
  void dispatched(uint32_t c, definition::Level level);
  void queued_for_dispatcher(uint32_t c);
  void signed_for(uint32_t c, bool on_time);
  void resolved(uint32_t c, Instant at);
  void rated_final(uint32_t c, events::Solved solved, events::Satisfaction satisfaction);
  void warning(uint32_t c);
  void breach(uint32_t c);
  void escalation(uint32_t c);
  void closed(uint32_t c);

  bool awaiting_rating(uint32_t c) const { return cases_[c].awaiting_rating; }
  uint64_t dispatches_of(uint32_t c) const { return cases_[c].dispatches; }
  uint64_t cases() const { return cases_.size(); }
  uint64_t closed_total() const { return closed_; }

  // Fills the counted fields of `out` (the caller sets label, seed, events, growing queues...).
  void fill(Figures& out);

 private:
  static constexpr uint32_t kNoStreet = UINT32_MAX;
  struct CaseTally {
    Instant reported_at;
    Instant resolved_at;
    uint32_t street = kNoStreet;
    uint32_t dispatches = 0;
    uint8_t held = kNotHeld;  // open_by_level index, or kNotHeld
    bool awaiting_rating = false;
  };
  void hold(CaseTally& c, uint8_t where);
  Rates* street_rates(const CaseTally& c);
  StreetFigures* street(const CaseTally& c);

  std::vector<CaseTally> cases_;
  std::vector<DayFigures> days_;
  std::vector<uint64_t> open_by_level_ = std::vector<uint64_t>(6, 0);
  std::map<std::string, uint32_t, std::less<>> street_index_;
  std::vector<StreetFigures> streets_;  // by index
  Rates rates_;
  uint64_t closed_ = 0, warnings_ = 0, breaches_ = 0, escalations_ = 0;
  std::vector<uint64_t> escalations_by_level_ = std::vector<uint64_t>(5, 0);
  std::vector<float> resolve_hours_;
};

}  // namespace caseflow::simulate
