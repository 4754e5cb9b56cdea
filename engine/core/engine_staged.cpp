// Staged completion (阶段性办结, docs/engine.md "Staged completion"): a lead that cannot finish
// before a date (a road must be rebuilt) files a plan; once it is approved the case is `staged`
// and the lead's resolve clocks are paused until the plan's date, when the case comes back in
// progress with those clocks resumed, keeping the working time they had left.
#include <algorithm>

#include "engine/core/engine.h"
#include "engine/core/engine_step.h"
#include "engine/core/stop_point.h"

namespace caseflow::core {

bool Engine::on_plan_filed(Step& s, const events::CaseEvent& e) {
  CaseState& c = s.c;
  if (!is_working(c.status))
    return s.reject("not_allowed_in_state", "a plan is not allowed while case " + c.id + " is " +
                                                std::string(to_string(c.status)));
  if (!e.unit.empty() && e.unit != text(c.lead_unit))
    return s.reject("not_assignee", e.unit + " does not hold the case");
  if (c.plan())
    return s.reject("not_allowed_in_state", "case " + c.id + " already has a plan waiting");
  const definition::StageDef* stage = s.stage_def();
  if (!stage) return s.reject("not_allowed_in_state", "case " + c.id + " has no workflow");
  if (!e.until) return s.reject("bad_data", "a plan needs data.until");
  if (*e.until <= s.now) return s.reject("bad_data", "data.until must be in the future");
  if (e.note.empty()) return s.reject("bad_data", "a plan needs data.note: the plan itself");

  StagedPlan plan;
  plan.filed_at = s.now;
  plan.until = *e.until;
  plan.unit = c.lead_unit;
  plan.stage = c.stage;
  c.extra().plan = plan;
  s.history(Happening::plan_filed, c.lead_unit);
  // Every step's record says which unit the plan counts against and to which date it runs.
  s.facts.plan = PlanFact{assessed_unit(c, *stage, plan.unit), "filed", plan.until};
  s.updated(Happening::plan_filed, false, e.note);
  return true;
}

bool Engine::on_plan_decided(Step& s, const events::CaseEvent& e) {
  CaseState& c = s.c;
  StagedPlan* plan = c.plan();
  if (!plan || plan->state != PlanState::filed || !is_working(c.status))
    return s.reject("not_allowed_in_state", "case " + c.id + " has no plan waiting for approval");
  const definition::StageDef* stage = s.stage_def();
  if (!stage) return s.reject("not_allowed_in_state", "case " + c.id + " has no workflow");
  const Symbol assessed = assessed_unit(c, *stage, plan->unit);
  if (!e.approved) {
    const StagedPlan refused = *plan;
    c.drop_plan();
    s.history(Happening::plan_refused, refused.unit);
    s.facts.plan = PlanFact{assessed, "refused", refused.until};
    s.updated(Happening::plan_refused, true, e.note);
    return true;
  }
  // Approving a date already gone would pause the clocks for no time, backwards.
  if (plan->until <= s.now)
    return s.reject("bad_data",
                    "the plan's date has passed: refuse it (approved: false), and the "
                    "lead may file a new one");
  plan->state = PlanState::approved;
  plan->serial = ClockSerial{c.next_clock_serial.value++};
  // Only the clocks that run to the resolution wait for the plan; a contact clock still running
  // keeps running.
  for (Clock& k : c.clocks) {
    if (k.kind != ClockKind::stage || k.owner != Clock::kLead || k.paused()) continue;
    const definition::ClockDef* def = clock_def(c, k);
    if (!def || stop_point(*def) != StopPoint::resolve) continue;
    k.flags |= Clock::kPaused;
    k.paused_at = s.now;
  }
  c.status = Status::staged;
  const StagedPlan approved = *plan;
  s.history(Happening::plan_approved, approved.unit);
  s.facts.plan = PlanFact{assessed, "approved", approved.until};
  s.updated(Happening::plan_approved, true, e.note);
  schedule_plan(s.slot, c);
  return true;
}

void Engine::schedule_plan(CaseSlot slot, const CaseState& c) {
  const StagedPlan* plan = c.plan();
  if (c.status == Status::staged && plan && plan->state == PlanState::approved)
    timers_.add(plan->until, slot, plan->serial, TimerKind::plan);
}

bool Engine::plan_due(const TimerEvent& t, Instant now, Effects& out) {
  CaseState& c = cases_[t.slot.index];
  const StagedPlan* plan = c.plan();
  if (c.id.empty() || c.status != Status::staged || !plan || plan->state != PlanState::approved ||
      (plan->serial.value & TimerEntry::kSerialMask) != t.serial.value || plan->until != t.at)
    return false;
  // Like a deadline, the plan's date takes effect at the date, however late the timer fires.
  Step s(*this, c, t.slot, t.at, out);
  s.metric(metric::kTimerLateness, MetricKind::histogram,
           static_cast<double>((now - t.at).millis()) / 1000.0, {});
  const StagedPlan due = *plan;
  c.drop_plan();
  resume_lead_clocks(s);
  c.status = Status::in_progress;
  s.history(Happening::plan_due, due.unit);
  const definition::StageDef* stage = s.stage_def();
  s.facts.plan = PlanFact{stage ? assessed_unit(c, *stage, due.unit) : due.unit, "due", due.until};
  s.updated(Happening::plan_due, true);
  ChangelogEntry& entry = out.add_changelog();
  entry.case_id.assign(c.id);
  if (options_.changelog_bytes) serialize_case(c.id, entry.state);
  return true;
}

}  // namespace caseflow::core
