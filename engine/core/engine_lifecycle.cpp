// The inbound events of the case lifecycle (docs/engine.md "State machine"). Each handler first
// checks that the event fits the case and refuses it (Step::reject) before changing anything.
#include <algorithm>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"
#include "engine/core/stop_point.h"

namespace caseflow::core {
namespace {

using events::CaseEvent;

// Events from a unit may name it; a named unit must be the lead unit.
bool from_lead(const Engine& engine, const CaseState& c, const CaseEvent& e) {
  return e.unit.empty() || e.unit == engine.text(c.lead_unit);
}

std::string state_message(const CaseState& c, std::string_view event) {
  return std::string(event) + " is not allowed while case " + c.id + " is " +
         std::string(to_string(c.status));
}

// Drops the lead's clocks of the current stage that end at `point`.
void stop_lead_clocks(const Engine& engine, CaseState& c, StopPoint point) {
  const definition::Workflow* wf = engine.workflow_of(c);
  if (!wf) return;
  std::erase_if(c.clocks, [&](const Clock& k) {
    if (k.kind != ClockKind::stage || k.owner != Clock::kLead) return false;
    if (point == StopPoint::resolve) return true;  // resolution ends every clock of the stage
    const auto& stage = wf->stages[k.stage];
    return k.def < stage.clocks.size() && stop_point(stage.clocks[k.def]) == point;
  });
}

}  // namespace

void Engine::on_reported(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  c.reported_at = s.now;
  c.description = e.description;
  c.category = strings_.intern(e.category);
  c.channel = strings_.intern(e.channel);
  c.reporter = strings_.intern(e.reporter);
  c.urgency = e.urgency;
  c.request_type = e.request_type;
  if (!e.address.empty()) c.extra().address = e.address;
  if (e.location) c.extra().location = e.location;
  if (!e.sealed_phone.empty()) c.extra().sealed_phone = e.sealed_phone;
  ++open_cases_;
  s.report_pending = true;
  c.history.reserve(8);  // a typical life: reported .. closed, with no reallocation
  s.history(Happening::reported);
  index_for_duplicates(c);

  const bool placed = place_case(s, e.grid_id, e.location);
  if (!placed) c.flags |= CaseState::kUnplaced;
  geo::Place place{std::string(text(c.grid)), std::string(text(c.community)),
                   std::string(text(c.street)), std::string(text(c.district))};
  const definition::WorkflowPtr wf =
      router_->route(e.category, e.urgency, placed ? &place : nullptr, e.request_type);
  const bool routed = wf && !wf->stages.empty();
  if (routed) {
    c.workflow = pin(wf);
    s.p = pinned(c);
    s.offset_.reset();
  }
  s.count(metric::kCasesOpened, {{"workflow", s.workflow_label()}});
  if (e.answered_at_intake) {
    answer_at_intake(s, e);
    return;
  }
  if (!routed) {
    to_dispatcher(s, "no_workflow");
    return;
  }
  enter_stage(s, stage_to_enter(s, 0));
  const auto& first = wf->stages[c.stage];
  if (!placed && first.level != definition::Level::department) {
    to_dispatcher(s, "unplaced");
    return;
  }
  const Symbol unit = unit_for_stage(c, first);
  if (unit.empty()) {
    to_dispatcher(s, "no_unit");
    return;
  }
  dispatch(s, unit, "reported");
}

void Engine::answer_at_intake(Step& s, const CaseEvent& e) {
  // The workflow it would have gone to still names it (metrics, the archive); no stage, no unit,
  // no clock.
  s.history(Happening::answered_at_intake);
  s.updated(Happening::answered_at_intake, false, e.note);
  s.count(metric::kAnsweredAtIntake, {{"workflow", s.workflow_label()}});
  s.facts.answered_at_intake = true;
  finish(s, Status::closed, Outcome::answered_at_intake);
}

bool Engine::on_signed(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (c.status != Status::dispatched && c.status != Status::reopened)
    return s.reject("not_allowed_in_state", state_message(c, "signing"));
  if (!from_lead(*this, c, e)) return s.reject("not_assignee", e.unit + " does not hold the case");
  stop_lead_clocks(*this, c, StopPoint::sign);
  c.status = Status::signed_for;
  s.history(Happening::signed_for, c.lead_unit);
  arm_stage_clocks(s, definition::ClockStart::sign);
  s.updated(Happening::signed_for);
  s.metric(metric::kTimeToSign, MetricKind::histogram,
           static_cast<double>((s.now - c.stage_dispatched_at).millis()) / 1000.0,
           {{"workflow", s.workflow_label()}, {"stage", s.stage_label()}});
  return true;
}

bool Engine::on_contacted(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (c.status != Status::signed_for)
    return s.reject("not_allowed_in_state", state_message(c, "first contact"));
  if (!from_lead(*this, c, e)) return s.reject("not_assignee", e.unit + " does not hold the case");
  stop_lead_clocks(*this, c, StopPoint::contact);
  c.status = Status::contacted;
  s.history(Happening::contacted, c.lead_unit);
  decide_response(s, true);
  s.updated(Happening::contacted, false, e.note);
  return true;
}

bool Engine::on_progress(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (c.status == Status::resolved || c.status == Status::revisit) {
    c.status = Status::revisit;  // the revisit (回访) is under way
    s.history(Happening::progress);
    s.updated(Happening::progress, false, e.note);
    return true;
  }
  if (!is_working(c.status)) return s.reject("not_allowed_in_state", state_message(c, "progress"));
  if (!from_lead(*this, c, e)) return s.reject("not_assignee", e.unit + " does not hold the case");
  // A first report of progress counts as the first contact too.
  if (c.status == Status::signed_for) stop_lead_clocks(*this, c, StopPoint::contact);
  c.status = Status::in_progress;
  s.history(Happening::progress, c.lead_unit);
  decide_response(s, true);  // owed only until the first contact
  s.updated(Happening::progress, false, e.note);
  return true;
}

// The HTTP layer writes this before it shows the number, so the entry (with its actor) is in the
// history and the audit view whether or not the case still holds the phone.
bool Engine::on_phone_revealed(Step& s, const CaseEvent&) {
  s.history(Happening::phone_revealed, s.c.lead_unit);
  s.updated(Happening::phone_revealed);
  return true;
}

bool Engine::on_returned(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (c.status != Status::dispatched)
    return s.reject("not_allowed_in_state",
                    state_message(c, "a return") + " (首接负责: once signed, a case is kept)");
  if ((c.flags & CaseState::kForcedOwner) != 0)
    return s.reject("first_receiver", "the fallback owner of case " + c.id + " cannot return it");
  if (!from_lead(*this, c, e)) return s.reject("not_assignee", e.unit + " does not hold the case");
  const definition::StageDef* stage = s.stage_def();
  if (!stage) return s.reject("not_allowed_in_state", "case " + c.id + " has no workflow");

  uint8_t& returns = c.returns_at(c.stage);
  if (returns < 255) ++returns;
  const Symbol returning = c.lead_unit;
  s.history(Happening::returned, returning);
  s.count(metric::kReturns, {{"workflow", s.workflow_label()}, {"stage", s.stage_label()}});
  // The return ends the holding before any contact, and names who returned it (the dispatcher
  // may later review the return as justified).
  decide_response(s, false);
  s.facts.returned_by = assessed_unit(c, *stage, returning);
  s.updated(Happening::returned, false, e.reason);

  if (returns >= stage->returns.max_returns) {
    const definition::ReturnPolicy& policy = stage->returns;
    if (!policy.fallback_owner.empty()) {
      c.flags |= CaseState::kForcedOwner;
      dispatch(s, strings_.intern(policy.fallback_owner), "fallback");
    } else if (!policy.fallback_stage.empty() && s.wf()->stage(policy.fallback_stage) &&
               s.wf()->stage(policy.fallback_stage) - s.wf()->stages.data() < 255) {
      // The fallback is a stage: the case moves there, to that stage's unit for its place.
      const auto to =
          static_cast<uint8_t>(s.wf()->stage(policy.fallback_stage) - s.wf()->stages.data());
      if (to != c.stage) {
        leave_stage(s);
        drop_clocks(c, true);
        enter_stage(s, to);
      }
      c.flags |= CaseState::kForcedOwner;
      const Symbol unit = unit_for_stage(c, *s.stage_def());
      if (unit.empty()) {
        to_dispatcher(s, "no_unit");
      } else {
        dispatch(s, unit, "fallback");
      }
    } else {
      pause_lead_clocks(s);
      to_dispatcher(s, "max_returns");
    }
    return true;
  }
  Symbol next;
  if (!e.grid_id.empty() || e.location) {
    if (place_case(s, e.grid_id, e.location)) {
      c.flags &= static_cast<uint8_t>(~CaseState::kUnplaced);
      next = unit_for_stage(c, *stage);
    }
  }
  if (next.empty() && !e.suggested_unit.empty()) next = strings_.intern(e.suggested_unit);
  if (next.empty() || next == returning) {
    pause_lead_clocks(s);
    to_dispatcher(s, "returned");
    return true;
  }
  dispatch(s, next, "returned");
  return true;
}

bool Engine::on_extension_requested(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (!is_working(c.status))
    return s.reject("not_allowed_in_state", state_message(c, "an extension request"));
  if (!from_lead(*this, c, e)) return s.reject("not_assignee", e.unit + " does not hold the case");
  const definition::StageDef* stage = s.stage_def();
  if (!stage || !stage->extensions.max_extension)
    return s.reject("extension_not_allowed", "stage does not allow extensions");
  const auto asked_so_far = std::count_if(c.extensions.begin(), c.extensions.end(),
                                          [&](const Extension& x) { return x.stage == c.stage; });
  if (asked_so_far >= stage->extensions.max_requests)
    return s.reject("too_many_extensions", "no more extensions at this stage");
  const std::optional<Span> span = parse_span(e.extend_by);
  if (!span) return s.reject("bad_data", "extend_by is not a span: " + e.extend_by);
  if (round_the_clock_length(*span) > round_the_clock_length(*stage->extensions.max_extension))
    return s.reject("extension_too_long",
                    "at most " + to_string(*stage->extensions.max_extension) + " may be asked");
  // The clock: the one named, else the first lead clock of the stage that runs to resolution.
  const Clock* target = nullptr;
  for (const Clock& k : c.clocks) {
    if (k.kind != ClockKind::stage || k.owner != Clock::kLead || k.stage != c.stage) continue;
    const auto* def = clock_def(c, k);
    if (!def) continue;
    if (e.clock.empty() ? stop_point(*def) == StopPoint::resolve : def->name == e.clock) {
      target = &k;
      break;
    }
  }
  if (!target) return s.reject("no_such_clock", "no running clock to extend");
  if (target->breached() || s.now >= target->due)
    return s.reject("deadline_passed", "an extension must be asked before the deadline");

  Extension x;
  x.requested_at = s.now;
  x.due_before = target->due;
  x.due_after = target->due;
  x.asked = *span;
  x.clock = target->serial;
  x.stage = c.stage;
  c.extensions.push_back(x);
  c.status_before_extension = c.status;
  c.status = Status::extension_requested;
  s.history(Happening::extension_requested, c.lead_unit);
  s.updated(Happening::extension_requested, false, e.reason);
  return true;
}

bool Engine::on_extension_decided(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (c.status != Status::extension_requested)
    return s.reject("not_allowed_in_state", state_message(c, "an extension decision"));
  auto x = std::find_if(c.extensions.begin(), c.extensions.end(),
                        [](const Extension& v) { return v.state == ExtensionState::pending; });
  if (x == c.extensions.end()) return s.reject("not_allowed_in_state", "no pending extension");
  Span granted = x->asked;
  if (e.approved && !e.extend_by.empty()) {
    const std::optional<Span> span = parse_span(e.extend_by);
    if (!span) return s.reject("bad_data", "extend_by is not a span: " + e.extend_by);
    granted = *span;
  }
  auto k = std::find_if(c.clocks.begin(), c.clocks.end(),
                        [&](const Clock& v) { return v.serial == x->clock; });
  x->decided_at = s.now;
  c.status = c.status_before_extension;
  if (!e.approved || k == c.clocks.end()) {
    x->state = ExtensionState::refused;
    s.history(Happening::extension_refused, c.lead_unit);
    s.updated(Happening::extension_refused, true, e.reason);
    return true;
  }
  const auto* def = clock_def(c, *k);
  const WorkingCalendar& cal = s.calendar();
  const Instant old_due = k->due;
  k->due = cal.deadline(old_due, granted, 1000);
  const int pct = def ? def->warn_at_percent : 0;
  k->warn_at = pct > 0 && pct < 100 ? cal.deadline(old_due, granted, pct * 10) : Instant::max();
  k->flags = static_cast<uint8_t>(k->flags & ~Clock::kWarned);
  k->serial = ClockSerial{c.next_clock_serial.value++};
  schedule(s.slot, *k);
  x->state = ExtensionState::approved;
  x->due_after = k->due;
  s.history(Happening::extension_approved, c.lead_unit);
  s.updated(Happening::extension_approved, true, e.reason);
  return true;
}

bool Engine::on_assist_requested(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (!is_working(c.status) && c.status != Status::extension_requested)
    return s.reject("not_allowed_in_state", state_message(c, "summoning an assisting unit"));
  if (!from_lead(*this, c, e)) return s.reject("not_assignee", e.unit + " does not hold the case");
  const definition::StageDef* stage = s.stage_def();
  const bool compound_party = definition::is_compound_party(e.department);
  static const std::vector<std::string> kNone;
  const auto& allowed = !stage           ? kNone
                        : compound_party ? stage->assists.compound_parties
                                         : stage->assists.departments;
  if (std::find(allowed.begin(), allowed.end(), e.department) == allowed.end())
    return s.reject("department_not_allowed",
                    compound_party ? "this stage may not call the compound's " + e.department
                                   : "this stage may not summon department " + e.department);
  const Symbol dept = strings_.intern(e.department);
  if (std::any_of(c.assists.begin(), c.assists.end(), [&](const Assist& a) {
        return a.department == dept && a.status != AssistStatus::done;
      }))
    return s.reject("already_assisting", e.department + " is already assisting");
  if (c.assists.size() >= Clock::kLead)
    return s.reject("too_many_assists", "too many assisting units");
  std::optional<std::string> unit;
  if (compound_party) {
    const Symbol party =
        compound_unit(c, e.department == definition::kPropertyParty ? definition::Level::property
                                                                    : definition::Level::community);
    if (party.empty())
      return s.reject("no_compound", "case " + c.id + " lies in no residential compound, so it " +
                                         "has no " + e.department + " to call");
    unit = std::string(text(party));
  } else {
    unit = directory_ ? directory_->department_unit(e.department) : std::optional(e.department);
  }
  if (!unit) return s.reject("unknown_department", "no unit for department " + e.department);

  const Symbol unit_symbol = strings_.intern(*unit);
  c.assists.push_back(Assist{dept, unit_symbol, s.now, AssistStatus::summoned});
  const auto owner = static_cast<uint8_t>(c.assists.size() - 1);
  arm(s, ClockKind::assist_report, c.stage, 0, owner, stage->assists.report_within, 0);
  s.history(Happening::assist_requested, unit_symbol);
  const std::string_view topic =
      intern_topic(definition::assist_topic(options_.topic_prefix, e.department));
  s.record(OutType::dispatched, topic, *unit, [&](events::JsonWriter& w) {
    w.begin_object();
    s.write_case(w);
    w.field("role", "assist");
    w.field("assist_unit", *unit);
    w.field("department", e.department);
    w.field("description", c.description);
    s.write_place(w);
    s.write_clocks(w);
    w.end_object();
  });
  s.updated(Happening::assist_requested);
  return true;
}

bool Engine::on_assist_reported(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  const Symbol dept = strings_.find(e.department);
  auto a = std::find_if(c.assists.begin(), c.assists.end(), [&](const Assist& v) {
    return !dept.empty() && v.department == dept && v.status != AssistStatus::done;
  });
  if (a == c.assists.end())
    return s.reject("not_assisting", e.department + " is not assisting on case " + c.id);
  if (!e.unit.empty() && e.unit != text(a->unit))
    return s.reject("not_assignee", e.unit + " is not the assisting unit");
  if (e.assist_step == events::AssistStep::reported && a->status != AssistStatus::summoned)
    return s.reject("not_allowed_in_state", e.department + " has already reported");
  const auto owner = static_cast<uint8_t>(a - c.assists.begin());
  const Symbol unit = a->unit;
  if (e.assist_step == events::AssistStep::reported) {
    a->status = AssistStatus::reported;
    std::erase_if(c.clocks, [&](const Clock& k) {
      return k.owner == owner && k.kind == ClockKind::assist_report;
    });
    const definition::StageDef* stage = s.stage_def();
    if (stage && stage->assists.resolve_within)
      arm(s, ClockKind::assist_resolve, c.stage, 0, owner, *stage->assists.resolve_within, 0);
    s.history(Happening::assist_reported, unit);
    s.updated(Happening::assist_reported, true, e.note);
  } else {
    a->status = AssistStatus::done;
    std::erase_if(c.clocks, [&](const Clock& k) { return k.owner == owner; });
    s.history(Happening::assist_done, unit);
    s.updated(Happening::assist_done, true, e.note);
  }
  return true;
}

bool Engine::on_resolved(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  // A staged case may finish before its plan's date.
  if (!is_working(c.status) && c.status != Status::staged)
    return s.reject("not_allowed_in_state", state_message(c, "resolving"));
  if (!from_lead(*this, c, e)) return s.reject("not_assignee", e.unit + " does not hold the case");
  const definition::StageDef* stage = s.stage_def();
  const bool open_assists = std::any_of(c.assists.begin(), c.assists.end(), [](const Assist& a) {
    return a.status != AssistStatus::done;
  });
  if (open_assists && !(stage && stage->assists.lead_may_resolve_alone))
    return s.reject("assists_open", "assisting units have not finished (吹哨报到)");
  stop_lead_clocks(*this, c, StopPoint::resolve);
  c.drop_plan();
  c.status = Status::resolved;
  s.history(Happening::resolved, c.lead_unit);
  decide_response(s, true);  // resolving without a reported contact: the resident was reached
  if (const definition::Workflow* wf = s.wf())
    arm(s, ClockKind::revisit, c.stage, 0, Clock::kLead, wf->revisit.within, 0);
  arm_stage_clocks(s, definition::ClockStart::resolve);
  s.updated(Happening::resolved, false, e.note);
  return true;
}

bool Engine::on_rated(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (c.status != Status::resolved && c.status != Status::revisit)
    return s.reject("not_allowed_in_state", state_message(c, "a rating"));
  const definition::Workflow* wf = s.wf();
  std::erase_if(c.clocks, [](const Clock& k) { return k.owner == Clock::kLead; });
  const auto detail =
      static_cast<uint8_t>(static_cast<int>(e.solved) * 4 + static_cast<int>(e.satisfaction));
  s.history(Happening::rated, c.lead_unit, detail);
  const bool bad =
      wf &&
      ((e.solved == events::Solved::not_solved && wf->revisit.reopen_on_not_solved) ||
       (e.satisfaction == events::Satisfaction::unsatisfied && wf->revisit.reopen_on_unsatisfied));
  if (bad && c.reopens < wf->revisit.max_reopens && c.reopens < 255) {
    ++c.reopens;
    s.count(metric::kReopens, {{"workflow", s.workflow_label()}, {"stage", s.stage_label()}});
    dispatch(s, c.lead_unit, "reopened");
    c.status = Status::reopened;
    return true;
  }
  // Only the final rating counts (a reopened case is rated again): once per case, at the close.
  rate_case(s, e.solved, e.satisfaction);
  finish(s, Status::closed, bad ? Outcome::rated_bad_after_max_reopens : Outcome::rated);
  return true;
}

bool Engine::on_withdrawn(Step& s, const CaseEvent& e) {
  finish(s, Status::withdrawn, Outcome::withdrawn);
  (void)e;
  return true;
}

bool Engine::on_assigned(Step& s, const CaseEvent& e) {
  CaseState& c = s.c;
  if (c.status != Status::received && c.status != Status::dispatched)
    return s.reject("not_allowed_in_state", state_message(c, "a dispatcher assignment"));
  if (e.unit.empty()) return s.reject("bad_data", "an assignment needs data.unit");
  definition::WorkflowPtr wf;
  if (!e.workflow.empty() && (c.workflow.none() || e.workflow != s.wf()->name)) {
    if (!c.workflow.none())
      return s.reject("workflow_pinned", "case " + c.id + " already runs " + s.p->id);
    wf = router_->latest(e.workflow);
    if (!wf || wf->stages.empty()) return s.reject("unknown_workflow", "no workflow " + e.workflow);
  } else if (c.workflow.none()) {
    return s.reject("bad_data", "an unrouted case needs data.workflow");
  }
  const definition::Workflow& def = wf ? *wf : *s.wf();
  size_t stage_index = wf ? 0 : c.stage;
  if (!e.stage.empty()) {
    auto it = std::find_if(def.stages.begin(), def.stages.end(),
                           [&](const auto& st) { return st.name == e.stage; });
    if (it == def.stages.end()) return s.reject("unknown_stage", "no stage " + e.stage);
    stage_index = static_cast<size_t>(it - def.stages.begin());
  }
  if (stage_index > 254) return s.reject("unknown_stage", "stage index out of range");

  // A unit that holds the case (dispatched, not returned: a return leaves it with no unit) and
  // loses it to another unit did not ask for that: it is told (caseflow.case.reassigned).
  const Symbol held_by = c.status == Status::dispatched && s.p ? c.lead_unit : Symbol{};
  const uint8_t held_stage = c.stage;
  // Taken away from its holder before any contact: the holding is decided, not on time. The same
  // unit at the same stage keeps its holding (fresh clocks, the response still owed).
  if (!held_by.empty() && (wf || stage_index != c.stage || e.unit != text(held_by)))
    decide_response(s, false);
  if (wf) {
    c.workflow = pin(wf);
    s.p = pinned(c);
    s.offset_.reset();
    s.count(metric::kCasesOpened, {{"workflow", s.workflow_label()}});
    enter_stage(s, static_cast<uint8_t>(stage_index));
  } else if (stage_index != c.stage) {
    leave_stage(s);
    enter_stage(s, static_cast<uint8_t>(stage_index));
  }
  const Symbol unit = strings_.intern(e.unit);
  // The dispatcher gives the case back to the unit that returned it: its clocks go on where
  // they stopped. Any other unit starts with fresh clocks.
  Symbol returner;
  for (auto h = c.history.rbegin(); h != c.history.rend(); ++h) {
    if (h->what == Happening::returned) {
      returner = h->unit;
      break;
    }
  }
  const bool back_to_returner =
      c.status == Status::received && returner == unit &&
      std::any_of(c.clocks.begin(), c.clocks.end(), [](const Clock& k) { return k.paused(); });
  if (c.returns_at(c.stage) >= (s.stage_def() ? s.stage_def()->returns.max_returns : 0) &&
      c.returns_at(c.stage) > 0)
    c.flags |= CaseState::kForcedOwner;
  s.history(Happening::assigned, unit);
  if (back_to_returner) {
    c.lead_unit = unit;
    drop_queue_clock(c);
    resume_lead_clocks(s);
    c.status = Status::dispatched;
    s.history(Happening::dispatched, unit);
    begin_holding(s);
    s.updated(Happening::dispatched, true, Step::kAssignedNote);
    return true;
  }
  dispatch(s, unit, "assigned");
  if (!held_by.empty() && held_by != unit) tell_reassigned(s, held_by, held_stage, "assigned");
  return true;
}

}  // namespace caseflow::core
