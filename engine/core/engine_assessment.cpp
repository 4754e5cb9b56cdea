// The assessment facts (docs/assessment.md, docs/events.md "The assessment's facts") and the live
// counters counted at the same moments: a numerator is only ever counted together with its
// denominator, so no live rate can exceed 1.
#include <algorithm>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"
#include "engine/core/stop_point.h"

namespace caseflow::core {
namespace {

// A stage is assessed for response only if one of its clocks stops at sign or at contact: without
// one there is no limit to be on time against.
bool has_response_clock(const definition::StageDef& stage) {
  return std::any_of(stage.clocks.begin(), stage.clocks.end(), [](const definition::ClockDef& k) {
    return stop_point(k) != StopPoint::resolve;
  });
}

// Whether assessment unit `unit` has been granted an exemption on the case. Its facts are still
// written (the report lists the case as exempted), but the live counters leave them out: a counter
// cannot take back what it counted before a decision, and need not count what comes after one.
// `to_assessed` gives an entry's unit as its assessment unit (a grid's is its community's).
template <class ToAssessed>
bool exempted(const CaseState& c, Symbol unit, const ToAssessed& to_assessed) {
  return std::any_of(c.history.begin(), c.history.end(), [&](const HistoryEntry& h) {
    return h.what == Happening::exemption_granted && to_assessed(h) == unit;
  });
}

}  // namespace

void Engine::begin_holding(Step& s) {
  CaseState& c = s.c;
  c.assessment = 0;
  const definition::StageDef* stage = s.stage_def();
  if (!stage || c.lead_unit.empty() || !has_response_clock(*stage)) return;
  const Symbol unit = assessed_unit(c, *stage, c.lead_unit);
  if (std::find(c.responded.begin(), c.responded.end(), unit) == c.responded.end())
    c.assessment = CaseState::kResponseOwed;
}

void Engine::note_breach(Step& s, const Clock& k) {
  if (k.kind != ClockKind::stage || k.owner != Clock::kLead || k.stage != s.c.stage) return;
  const definition::ClockDef* def = clock_def(s.c, k);
  if (def && stop_point(*def) != StopPoint::resolve) s.c.assessment |= CaseState::kResponseLate;
}

void Engine::decide_response(Step& s, bool reached_contact) {
  CaseState& c = s.c;
  if ((c.assessment & CaseState::kResponseOwed) == 0) return;
  const definition::StageDef* stage = s.stage_def();
  if (!stage) return;
  const Symbol unit = assessed_unit(c, *stage, c.lead_unit);
  const bool on_time = reached_contact && (c.assessment & CaseState::kResponseLate) == 0;
  c.assessment = 0;
  c.responded.push_back(unit);
  s.changed = true;
  s.facts.response = ResponseFact{unit, c.stage, on_time};
  if (exempted(c, unit,
               [&](const HistoryEntry& h) { return assessed_unit_at(c, h.stage, h.unit); }))
    return;
  const std::string_view street = s.street_label();
  const std::string_view label = s.assessed_label(unit);
  s.count(metric::kResponseAssessed, {{"street", street}, {"unit", label}});
  if (on_time) s.count(metric::kResponseOnTime, {{"street", street}, {"unit", label}});
}

Symbol Engine::closing_unit(Step& s) {
  const definition::StageDef* stage = s.stage_def();
  return stage ? assessed_unit(s.c, *stage, s.c.lead_unit) : s.c.lead_unit;
}

void Engine::rate_case(Step& s, events::Solved solved, events::Satisfaction satisfaction) {
  const Symbol unit = closing_unit(s);
  s.facts.rating = RatingFact{unit, solved, satisfaction};
  if (exempted(s.c, unit,
               [&](const HistoryEntry& h) { return assessed_unit_at(s.c, h.stage, h.unit); }))
    return;
  s.count(metric::kRatedCases, {{"street", s.street_label()},
                                {"unit", s.assessed_label(unit)},
                                {"solved", events::to_string(solved)},
                                {"satisfaction", events::to_string(satisfaction)}});
}

void Engine::leave_unrated(Step& s) {
  const Symbol unit = closing_unit(s);
  s.facts.unrated = unit;
  if (exempted(s.c, unit,
               [&](const HistoryEntry& h) { return assessed_unit_at(s.c, h.stage, h.unit); }))
    return;
  s.count(metric::kUnratedCases, {{"street", s.street_label()}, {"unit", s.assessed_label(unit)}});
}

}  // namespace caseflow::core
