// Where a case goes: its place, the unit of a stage, dispatches, the dispatcher queue,
// escalation and the end of a case.
#include <algorithm>
#include <utility>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"

namespace caseflow::core {

bool Engine::place_case(Step& s, const std::string& grid_id,
                        const std::optional<events::Location>& location) {
  // A located point comes with its whole place and its compound. A grid named by the report wins
  // over the point's grid, but only the point can say which compound the complaint lies in.
  std::optional<geo::Place> located;
  if (location && directory_) {
    located =
        directory_->locate(location->lat, location->lon, static_cast<geo::Datum>(location->datum));
  }
  Symbol grid;
  if (!grid_id.empty()) {
    grid = strings_.intern(grid_id);
  } else if (located) {
    grid = strings_.intern(located->grid_id);
  }
  if (grid.empty()) return false;
  s.c.compound =
      located && !located->compound_id.empty() ? strings_.intern(located->compound_id) : Symbol{};
  if (places_.size() <= grid.index) places_.resize(grid.index + 1024);
  PlaceCache& place = places_[grid.index];
  if (!place.known) {
    if (!located || located->grid_id != text(grid))
      located =
          directory_ ? directory_->place_of_grid(text(grid)) : std::optional(geo::Place{grid_id});
    if (!located) return false;
    place.known = true;
    place.community = strings_.intern(located->community_id);
    place.street = strings_.intern(located->street_id);
    place.district = strings_.intern(located->district_id);
  }
  s.c.grid = grid;
  s.c.community = place.community;
  s.c.street = place.street;
  s.c.district = place.district;
  s.changed = true;
  return true;
}

Symbol Engine::unit_for_stage(const CaseState& c, const definition::StageDef& stage) {
  if (stage.level == definition::Level::department) {
    const Symbol code = strings_.intern(stage.department);
    auto it = department_units_.find(code.index);
    if (it != department_units_.end()) return it->second;
    const std::optional<std::string> unit = directory_
                                                ? directory_->department_unit(stage.department)
                                                : std::optional(stage.department);
    const Symbol symbol = unit ? strings_.intern(*unit) : Symbol{};
    department_units_.emplace(code.index, symbol);
    return symbol;
  }
  if (stage.level == definition::Level::property) return compound_unit(c, stage.level);
  if (c.grid.empty()) return Symbol{};
  const auto level = static_cast<size_t>(stage.level);
  if (places_.size() <= c.grid.index) places_.resize(c.grid.index + 1024);
  PlaceCache& place = places_[c.grid.index];
  if ((place.resolved & (1u << level)) != 0) return place.units[level];
  std::optional<std::string> unit;
  if (directory_) {
    const geo::Place p{std::string(text(c.grid)), std::string(text(c.community)),
                       std::string(text(c.street)), std::string(text(c.district))};
    unit = directory_->unit_for(stage.level, p);
  } else if (stage.level == definition::Level::grid) {
    unit = std::string(text(c.grid));
  }
  place.units[level] = unit ? strings_.intern(*unit) : Symbol{};
  place.resolved = static_cast<uint8_t>(place.resolved | (1u << level));
  return place.units[level];
}

Symbol Engine::compound_unit(const CaseState& c, definition::Level party) {
  if (c.compound.empty() || !directory_) return Symbol{};
  std::unordered_map<uint32_t, Symbol>& cache =
      party == definition::Level::property ? property_units_ : owners_units_;
  auto it = cache.find(c.compound.index);
  if (it != cache.end()) return it->second;
  geo::Place p;
  p.compound_id = text(c.compound);
  const std::optional<std::string> unit = party == definition::Level::property
                                              ? directory_->unit_for(party, p)
                                              : directory_->owners_unit(p);
  const Symbol symbol = unit ? strings_.intern(*unit) : Symbol{};
  cache.emplace(c.compound.index, symbol);
  return symbol;
}

bool Engine::skips_stage(const CaseState& c, const definition::StageDef& stage) {
  using Skip = definition::StageDef::Skip;
  if (stage.level == definition::Level::property || stage.skip_when == Skip::outside_compound)
    return c.compound.empty();
  return stage.skip_when == Skip::in_compound && !c.compound.empty();
}

uint8_t Engine::stage_to_enter(Step& s, uint8_t from) {
  const definition::Workflow* wf = s.wf();
  // The last stage is never skipped: a case must end up with someone.
  while (from + 1u < wf->stages.size() && from < 254 && skips_stage(s.c, wf->stages[from])) {
    const bool inside = !s.c.compound.empty();
    s.entry(HistoryEntry{
        s.now, inside ? s.c.compound : Symbol{},
        inside ? Happening::skipped_inside_compound : Happening::skipped_outside_compound, from,
        0});
    ++from;
  }
  return from;
}

Symbol Engine::assessed_unit(const CaseState& c, const definition::StageDef& stage, Symbol holder) {
  if (stage.level != definition::Level::grid) return holder;
  static const definition::StageDef community_stage{.level = definition::Level::community};
  const Symbol community_unit = unit_for_stage(c, community_stage);
  if (!community_unit.empty()) return community_unit;
  return c.community.empty() ? holder : c.community;
}

void Engine::enter_stage(Step& s, uint8_t stage) {
  s.c.stage = stage;
  s.c.stage_dispatched_at = s.now;
  s.changed = true;
  s.count(metric::kStageEntries, {{"workflow", s.workflow_label()}, {"stage", s.stage_label()}});
  s.metric(metric::kCasesOpen, MetricKind::gauge_add, 1,
           {{"workflow", s.workflow_label()}, {"stage", s.stage_label()}});
}

void Engine::leave_stage(Step& s) {
  if (!s.p) return;
  s.metric(metric::kTimeInStage, MetricKind::histogram,
           static_cast<double>((s.now - s.c.stage_dispatched_at).millis()) / 1000.0,
           {{"workflow", s.workflow_label()}, {"stage", s.stage_label()}});
  s.metric(metric::kCasesOpen, MetricKind::gauge_add, -1,
           {{"workflow", s.workflow_label()}, {"stage", s.stage_label()}});
}

void Engine::dispatch(Step& s, Symbol unit, std::string_view reason) {
  CaseState& c = s.c;
  drop_clocks(c, true);
  drop_queue_clock(c);
  c.drop_plan();  // a plan is the lead's at its stage: a new dispatch ends it
  if (const definition::StageDef* stage = s.stage_def()) c.clocks.reserve(stage->clocks.size());
  c.lead_unit = unit;
  c.status = Status::dispatched;
  s.history(Happening::dispatched, unit);
  begin_holding(s);
  arm_stage_clocks(s, definition::ClockStart::dispatch);
  // The work order: what the unit must act on, and no more (docs/engine.md "Outbound data").
  // The case's history is on caseflow.updates and in the read API, not in every dispatch.
  s.record(OutType::dispatched, s.p->stage_topics[c.stage], text(unit), [&](events::JsonWriter& w) {
    w.begin_object();
    s.write_case(w);
    s.word(w, "reason", reason);
    w.field("description", c.description);
    s.text_field(w, "channel", c.channel);
    s.text_field(w, "reporter", c.reporter);
    s.write_place(w);
    s.write_where(w);
    s.write_time(w, "reported_at", c.reported_at);
    s.write_time(w, "stage_dispatched_at", c.stage_dispatched_at);
    w.field("returns", static_cast<int64_t>(c.returns_at(c.stage)));
    w.field("reopens", static_cast<int64_t>(c.reopens));
    w.field("forced", (c.flags & CaseState::kForcedOwner) != 0);
    s.write_work_clocks(w);
    s.write_previous(w);
    if (const definition::Workflow* wf = s.wf(); wf && wf->duplicates) {
      const std::vector<std::string> ids = possible_duplicates(c, *wf->duplicates);
      if (!ids.empty()) {
        w.key("possible_duplicate_of");
        w.begin_array();
        for (const std::string& id : ids) w.string(id);
        w.end_array();
      }
    }
    w.end_object();
  });
  s.updated(Happening::dispatched, false, reason == "assigned" ? Step::kAssignedNote : "");
  s.count(metric::kDispatched, {{"street", s.street_label()}, {"unit", s.unit_label()}});
}

// Written after the new dispatch, so the case fields already name the new unit and stage. Only
// moves the unit did not ask for: its own return is its decision, and an escalation already
// tells it with caseflow.case.escalated (docs/engine.md "Reassignment").
void Engine::tell_reassigned(Step& s, Symbol from_unit, uint8_t from_stage,
                             std::string_view reason) {
  CaseState& c = s.c;
  const std::string_view from_stage_name = s.wf()->stages[from_stage].name;
  s.record(OutType::reassigned, s.p->stage_topics[from_stage], text(from_unit),
           [&](events::JsonWriter& w) {
             w.begin_object();
             s.write_case(w);
             s.word(w, "reason", reason);
             s.name_field(w, "from_stage", from_stage_name);
             s.text_field(w, "from_unit", from_unit);
             s.name_field(w, "to_stage", s.stage_label());
             s.text_field(w, "to_unit", c.lead_unit);
             w.end_object();
           });
}

void Engine::to_dispatcher(Step& s, std::string_view reason) {
  CaseState& c = s.c;
  c.status = Status::received;
  c.lead_unit = Symbol{};
  c.drop_plan();
  arm_queue_clock(s);
  s.history(Happening::unrouted);
  s.record(OutType::unrouted, options_.topics.dispatcher, c.id, [&](events::JsonWriter& w) {
    w.begin_object();
    s.write_case(w);
    w.field("reason", reason);
    w.field("description", c.description);
    if (c.extras && !c.extras->address.empty()) w.field("address", c.extras->address);
    s.write_place(w);
    s.write_history(w);
    w.end_object();
  });
  s.updated(Happening::unrouted, false, reason);
  s.count(metric::kUnrouted, {{"reason", reason}});
}

void Engine::escalate(Step& s, std::string_view clock_name) {
  CaseState& c = s.c;
  const uint8_t from = c.stage;
  const uint8_t to = stage_to_enter(s, static_cast<uint8_t>(from + 1));
  const Symbol from_unit = c.lead_unit;
  const std::string_view from_stage = s.stage_label();
  const std::string_view to_stage = s.wf()->stages[to].name;
  const std::string_view from_topic = s.p->stage_topics[from];

  decide_response(s, false);  // taken away: on time only if the holding had reached contact
  leave_stage(s);
  drop_clocks(c, true);
  for (Extension& x : c.extensions)
    if (x.state == ExtensionState::pending) x.state = ExtensionState::cancelled;
  c.flags &= static_cast<uint8_t>(~CaseState::kForcedOwner);
  s.count(metric::kEscalations,
          {{"workflow", s.workflow_label()}, {"from", from_stage}, {"to", to_stage}});
  enter_stage(s, to);
  const Symbol to_unit = unit_for_stage(c, s.wf()->stages[to]);
  s.history(Happening::escalated, to_unit);

  auto write = [&](events::JsonWriter& w) {
    w.begin_object();
    s.write_case(w);
    s.name_field(w, "clock", clock_name);
    s.name_field(w, "from_stage", from_stage);
    s.text_field(w, "from_unit", from_unit);
    s.name_field(w, "to_stage", to_stage);
    s.text_field(w, "to_unit", to_unit);
    s.write_by(w);
    w.end_object();
  };
  if (!from_unit.empty()) s.record(OutType::escalated, from_topic, text(from_unit), write);
  if (from_unit.empty()) {
    s.record(OutType::escalated, options_.topics.alerts, c.id, write);
  } else {
    s.record_same_data(OutType::escalated, options_.topics.alerts, c.id, write);
  }
  if (to_unit.empty()) {
    to_dispatcher(s, "no_unit");
  } else {
    dispatch(s, to_unit, "escalated");
  }
}

void Engine::finish(Step& s, Status terminal, Outcome how) {
  CaseState& c = s.c;
  const std::string_view outcome = to_string(how);
  unindex_for_duplicates(c);
  c.clocks.clear();
  c.clocks.shrink_to_fit();
  c.drop_plan();
  for (Extension& x : c.extensions)
    if (x.state == ExtensionState::pending) x.state = ExtensionState::cancelled;
  // A case answered at intake never entered a stage.
  if (how != Outcome::answered_at_intake) leave_stage(s);
  c.status = terminal;
  s.history(terminal == Status::closed      ? Happening::closed
            : terminal == Status::withdrawn ? Happening::withdrawn
                                            : Happening::merged,
            c.lead_unit, static_cast<uint8_t>(how));  // the view and Open311 show how it ended
  // The revisit window ends here; a merged case's resident is still answered at its master's
  // revisit, so it keeps the phone until it leaves memory (retire).
  const bool phone_erased = terminal != Status::merged && s.erase_phone();
  const AssessmentFacts facts = std::exchange(s.facts, AssessmentFacts{});
  auto write = [&](events::JsonWriter& w) {
    w.begin_object();
    s.write_case(w);
    s.word(w, "outcome", outcome);
    if (c.extras && !c.extras->merged_into.empty()) w.field("merged_into", c.extras->merged_into);
    s.write_time(w, "reported_at", c.reported_at);
    s.write_place(w, true);
    s.write_assessment(w, facts);
    s.write_by(w);
    if (phone_erased) w.field("phone_erased", true);
    w.end_object();
  };
  c.assessment = 0;  // a holding that had not reached contact owes nothing once the case ends
  s.record(OutType::closed, options_.topics.updates, c.id, write);
  if (s.p && !c.lead_unit.empty())
    s.record_same_data(OutType::closed, s.p->stage_topics[c.stage], text(c.lead_unit), write);
  // A duplicate that ends before its master answers is no longer waiting: the answer is ignored.
  if (c.extras) c.extras->merge_pending.clear();
  tell_duplicates(s, how);
  s.count(metric::kCasesClosed, {{"workflow", s.workflow_label()}, {"outcome", outcome}});
  if (open_cases_ > 0) --open_cases_;
  schedule_retirement(s.slot, c);
}

}  // namespace caseflow::core
